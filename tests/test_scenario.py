"""What-if scenarios against projections worked out by hand, and the rules that must always hold.

Student t closed forms: 2 degrees of freedom F(t) = 1/2 + t / (2 sqrt(2 + t^2)), t(0.90; 2) = 1.885618;
3 degrees of freedom F(t) = 1/2 + (t / (sqrt(3) (1 + t^2 / 3)) + atan(t / sqrt(3))) / pi. The negative
binomial is summed term by term, pmf(k) = Gamma(k + r) / (k! Gamma(r)) p^r (1 - p)^k.
"""

import math

import numpy as np
import pandas as pd
import pytest

from analytics import assess, load_catalog
from analytics.assess import ON_TRACK_PROBABILITY, meets
from analytics.catalog import REQUIRED_COLUMNS, plan_catalog
from analytics.errors import PlanError
from analytics.export import csv_bytes
from analytics.labels import text
from analytics.scenario import (
    InvalidAssumption,
    Scenario,
    UnknownDomain,
    annual_change,
    assumptions,
    compare,
    export_table,
    from_json,
    from_query,
    to_json,
    to_query,
    trends,
    what_it_takes,
)
from tests.helpers import catalog_of, indicator, observations_of

T2_90 = 1.885618
T2_80_ONE_SIDED = math.sqrt(0.72 / 0.64)  # t2 cdf 0.5 + t / (2 sqrt(2 + t^2)) = 0.8


def t2_cdf(t: float) -> float:
    return 0.5 + t / (2 * math.sqrt(2 + t * t))


def t3_cdf(t: float) -> float:
    return 0.5 + (t / (math.sqrt(3) * (1 + t * t / 3)) + math.atan(t / math.sqrt(3))) / math.pi


def nb_at_least(k: int, r: float, p: float) -> float:
    pmf = [
        math.exp(math.lgamma(j + r) - math.lgamma(j + 1) - math.lgamma(r) + r * math.log(p) + j * math.log(1 - p))
        for j in range(k)
    ]
    return 1 - sum(pmf)


def run(cat, obs, scenario, as_of):
    """The scenario's assessment of a one-indicator catalog, as one row."""
    change = annual_change(scenario, cat, obs, as_of=as_of)
    return assess(cat, obs, as_of=as_of, annual_change=change).iloc[0]


# --- hand-computed projections, one per kind -----------------------------------------------------
CUMULATIVE = catalog_of(indicator(id="c", kind="cumulative", baseline_value=10, target_value=20))
CUMULATIVE_OBS = observations_of("c", {2021: 12, 2022: 14, 2023: 17})


def test_cumulative_pace_adds_a_share_of_the_plans_yearly_step():
    # 10 -> 12 -> 14 -> 17: additions 2, 2, 3 (phi = 1), trend (7 + 0.5) / 3 = 2.5 a year. The plan's
    # step is (20 - 10) / 5 = 2 a year. Pace 150%: 2.5 + 0.5 * 2 = 3.5 a year -> 17 + 2 * 3.5 = 24.
    # The fitted spread is kept: variance factor 1 + h / Y = 5/3, so r = 7 / (2/3) = 10.5, p = 3/5.
    row = run(CUMULATIVE, CUMULATIVE_OBS, Scenario.of(1.5), 2023)
    assert row["annual_change_assumed"] == pytest.approx(3.5)
    assert row["projected_value"] == pytest.approx(24)
    assert row["probability"] == pytest.approx(nb_at_least(3, 10.5, 0.6))  # 3 more needed: 0.9785
    assert row["status"] == "on_track" and row["method"] == "negative_binomial"
    assert row["projected_low"] >= 17 and row["projected_low"] == int(row["projected_low"])


def test_cumulative_count_never_falls_below_its_latest_value():
    # A negative assumption means no additions: 17 stays 17, P of 3 more is 0; the band still allows one.
    falling = run(CUMULATIVE, CUMULATIVE_OBS, Scenario.of(assume={"c": -4}), 2023)
    assert falling["annual_change_assumed"] == 0
    assert falling["projected_value"] == 17 and falling["projected_low"] == 17 and falling["projected_high"] == 18
    assert falling["probability"] == 0 and falling["status"] == "off_track"
    # Pace 0 takes a full step off the trend: 2.5 - 2 = 0.5 a year, never below 0.
    assert run(CUMULATIVE, CUMULATIVE_OBS, Scenario.of(0), 2023)["annual_change_assumed"] == pytest.approx(0.5)


