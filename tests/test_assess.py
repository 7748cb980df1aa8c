"""The assessment engine against values worked out by hand, one test per defect of issue 13.

Student t closed forms: with 1 degree of freedom F(t) = 1/2 + atan(t)/pi; with 2,
F(t) = 1/2 + t / (2 sqrt(2 + t^2)); t(0.90; 2) = 1.885618. The negative binomial is summed term by
term: pmf(k) = Gamma(k + r) / (k! Gamma(r)) p^r (1 - p)^k.
"""

import math

import numpy as np
import pandas as pd
import pytest

from analytics import assess, load_catalog, projection
from analytics import counts as count_model
from analytics.assess import count_predictive, fitted_models, start_year_sensitivity
from tests.helpers import catalog_of, indicator, observations_of

T2_90 = 1.885618


def t1_cdf(t: float) -> float:
    return 0.5 + math.atan(t) / math.pi


def t2_cdf(t: float) -> float:
    return 0.5 + t / (2 * math.sqrt(2 + t * t))


def nb_pmf(k: int, r: float, p: float) -> float:
    return math.exp(math.lgamma(k + r) - math.lgamma(k + 1) - math.lgamma(r) + r * math.log(p) + k * math.log(1 - p))


def nb_at_least(k: int, r: float, p: float) -> float:
    return 1 - sum(nb_pmf(j, r, p) for j in range(k))


def one(catalog, observations, as_of, **options):
    return assess(catalog, observations, as_of=as_of, **options).iloc[0]


# --- counts: a negative binomial of the yearly additions -------------------------------------------
def test_cumulative_count_is_a_gamma_poisson_of_its_yearly_additions():
    # 10 -> 12 -> 14 -> 17: additions 2, 2, 3, S = 7 over Y = 3 years. Pearson dispersion:
    # lambda_hat 7/3, ((2 - 7/3)^2 * 2 + (3 - 7/3)^2) / (7/3) / 2 = 1/7 < 1 -> phi = 1 (Poisson).
    # Jeffreys posterior Gamma(7.5, 3); h = 2: additions NB(r = 7.5, p = 3/5), mean 2 * 7.5 / 3 = 5.
    cat = catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20))
    row = one(cat, observations_of("c", {2021: 12, 2022: 14, 2023: 17}), 2023)
    assert row["method"] == "negative_binomial"
    assert row["latest_year"] == 2023 and row["latest_value"] == 17
    assert row["gap"] == pytest.approx(3)
    assert row["progress"] == pytest.approx(0.7)  # (17-10)/(20-10)
    assert row["required_annual_change"] == pytest.approx(1.5)  # 3 still to go over 2 years
    assert row["actual_annual_change"] == pytest.approx(7 / 3)
    assert row["trend"] == pytest.approx(2.5)  # (7 + 0.5) / 3
    assert row["projected_value"] == pytest.approx(22)
    # 3 more needed: 1 - pmf(0) - pmf(1) - pmf(2) = 1 - 0.6^7.5 (1 + 3 + 5.1) = 0.8027
    assert row["probability"] == pytest.approx(nb_at_least(3, 7.5, 0.6))
    assert row["probability"] == pytest.approx(0.8027, abs=1e-4)
    assert row["status"] == "on_track" and not row["final"]
    # A whole-number band from the latest total up, holding the mass closest to 80%: the central
    # quantiles 2 and 9 more hold 0.8393; [2, 8] holds 0.7959 and [3, 9] 0.7287, both under 80%, so the
    # smallest band of at least 80% is [2, 9]. Its lighter end is 9 (pmf 0.0434 against 0.1106 at 2);
    # without it [2, 8] holds 0.7959, |0.7959 - 0.8| = 0.004 < 0.039: the band is 17 + [2, 8] = [19, 25].
    assert (row["projected_low"], row["projected_high"]) == (19, 25)
    mass = sum(nb_pmf(k, 7.5, 0.6) for k in range(2, 9))
    assert mass == pytest.approx(0.7959, abs=1e-4)


def test_equal_yearly_additions_still_leave_a_band_and_an_honest_probability():
    # Defect 1, #11: 25 -> 26 -> 27 as of 2022, target 30. It read band [30, 30], P = 1.00.
    # Additions 1, 1 (no spread: phi = 1); posterior Gamma(2.5, 2); h = 3: NB(2.5, 2/5), mean 3.75.
    # 3 more needed: 1 - 0.4^2.5 (1 + 2.5 * 0.6 + 2.5 * 3.5 / 2 * 0.36) = 1 - 0.10119 * 4.075 = 0.5876.
    cat = catalog_of(indicator(id="s", kind="cumulative", baseline_value=25, target_value=30))
    row = one(cat, observations_of("s", {2021: 26, 2022: 27}), 2022)
    assert row["probability"] == pytest.approx(nb_at_least(3, 2.5, 0.4))
    assert row["probability"] == pytest.approx(0.5876, abs=1e-4)
    assert row["status"] == "at_risk"
    assert row["projected_value"] == pytest.approx(27 + 3.75)
    assert row["projected_low"] >= 27 and row["projected_high"] > row["projected_low"]
    assert row["projected_low"] == int(row["projected_low"]) and row["projected_high"] == int(row["projected_high"])


