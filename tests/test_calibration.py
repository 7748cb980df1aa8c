"""The calibration benchmark's simulators and metrics (benchmarks/bench_calibration.py, issue 13).

Most tests check the yardstick. The last ones run the benchmark itself (600 series a cell, seed 13) and
assert issue 13's calibration goals for every cell, so a model change that breaks calibration fails here.
"""

from __future__ import annotations

import importlib.util
import math
import sys

import numpy as np
import pandas as pd
import pytest

from analytics import assess
from analytics.assess import count_predictive
from tests.conftest import REPO

_spec = importlib.util.spec_from_file_location("bench_calibration", REPO / "benchmarks" / "bench_calibration.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_calibration"] = bench  # dataclasses look their module up here
_spec.loader.exec_module(bench)

PROCESS = {process.name: process for process in bench.PROCESSES}
COUNTS = ("counts_low", "counts_mid", "counts_lumpy")
SHARES = ("saturating_share", "share_near_100", "held_at_100", "depressed_base")


@pytest.mark.parametrize("name", COUNTS)
def test_cumulative_counts_never_fall_and_are_whole(name):
    values = bench.simulate(PROCESS[name], 2000, seed=1).values
    assert (np.diff(values, axis=1) >= 0).all()
    assert (values == np.round(values)).all() and (values >= 0).all()


def test_new_in_period_is_judged_on_the_running_sum_of_the_additions():
    process = PROCESS["new_in_period"]
    # Previous period's total 23 (not counted), then additions 5, 6, 4, 5, 7: 5+6+4+5+7 = 27.
    hand_made = np.array([[23.0, 5, 6, 4, 5, 7]])
    assert bench.truth_of(process, hand_made).tolist() == [27.0]
    simulation = bench.simulate(process, 500, seed=2)
    additions = simulation.values[:, 1:]
    assert (additions >= 0).all() and (additions == np.round(additions)).all()
    np.testing.assert_array_equal(simulation.truth, np.cumsum(additions, axis=1)[:, -1])
    # With 3 points (as_of 2022) assess sees only the additions of 2021 and 2022, never the old total.
    seen = bench.observations_for(process, simulation, 3)
    assert sorted(seen["year"].unique()) == [2021, 2022]
    first = seen[seen["indicator_id"] == "new_in_period-00000"]["value"].tolist()
    assert first == additions[0, :2].tolist()


@pytest.mark.parametrize("name", SHARES)
def test_shares_and_their_targets_stay_within_0_100(name):
    simulation = bench.simulate(PROCESS[name], 2000, seed=3)
    assert (simulation.values >= 0).all() and (simulation.values <= 100).all()
    assert (simulation.target >= 0).all() and (simulation.target <= 100).all()


def test_series_held_at_100_start_at_100_and_some_stay_there():
    values = bench.simulate(PROCESS["held_at_100"], 2000, seed=4).values
    assert (values[:, 0] == 100).all()
    assert 0 < (values == 100).all(axis=1).mean() < 1


def test_a_share_near_100_sits_at_100_in_some_years():
    values = bench.simulate(PROCESS["share_near_100"], 2000, seed=4).values
    assert 0.1 < (values == 100).mean() < 0.6 and values.min() > 90


@pytest.mark.parametrize("name", list(PROCESS))
def test_between_30_and_70_percent_of_series_meet_their_target(name):
    process = PROCESS[name]
    simulation = bench.simulate(process, 2000, seed=5)
    assert 0.3 <= bench.meets(simulation.truth, simulation.target, process.comparison).mean() <= 0.7


@pytest.mark.parametrize("name", list(PROCESS))
def test_the_same_seed_gives_the_same_series(name):
    first, again = bench.simulate(PROCESS[name], 300, seed=7), bench.simulate(PROCESS[name], 300, seed=7)
    other = bench.simulate(PROCESS[name], 300, seed=8)
    np.testing.assert_array_equal(first.values, again.values)
    np.testing.assert_array_equal(first.target, again.target)
    assert not np.array_equal(first.values, other.values)


def test_meets_follows_the_comparison():
    assert bench.meets([27, 28, 28.5], [28, 28, 28], "<=").tolist() == [True, True, False]
    assert bench.meets([5, 6, math.nan], [6, 6, 6], ">=").tolist() == [False, True, False]