def test_new_in_period_assumption_replaces_the_mean_addition():
    # Additions 5, 6, 4 -> 15 so far over Y = 3 years, phi = 1; h = 2. Assume 3 a year: mean 6,
    # r = 6 / (2/3) = 9, p = 3/5 -> 15 + 6 = 21 against 24: 9 more needed, P 0.199.
    cat = catalog_of(indicator(id="n", kind="new_in_period", baseline_value=23, target_value=24))
    obs = observations_of("n", {2021: 5, 2022: 6, 2023: 4})
    row = run(cat, obs, Scenario.of(assume={"n": 3}), 2023)
    assert row["projected_value"] == pytest.approx(21)
    assert row["projected_low"] >= 15
    assert row["probability"] == pytest.approx(nb_at_least(9, 9, 0.6))
    assert row["status"] == "off_track"


def test_percentage_assumption_moves_the_level_and_stays_within_0_100():
    # 50 -> 60 -> 70 -> 75: pairwise slopes 10, 10, 8.333, 10, 7.5, 5 -> Theil-Sen 9.1667; residual
    # changes 0.8333, 0.8333, -4.1667: SSR 18.75, sigma^2 9.375, se^2 3.125; h = 2, var 31.25.
    cat = catalog_of(indicator(id="p", unit="%", baseline_value=50, target_value=80, max_value=100))
    obs = observations_of("p", {2021: 60, 2022: 70, 2023: 75})
    sd = math.sqrt(31.25)
    row = run(cat, obs, Scenario.of(assume={"p": 1}), 2023)  # +1 point a year: 77
    assert row["method"] == "robust_drift_bounded"
    assert row["projected_value"] == pytest.approx(77)
    assert row["projected_high"] == pytest.approx(77 + T2_90 * sd)
    assert row["probability"] == pytest.approx(t2_cdf((77 - 80) / sd))  # 0.3186
    # +20 points a year would pass 100: the centre stops at 100 and the band stays within 0-100.
    wild = run(cat, obs, Scenario.of(assume={"p": 20}), 2023)
    assert wild["projected_value"] == 100 and wild["projected_high"] == 100
    assert wild["probability"] == pytest.approx(t2_cdf((100 - 80) / sd))
    # The recent trend of a share slows near 100: measured around the median 65 (35 from 100), it slows
    # within 30 of 100; 75 has 25 left: 100 - 25 exp(-2 x 9.1667 / 30) = 86.4313, (86.4313 - 75) / 2 = 5.7157 a year.
    expected_trend = (100 - 25 * math.exp(-2 * 9.1666667 / 30) - 75) / 2
    assert trends(cat, obs, as_of=2023).loc["p", "trend"] == pytest.approx(expected_trend)


def test_at_most_target_reads_lower_is_better():
    # PM2.5, target <= 25 from 30: the plan's step is 1 a year. 30 -> 29 -> 27 -> 26: pairwise slopes
    # -1, -1.5, -1.333, -2, -1.5, -1 -> Theil-Sen -1.41667; residual changes 0.41667, -0.58333, 0.41667:
    # SSR 0.6875, sigma^2 0.34375, se^2 0.114583; h = 2, var 0.6875 + 0.458333 = 1.145833.
    # Pace 150% falls half a step faster: -1.41667 - 0.5 = -1.91667 a year -> 22.1667.
    cat = catalog_of(indicator(id="pm", comparison="<=", baseline_value=30, target_value=25))
    improving = observations_of("pm", {2021: 29, 2022: 27, 2023: 26})
    sd = math.sqrt(1.145833)
    base = run(cat, improving, Scenario(), 2023)
    faster = run(cat, improving, Scenario.of(1.5), 2023)
    assert base["projected_value"] == pytest.approx(26 - 2 * 1.416667)
    assert faster["annual_change_assumed"] == pytest.approx(-1.916667)
    assert faster["projected_value"] == pytest.approx(22.166667)
    assert faster["probability"] == pytest.approx(t2_cdf((25 - 22.166667) / sd), abs=1e-6)  # 0.9563
    assert base["probability"] < faster["probability"]
    # Worsening 27 -> 29 -> 30 -> 31 against <= 28 (step 0.2): Theil-Sen 7/6. 150% slows it by 0.1,
    # 200% by 0.2, 50% speeds it by 0.1.
    worsening = observations_of("pm", {2021: 29, 2022: 30, 2023: 31})
    cat_w = catalog_of(indicator(id="pm", comparison="<=", baseline_value=27, target_value=28))
    for pace, change in ((1.5, 7 / 6 - 0.1), (2, 7 / 6 - 0.2), (0.5, 7 / 6 + 0.1)):
        assert run(cat_w, worsening, Scenario.of(pace), 2023)["projected_value"] == pytest.approx(31 + 2 * change)


