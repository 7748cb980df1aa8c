"""The assessment engine against values worked out by hand.

Student t with 2 degrees of freedom has a closed form, F(t) = 1/2 + t / (2 sqrt(2 + t^2)),
and t(0.90; 2) = 1.885618, so the series below use three yearly changes.
"""
import math

import numpy as np
import pandas as pd
import pytest

from analytics import assess, load_catalog
from tests.helpers import catalog_of, indicator, observations_of


def t2_cdf(t: float) -> float:
    return 0.5 + t / (2 * math.sqrt(2 + t * t))


T2_90 = 1.885618


def one(catalog, observations, as_of):
    return assess(catalog, observations, as_of=as_of).iloc[0]


def test_cumulative_projects_yearly_increments():
    # 10 -> 12 -> 14 -> 17: increments 2, 2, 3; drift 7/3; SSR = 1/9+1/9+4/9 = 2/3;
    # sigma^2 = (2/3)/2 = 1/3; se^2 = sigma^2/3 = 1/9; h = 2025-2023 = 2;
    # var = h*sigma^2 + h^2*se^2 = 2/3 + 4/9 = 10/9.
    cat = catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20))
    row = one(cat, observations_of("c", {2021: 12, 2022: 14, 2023: 17}), 2023)
    sd = math.sqrt(10 / 9)
    assert row["method"] == "increments"
    assert row["latest_year"] == 2023 and row["latest_value"] == 17
    assert row["gap"] == pytest.approx(3)
    assert row["progress"] == pytest.approx(0.7)  # (17-10)/(20-10)
    assert row["required_annual_change"] == pytest.approx(1.5)  # 3 still to go over 2 years
    assert row["actual_annual_change"] == pytest.approx(7 / 3)
    assert row["projected_value"] == pytest.approx(17 + 2 * 7 / 3)
    assert row["projected_low"] == pytest.approx(17 + 14 / 3 - T2_90 * sd, abs=1e-5)
    assert row["projected_high"] == pytest.approx(17 + 14 / 3 + T2_90 * sd, abs=1e-5)
    assert row["probability"] == pytest.approx(t2_cdf((17 + 14 / 3 - 20) / sd))  # 0.8727
    assert row["status"] == "on_track"
    assert row["n_observations"] == 4


def test_cumulative_count_never_falls_in_projection():
    # A recorded drop (10 -> 9 -> 8) would give a negative drift; counts cannot fall.
    cat = catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20))
    row = one(cat, observations_of("c", {2021: 9, 2022: 8}), 2022)
    assert row["projected_value"] == pytest.approx(8)
    assert row["projected_low"] >= 8
    assert row["probability"] == pytest.approx(0)
    assert row["status"] == "off_track"


def test_new_in_period_sums_additions_since_the_period_began():
    # Printed baseline 23 is the previous period's total and is not a starting level.
    # Additions 5, 6, 4 -> 15 so far; mean 5; residuals 0, 1, -1 -> sigma^2 = 2/2 = 1;
    # se^2 = 1/3; h = 2 -> projected 15 + 10 = 25; var = 2 + 4/3 = 10/3.
    cat = catalog_of(indicator(id="n", kind="new_in_period", baseline_value=23, target_value=24))
    obs = observations_of("n", {2020: 23, 2021: 5, 2022: 6, 2023: 4})
    row = one(cat, obs, 2023)
    sd = math.sqrt(10 / 3)
    assert row["method"] == "period_sum"
    assert row["latest_value"] == 15
    assert row["progress"] == pytest.approx(15 / 24)
    assert row["gap"] == pytest.approx(9)
    assert row["required_annual_change"] == pytest.approx(4.5)
    assert row["actual_annual_change"] == pytest.approx(5)
    assert row["projected_value"] == pytest.approx(25)
    assert row["probability"] == pytest.approx(t2_cdf((25 - 24) / sd))  # 0.6806
    assert row["status"] == "at_risk"


def test_new_in_period_achieved_once_the_sum_reaches_the_target():
    cat = catalog_of(indicator(id="n", kind="new_in_period", baseline_value=23, target_value=24))
    row = one(cat, observations_of("n", {2021: 10, 2022: 9, 2023: 6}), 2023)
    assert row["latest_value"] == 25
    assert row["status"] == "achieved"
    assert row["probability"] == 1