def test_count_predictive_is_the_negative_binomial_the_band_and_probability_come_from():
    # #11 as above: NB(r = 2.5, p = 2/5) for the 3 years left. A level and a count with no year left get NaN.
    cat = catalog_of(
        indicator(id="s", kind="cumulative", baseline_value=25, target_value=30),
        indicator(id="l", seq=2),
        indicator(id="done", seq=3, kind="cumulative", baseline_value=25, target_value=30),
    )
    observations = pd.concat(
        [
            observations_of("s", {2021: 26, 2022: 27}),
            observations_of("l", {2021: 0.5, 2022: 0.7}),
            observations_of("done", {2021: 26, 2022: 27}),
        ]
    )
    predictive = count_predictive(cat, observations, as_of=2022).set_index("id")
    assert predictive.loc["s", "r"] == pytest.approx(2.5) and predictive.loc["s", "p"] == pytest.approx(0.4)
    assert predictive.loc["s", "latest_value"] == 27
    assert predictive.loc["l", ["r", "p"]].isna().all()
    finished = count_predictive(cat.assign(target_year=2022), observations, as_of=2022).set_index("id")
    assert finished.loc["done", ["r", "p"]].isna().all()
    # Its CDF: P(0 more) = 0.4^2.5 = 0.10119, P(<= 1) = 0.10119 (1 + 2.5 * 0.6) = 0.25298; below 0 nothing.
    cdf = count_model.cdf_added(np.array([-1, 0, 1]), 2.5, 0.4)
    np.testing.assert_allclose(cdf, [0.0, 0.4**2.5, 0.4**2.5 * 2.5], rtol=1e-9)


def test_cumulative_count_never_falls_in_projection():
    # A recorded drop (10 -> 9 -> 8) adds nothing: S = 0, the Jeffreys prior leaves a small chance.
    # Posterior Gamma(0.5, 2); h = 3: NB(0.5, 2/5); 12 more needed: a tiny chance, band from 8 up.
    cat = catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20))
    row = one(cat, observations_of("c", {2021: 9, 2022: 8}), 2022)
    assert row["projected_value"] == pytest.approx(8 + 3 * 0.5 / 2)
    assert row["projected_low"] == 8 and row["projected_high"] >= 9
    assert row["probability"] == pytest.approx(nb_at_least(12, 0.5, 0.4))
    assert row["status"] == "off_track"


def test_over_dispersed_additions_widen_the_band():
    # Additions 0, 6, 0: lambda_hat 2, Pearson (4 + 16 + 4) / 2 / 2 = 6 -> phi = 6 (one series: the pool is itself).
    # Posterior mean (S + phi / 2) / Y = (6 + 3) / 3 = 3 a year; h = 2, Y = 3: variance factor
    # phi (1 + h / Y) = 10: r = mean / 9, p = 1/10, mean = 2 * 3 = 6.
    cat = catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=16))
    row = one(cat, observations_of("c", {2021: 10, 2022: 16, 2023: 16}), 2023)
    mean = 6
    assert row["probability"] == pytest.approx(1.0)  # 16 already meets 16: a count cannot fall back
    grow = one(
        catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20)),
        observations_of("c", {2021: 10, 2022: 16, 2023: 16}),
        2023,
    )
    assert grow["probability"] == pytest.approx(nb_at_least(4, mean / 9, 0.1))
    poisson = one(
        catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20)),
        observations_of("c", {2021: 12, 2022: 14, 2023: 16}),
        2023,
    )
    assert grow["projected_high"] - grow["projected_low"] > poisson["projected_high"] - poisson["projected_low"]


def test_new_in_period_sums_additions_since_the_period_began():
    # Printed baseline 23 is the previous period's total and is not a starting level.
    # Additions 5, 6, 4 -> 15 so far; phi = 1 (Pearson 2/5/2 < 1); Gamma(15.5, 3); 2 years left:
    # NB(15.5, 3/5), mean 2 * 15.5 / 3 = 10.33; 9 more needed.
    cat = catalog_of(indicator(id="n", kind="new_in_period", baseline_value=23, target_value=24))
    obs = observations_of("n", {2020: 23, 2021: 5, 2022: 6, 2023: 4})
    row = one(cat, obs, 2023)
    assert row["method"] == "period_sum"
    assert row["latest_value"] == 15
    assert row["progress"] == pytest.approx(15 / 24)
    assert row["gap"] == pytest.approx(9)
    assert row["required_annual_change"] == pytest.approx(4.5)
    assert row["actual_annual_change"] == pytest.approx(5)
    assert row["projected_value"] == pytest.approx(15 + 31 / 3)
    assert row["probability"] == pytest.approx(nb_at_least(9, 15.5, 0.6))


def test_a_missing_year_of_a_new_in_period_count_is_unknown_not_zero():
    # Defect 3, #19: additions 2021: 5, 2023: 4, 2024: 5, 2022 not reported, as of 2024, target 24.
    # It read P = 0.008. Now 14 so far over 3 reported years; 2022 and 2025 unknown: h = 2.
    # Gamma(14.5, 3) -> NB(14.5, 3/5), mean 2 * 14.5 / 3 = 9.67; 10 more needed.
    cat = catalog_of(indicator(id="n", kind="new_in_period", baseline_value=23, target_value=24))
    gap_year = one(cat, observations_of("n", {2021: 5, 2023: 4, 2024: 5}), 2024)
    assert gap_year["latest_value"] == 14
    assert gap_year["projected_value"] == pytest.approx(14 + 29 / 3)
    assert gap_year["probability"] == pytest.approx(nb_at_least(10, 14.5, 0.6))  # 0.478
    assert gap_year["status"] == "at_risk" and not gap_year["final"]
    # With 2022 = 6: 20 so far, Gamma(20.5, 4), one year left: NB(20.5, 4/5); 4 more needed.
    full = one(cat, observations_of("n", {2021: 5, 2022: 6, 2023: 4, 2024: 5}), 2024)
    assert full["probability"] == pytest.approx(nb_at_least(4, 20.5, 0.8))  # 0.720
    # Even with the 2025 figure in, a missing 2022 keeps the sum a forecast, not a verdict.
    late = one(cat, observations_of("n", {2021: 5, 2023: 4, 2024: 5, 2025: 5}), 2025)
    assert not late["final"] and late["latest_value"] == 19 and late["method"] == "period_sum"