def test_maintain_target_ignores_pace_and_its_assumption_moves_the_level_held():
    # Hold 98 (below the bound: the level model applies). 98 -> 98.5 -> 98.2 -> 97.5: pairwise slopes
    # 0.5, 0.1, -0.1667, -0.3, -0.5, -0.7 -> Theil-Sen -0.23333; residual changes 0.7333, -0.0667,
    # -0.4667: SSR 0.76, sigma^2 0.38, se^2 0.12667; h = 2, var 0.76 + 0.50667 = 1.26667.
    cat = catalog_of(indicator(id="m", unit="%", baseline_value=98, target_value=98, max_value=100))
    obs = observations_of("m", {2021: 98.5, 2022: 98.2, 2023: 97.5})
    sd = math.sqrt(1.266667)
    assert annual_change(Scenario.of(2), cat, obs, as_of=2023).empty  # no plan step to add
    base = run(cat, obs, Scenario.of(2), 2023)
    # Falling towards 0, 97.5 is far from that bound: full pace, 97.5 - 0.23333 * 2 = 97.0333.
    assert base["probability"] == pytest.approx(t2_cdf((97.5 - 2 * 0.2333333 - 98) / sd), abs=1e-6)
    # Hold the level 0.5 a year higher: 97.5 + 2 * 0.5 = 98.5 in 2025.
    row = run(cat, obs, Scenario.of(assume={"m": 0.5}), 2023)
    assert row["method"] == "robust_drift_bounded"
    assert row["projected_value"] == pytest.approx(98.5)
    assert row["probability"] == pytest.approx(t2_cdf((98.5 - 98) / sd), abs=1e-6)  # 0.6543
    assert row["status"] == "at_risk"


def test_two_points_give_a_projection_but_no_invented_probability():
    # One yearly change: no spread is fitted, so an assumption moves the projection only.
    cat = catalog_of(indicator(id="x", baseline_value=10, target_value=20))
    row = run(cat, observations_of("x", {2021: 12}), Scenario.of(assume={"x": 3}), 2021)
    assert row["method"] == "indicative_two_points" and row["status"] == "insufficient_data"
    assert row["projected_value"] == pytest.approx(12 + 4 * 3) and np.isnan(row["probability"])
    only_baseline = run(cat, observations_of("x", {}), Scenario.of(assume={"x": 1}), 2022)
    assert only_baseline["projected_value"] == pytest.approx(10 + 5 * 1)  # 2020 -> 2025
    assert only_baseline["status"] == "insufficient_data"


def test_domain_pace_replaces_the_overall_pace_and_an_assumption_wins():
    cat = catalog_of(
        indicator(id="a", kind="cumulative", domain="product", baseline_value=10, target_value=20),
        indicator(id="b", kind="cumulative", domain="service", baseline_value=10, target_value=20, seq=2),
        indicator(id="c", kind="cumulative", domain="service", baseline_value=10, target_value=20, seq=3),
    )
    obs = pd.concat([observations_of(i, {2021: 12, 2022: 14, 2023: 17}) for i in "abc"])
    rows = assumptions(Scenario.of(1.5, {"service": 0.5}, {"c": 1}), cat, obs, as_of=2023).set_index("id")
    # Trend 2.5, step 2. a: overall 150% -> 2.5 + 1 = 3.5; b: service 50% replaces it -> 2.5 - 1 = 1.5;
    # c: its own 1. The paces never multiply (150% x 50% would be 75%).
    assert rows["factor"].to_dict() == {"a": 1.5, "b": 0.5, "c": pytest.approx(np.nan, nan_ok=True)}
    assert rows["annual_change"].to_dict() == pytest.approx({"a": 3.5, "b": 1.5, "c": 1.0})
    assert rows["source"].to_dict() == {"a": "pace", "b": "pace", "c": "assumed"}
    assert Scenario.of(2, {"product": 2}).factor("product") == 2  # not 400%

    # The page passes the trends it has cached, and they are used: the same, the same figures;
    # trends doubled (5 a year): a 5 + 1 = 6 and b 5 - 1 = 4; c keeps its own 1.
    fitted = trends(cat, obs, as_of=2023)
    scenario = Scenario.of(1.5, {"service": 0.5}, {"c": 1})
    pd.testing.assert_frame_equal(assumptions(scenario, cat, obs, as_of=2023, fitted=fitted).set_index("id"), rows)
    doubled = assumptions(scenario, cat, obs, as_of=2023, fitted=fitted.assign(trend=fitted["trend"] * 2)).set_index(
        "id"
    )
    assert doubled["annual_change"].to_dict() == pytest.approx({"a": 6.0, "b": 4.0, "c": 1.0})
    assert annual_change(
        scenario, cat, obs, as_of=2023, fitted=fitted.assign(trend=fitted["trend"] * 2)
    ).to_dict() == pytest.approx({"a": 6.0, "b": 4.0, "c": 1.0})