def test_coverage_counts_the_truths_inside_the_band_among_rows_with_one():
    # Truths 1, 2, 3 lie in [0, 5], 10 does not: 3 of 4 = 75%. The row without a band is left out.
    truth, low, high = [1, 2, 3, 10, 1], [0, 0, 0, 0, math.nan], [5, 5, 5, 5, math.nan]
    assert bench.coverage(truth, low, high) == 0.75
    assert bench.coverage([5], [5], [5]) == 1.0  # bounds included
    assert math.isnan(bench.coverage([1], [math.nan], [math.nan]))
    assert bench.has_band(low, high).tolist() == [True, True, True, True, False]


def test_pit_coverage_counts_an_edge_value_by_its_mass_inside_the_central_80_percent():
    # Predictive masses [F(y-1), F(y)] of four observations against the central 80% (0.1-0.9):
    # [0.05, 0.2]: (0.2 - 0.1) / 0.15 = 2/3; [0.3, 0.5]: 1; [0.85, 0.95]: (0.9 - 0.85) / 0.1 = 1/2;
    # [0.92, 0.97]: 0. Mean (2/3 + 1 + 1/2 + 0) / 4 = 0.541667. The NaN row (no predictive) is skipped.
    below, at = [0.05, 0.3, 0.85, 0.92, math.nan], [0.2, 0.5, 0.95, 0.97, math.nan]
    assert bench.pit_coverage(below, at) == pytest.approx((2 / 3 + 1 + 0.5) / 4)
    assert math.isnan(bench.pit_coverage([math.nan], [math.nan]))
    # One value holding all the mass [0, 1] is 80% inside; a calibrated predictive's PIT coverage is 80%:
    # observations drawn from the predictive itself (Poisson mean 0.7, 20,000 draws) give 0.8 +- 0.006.
    assert bench.pit_coverage([0.0], [1.0]) == pytest.approx(0.8)
    from scipy import stats

    draws = np.random.default_rng(1).poisson(0.7, 20_000)
    pit = bench.pit_coverage(stats.poisson.cdf(draws - 1, 0.7), stats.poisson.cdf(draws, 0.7))
    assert pit == pytest.approx(0.8, abs=0.006)


def test_zero_width_share():
    # Bands [1, 1] and [1, 2]: one of the two has no width; the NaN row has no band.
    assert bench.zero_width_share([1, 1, math.nan], [1, 2, math.nan]) == 0.5


def test_median_width_of_the_bands_there_are():
    # Widths 0, 1 and 3 (the NaN row has no band): the median is 1.
    assert bench.median_width([1, 1, 2, math.nan], [1, 2, 5, 4]) == 1.0
    assert math.isnan(bench.median_width([math.nan], [math.nan]))


def test_brier_scores():
    # (1-1)^2 + (0-1)^2 = 1 over 2 rows = 0.5.
    assert bench.brier([1, 0], [1, 1]) == 0.5
    # The NaN probability is skipped: (0.5-1)^2 = 0.25.
    assert bench.brier([0.5, math.nan], [1, 0]) == 0.25
    # Outcomes 1, 0, 1, 1: base rate 0.75, Brier 3 * 0.25^2 + 0.75^2 over 4 = 0.75 * 0.25 = 0.1875.
    assert bench.base_rate_brier([0.9, 0.1, 0.5, 0.5, math.nan], [1, 0, 1, 1, 0]) == pytest.approx(0.1875)


def test_calibration_in_the_large_and_reliability():
    probability, outcome = [0.05, 0.05, 0.95, 0.95], [0, 1, 1, 1]
    # Mean probability 0.5, share met 0.75: 0.5 - 0.75 = -0.25.
    assert bench.mean_probability_minus_met(probability, outcome) == pytest.approx(-0.25)
    # Bin 0: mean p 0.05, met 0.5 -> 0.45^2 = 0.2025; bin 9: 0.95 vs 1 -> 0.0025; each half the rows:
    # (0.2025 + 0.0025) / 2 = 0.1025.
    assert bench.reliability(probability, outcome) == pytest.approx(0.1025)
    assert bench.reliability([1.0, 0.0], [1, 0]) == 0.0  # p = 1 falls in the top bin