def test_new_in_period_achieved_once_the_sum_reaches_the_target():
    cat = catalog_of(indicator(id="n", kind="new_in_period", baseline_value=23, target_value=24))
    row = one(cat, observations_of("n", {2021: 10, 2022: 9, 2023: 6}), 2023)
    assert row["latest_value"] == 25
    assert row["status"] == "achieved" and row["final"]  # a count cannot fall back
    assert row["probability"] == 1


# --- milestones ----------------------------------------------------------------------------------
def test_a_milestone_is_built_or_not():
    # Defect 5, #15: one platform, 0 -> 1. It was projected at 2.5 with a band up to 8.5.
    # Not built after 2 observed years (k = 2), h = 3: P = 1 - (2.5/3)(3.5/4)(4.5/5) = 1 - 0.65625.
    cat = catalog_of(indicator(id="b", kind="milestone", baseline_value=0, target_value=1))
    waiting = one(cat, observations_of("b", {2021: 0, 2022: 0}), 2022)
    assert waiting["method"] == "milestone"
    assert waiting["probability"] == pytest.approx(0.34375)
    assert waiting["projected_value"] == 0 and waiting["projected_low"] == 0 and waiting["projected_high"] == 1
    assert waiting["status"] == "at_risk"
    built = one(cat, observations_of("b", {2021: 0, 2022: 1}), 2022)
    assert built["status"] == "achieved" and built["final"] and built["probability"] == 1
    assert built["projected_value"] == 1 and built["projected_high"] == 1
    # The real #15 is a milestone: built in 2022.
    real = assess(load_catalog(), pd.read_csv("data/observations.csv"), as_of=2024).set_index("id").loc["p14-15"]
    assert real["kind"] == "milestone" and real["status"] == "achieved" and real["projected_value"] == 1


# --- levels: a robust trend, a censored band -------------------------------------------------------
def test_a_level_that_meets_its_target_but_trends_past_it_is_met_at_risk():
    # Defect 2, PM2.5 (<= 28) at 27 -> 27.5 -> 28 as of 2022: it read "achieved", projected 29.5, P = 0.
    # Theil-Sen slope 0.5 (every pair); changes 0.5, 0.5 have no spread, so sigma^2 is the rounding
    # floor of one decimal, 2 * 0.1^2 / 12 = 1/600; h = 3: var = 3/600 + 9/1200 = 1/80.
    cat = catalog_of(indicator(id="pm", comparison="<=", baseline_value=27, target_value=28))
    row = one(cat, observations_of("pm", {2021: 27.5, 2022: 28}), 2022)
    assert row["projected_value"] == pytest.approx(29.5)
    assert row["probability"] == pytest.approx(t1_cdf((28 - 29.5) / math.sqrt(1 / 80)))  # 0.0237
    assert row["status"] == "met_at_risk" and not row["must_hold"]


def test_a_maintain_target_met_today_is_a_forecast_too():
    # Defect 2 for maintain targets: hold 98 (0-100), 98 -> 99 -> 98.6 -> 98.2 as of 2023.
    # Pairwise slopes 1, 0.3, 0.0667, -0.4, -0.4, -0.4: Theil-Sen -1/6. Changes 1, -0.4, -0.4,
    # residuals 7/6, -7/30, -7/30: SSR 1.47, sigma^2 0.735, se^2 0.245. Falling towards 0, 98.2 is far
    # from that bound: full pace, centre 98.2 - 2/6 = 97.8667; var 2 * 0.735 + 4 * 0.245 = 2.45.
    cat = catalog_of(indicator(id="m", unit="%", baseline_value=98, target_value=98, max_value=100))
    row = one(cat, observations_of("m", {2021: 99, 2022: 98.6, 2023: 98.2}), 2023)
    assert row["projected_value"] == pytest.approx(98.2 - 2 / 6)
    assert row["trend"] == pytest.approx(-1 / 6)
    assert row["probability"] == pytest.approx(1 - t2_cdf((98 - (98.2 - 2 / 6)) / math.sqrt(2.45)))  # 0.4699
    assert row["status"] == "met_at_risk"
    # Held firmly above: 98 -> 99 -> 99.2 -> 99.4 has P well above 0.85: "achieved", must hold.
    firm = one(cat, observations_of("m", {2021: 99, 2022: 99.2, 2023: 99.4}), 2023)
    assert firm["probability"] >= 0.85 and firm["status"] == "achieved" and firm["must_hold"]