def test_baseline_scenario_is_exactly_the_baseline_assessment():
    catalog = plan_catalog(load_catalog(), "p14")
    observations = pd.read_csv("data/observations.csv")
    assert annual_change(Scenario(), catalog, observations, as_of=2024).empty
    base = assess(catalog, observations, as_of=2024)
    # Assuming every fitted trend by hand (pace 100% for all) reproduces the fitted projections.
    fitted = trends(catalog, observations, as_of=2024)
    every = fitted.loc[fitted["trend"].notna() & ~fitted["maintain"], "trend"]
    again = assess(catalog, observations, as_of=2024, annual_change=every)
    np.testing.assert_allclose(again["probability"], base["probability"], atol=1e-9)
    np.testing.assert_allclose(again["projected_value"], base["projected_value"], atol=1e-9)


# --- the property: raising pace never lowers the probability of an "at least" target ------------
def random_plan(seed: int, n: int = 100) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` indicators of every kind with random series, some with missing years."""
    rng = np.random.default_rng(seed)
    rows, observations = [], []
    kinds = ["cumulative", "new_in_period", "percent", "level", "at_most", "maintain"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        years = [y for y in range(2021, 2025) if rng.random() > 0.15]
        ident = f"r{seed}-{i}"
        row = dict(id=ident, seq=i + 1, domain=["product", "service", "engineering", "environment"][i % 4])
        if kind == "cumulative":
            base = float(rng.integers(0, 40))
            values = base + np.cumsum(rng.poisson(rng.uniform(0, 4), len(years)))
            row.update(kind="cumulative", baseline_value=base, target_value=base + rng.integers(1, 25))
        elif kind == "new_in_period":
            values = rng.poisson(rng.uniform(0, 8), len(years)).astype(float)
            row.update(
                kind="new_in_period", baseline_value=float(rng.integers(0, 30)), target_value=float(rng.integers(1, 40))
            )
        elif kind in ("percent", "maintain"):
            start = rng.uniform(20, 99.5)
            z = math.log(start / (100 - start)) + np.cumsum(
                rng.normal(rng.normal(0, 0.4), rng.uniform(0.01, 0.6), len(years))
            )
            values = 100 / (1 + np.exp(-z))
            target = start if kind == "maintain" else rng.uniform(start - 10, 100)
            row.update(
                kind="level",
                unit="%",
                baseline_value=start,
                target_value=round(float(np.clip(target, 0, 100)), 2),
                max_value=100.0,
            )
        elif kind == "level":
            start = rng.uniform(1, 60)
            values = np.maximum(start + np.cumsum(rng.normal(rng.normal(0, 2), rng.uniform(0.05, 3), len(years))), 0)
            row.update(kind="level", baseline_value=start, target_value=start + rng.normal(3, 6))
        else:
            start = rng.uniform(15, 60)
            values = np.maximum(start + np.cumsum(rng.normal(rng.normal(0, 2), rng.uniform(0.05, 3), len(years))), 0)
            row.update(kind="level", comparison="<=", baseline_value=start, target_value=start + rng.normal(-3, 6))
        rows.append(indicator(**row))
        observations.append(pd.DataFrame({"indicator_id": ident, "year": years, "value": np.round(values, 3)}))
    return catalog_of(*rows), pd.concat(observations, ignore_index=True)


PACES = [0.0, 0.25, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0]


@pytest.mark.parametrize("seed", range(6))
def test_raising_pace_never_lowers_the_probability_of_meeting_a_target(seed):
    catalog, observations = random_plan(seed)  # 6 seeds x 100 series, every kind
    as_of = 2024 if seed % 2 else 2023
    # The fitted trends depend on the data and the as-of year only: fitted once, as the /scenarios slider does.
    fitted = trends(catalog, observations, as_of=as_of)
    runs = []
    for pace in PACES:
        scenario = (
            Scenario.of(pace)
            if seed % 3
            else Scenario.of(1.0, {d: pace for d in ("product", "service", "engineering", "environment")})
        )
        runs.append(
            assess(
                catalog,
                observations,
                as_of=as_of,
                annual_change=annual_change(scenario, catalog, observations, as_of=as_of, fitted=fitted),
            )
        )
    probability = np.column_stack([r["probability"].to_numpy(float) for r in runs])
    comparison = runs[0]["comparison"].to_numpy()
    at_least = comparison == ">="
    assert at_least.sum() > 50 and np.isfinite(probability[at_least]).sum() > 200
    steps = np.diff(probability, axis=1)
    assert np.all(np.nan_to_num(steps, nan=0.0) >= -1e-9), "a higher pace lowered a probability"
    # The same holds for "at most" targets, read "lower is better".
    assert (~at_least).sum() > 5
    # Projections respect each kind at every pace.
    for table in runs:
        counts = table[table["kind"].isin(["cumulative", "new_in_period"])]
        assert (
            counts["projected_low"].dropna() >= counts.loc[counts["projected_low"].notna(), "latest_value"] - 1e-9
        ).all()
        # Whole-number count bands, and no band without width before the verdict is in.
        banded = counts.dropna(subset=["projected_low", "projected_high"])
        for end in ("projected_low", "projected_high"):
            assert ((banded[end] - banded["latest_value"]) % 1 == 0).all()
        open_bands = table[~table["final"] & table["projected_low"].notna()]
        assert (open_bands["projected_high"] > open_bands["projected_low"]).all()
        shares = table[table["unit"] == "%"]
        bands = shares[["projected_value", "projected_low", "projected_high"]]
        assert ((bands.dropna() >= 0) & (bands.dropna() <= 100)).all().all()


@pytest.mark.parametrize("seed", range(3))
def test_raising_an_assumed_change_never_lowers_the_probability(seed):
    # Every kind, maintain-type targets included: their assumption moves the level held.
    catalog, observations = random_plan(100 + seed)
    changes = [-5.0, -1.0, -0.2, 0.0, 0.2, 1.0, 5.0]
    probability = np.column_stack(
        [
            assess(catalog, observations, as_of=2024, annual_change=pd.Series(c, index=catalog["id"]))[
                "probability"
            ].to_numpy(float)
            for c in changes
        ]
    )
    at_least = catalog["comparison"].to_numpy() == ">="
    assert np.isfinite(probability[at_least]).sum() > 300
    assert np.all(np.nan_to_num(np.diff(probability[at_least], axis=1), nan=0.0) >= -1e-9)
    assert np.all(np.nan_to_num(np.diff(probability[~at_least], axis=1), nan=0.0) <= 1e-9)  # at most: rising hurts


# --- what it takes -----------------------------------------------------------------------------
def test_what_it_takes_for_a_count_by_hand():
    # 17 now, 20 in 2025: 3 more over 2 years = 1.5 a year. P >= 0.75 needs the least mean m of
    # NB(r = m / (2/3), p = 3/5) with P(3 or more) >= 0.75, as a change a year m / 2, shown (and so
    # rounded up) to 3 figures. Typed in it reaches 0.75; one shown step less does not.
    row = what_it_takes(CUMULATIVE, CUMULATIVE_OBS, as_of=2023).iloc[0]
    assert row["trend"] == pytest.approx(2.5)
    assert row["to_meet"] == 1.5
    need = row["to_likely"]
    assert float(f"{need:.3g}") == need
    assert nb_at_least(3, 2 * need / (2 / 3), 0.6) >= 0.75 > nb_at_least(3, 2 * (need - 0.01) / (2 / 3), 0.6)
    check = run(CUMULATIVE, CUMULATIVE_OBS, Scenario.of(assume={"c": need}), 2023)
    assert check["probability"] == pytest.approx(nb_at_least(3, 3 * need, 0.6)) and check["probability"] >= 0.75
    short = run(CUMULATIVE, CUMULATIVE_OBS, Scenario.of(assume={"c": need - 0.01}), 2023)
    assert short["probability"] < 0.75


def test_what_it_takes_gives_probability_075_for_every_real_indicator():
    catalog = plan_catalog(load_catalog(), "p14")
    observations = pd.read_csv("data/observations.csv")
    needs = what_it_takes(catalog, observations, as_of=2024).set_index("id")
    # #3 pass rate: 95.9 -> 96 in one year needs +0.1; PM2.5 at 26 may rise 2 and still meet <= 28.
    assert needs.loc["p14-03", "to_meet"] == pytest.approx(0.1)
    assert needs.loc["p14-26", "to_meet"] == pytest.approx(2)
    likely = needs["to_likely"].dropna()
    # #15 is a milestone (built or not: nothing to assume); #23 sits at its 100% target and held it
    # 3 of the 4 years after its 2020 baseline: P = (3 + 1) / (4 + 2) = 2/3 < 0.75 whatever is assumed,
    # so no change makes it likely.
    assert len(likely) == 24 and np.isnan(needs.loc["p14-23", "to_likely"]) and np.isnan(needs.loc["p14-15", "to_meet"])
    assert needs.loc["p14-23", "to_meet"] == 0 and needs.loc["p14-24", "to_likely"] == 0  # #24 held 4 of 4: 5/6
    result = assess(catalog, observations, as_of=2024, annual_change=likely).set_index("id").loc[likely.index]
    probability = result.loc[~result["final"], "probability"]
    at_bound = result.loc[probability.index, "target_value"].eq(100) & result.loc[probability.index, "unit"].eq("%")
    smooth = probability[~at_bound]
    # Rounded up to the 3 figures shown, the need reaches 0.75 and only just: one shown step less does not.
    assert (smooth >= 0.75).all() and np.allclose(smooth, 0.75, atol=0.02)
    shown = needs.loc[smooth.index, "to_likely"]
    less = shown - needs.loc[shown.index, "comparison"].map({">=": 1, "<=": -1}) * 10.0 ** (
        np.floor(np.log10(shown.abs())) - 2
    )
    below = assess(catalog, observations, as_of=2024, annual_change=less).set_index("id").loc[less.index, "probability"]
    assert (below < 0.75).all()
    # #5 and #24 sit at their 100% targets: held there, P is how often they held since 2020, 4 of 4 -> 5/6.
    assert sorted(probability[at_bound].index) == ["p14-05", "p14-24"]
    assert probability[at_bound].tolist() == pytest.approx([5 / 6, 5 / 6])
    projected = assess(catalog, observations, as_of=2024, annual_change=needs["to_meet"].dropna())
    moving = projected[~projected["final"] & projected["id"].isin(needs["to_meet"].dropna().index)]
    # An assumption moves the real latest value, so the projection lands on the target itself.
    np.testing.assert_allclose(moving["projected_value"], moving["target_value"], rtol=1e-4)  # 3 figures
    assert meets(moving["projected_value"], moving["target_value"], moving["comparison"]).all()


# --- the comparison ------------------------------------------------------------------------------
def test_comparison_marks_every_status_that_changes():
    catalog = plan_catalog(load_catalog(), "p14")
    observations = pd.read_csv("data/observations.csv")
    base = assess(catalog, observations, as_of=2024)
    scenario = Scenario.of(1.5, {"environment": 0.5}, {"p14-03": 0.05})
    moved = assess(
        catalog, observations, as_of=2024, annual_change=annual_change(scenario, catalog, observations, as_of=2024)
    )
    table = compare(base, moved).set_index("id")
    changed = table[table["status_changed"]]
    # #3 at +0.05 a year falls short of 96 (needs 0.1); at 150% #9, #11, #14, #19 and #22 gain half the
    # plan's yearly step a year (the environment's 50% replaces the overall pace there: no status moves).
    assert changed[["status_baseline", "status_scenario"]].to_dict("index") == {
        "p14-03": {"status_baseline": "on_track", "status_scenario": "at_risk"},
        "p14-09": {"status_baseline": "at_risk", "status_scenario": "on_track"},
        "p14-11": {"status_baseline": "off_track", "status_scenario": "at_risk"},
        "p14-14": {"status_baseline": "at_risk", "status_scenario": "on_track"},
        "p14-19": {"status_baseline": "at_risk", "status_scenario": "on_track"},
        "p14-22": {"status_baseline": "at_risk", "status_scenario": "on_track"},
    }
    assert table.loc["p14-03", "annual_change_assumed"] == 0.05
    assert np.isnan(table.loc["p14-05", "annual_change_assumed"])  # maintain-type: pace leaves it alone
    assert len(table) == 26


# --- query string and JSON -------------------------------------------------------------------------
def test_query_string_round_trip_is_compact():
    scenario = Scenario.of(1.5, {"environment": 0.5, "product": 1.0}, {"p14-03": 0.05, "p14-26": -0.5})
    query = to_query(scenario)
    assert query == {"pace": "150", "pace.environment": "50", "assume": "p14-03:0.05,p14-26:-0.5"}
    assert from_query(query) == scenario
    assert to_query(Scenario()) == {} and from_query({}) == Scenario()
    assert from_json(to_json(scenario)) == scenario


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"pace": "abc"}, Scenario()),
        ({"pace": "250"}, Scenario()),  # above 200%: ignored
        ({"pace": "-10"}, Scenario()),
        ({"pace": "nan"}, Scenario()),
        ({"pace": ["300", "120"]}, Scenario.of(1.2)),  # repeated: the last one
        ({"pace.moon": "120", "pace.service": "1e400"}, Scenario()),
        ({"assume": "p14-03:x,,:1,p14-04:0.1,bad id:3,p14-05:inf,<script>:1"}, Scenario.of(assume={"p14-04": 0.1})),
        ({"assume": "p14-03"}, Scenario()),
        ({"assume": "a:" + "9" * 5000}, Scenario()),
        ({"lang": "en", "id": "p14-03"}, Scenario()),
    ],
)
def test_bad_query_values_are_ignored_never_raised(query, expected):
    assert from_query(query) == expected


@pytest.mark.parametrize("text", ["", "null", "[1, 2]", '{"pace": "x", "assume": {"p14-03": "y", "p14-04": 0.2}}', "{"])
def test_stored_json_is_read_robustly(text):
    scenario = from_json(text)
    assert scenario.pace == 1.0 and dict(scenario.assume) in ({}, {"p14-04": 0.2})


def test_scenario_values_are_checked_when_built():
    with pytest.raises(InvalidAssumption):
        Scenario.of(2.5)
    with pytest.raises(InvalidAssumption):
        Scenario.of(assume={"p14-03": "fast"})
    with pytest.raises(UnknownDomain) as error:
        Scenario.of(domain_pace={"moon": 1.2})
    assert isinstance(error.value, PlanError) and "moon" in str(error.value)
    assert Scenario.of("150%") == Scenario.of(1.5)


def test_nothing_is_asked_of_a_plan_whose_target_year_is_observed():
    catalog = plan_catalog(load_catalog(), "p13")
    observations = pd.read_csv("data/observations.csv")
    needs = what_it_takes(catalog, observations, as_of=2020)
    assert needs[["trend", "to_meet", "to_likely"]].isna().all().all()
    assert annual_change(Scenario.of(2), catalog, observations, as_of=2020).empty


def test_scenario_download_has_the_assumption_per_indicator_and_no_formulas():
    catalog = plan_catalog(load_catalog(), "p14")
    observations = pd.read_csv("data/observations.csv")
    scenario = Scenario.of(1.5, assume={"p14-26": -0.5})
    used = assumptions(scenario, catalog, observations, as_of=2024)
    moved = assess(
        catalog, observations, as_of=2024, annual_change=annual_change(scenario, catalog, observations, as_of=2024)
    )
    table = export_table(moved, used, "en").set_index("id")
    # PM2.5 26 - 0.5 = 25.5 against <= 28: met, but with its year-to-year swings P(<= 28) stays below 0.85.
    assert table.loc["p14-26", ["status", "annual_change_assumed", "assumption"]].tolist() == [
        "Met, but at risk of slipping back",
        -0.5,
        "own assumption",
    ]
    assert table.loc["p14-01", "assumption"] == "pace 150% (recent trend ± the plan's yearly step)"
    assert table.loc["p14-05", "assumption"] == ""  # maintain-type: untouched by pace
    lines = csv_bytes(table.reset_index()).decode("utf-8-sig").splitlines()
    assert lines[0].endswith(",annual_change_assumed,assumption")
    assert any(line.startswith("p14-26,") and ",-0.5,own assumption" in line for line in lines)  # a number, not "'-0.5"


def test_scenarios_work_with_only_the_documented_required_columns():
    # The 13 columns of issue 3 and nothing else: 10 -> 12 -> 14 -> 17, trend 7/3; 150% -> 3.5 a year;
    # to meet 20 from 17 over 2 years: 1.5 a year.
    assert len(REQUIRED_COLUMNS) == 13
    catalog = CUMULATIVE.loc[:, list(REQUIRED_COLUMNS)]
    assert annual_change(Scenario.of(1.5), catalog, CUMULATIVE_OBS, as_of=2023).to_dict() == {"c": pytest.approx(3.5)}
    assert what_it_takes(catalog, CUMULATIVE_OBS, as_of=2023).iloc[0]["to_meet"] == pytest.approx(1.5)


# --- an assumption moves the real latest value (review of issue 6, finding 1) ---------------------
def test_maintain_target_held_at_100_with_no_change_keeps_its_baseline_assessment():
    # 100, 100, 94.4, 100, 100 (like #23) against "hold 100": after the 2020 baseline held 3 of 4 ->
    # P = (3 + 1) / (4 + 2) = 2/3. Assuming 0 a year holds the level at 100: the same projection and
    # probability as the baseline (it used to start from the model's clamped 99.9 and give 99.9 with P 0.50).
    # 2/3 < 0.85: met, at risk.
    cat = catalog_of(indicator(id="w", unit="%", baseline_value=100, target_value=100, max_value=100))
    obs = observations_of("w", {2021: 100, 2022: 94.4, 2023: 100, 2024: 100})
    base = run(cat, obs, Scenario(), 2024)
    held = run(cat, obs, Scenario.of(assume={"w": 0}), 2024)
    raised = run(cat, obs, Scenario.of(assume={"w": 0.5}), 2024)  # cannot pass 100: held there
    for row in (base, held, raised):
        assert row["projected_value"] == 100 and row["probability"] == pytest.approx(2 / 3)
        assert row["method"] == "maintain_frequency" and row["status"] == "met_at_risk"


def test_falling_from_100_is_measured_from_100():
    # 100 every year (like #24), as of 2024, h = 1: -0.5 a year gives 100 - 0.5 = 99.5. Whole numbers:
    # sigma^2 is the rounding floor 1/6, se^2 = 1/24; var = 1/6 + 1/24 = 5/24, t on 3 dof.
    cat = catalog_of(indicator(id="w", unit="%", baseline_value=100, target_value=100, max_value=100))
    obs = observations_of("w", {2021: 100, 2022: 100, 2023: 100, 2024: 100})
    row = run(cat, obs, Scenario.of(assume={"w": -0.5}), 2024)
    sd = math.sqrt(5 / 24)
    assert row["projected_value"] == pytest.approx(99.5)
    assert row["projected_low"] < 99.5 < row["projected_high"] <= 100
    assert row["probability"] == pytest.approx(1 - t3_cdf(0.5 / sd))  # P(level >= 100) = mass at 100: 0.177


def test_an_assumption_on_a_level_at_100_starts_from_100():
    # 90 -> 95 -> 100 -> 100 against >= 95, as of 2023, h = 2. Pairwise slopes 5, 5, 3.333, 5, 2.5, 0:
    # Theil-Sen 4.1667; residual changes 0.8333, 0.8333, -4.1667: SSR 18.75, sigma^2 9.375, se^2 3.125;
    # var = 18.75 + 12.5 = 31.25. Assume -1 a year: 100 - 2 = 98; P = F2((98 - 95) / sd). The central
    # band's top 98 + 1.8856 * 5.5902 = 108.5 passes 100: the band is one-sided from the t2's 20% quantile,
    # 1.06066 (t^2 = 0.72 / 0.64): 98 - 1.06066 * 5.5902 = 92.0707.
    cat = catalog_of(indicator(id="s", unit="%", baseline_value=90, target_value=95, max_value=100))
    obs = observations_of("s", {2021: 95, 2022: 100, 2023: 100})
    row = run(cat, obs, Scenario.of(assume={"s": -1}), 2023)
    sd = math.sqrt(31.25)
    assert row["projected_value"] == pytest.approx(98)
    assert row["projected_low"] == pytest.approx(98 - T2_80_ONE_SIDED * sd) and row["projected_high"] == 100
    assert row["projected_low"] == pytest.approx(92.0707, abs=1e-4)
    assert row["probability"] == pytest.approx(t2_cdf(3 / sd))  # 0.6774


@pytest.mark.parametrize("as_of", [2022, 2023, 2024])
def test_typing_in_the_shown_need_reaches_the_threshold_for_every_indicator(as_of):
    # The "what it takes" table shows %+.3g; before, #12 read +1.49 (exact 1.493736), which typed
    # in gave P 0.7485, and the exact figures gave P = 0.7499999999999997 -> "at risk" (#1, #11, ...).
    catalog = plan_catalog(load_catalog(), "p14")
    observations = pd.read_csv("data/observations.csv")
    needs = what_it_takes(catalog, observations, as_of=as_of).set_index("id")
    typed = needs["to_likely"].dropna().map(lambda v: float(f"{v:+.3g}"))
    assert len(typed) >= 20
    result = assess(catalog, observations, as_of=as_of, annual_change=typed).set_index("id").loc[typed.index]
    assert (result["probability"] >= ON_TRACK_PROBABILITY).all(), result.loc[
        result["probability"] < 0.75, "probability"
    ]
    assert not result["status"].isin(["at_risk", "off_track"]).any()
    to_meet = needs["to_meet"].dropna().map(lambda v: float(f"{v:+.3g}"))
    met = assess(catalog, observations, as_of=as_of, annual_change=to_meet).set_index("id").loc[to_meet.index]
    moving = met[met["method"] != "maintain_frequency"]
    assert meets(moving["projected_value"], moving["target_value"], moving["comparison"]).all()


def test_pace_moves_a_stalled_indicator_as_the_sentence_says():
    # A stalled level 10, 10, 10, 10 against >= 12: trend 0, the plan's step (12 - 10) / 5 = 0.4 a year.
    # The old lever multiplied 0 by any pace; now 200% moves it 0.4 a year, 150% 0.2, 0% -0.4.
    cat = catalog_of(indicator(id="w", baseline_value=10, target_value=12))
    obs = observations_of("w", {2021: 10, 2022: 10, 2023: 10})
    paced = [annual_change(Scenario.of(p), cat, obs, as_of=2023)["w"] for p in (0, 1.5, 2)]
    assert paced == pytest.approx([-0.4, 0.2, 0.4])
    # Real data: #25 good-air days (94.8 -> 95, step 0.04), trend -1.275 a year (far from 0: full pace)
    # -> 0% gives -1.275 - 0.04 = -1.315.
    catalog, observations = plan_catalog(load_catalog(), "p14"), pd.read_csv("data/observations.csv")
    assert annual_change(Scenario.of(0), catalog, observations, as_of=2024)["p14-25"] == pytest.approx(-1.315)
    # ... and the sentence says exactly that, in both languages.
    sentence = text("scenario.pace_sentence_faster", "en", pace="150%", extra="50%")
    assert "the recent trend plus 50% of the plan's yearly step" in sentence
    chinese = text("scenario.pace_sentence_faster", "zh", pace="150%", extra="50%")
    assert "再向目标多走规划年均步幅" in chinese
    assert "never multiply" in text("scenario.pace_domain_rule", "en")