def test_at_most_target_is_met_from_below():
    # PM2.5: baseline 27, target <= 28. 27 -> 29 -> 30 -> 31: changes 2, 1, 1; drift 4/3;
    # sigma^2 = (4/9+1/9+1/9)/2 = 1/3; se^2 = 1/9; h = 2 -> mean 31 + 8/3; var 10/9.
    cat = catalog_of(indicator(id="pm", comparison="<=", baseline_value=27, target_value=28))
    row = one(cat, observations_of("pm", {2021: 29, 2022: 30, 2023: 31}), 2023)
    mean, sd = 31 + 8 / 3, math.sqrt(10 / 9)
    assert row["gap"] == pytest.approx(3)  # 31 is 3 above the ceiling
    assert row["required_annual_change"] == pytest.approx(-1.5)  # must fall 1.5 a year
    assert row["projected_value"] == pytest.approx(mean)
    assert row["probability"] == pytest.approx(t2_cdf((28 - mean) / sd))  # P(Y <= 28) = 0.0165
    assert row["status"] == "off_track"
    below = one(cat, observations_of("pm", {2021: 26, 2022: 25}), 2022)
    assert below["status"] == "achieved" and below["gap"] == 0 and below["must_hold"]


def test_percentage_projects_on_logit_scale_and_stays_within_0_100():
    # 90 -> 95 -> 97.5 on the logit scale: 2.197225, 2.944439, 3.663562.
    cat = catalog_of(indicator(id="p", unit="%", baseline_value=90, target_value=99, max_value=100))
    row = one(cat, observations_of("p", {2021: 95, 2022: 97.5}), 2022)
    z = [math.log(v / (100 - v)) for v in (90, 95, 97.5)]
    changes = [z[1] - z[0], z[2] - z[1]]
    drift = sum(changes) / 2
    sigma2 = sum((c - drift) ** 2 for c in changes) / 1
    var = sigma2 * 3 + 9 * sigma2 / 2
    mean_z = z[2] + 3 * drift
    assert row["method"] == "drift_logit"
    assert row["projected_value"] == pytest.approx(100 / (1 + math.exp(-mean_z)))
    assert row["projected_high"] < 100
    # df = 1 is the Cauchy distribution: F(x) = 1/2 + atan(x)/pi.
    score = (math.log(99 / 1) - mean_z) / math.sqrt(var)
    assert row["probability"] == pytest.approx(0.5 - math.atan(score) / math.pi)


def test_constant_series_gives_a_clean_answer():
    cat = catalog_of(indicator(id="k", baseline_value=50, target_value=60))
    row = one(cat, observations_of("k", {2021: 50, 2022: 50, 2023: 50}), 2023)
    assert row["projected_value"] == 50 and row["projected_low"] == 50 and row["projected_high"] == 50
    assert row["probability"] == 0
    assert row["status"] == "off_track"
    assert not row[["gap", "progress", "required_annual_change", "actual_annual_change"]].isna().any()


@pytest.mark.parametrize(
    "values, probability, status",
    [
        # maintain-type: P = (years held + 1) / (years observed + 2); latest misses.
        ({2021: 98, 2022: 98, 2023: 98, 2024: 98.5, 2025: 97}, None, "not_achieved"),
        ({2021: 98.1, 2022: 98, 2023: 98.2, 2024: 97.9}, 5 / 7, "at_risk"),  # held 4 of 5
    ],
)
def test_maintain_target_probability_is_how_often_the_level_held(values, probability, status):
    cat = catalog_of(indicator(id="m", unit="%", baseline_value=98, target_value=98, max_value=100))
    row = one(cat, observations_of("m", values), max(values))
    assert row["status"] == status
    if probability is not None:
        assert row["method"] == "maintain_frequency"
        assert row["probability"] == pytest.approx(probability)


def test_status_boundaries_at_075_and_025():
    # Maintain-type, P = (k+1)/(n+2) with n = 6 points (2015 baseline + 5 years), latest missing.
    cat = catalog_of(indicator(id="m", baseline_year=2015, baseline_value=98, target_value=98, max_value=100))
    at_075 = one(cat, observations_of("m", {2016: 98, 2017: 98, 2018: 98, 2019: 98, 2020: 97}), 2020)
    assert at_075["probability"] == pytest.approx(6 / 8) and at_075["status"] == "on_track"
    at_025 = one(cat, observations_of("m", {2016: 97, 2017: 97, 2018: 97, 2019: 97, 2020: 97}), 2020)
    assert at_025["probability"] == pytest.approx(2 / 8) and at_025["status"] == "at_risk"
    all_missed = observations_of("m", {2015: 97, 2016: 97, 2017: 97, 2018: 97, 2019: 97, 2020: 97})
    below = one(cat, all_missed, 2020)
    assert below["probability"] == pytest.approx(1 / 8) and below["status"] == "off_track"


def test_one_point_is_insufficient_and_two_points_are_only_indicative():
    cat = catalog_of(indicator(id="x", baseline_value=10, target_value=20))
    only_baseline = one(cat, observations_of("x", {}), 2024)
    assert only_baseline["status"] == "insufficient_data" and only_baseline["method"] == "none"
    assert np.isnan(only_baseline["projected_value"]) and np.isnan(only_baseline["probability"])
    two = one(cat, observations_of("x", {2021: 12}), 2021)
    assert two["method"] == "indicative_two_points" and two["status"] == "insufficient_data"
    assert two["projected_value"] == pytest.approx(12 + 2 * 4)  # +2 a year for 4 more years
    assert np.isnan(two["projected_low"]) and np.isnan(two["probability"])