def test_a_bounded_index_far_from_its_ceiling_keeps_its_pace():
    # An index (0-100) at 60 heading for 70 in 2025 at a steady 2 a year: 60, 62, 64, 66 as of 2023.
    # Its pace ratio is (66 - 60) / 3 / ((70 - 60) / 5) = 2 / 2 = 100%. Theil-Sen 2, no spread: sigma^2 is
    # the rounding floor of whole numbers, 2 / 12; se^2 = (1/6) / 3; h = 2: var 2/6 + 4/18 = 5/9.
    # 66 has 34 points of room to 100, more than the 30-point zone where a share slows: full pace to 70,
    # P = 0.5 exactly, at risk. The old damping (0.8 a year everywhere) read 66 + 2 x 1.44 = 68.88 and
    # P = P(T2 > 1.12 / 0.745) = 0.136, off track.
    cat = catalog_of(indicator(id="i", baseline_value=60, target_value=70, max_value=100))
    row = one(cat, observations_of("i", {2021: 62, 2022: 64, 2023: 66}), 2023)
    assert row["pace_ratio"] == pytest.approx(1.0) and row["trend"] == pytest.approx(2.0)
    assert row["projected_value"] == pytest.approx(70.0)
    assert row["probability"] == pytest.approx(0.5) and row["status"] == "at_risk"
    sd = math.sqrt(5 / 9)
    t2_90 = 1.885618  # t(0.9; 2): 0.5 + t / (2 sqrt(2 + t^2)) = 0.9
    assert (row["projected_low"], row["projected_high"]) == pytest.approx((70 - t2_90 * sd, 70 + t2_90 * sd))
    # Near the ceiling it still slows: 90, 93, 96 as of 2022, trend 3 measured around the median 93, 7 from
    # 100: within 7 of the bound the pace shrinks with the room. 96 has 4 left: 100 - 4 exp(-3 x 3 / 7)
    # = 98.8942 in 2025, not 105 (nor the bound itself).
    high = catalog_of(indicator(id="h", baseline_value=90, target_value=99, max_value=100))
    near = one(high, observations_of("h", {2021: 93, 2022: 96}), 2022)
    assert near["projected_value"] == pytest.approx(100 - 4 * math.exp(-9 / 7))


def test_noise_near_100_gives_a_narrow_band_that_keeps_100():
    # Defect 4: 98 -> 98.8 -> 100 -> 99.4 as of 2023 read [18.6, 100]. Pairwise slopes -0.6, 0.3,
    # 0.4667, 0.8, 1, 1.2: Theil-Sen 0.63333. Residual changes 1/6, 17/30, -37/30: SSR 1.87,
    # sigma^2 0.935; h = 2, var 2 * 0.935 + 4 * 0.935 / 3 = 3.11667, sd 1.76541. The trend was measured
    # around the median 99.1 (0.9 from 100): the share slows within 0.9 of the bound. 99.4 is 0.6 from it:
    # centre 100 - 0.6 exp(-2 x 0.63333 / 0.9) = 99.85313. The central band's top (centre + 1.8856 sd)
    # passes 100, so its upper 10% sits at 100 inside the band: the 80% band is one-sided, from the t2's
    # 20% quantile: t2 cdf 0.5 + t / (2 sqrt(2 + t^2)) = 0.8 gives t^2 = 0.72 / 0.64, t = 1.06066;
    # [99.85313 - 1.06066 * 1.76541, 100] = [97.9806, 100] (the clipped central band would hold 90%).
    cat = catalog_of(indicator(id="p", unit="%", baseline_value=98, target_value=99.5, max_value=100))
    row = one(cat, observations_of("p", {2021: 98.8, 2022: 100, 2023: 99.4}), 2023)
    sd = math.sqrt(0.935 * 2 + 0.935 * 4 / 3)
    centre = 100 - 0.6 * math.exp(-2 * 0.6333333 / 0.9)
    assert row["method"] == "robust_drift_bounded"
    assert row["projected_value"] == pytest.approx(centre) and row["projected_high"] == 100
    assert row["projected_low"] == pytest.approx(centre - math.sqrt(0.72 / 0.64) * sd, abs=1e-5)
    assert row["projected_low"] == pytest.approx(97.9806, abs=1e-4)
    assert row["probability"] == pytest.approx(1 - t2_cdf((99.5 - centre) / sd))  # 0.570
    # A series sitting at 100 keeps 100 inside a band of some width.
    at_100 = one(cat, observations_of("p", {2021: 100, 2022: 100, 2023: 100}), 2023)
    assert at_100["projected_high"] == 100 and at_100["projected_low"] < 100


def test_an_odd_first_change_is_left_out_of_the_spread_from_four_changes_on():
    # 80 (odd base year), 88, 88.6, 89, 89.8 as of 2024, h = 1. Pairwise slopes 8, 4.3, 3, 2.45, 0.6, 0.5,
    # 0.6, 0.4, 0.6, 0.8: median (0.6 + 0.8) / 2 = 0.7. Residual changes 7.3, -0.1, -0.3, 0.1. The first's
    # square 53.29 > 20 x the others' mean square (0.01 + 0.09 + 0.01) / 2 = 0.055: left out, sigma^2 =
    # 0.055 on 2 dof; se^2 = 0.055 / 4 (the trend still uses every year); var = 0.055 + 0.01375 = 0.06875.
    # Centre 89.8 + 0.7 = 90.5, band 90.5 -+ 1.885618 * 0.262202 = [90.0056, 90.9944]. With the first
    # change in, sigma^2 was 53.4 / 3 = 17.8 and the band 90.5 -+ 1.637744 * 4.717 = -+7.73.
    cat = catalog_of(indicator(id="d", baseline_value=80, target_value=90.6))
    row = one(cat, observations_of("d", {2021: 88, 2022: 88.6, 2023: 89, 2024: 89.8}), 2024)
    sd = math.sqrt(0.055 + 0.055 / 4)
    assert row["projected_value"] == pytest.approx(90.5)
    assert row["projected_low"] == pytest.approx(90.5 - T2_90 * sd, abs=1e-6)
    assert row["projected_high"] == pytest.approx(90.9944, abs=1e-4)
    assert row["probability"] == pytest.approx(1 - t2_cdf(0.1 / sd))  # P(>= 90.6) = 0.370
    # 86.8, 88, 88.6, 89, 89.8: Theil-Sen (0.6 + 0.7333) / 2 = 0.6667, residuals 0.5333, -0.0667, -0.2667,
    # 0.1333; 0.2844 < 20 x (0.0044 + 0.0711 + 0.0178) / 2 = 0.933: not odd, sigma^2 = 0.3778 / 3 = 0.1259.
    points = pd.DataFrame({"key": "e", "year": range(2020, 2025), "value": [86.8, 88, 88.6, 89, 89.8]})
    fit = projection.fit_levels(points).loc["e"]
    assert fit["n_changes"] == 4 and fit["sigma"] == pytest.approx(math.sqrt(0.37778 / 3), abs=1e-4)