def test_achieved_holds_only_counts_the_achieved_status():
    # Three rows "achieved", of which rows 1 and 4 still meet the target: 2 of 3. A new status name
    # ("achieved_at_risk") is not "achieved".
    status = ["achieved", "achieved", "on_track", "achieved", "achieved_at_risk"]
    assert bench.achieved_holds(status, [1, 0, 0, 1, 0]) == pytest.approx(2 / 3)
    assert math.isnan(bench.achieved_holds(["on_track"], [1]))


def test_failed_goals():
    good = {"coverage": 0.8, "zero_width_share": 0.0, "brier_minus_base": -0.1, "achieved_holds": 0.9}
    assert bench.failed_goals(good, shock=False) == []
    wide = good | {"coverage": 0.95}
    assert bench.failed_goals(wide, shock=False) == ["coverage"]
    assert bench.failed_goals(wide, shock=True) == []  # a shock may be over-covered
    assert bench.failed_goals(good | {"coverage": 0.6}, shock=True) == ["coverage"]
    bad = {"coverage": math.nan, "zero_width_share": 0.01, "brier_minus_base": 0.002, "achieved_holds": 0.8}
    assert bench.failed_goals(bad, shock=False) == ["zero_width", "brier", "achieved"]


def test_a_cell_is_measured_the_same_whatever_order_and_extra_columns_assess_returns():
    process = PROCESS["random_walk_drift"]
    simulation = bench.simulate(process, 60, seed=9)

    def reordered_assess(catalog, observations, *, as_of):
        table = assess(catalog, observations, as_of=as_of)
        return table.iloc[::-1].assign(final=True, extra="x")

    plain = bench.run_cell(assess, process, simulation, 4)
    reordered = bench.run_cell(reordered_assess, process, simulation, 4)
    assert bench.json_safe(plain) == bench.json_safe(reordered)  # NaN-safe comparison
    assert plain["series"] == 60 and plain["as_of"] == 2023
    assert sum(plain["statuses"].values()) == 60
    assert set(plain["met_share_by_status"]) == set(plain["statuses"])


def test_the_catalog_has_one_row_per_series_with_the_simulated_baseline_and_target():
    process = PROCESS["pm25_noise"]
    simulation = bench.simulate(process, 50, seed=10)
    catalog = bench.catalog_for(process, simulation)
    assert len(catalog) == 50 and catalog["id"].is_unique
    assert (catalog["comparison"] == "<=").all() and (catalog["kind"] == "level").all()
    np.testing.assert_array_equal(catalog["baseline_value"], simulation.values[:, 0])
    np.testing.assert_array_equal(catalog["target_value"], simulation.target)
    seen = bench.observations_for(process, simulation, 5)
    assert isinstance(seen, pd.DataFrame) and len(seen) == 50 * 5 and seen["year"].max() == 2024


# --- the calibration goals themselves (issue 13), on a quick run -----------------------------------------
QUICK_SERIES = 600  # series per cell: about 10 s for the 36 cells
QUICK_SEED = 13
SAMPLING_SES = 2  # a quick run's estimate may miss a goal by this many binomial standard errors

# Cells allowed to miss one goal, in one direction only, as documented in docs/methodology.md 3.4 (from the
# full run, 2000 series a cell). The other side of the goal still holds for them.
EXCEPTIONS = {
    # A permanent step after the last observation cannot be foreseen. With three points nothing in the call
    # shows it either (no series can be back-tested): "achieved" holds 84.5%, and no spread separates the
    # met series a future step will undo (widening every band 1-2.5 times leaves it at 81-84%), nor does a
    # status rule: "met the year before too" 85.2% / 84.5% (seeds 13 / 29), a margin of the plan's whole
    # distance 86.3% / 86.0% but random walks n = 3 keep 56 of 264 "achieved" rows (methodology 3.4).
    ("one_off_shock", 3, "achieved"): "under",
    # Rare additions, one year left: the band of one more addition or none (the narrowest a count band
    # may be, 78% of the bands) already holds about 90%; the predictive is calibrated (PIT coverage 78.5%,
    # asserted below).
    ("counts_low", 5, "coverage"): "over",
}