def test_target_year_observed_and_missed_is_not_achieved():
    cat = catalog_of(indicator(id="x", baseline_value=10, target_value=20))
    row = one(cat, observations_of("x", {2021: 12, 2022: 14, 2023: 16, 2024: 18, 2025: 19}), 2025)
    assert row["status"] == "not_achieved" and row["method"] == "observed"
    assert row["projected_value"] == 19 and row["probability"] == 0


def test_as_of_ignores_later_observations():
    cat = catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20))
    full = observations_of("c", {2021: 12, 2022: 14, 2023: 17, 2024: 30})
    cut = assess(cat, full, as_of=2023)
    assert cut.iloc[0]["latest_value"] == 17
    pd.testing.assert_frame_equal(cut, assess(cat, full[full["year"] <= 2023], as_of=2023))


def test_stored_baseline_year_observation_overrides_the_catalog():
    cat = catalog_of(indicator(id="x", baseline_value=10, target_value=20))
    row = one(cat, observations_of("x", {2020: 11, 2021: 12}), 2021)
    assert row["n_observations"] == 2 and row["actual_annual_change"] == pytest.approx(1)


def test_real_catalog_statuses_are_explainable():
    catalog = load_catalog()
    observations = pd.read_csv("data/observations.csv")
    table = assess(catalog, observations, as_of=2024)
    p13 = table[table["plan"] == "p13"].set_index("id")
    assert (p13.drop("p13-14")["status"] == "achieved").all()  # every 13th-plan row as printed: 完成
    assert p13.loc["p13-14", "status"] == "qualitative"
    p14 = table[table["plan"] == "p14"].set_index("id")
    assert len(p14) == 26
    # #19 new in period: 5+6+4+5 = 20 awards in 2021-2024 against 24.
    assert p14.loc["p14-19", "latest_value"] == 20 and p14.loc["p14-19", "progress"] == pytest.approx(20 / 24)
    # #3: 95.9 in 2024 against >=96: 0.1 to go in one year.
    assert p14.loc["p14-03", "gap"] == pytest.approx(0.1)
    assert p14.loc["p14-03", "required_annual_change"] == pytest.approx(0.1)
    # Every projection respects its kind.
    counts = p14[p14["kind"] == "cumulative"]
    assert (counts["projected_low"] >= counts["latest_value"] - 1e-9).all()
    shares = p14[p14["unit"] == "%"]
    assert (shares[["projected_low", "projected_high"]].dropna() <= 100).all().all()
    assert p14["probability"].dropna().between(0, 1).all()


def test_assess_works_with_only_the_documented_required_columns():
    # Issue 3 lists 13 catalog columns; min_value/max_value/unit_en are optional. Without bounds the
    # level is unbounded: 10 -> 12 -> 14 -> 17, drift 7/3, h = 2 -> 17 + 14/3 = 21.6667 against 20.
    catalog = pd.DataFrame([{
        "id": "x", "plan": "t", "seq": 1, "name_zh": "测试", "name_en": "test", "domain": "product",
        "unit": "", "kind": "level", "comparison": ">=", "baseline_year": 2020, "baseline_value": 10,
        "target_year": 2025, "target_value": 20,
    }])
    row = assess(catalog, observations_of("x", {2021: 12, 2022: 14, 2023: 17}), as_of=2023).iloc[0]
    assert row["method"] == "drift" and row["projected_value"] == pytest.approx(17 + 14 / 3)
    assert row["probability"] == pytest.approx(t2_cdf((17 + 14 / 3 - 20) / math.sqrt(10 / 9)))  # 0.8727


def test_maintain_target_with_one_or_two_points_gets_no_probability():
    # Hold 98: with only the 2020 baseline the rule of succession would say (1 + 1) / (1 + 2) = 0.67,
    # and with two points (2 + 1) / (2 + 2) = 0.75 -- precision two points cannot give. As for every
    # other kind: fewer than three points give no probability (method none / indicative).
    cat = catalog_of(indicator(id="m", unit="%", baseline_value=98, target_value=98, max_value=100))
    baseline_only = one(cat, observations_of("m", {}), 2020)
    assert baseline_only["method"] == "none" and np.isnan(baseline_only["probability"])
    assert baseline_only["status"] == "achieved"  # 98 meets 98: met, must hold
    two = one(cat, observations_of("m", {2021: 97.5}), 2021)
    assert two["method"] == "indicative_two_points" and np.isnan(two["probability"])
    assert two["status"] == "insufficient_data"
    three = one(cat, observations_of("m", {2021: 97.5, 2022: 97.8}), 2022)
    assert three["method"] == "maintain_frequency" and three["probability"] == pytest.approx(2 / 5)  # held 1 of 3