def test_a_base_year_odd_for_most_series_is_left_out_from_three_changes_on():
    # Five indexes with the same odd 2020: 80 + k, 88 + k, 88.4 + k, 89 + k (k = 0..4), as of 2023, h = 2.
    # Changes 8, 0.4, 0.6. The later two: b = 0.5 (the Theil-Sen slope of 2021-2023), ss = 0.1^2 + 0.1^2 =
    # 0.02 on 1 dof. The first's ratio (8 - 0.5)^2 / (1 + 1/2) / 0.02 = 1875 > 20, and so is the median
    # series' (all five): each is fitted on 2021-2023: centre 89 + k + 2 x 0.5, sigma^2 0.02, se^2 0.02 / 2,
    # var = 2 x 0.02 + 4 x 0.01 = 0.08, a t on 1 dof: band -+ 3.077684 x 0.282843 = -+0.870500.
    # (Theil-Sen of all four points, (0.6 + 3) / 2 = 1.8 with sigma^2 = (6.2^2 + 1.4^2 + 1.2^2) / 2 = 20.9,
    # read a band of -+1.885618 x sqrt(2 x 20.92 + 4 x 20.92 / 3) = -+15.75.)
    ids = [f"i{k}" for k in range(5)]
    cat = catalog_of(
        *(indicator(id=i, seq=k + 1, baseline_value=80 + k, target_value=90 + k) for k, i in enumerate(ids))
    )
    obs = pd.concat(
        [observations_of(i, {2021: 88 + k, 2022: 88.4 + k, 2023: 89 + k}) for k, i in enumerate(ids)],
        ignore_index=True,
    )
    rows = assess(cat, obs, as_of=2023).set_index("id")
    t1_90 = 3.077684  # tan(0.4 pi): the t on 1 dof's 90% quantile
    for k, i in enumerate(ids):
        assert rows.loc[i, "projected_value"] == pytest.approx(90 + k)
        assert rows.loc[i, "projected_high"] - rows.loc[i, "projected_value"] == pytest.approx(
            t1_90 * math.sqrt(0.08), abs=1e-5
        )
        assert rows.loc[i, "trend"] == pytest.approx(0.5)
    # Four such series are too few to tell a plan's odd base year (the median of four F(1, 1) ratios
    # exceeds 20 too often): the Theil-Sen fit of all four points stays, trend 1.8.
    few = assess(cat[cat["id"] != "i4"], obs[obs["indicator_id"] != "i4"], as_of=2023).set_index("id")
    assert few.loc["i0", "trend"] == pytest.approx(1.8)
    # Five series of which only one has an odd first change: the median series' ratio is not above 20, so
    # the odd one keeps its Theil-Sen fit too. The four others rise 1, 0.4, 0.6 from 86 + k (k = 1..4): ratio
    # (1 - 0.5)^2 / 1.5 / 0.02 = 8.33.
    plain = pd.concat(
        [obs[obs["indicator_id"] == "i0"]]
        + [observations_of(i, {2021: 87 + k, 2022: 87.4 + k, 2023: 88 + k}) for k, i in enumerate(ids) if k],
        ignore_index=True,
    )
    mixed = cat.assign(baseline_value=[80.0, 87.0, 88.0, 89.0, 90.0])
    assert assess(mixed, plain, as_of=2023).set_index("id").loc["i0", "trend"] == pytest.approx(1.8)


def test_the_trend_resists_one_odd_base_year_and_the_start_year_can_be_compared():
    # Defect 6: 80 (a depressed base year) -> 88 -> 88.5 -> 89 -> 89.5. The endpoint slope is
    # 9.5 / 4 = 2.375 a year; the 10 pairwise slopes are 8, 4.25, 3, 2.375 and six of 0.5: median 0.5.
    cat = catalog_of(indicator(id="d", baseline_value=80, target_value=92))
    obs = observations_of("d", {2021: 88, 2022: 88.5, 2023: 89, 2024: 89.5})
    row = one(cat, obs, 2024)
    assert row["trend"] == pytest.approx(0.5)
    assert row["projected_value"] == pytest.approx(90)
    assert row["actual_annual_change"] == pytest.approx(2.375)  # the endpoint figure stays, as a second opinion
    sensitivity = start_year_sensitivity(cat, obs, as_of=2024).iloc[0]
    assert sensitivity["later_start"] == 2021
    assert sensitivity["trend_from_baseline"] == pytest.approx(0.5)
    assert sensitivity["trend_from_later"] == pytest.approx(0.5)  # 2021-2024: every slope 0.5
    # From 2021 there is no spread left, so the probability differs, and both are reported.
    assert sensitivity["probability_from_baseline"] != pytest.approx(sensitivity["probability_from_later"])