@pytest.fixture(scope="module")
def quick_cells():
    cells = bench.run_benchmark(assess, QUICK_SERIES, QUICK_SEED, count_predictive)
    return {(cell["process"], cell["points"]): cell for cell in cells}


def _allowance(share: float, rows: float) -> float:
    """SAMPLING_SES binomial standard errors of ``share`` estimated from ``rows`` rows."""
    return SAMPLING_SES * math.sqrt(share * (1 - share) / max(rows, 1))


def test_only_the_two_shocks_may_over_cover():
    # A one-off step (2021-2025) and a base year 4-12 points low are the shocks; every other process must
    # keep its coverage under 90%.
    assert {process.name for process in bench.PROCESSES if process.shock} == {"one_off_shock", "depressed_base"}


def test_every_exception_names_a_real_cell_and_goal():
    cells = {(process.name, n) for process in bench.PROCESSES for n in bench.POINTS}
    for (process, n, goal), direction in EXCEPTIONS.items():
        assert (process, n) in cells and goal in bench.GOALS and direction in ("over", "under")


@pytest.mark.parametrize("process, n", [(p.name, n) for p in bench.PROCESSES for n in bench.POINTS])
def test_quick_run_meets_the_calibration_goals(quick_cells, process, n):
    cell = quick_cells[(process, n)]
    # Coverage of the 80% band: 70-90% (a shock may be wider), within the sampling allowance.
    if not math.isnan(cell["coverage"]):
        slack = _allowance(0.8, cell["series"] * cell["band_share"])
        low, high = bench.COVERAGE_GOAL
        exception = EXCEPTIONS.get((process, n, "coverage"))
        if exception != "under":
            assert cell["coverage"] >= low - slack, f"{process}/{n} under-covers: {cell['coverage']:.1%}"
        if exception != "over" and not PROCESS[process].shock:
            assert cell["coverage"] <= high + slack, f"{process}/{n} over-covers: {cell['coverage']:.1%}"
    # No zero-width band, and no worse than the base rate: no allowance.
    assert not cell["zero_width_share"] > 0, f"{process}/{n} has zero-width bands"
    assert cell["brier"] <= cell["base_rate_brier"] + 1e-9, f"{process}/{n} is worse than the base rate"
    # "Achieved" before the target year still holds in 2025 at least 85% of the time.
    if not math.isnan(cell["achieved_holds"]) and EXCEPTIONS.get((process, n, "achieved")) != "under":
        slack = _allowance(bench.ACHIEVED_HOLDS_GOAL, cell["achieved"])
        assert cell["achieved_holds"] >= bench.ACHIEVED_HOLDS_GOAL - slack, (
            f"{process}/{n}: 'achieved' holds {cell['achieved_holds']:.1%} of {cell['achieved']}"
        )


def test_the_count_exception_is_the_band_not_the_predictive(quick_cells):
    # counts_low n = 5 over-covers because a band of whole numbers cannot be narrower than "none or one more";
    # the predictive itself is calibrated: its PIT coverage (which counts an edge value by its mass inside the
    # central 80%) meets the goal. Were it over 90% too, the predictive would be too wide, not the band.
    for (process, n, goal), _ in EXCEPTIONS.items():
        if goal != "coverage" or PROCESS[process].kind not in bench.COUNT_KINDS:
            continue
        cell = quick_cells[(process, n)]
        slack = _allowance(0.8, cell["series"])
        low, high = bench.COVERAGE_GOAL
        assert low - slack <= cell["pit_coverage"] <= high + slack, f"{process}/{n}: PIT {cell['pit_coverage']:.1%}"


def test_pit_coverage_is_measured_for_counts_only(quick_cells):
    for (process, _), cell in quick_cells.items():
        assert math.isnan(cell["pit_coverage"]) == (PROCESS[process].kind not in bench.COUNT_KINDS), process


def test_the_allowance_is_two_binomial_standard_errors():
    # 600 rows at 80%: sqrt(0.8 * 0.2 / 600) = 0.01633, twice that 0.03266.
    assert _allowance(0.8, 600) == pytest.approx(0.03266, abs=1e-5)