def test_noisy_stationary_levels_score_better_than_a_constant_forecast_at_three_points():
    # Defect 6: PM2.5-like series (weather noise around a slowly falling trend), 3 points each.
    rng = np.random.default_rng(3)
    n = 400
    level, trend, sigma = rng.uniform(24, 40, n), rng.normal(-0.6, 0.5, n), rng.uniform(0.8, 2.5, n)
    years = np.arange(6)
    values = np.round(level[:, None] + trend[:, None] * years + sigma[:, None] * rng.standard_normal((n, 6)), 1)
    target = np.round(values[:, 0] + rng.normal(-2, 2, n), 1)
    ids = [f"s{i}" for i in range(n)]
    cat = catalog_of(
        *[
            indicator(id=i, comparison="<=", baseline_value=v, target_value=t)
            for i, v, t in zip(ids, values[:, 0], target, strict=False)
        ]
    )
    obs = pd.DataFrame(
        {"indicator_id": np.repeat(ids, 2), "year": np.tile([2021, 2022], n), "value": values[:, 1:3].ravel()}
    )
    p = assess(cat, obs, as_of=2022)["probability"].to_numpy(float)
    met = (values[:, 5] <= target).astype(float)
    brier, base = np.mean((p - met) ** 2), np.mean((met.mean() - met) ** 2)
    assert brier < base


def test_constant_series_gives_a_clean_answer():
    # 50, 50, 50, 50 reported in whole numbers: sigma^2 is the rounding floor 2/12 = 1/6 (no zero-width band).
    # h = 2, var = 2/6 + 4/18 = 5/9; centre 50 misses 60 by 10 sd-lengths of 0.745.
    cat = catalog_of(indicator(id="k", baseline_value=50, target_value=60))
    row = one(cat, observations_of("k", {2021: 50, 2022: 50, 2023: 50}), 2023)
    assert row["projected_value"] == 50
    assert row["projected_low"] == pytest.approx(50 - T2_90 * math.sqrt(5 / 9), abs=1e-5)
    assert row["projected_high"] == pytest.approx(50 + T2_90 * math.sqrt(5 / 9), abs=1e-5)
    assert row["probability"] == pytest.approx(1 - t2_cdf(10 / math.sqrt(5 / 9)))
    assert row["status"] == "off_track"
    assert not row[["gap", "progress", "required_annual_change", "actual_annual_change"]].isna().any()


def test_at_most_target_is_met_from_below():
    # PM2.5: baseline 27, target <= 28. 27 -> 29 -> 30 -> 31: pairwise slopes 2, 1.5, 1.333, 1, 1, 1 ->
    # Theil-Sen 7/6; residual changes 5/6, -1/6, -1/6: SSR 3/4, sigma^2 3/8, se^2 1/8; h = 2:
    # centre 31 + 7/3, var 2 * 3/8 + 4/8 = 5/4.
    cat = catalog_of(indicator(id="pm", comparison="<=", baseline_value=27, target_value=28, min_value=float("nan")))
    row = one(cat, observations_of("pm", {2021: 29, 2022: 30, 2023: 31}), 2023)
    mean, sd = 31 + 7 / 3, math.sqrt(5 / 4)
    assert row["method"] == "robust_drift"
    assert row["gap"] == pytest.approx(3)  # 31 is 3 above the ceiling
    assert row["required_annual_change"] == pytest.approx(-1.5)  # must fall 1.5 a year
    assert row["projected_value"] == pytest.approx(mean)
    assert row["probability"] == pytest.approx(t2_cdf((28 - mean) / sd))  # P(Y <= 28) = 0.0206
    assert row["status"] == "off_track"
    below = one(cat, observations_of("pm", {2021: 26, 2022: 25}), 2022)
    assert below["status"] == "achieved" and below["gap"] == 0 and below["must_hold"]


# --- maintain-type targets at the bound: how often the level held ------------------------------------
@pytest.mark.parametrize(
    "values, probability, status",
    [
        ({2021: 100, 2022: 100, 2023: 100, 2024: 99.5, 2025: 100}, 1.0, "achieved"),  # the 2025 figure decides
        # The 2020 baseline (100: why the target is "hold") is not counted: held 3 of 4 years, (3 + 1) / (4 + 2).
        ({2021: 100, 2022: 99.6, 2023: 100, 2024: 100}, 4 / 6, "met_at_risk"),  # met today
        ({2021: 100, 2022: 100, 2023: 100, 2024: 99.8}, 4 / 6, "at_risk"),  # missed today
        ({2021: 100, 2022: 100, 2023: 100, 2024: 100}, 5 / 6, "met_at_risk"),  # 4 of 4: 5/6 = 0.833 < 0.85
    ],
)
def test_maintain_target_at_the_bound_uses_how_often_the_level_held(values, probability, status):
    cat = catalog_of(indicator(id="m", unit="%", baseline_value=100, target_value=100, max_value=100))
    row = one(cat, observations_of("m", values), max(values))
    assert row["status"] == status
    assert row["probability"] == pytest.approx(probability)


def test_status_boundaries_at_075_and_025_and_085_for_holding():
    # Maintain-type at 100%, P = (k + 1) / (n + 2) over the n years after the baseline year (k held).
    cat = catalog_of(indicator(id="m", baseline_year=2015, baseline_value=100, target_value=100, max_value=100))
    five = observations_of("m", {2016: 100, 2017: 100, 2018: 100, 2019: 100, 2020: 100})
    at_085 = one(cat, five, 2020)
    assert at_085["probability"] == pytest.approx(6 / 7) and at_085["status"] == "achieved"  # 6/7 >= 0.85
    four = one(cat, five, 2019)
    assert four["probability"] == pytest.approx(5 / 6) and four["status"] == "met_at_risk"  # 5/6 < 0.85
    cat_2021 = catalog_of(
        indicator(id="m", baseline_year=2014, baseline_value=100, target_value=100, target_year=2021, max_value=100)
    )
    missed = observations_of("m", {2015: 100, 2016: 100, 2017: 100, 2018: 100, 2019: 100, 2020: 99})
    row = one(cat_2021, missed, 2020)
    assert row["probability"] == pytest.approx(6 / 8) and row["status"] == "on_track"  # 5 of 6: 0.75 exactly
    low = observations_of("m", {2015: 100, 2016: 99, 2017: 99, 2018: 99, 2019: 99, 2020: 99})
    assert one(cat_2021, low, 2020)["probability"] == pytest.approx(2 / 8)  # 1 of 6
    assert one(cat_2021, low, 2020)["status"] == "at_risk"  # 0.25 exactly
    # A stored baseline-year figure (99) replaces the catalog's but is still the baseline year: not counted.
    lower = observations_of("m", {2014: 99, 2015: 99, 2016: 99, 2017: 99, 2018: 99, 2019: 99, 2020: 99})
    assert one(cat_2021, lower, 2020)["probability"] == pytest.approx(1 / 8)  # 0 of 6
    assert one(cat_2021, lower, 2020)["status"] == "off_track"


def test_one_point_is_insufficient_and_two_points_are_only_indicative():
    cat = catalog_of(indicator(id="x", baseline_value=10, target_value=20))
    only_baseline = one(cat, observations_of("x", {}), 2024)
    assert only_baseline["status"] == "insufficient_data" and only_baseline["method"] == "none"
    assert np.isnan(only_baseline["projected_value"]) and np.isnan(only_baseline["probability"])
    two = one(cat, observations_of("x", {2021: 12}), 2021)
    assert two["method"] == "indicative_two_points" and two["status"] == "insufficient_data"
    assert two["projected_value"] == pytest.approx(12 + 2 * 4)  # +2 a year for 4 more years
    assert np.isnan(two["projected_low"]) and np.isnan(two["probability"])


# --- the target year decides ------------------------------------------------------------------------
def test_target_year_observed_and_missed_is_not_achieved():
    cat = catalog_of(indicator(id="x", baseline_value=10, target_value=20))
    row = one(cat, observations_of("x", {2021: 12, 2022: 14, 2023: 16, 2024: 18, 2025: 19}), 2025)
    assert row["status"] == "not_achieved" and row["method"] == "observed" and row["final"]
    assert row["projected_value"] == 19 and row["probability"] == 0


def test_a_finished_target_is_judged_on_its_target_year_not_a_later_one():
    # Defect 7: #3 (>= 96) with 2025 = 95.5 and 2026 = 96.5, as of 2026: it read "achieved".
    cat = catalog_of(indicator(id="q", unit="%", baseline_value=94.4, target_value=96, max_value=100))
    obs = observations_of("q", {2021: 95, 2022: 95.2, 2023: 95.4, 2024: 95.6, 2025: 95.5, 2026: 96.5})
    row = one(cat, obs, 2026)
    assert row["latest_year"] == 2025 and row["latest_value"] == 95.5
    assert row["status"] == "not_achieved" and row["final"]


def test_the_target_year_without_its_figure_is_a_forecast_not_a_verdict():
    # As of 2025 with data to 2024 only: 95.6 is not the 2025 verdict. Theil-Sen 0.2 (94.4 -> 95 is 0.6,
    # every other pair about 0.2); h = 1 year left.
    cat = catalog_of(indicator(id="q", unit="%", baseline_value=94.4, target_value=96, max_value=100))
    row = one(cat, observations_of("q", {2021: 95, 2022: 95.2, 2023: 95.4, 2024: 95.6}), 2025)
    assert not row["final"] and row["latest_year"] == 2024
    assert row["method"] == "robust_drift_bounded" and row["status"] in ("at_risk", "off_track", "on_track")
    assert 0 < row["probability"] < 1


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


# --- second opinions ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "latest, ratio, category",
    [
        (14, 1.0, "on_pace"),  # (14 - 10) / 2 years = 2 a year against (20 - 10) / 5 = 2 required
        (13, 0.75, "moderate"),  # 1.5 / 2
        (11, 0.25, "insufficient"),  # 0.5 / 2
        (9, -0.25, "moving_away"),  # -0.5 / 2
        (21, 2.75, "met"),  # 5.5 / 2, and the target is met
    ],
)
def test_pace_ratio_and_its_eurostat_category(latest, ratio, category):
    cat = catalog_of(indicator(id="x", baseline_value=10, target_value=20))
    row = one(cat, observations_of("x", {2021: (10 + latest) / 2, 2022: latest}), 2022)
    assert row["pace_ratio"] == pytest.approx(ratio)
    assert row["pace_category"] == category


def test_progress_is_capped_and_flagged_where_baseline_and_target_are_close():
    # Defect 8, #25: baseline 94.8, target 95, latest 91 -> progress (91 - 94.8) / 0.2 = -19 (-1900%).
    cat = catalog_of(indicator(id="g", unit="%", baseline_value=94.8, target_value=95, max_value=100))
    row = one(cat, observations_of("g", {2021: 93.2, 2022: 90.1, 2023: 89.6, 2024: 91.0}), 2024)
    assert row["progress"] == pytest.approx(-19)
    assert row["progress_capped"] == -1
    assert not row["progress_reliable"]  # 0.2 points to go is far within a year's change (sigma about 2)
    wide = one(
        catalog_of(indicator(id="x", baseline_value=10, target_value=20)),
        observations_of("x", {2021: 12, 2022: 14, 2023: 17}),
        2023,
    )
    assert wide["progress_reliable"] and wide["progress_capped"] == pytest.approx(0.7)


# --- the real plan -----------------------------------------------------------------------------------
def test_real_catalog_statuses_are_explainable():
    catalog = load_catalog()
    observations = pd.read_csv("data/observations.csv")
    table = assess(catalog, observations, as_of=2024)
    p13 = table[table["plan"] == "p13"].set_index("id")
    assert (p13.drop("p13-14")["status"] == "achieved").all()  # every 13th-plan row as printed: 完成
    assert p13.drop("p13-14")["final"].all()
    assert p13.loc["p13-14", "status"] == "qualitative"
    p14 = table[table["plan"] == "p14"].set_index("id")
    assert len(p14) == 26
    # #19 new in period: 5+6+4+5 = 20 awards in 2021-2024 against 24.
    assert p14.loc["p14-19", "latest_value"] == 20 and p14.loc["p14-19", "progress"] == pytest.approx(20 / 24)
    # #3: 95.9 in 2024 against >=96: 0.1 to go in one year.
    assert p14.loc["p14-03", "gap"] == pytest.approx(0.1)
    assert p14.loc["p14-03", "required_annual_change"] == pytest.approx(0.1)
    # Every projection respects its kind; no band has zero width.
    counts = p14[p14["kind"].isin(["cumulative", "new_in_period"])]
    assert (counts["projected_low"] >= counts["latest_value"] - 1e-9).all()
    assert (counts["projected_low"] % 1 == 0).all() and (counts["projected_high"] % 1 == 0).all()
    shares = p14[p14["unit"] == "%"]
    assert (shares[["projected_low", "projected_high"]].dropna() <= 100).all().all()
    banded = p14.dropna(subset=["projected_low"])
    open_rows = banded[~banded["final"]]
    assert (open_rows["projected_high"] > open_rows["projected_low"]).all()
    assert p14["probability"].dropna().between(0, 1).all()
    # #11 (25 -> 28 by 2024 against 30) is no longer "on track, P 1.00" in 2022 nor "P 0.06" in 2024.
    in_2022 = assess(catalog, observations, as_of=2022).set_index("id").loc["p14-11"]
    assert 0.3 < in_2022["probability"] < 0.9 and 0.1 < p14.loc["p14-11", "probability"] < 0.5


def test_assess_works_with_only_the_documented_required_columns():
    # Issue 3 lists 13 catalog columns; min_value/max_value/unit_en are optional. Without bounds the
    # level is unbounded: 10 -> 12 -> 14 -> 17, pairwise slopes 2, 2, 2.333, 2, 2.5, 3 -> Theil-Sen 2.1667,
    # h = 2 -> 17 + 4.3333 = 21.3333 against 20.
    catalog = pd.DataFrame(
        [
            {
                "id": "x",
                "plan": "t",
                "seq": 1,
                "name_zh": "测试",
                "name_en": "test",
                "domain": "product",
                "unit": "",
                "kind": "level",
                "comparison": ">=",
                "baseline_year": 2020,
                "baseline_value": 10,
                "target_year": 2025,
                "target_value": 20,
            }
        ]
    )
    row = assess(catalog, observations_of("x", {2021: 12, 2022: 14, 2023: 17}), as_of=2023).iloc[0]
    assert row["method"] == "robust_drift" and row["projected_value"] == pytest.approx(17 + 2 * 13 / 6)


def test_maintain_target_with_one_or_two_points_gets_no_probability():
    # Hold 98 with only the baseline, or two points: no spread can be seen, so no probability.
    cat = catalog_of(indicator(id="m", unit="%", baseline_value=98, target_value=98, max_value=100))
    baseline_only = one(cat, observations_of("m", {}), 2020)
    assert baseline_only["method"] == "none" and np.isnan(baseline_only["probability"])
    assert baseline_only["status"] == "achieved"  # 98 meets 98, nothing says it will not hold: met, must hold
    two = one(cat, observations_of("m", {2021: 97.5}), 2021)
    assert two["method"] == "indicative_two_points" and np.isnan(two["probability"])
    assert two["status"] == "insufficient_data"


def test_a_call_whose_level_series_jump_after_their_last_point_widens_every_level_band():
    # A steady series 10, 11, 12, 13 assessed alone: its back-test (10, 11, 12 -> 13) is inside its band and
    # one series cannot be tested (fewer than five): spread factor 1. Assessed with twelve series whose last
    # point jumped 10 (30, 31, 32, 42), the call's back-tests miss far more often than the model allows, so
    # its own band widens (the centre, 13 + 1 * 2 = 15 in 2025, is the same) and its probability of
    # reaching 14, below that centre, falls. Alone, one series is too few to test either way: factor 1.
    steady = indicator(id="s", baseline_value=10, target_value=14)
    jumpers = [indicator(id=f"j{i}", baseline_value=30, target_value=40) for i in range(12)]
    steady_points = observations_of("s", {2021: 11, 2022: 12, 2023: 13})
    jump_points = pd.concat([observations_of(f"j{i}", {2021: 31, 2022: 32, 2023: 42}) for i in range(12)])
    alone = one(catalog_of(steady), steady_points, 2023)
    together = assess(catalog_of(steady, *jumpers), pd.concat([steady_points, jump_points]), as_of=2023)
    together = together.set_index("id").loc["s"]
    assert together["projected_value"] == pytest.approx(alone["projected_value"]) == pytest.approx(15)
    assert together["projected_high"] - together["projected_low"] > alone["projected_high"] - alone["projected_low"]
    assert together["probability"] < alone["probability"]
    _, frame = fitted_models(catalog_of(steady), steady_points, as_of=2023)
    assert frame["spread_factor"].tolist() == [1.0]
