"""Calibration benchmark (issue 13): are ``assess``'s 80% bands and probabilities honest?

Simulates series of the kinds the plan really has (random walks, trends with AR(1) noise,
PM2.5-like noise, 0-100 shares, shares held at 100, shocks, a depressed base year, low, mid and
lumpy counts, new-in-period sums), each from a 2020 baseline with the truth simulated out to
2025, and gives ``assess`` the baseline plus 2-4 years (``as_of`` 2022-2024). Per process and
number of points it prints the coverage of the 80% band, the share of zero-width bands, the
Brier score of ``probability`` against whether the 2025 truth meets the target (and that of the
constant base rate), the mean probability minus the share met, the Brier score's reliability
term, and how often "achieved" still holds in 2025. For counts it also prints the PIT coverage
(Czado, Gneiting & Held 2009), the standard coverage of a discrete forecast: a band of whole numbers
cannot hold exactly 80%, the predictive's central 80% can. A summary counts the cells
failing each goal (coverage 70-90%, above 90% allowed for shocks; no zero-width band; Brier no
worse than the base rate; "achieved" holds at least 85% of the time). The JSON output adds
each cell's status counts and, for every status name (new ones included), the share meeting
the target in 2025.

It measures the checkout it is run from: the current directory goes first on ``sys.path``
and only the public ``analytics.assess`` is used, so another worktree's model can be measured
with ``cd /path/to/checkout && python /this/file.py``. All series of a cell go into one catalog
and one ``assess`` call. Same seed, same table.

Run: ``python benchmarks/bench_calibration.py [--series N] [--seed S] [--quick]
[--format table|json|markdown]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

BASELINE_YEAR = 2020
TARGET_YEAR = 2025
YEARS = np.arange(BASELINE_YEAR, TARGET_YEAR + 1)  # column j of a simulation is year 2020 + j
ELAPSED = np.arange(len(YEARS), dtype=float)  # years since the baseline, per column
POINTS = (3, 4, 5)  # the baseline plus 2, 3 or 4 years: as_of = 2020 + points - 1
TARGET_QUANTILES = (0.2, 0.8)  # each series' target is a quantile drawn from this range
COVERAGE_GOAL = (0.70, 0.90)
ACHIEVED_HOLDS_GOAL = 0.85
TOLERANCE = 1e-9
DEFAULT_SERIES = 2000
QUICK_SERIES = 300
ACHIEVED = "achieved"
COUNT_KINDS = ("cumulative", "new_in_period")  # the processes whose PIT coverage is measured
RELIABILITY_BINS = 10


@dataclass(frozen=True)
class Process:
    """A way of generating series, and the catalog fields its indicators get.

    ``simulate(rng, n)`` returns an ``n x 6`` array for 2020-2025: the value each year, or for
    ``new_in_period`` the previous period's total (column 0, the printed baseline) and each
    year's additions. ``relative_target``: the target is the baseline plus a quantile of the
    simulated 2020-2025 changes; otherwise a quantile of the 2025 truths. ``fixed_target`` wins
    over both. ``shock``: coverage above 90% is not a failure (the band may widen for a shock).
    """

    name: str
    kind: str
    comparison: str
    simulate: Callable[[np.random.Generator, int], np.ndarray]
    min_value: float = 0.0
    max_value: float = math.nan
    relative_target: bool = True
    fixed_target: float | None = None
    shock: bool = False


@dataclass(frozen=True)
class Simulation:
    """``values`` as returned by the process's simulator, each series' 2025 ``truth`` and ``target``."""

    values: np.ndarray
    truth: np.ndarray
    target: np.ndarray


def _column(x: np.ndarray) -> np.ndarray:
    return np.asarray(x, dtype=float)[:, None]


def _cumulate(start: np.ndarray, yearly: np.ndarray) -> np.ndarray:
    """A 2020 value followed by the running sum of five yearly changes."""
    return _column(start) + np.concatenate([np.zeros((len(start), 1)), np.cumsum(yearly, axis=1)], axis=1)


def random_walk_drift(rng: np.random.Generator, n: int) -> np.ndarray:
    """An unbounded level (patents per 10,000 people): yearly changes drift + N(0, sigma)."""
    start, drift, sigma = rng.uniform(20, 40, n), rng.normal(0.8, 0.6, n), rng.uniform(0.3, 1.5, n)
    steps = _column(drift) + _column(sigma) * rng.standard_normal((n, 5))
    return np.round(np.maximum(_cumulate(start, steps), 0.0), 2)


def trend_ar1(rng: np.random.Generator, n: int) -> np.ndarray:
    """A linear trend plus stationary AR(1) noise (phi 0.3-0.8)."""
    start, trend = rng.uniform(20, 40, n), rng.normal(0.8, 0.6, n)
    phi, sigma = rng.uniform(0.3, 0.8, n), rng.uniform(0.5, 1.5, n)
    noise = np.empty((n, len(YEARS)))
    noise[:, 0] = rng.standard_normal(n) * sigma / np.sqrt(1 - phi**2)
    for year in range(1, len(YEARS)):
        noise[:, year] = phi * noise[:, year - 1] + sigma * rng.standard_normal(n)
    return np.round(np.maximum(_column(start) + _column(trend) * ELAPSED + noise, 0.0), 2)


def pm25(rng: np.random.Generator, n: int) -> np.ndarray:
    """PM2.5-like: independent yearly (weather) noise around a slowly falling trend, one decimal."""
    level, trend, sigma = rng.uniform(24, 40, n), rng.normal(-0.6, 0.5, n), rng.uniform(0.8, 2.5, n)
    values = _column(level) + _column(trend) * ELAPSED + _column(sigma) * rng.standard_normal((n, len(YEARS)))
    return np.round(np.maximum(values, 1.0), 1)


def saturating_share(rng: np.random.Generator, n: int) -> np.ndarray:
    """A 0-100 share on a logistic path towards a ceiling of 60-100, plus noise, one decimal."""
    ceiling = rng.uniform(60, 100, n)
    start_share = rng.uniform(0.15, 0.7, n)  # of the ceiling
    speed, sigma = rng.uniform(0.15, 0.6, n), rng.uniform(0.3, 1.5, n)
    offset = np.log(start_share / (1 - start_share))
    path = _column(ceiling) / (1 + np.exp(-(_column(offset) + _column(speed) * ELAPSED)))
    values = path + _column(sigma) * rng.standard_normal((n, len(YEARS)))
    return np.round(np.clip(values, 0.0, 100.0), 1)


def share_near_100(rng: np.random.Generator, n: int) -> np.ndarray:
    """A pass rate around 97.5-100.8 with noise, capped at 100: about a quarter mostly sit at 100."""
    level, sigma = rng.uniform(97.5, 100.8, n), rng.uniform(0.1, 0.6, n)
    values = _column(level) + _column(sigma) * rng.standard_normal((n, len(YEARS)))
    return np.round(np.clip(values, 0.0, 100.0), 1)


def held_at_100(rng: np.random.Generator, n: int) -> np.ndarray:
    """A maintain-type 100% (#5, #23, #24): 100 in 2020, then each year a dip below 100 with chance 0-0.8."""
    dip_chance = rng.uniform(0.0, 0.8, n)
    dips = rng.random((n, len(YEARS))) < _column(dip_chance)
    dips[:, 0] = False
    depth = np.round(rng.uniform(0.1, 3.0, (n, len(YEARS))), 1)
    return np.where(dips, 100.0 - depth, 100.0)


def one_off_shock(rng: np.random.Generator, n: int) -> np.ndarray:
    """A trend with small noise and one permanent step (6-12 sigma, either sign) in a year of 2021-2025."""
    start, trend, sigma = rng.uniform(20, 40, n), rng.normal(0.8, 0.6, n), rng.uniform(0.3, 1.0, n)
    step_column = rng.integers(1, len(YEARS), n)
    step = rng.choice([-1.0, 1.0], n) * rng.uniform(6, 12, n) * sigma
    after = np.arange(len(YEARS))[None, :] >= step_column[:, None]
    values = (
        _column(start)
        + _column(trend) * ELAPSED
        + after * _column(step)
        + _column(sigma) * rng.standard_normal((n, len(YEARS)))
    )
    return np.round(np.maximum(values, 0.0), 2)


def depressed_base(rng: np.random.Generator, n: int) -> np.ndarray:
    """A 0-100 index on a trend whose 2020 value is 4-12 points low (a bad base year), one decimal."""
    start, trend, sigma = rng.uniform(60, 88, n), rng.normal(0.4, 0.3, n), rng.uniform(0.3, 1.0, n)
    values = _column(start) + _column(trend) * ELAPSED + _column(sigma) * rng.standard_normal((n, len(YEARS)))
    values[:, 0] -= rng.uniform(4, 12, n)
    return np.round(np.clip(values, 0.0, 100.0), 1)


def counts_low(rng: np.random.Generator, n: int) -> np.ndarray:
    """A cumulative count with rare additions: Poisson with a mean of 0.1-1 a year."""
    rate = rng.uniform(0.1, 1.0, n)
    return _cumulate(rng.poisson(2, n), rng.poisson(_column(rate), (n, 5)))


def counts_mid(rng: np.random.Generator, n: int) -> np.ndarray:
    """A cumulative count with Poisson additions, 1.5-5 a year, from a base of about 20."""
    rate = rng.uniform(1.5, 5.0, n)
    return _cumulate(10 + rng.poisson(10, n), rng.poisson(_column(rate), (n, 5)))


def _negative_binomial(rng: np.random.Generator, mean: np.ndarray, size: np.ndarray, years: int) -> np.ndarray:
    """Counts with the given means and variance mean + mean^2 / size (small size: lumpy)."""
    return rng.negative_binomial(_column(size), _column(size / (size + mean)), (len(mean), years)).astype(float)


def counts_lumpy(rng: np.random.Generator, n: int) -> np.ndarray:
    """A cumulative count with over-dispersed additions: negative binomial, mean 0.5-4, size 0.2-0.6."""
    additions = _negative_binomial(rng, rng.uniform(0.5, 4.0, n), rng.uniform(0.2, 0.6, n), 5)
    return _cumulate(rng.poisson(5, n), additions)


def new_in_period(rng: np.random.Generator, n: int) -> np.ndarray:
    """#19-like: the previous period's total, then yearly additions (negative binomial, mean 2-8, size 3)."""
    mean = rng.uniform(2.0, 8.0, n)
    previous_total = rng.poisson(5 * mean * rng.uniform(0.7, 1.3, n)).astype(float)
    return np.column_stack([previous_total, _negative_binomial(rng, mean, np.full(n, 3.0), 5)])


PROCESSES = (
    Process("random_walk_drift", "level", ">=", random_walk_drift),
    Process("trend_ar1", "level", ">=", trend_ar1),
    Process("pm25_noise", "level", "<=", pm25),
    Process("saturating_share", "level", ">=", saturating_share, max_value=100.0),
    Process("share_near_100", "level", ">=", share_near_100, max_value=100.0, relative_target=False),
    Process("held_at_100", "level", ">=", held_at_100, max_value=100.0, fixed_target=100.0),
    Process("one_off_shock", "level", ">=", one_off_shock, shock=True),
    # A base year 4-12 points low is a one-off shock too (2020, the COVID year): with two changes it cannot be
    # told from a trend, and its bands may be wider (docs/methodology.md 3.4).
    Process("depressed_base", "level", ">=", depressed_base, max_value=100.0, shock=True),
    Process("counts_low", "cumulative", ">=", counts_low),
    Process("counts_mid", "cumulative", ">=", counts_mid),
    Process("counts_lumpy", "cumulative", ">=", counts_lumpy),
    Process("new_in_period", "new_in_period", ">=", new_in_period, relative_target=False),
)


def meets(values, targets, comparison: str) -> np.ndarray:
    """Whether each value meets its target (NaN never does)."""
    values, targets = np.asarray(values, dtype=float), np.asarray(targets, dtype=float)
    with np.errstate(invalid="ignore"):
        return {
            ">=": values >= targets - TOLERANCE,
            ">": values > targets,
            "<=": values <= targets + TOLERANCE,
            "<": values < targets,
        }[comparison]


def truth_of(process: Process, values: np.ndarray) -> np.ndarray:
    """What 2025 is judged on: the 2025 value, or for ``new_in_period`` the additions 2021-2025 summed."""
    return values[:, 1:].sum(axis=1) if process.kind == "new_in_period" else values[:, -1]


def simulate(process: Process, n_series: int, seed: int) -> Simulation:
    """``n_series`` series of one process with their truths and targets; the same seed gives the same."""
    rng = np.random.default_rng([seed, zlib.crc32(process.name.encode())])
    values = process.simulate(rng, n_series)
    truth = truth_of(process, values)
    quantiles = rng.uniform(*TARGET_QUANTILES, n_series)
    if process.fixed_target is not None:
        target = np.full(n_series, process.fixed_target)
    else:
        reference = values[:, 0] if process.relative_target else np.zeros(n_series)
        target = reference + np.quantile(truth - reference, quantiles, method="inverted_cdf")
    upper = process.max_value if np.isfinite(process.max_value) else np.inf
    return Simulation(values=values, truth=truth, target=np.clip(target, process.min_value, upper))


def series_ids(process: Process, n_series: int) -> np.ndarray:
    return np.array([f"{process.name}-{i:05d}" for i in range(n_series)])


def catalog_for(process: Process, simulation: Simulation) -> pd.DataFrame:
    """One catalog row per series, with only the columns issue 3 documents plus the range."""
    n_series = len(simulation.truth)
    ids = series_ids(process, n_series)
    return pd.DataFrame(
        {
            "id": ids,
            "plan": "calib",
            "seq": np.arange(1, n_series + 1),
            "name_zh": ids,
            "name_en": ids,
            "domain": "product",
            "unit": "",
            "kind": process.kind,
            "comparison": process.comparison,
            "baseline_year": BASELINE_YEAR,
            "baseline_value": simulation.values[:, 0],
            "target_year": TARGET_YEAR,
            "target_value": simulation.target,
            "min_value": process.min_value,
            "max_value": process.max_value,
        }
    )


def observations_for(process: Process, simulation: Simulation, n_points: int) -> pd.DataFrame:
    """The first ``n_points`` points: 2020 to as_of (for ``new_in_period``, the additions 2021 to as_of)."""
    first = 1 if process.kind == "new_in_period" else 0
    seen = simulation.values[:, first:n_points]
    n_series, n_years = seen.shape
    return pd.DataFrame(
        {
            "indicator_id": np.repeat(series_ids(process, n_series), n_years),
            "year": np.tile(YEARS[first:n_points], n_series),
            "value": seen.ravel(),
        }
    )


def has_band(low, high) -> np.ndarray:
    return np.isfinite(np.asarray(low, dtype=float)) & np.isfinite(np.asarray(high, dtype=float))


def coverage(truth, low, high) -> float:
    """Share of the rows with a band whose truth lies inside it (bounds included); NaN without bands."""
    truth, low, high = (np.asarray(x, dtype=float) for x in (truth, low, high))
    band = has_band(low, high)
    if not band.any():
        return math.nan
    slack = TOLERANCE * (1 + np.abs(truth[band]))
    return float(np.mean((truth[band] >= low[band] - slack) & (truth[band] <= high[band] + slack)))


def zero_width_share(low, high) -> float:
    """Share of the rows with a band whose band has no width; NaN without bands."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    band = has_band(low, high)
    if not band.any():
        return math.nan
    return float(np.mean(high[band] - low[band] <= TOLERANCE * (1 + np.abs(high[band]))))


def median_width(low, high) -> float:
    """The median width of the bands there are (in the indicator's unit): sharpness, to read next to coverage."""
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    band = has_band(low, high)
    return float(np.median(high[band] - low[band])) if band.any() else math.nan


def pit_coverage(below, at_or_below, level: float = 0.8) -> float:
    """The non-randomised PIT coverage of a discrete forecast (Czado, Gneiting & Held 2009, Biometrics 65:1254).

    Each observation y takes its predictive mass [F(y - 1), F(y)] (``below``, ``at_or_below``); the share of
    that mass inside the predictive's central ``level`` (0.1-0.9 of the CDF) is the chance its randomised PIT
    falls there, and the mean over the observations is the coverage: ``level`` in expectation for a calibrated
    predictive, whatever the discreteness. An observation deep inside counts 1, one outside 0, one on the
    edge of the central 80% the share of its mass inside it. NaN rows (no predictive) are skipped.
    """
    below, at_or_below = np.asarray(below, dtype=float), np.asarray(at_or_below, dtype=float)
    given = np.isfinite(below) & np.isfinite(at_or_below)
    if not given.any():
        return math.nan
    low, high = below[given], at_or_below[given]
    inside = np.clip(np.minimum(high, (1 + level) / 2) - np.maximum(low, (1 - level) / 2), 0.0, None)
    mass = high - low
    return float(np.mean(np.where(mass > 0, inside / np.where(mass > 0, mass, 1.0), 0.0)))


def count_pit_bounds(predictive: Callable | None, catalog, observations, as_of: int, truth) -> tuple:
    """``(F(y - 1), F(y))`` of each truth's additions under the checkout's count predictive (NaN without one).

    ``predictive`` is ``analytics.assess.count_predictive`` (``id, latest_value, r, p`` per indicator, the
    negative binomial of the additions still to come); None measures no PIT (a checkout without it).
    """
    nan = np.full(len(truth), np.nan)
    if predictive is None:
        return nan, nan
    from analytics.counts import cdf_added

    fitted = catalog[["id"]].merge(predictive(catalog, observations, as_of=as_of), on="id", how="left")
    r, p = fitted["r"].to_numpy(float), fitted["p"].to_numpy(float)
    added = np.asarray(truth, dtype=float) - fitted["latest_value"].to_numpy(float)
    return cdf_added(added - 1, r, p), cdf_added(added, r, p)


def brier(probability, outcome) -> float:
    """Mean squared difference between the probabilities given (NaN skipped) and the 0/1 outcomes."""
    probability, outcome = np.asarray(probability, dtype=float), np.asarray(outcome, dtype=float)
    given = np.isfinite(probability)
    return float(np.mean((probability[given] - outcome[given]) ** 2)) if given.any() else math.nan


def base_rate_brier(probability, outcome) -> float:
    """The Brier score, on the same rows, of always forecasting those rows' outcome mean."""
    probability, outcome = np.asarray(probability, dtype=float), np.asarray(outcome, dtype=float)
    given = np.isfinite(probability)
    return brier(np.full(int(given.sum()), outcome[given].mean()), outcome[given]) if given.any() else math.nan


def mean_probability_minus_met(probability, outcome) -> float:
    """Calibration in the large: the mean probability given minus the share met, on the same rows."""
    probability, outcome = np.asarray(probability, dtype=float), np.asarray(outcome, dtype=float)
    given = np.isfinite(probability)
    return float(probability[given].mean() - outcome[given].mean()) if given.any() else math.nan


def reliability(probability, outcome, bins: int = RELIABILITY_BINS) -> float:
    """Murphy's reliability term of the Brier score: sum over probability bins of the bin's share times
    (mean probability - share met)^2. 0 is perfectly calibrated; it does not reward sharpness."""
    probability, outcome = np.asarray(probability, dtype=float), np.asarray(outcome, dtype=float)
    given = np.isfinite(probability)
    if not given.any():
        return math.nan
    frame = pd.DataFrame(
        {
            "p": probability[given],
            "y": outcome[given],
            "bin": np.minimum((probability[given] * bins).astype(int), bins - 1),
        }
    )
    by_bin = frame.groupby("bin").agg(n=("y", "size"), p=("p", "mean"), y=("y", "mean"))
    return float((by_bin["n"] * (by_bin["p"] - by_bin["y"]) ** 2).sum() / given.sum())


def achieved_holds(status, outcome) -> float:
    """Among rows with status "achieved" (before the target year), the share whose 2025 truth meets the target."""
    achieved = np.asarray(status, dtype=object) == ACHIEVED
    return float(np.mean(np.asarray(outcome, dtype=bool)[achieved])) if achieved.any() else math.nan


def cell_metrics(process: Process, n_points: int, rows: pd.DataFrame) -> dict:
    """The metrics of one (process, points) cell from its assessed rows joined with ``truth, met``."""
    low, high, probability = rows["projected_low"], rows["projected_high"], rows["probability"]
    outcome = rows["met"].to_numpy(bool)
    model_brier, base_brier = brier(probability, outcome), base_rate_brier(probability, outcome)
    metrics = {
        "process": process.name,
        "points": n_points,
        "as_of": BASELINE_YEAR + n_points - 1,
        "series": len(rows),
        "met_share": float(outcome.mean()),
        "band_share": float(has_band(low, high).mean()),
        "coverage": coverage(rows["truth"], low, high),
        "pit_coverage": pit_coverage(rows["pit_below"], rows["pit_at"]),
        "zero_width_share": zero_width_share(low, high),
        "median_width": median_width(low, high),
        "probability_share": float(np.isfinite(probability.to_numpy(float)).mean()),
        "brier": model_brier,
        "base_rate_brier": base_brier,
        "brier_minus_base": model_brier - base_brier,
        "mean_p_minus_met": mean_probability_minus_met(probability, outcome),
        "reliability": reliability(probability, outcome),
        "achieved": int((rows["status"].to_numpy(object) == ACHIEVED).sum()),
        "achieved_holds": achieved_holds(rows["status"], outcome),
        "statuses": {str(k): int(v) for k, v in rows["status"].value_counts().sort_index().items()},
        # Any status name, including ones a new model adds: how often its rows meet the target in 2025.
        "met_share_by_status": {str(k): float(v) for k, v in rows.groupby("status")["met"].mean().sort_index().items()},
    }
    metrics["fails"] = failed_goals(metrics, shock=process.shock)
    return metrics


def failed_goals(metrics: dict, *, shock: bool) -> list[str]:
    """The goals a cell misses; a goal with nothing to measure (NaN) is not counted as missed."""
    low, high = COVERAGE_GOAL
    fails = []
    if metrics["coverage"] < low or (metrics["coverage"] > high and not shock):
        fails.append("coverage")
    if metrics["zero_width_share"] > 0:
        fails.append("zero_width")
    if metrics["brier_minus_base"] > TOLERANCE:
        fails.append("brier")
    if metrics["achieved_holds"] < ACHIEVED_HOLDS_GOAL:
        fails.append("achieved")
    return fails


def run_cell(
    assess: Callable, process: Process, simulation: Simulation, n_points: int, predictive: Callable | None = None
) -> dict:
    """One ``assess`` call over every series of a cell, then its metrics (``predictive``: see
    :func:`count_pit_bounds`, asked for count processes only)."""
    catalog = catalog_for(process, simulation)
    observations, as_of = observations_for(process, simulation, n_points), BASELINE_YEAR + n_points - 1
    assessed = assess(catalog, observations, as_of=as_of)
    counted = predictive if process.kind in COUNT_KINDS else None
    pit_below, pit_at = count_pit_bounds(counted, catalog, observations, as_of, simulation.truth)
    truth = pd.DataFrame(
        {
            "id": catalog["id"],
            "truth": simulation.truth,
            "met": meets(simulation.truth, simulation.target, process.comparison),
            "pit_below": pit_below,
            "pit_at": pit_at,
        }
    )
    rows = truth.merge(assessed.astype({"id": str}), on="id", how="inner", validate="one_to_one")
    # Whatever dtypes a model returns (nullable floats, enum statuses), the metrics see floats and text.
    rows = rows.astype({"status": str}).assign(
        **{
            column: pd.to_numeric(rows[column]).astype(float)
            for column in ("projected_low", "projected_high", "probability")
        }
    )
    if len(rows) != len(catalog):
        raise RuntimeError(f"{process.name}: assess returned {len(rows)} of {len(catalog)} series")
    return cell_metrics(process, n_points, rows)


def run_benchmark(assess: Callable, n_series: int, seed: int, predictive: Callable | None = None) -> list[dict]:
    cells = []
    for process in PROCESSES:
        simulation = simulate(process, n_series, seed)
        cells.extend(run_cell(assess, process, simulation, n_points, predictive) for n_points in POINTS)
    return cells


GOALS = {
    "coverage": "80% band covers {:.0%}-{:.0%} (shocks: at least {:.0%})".format(*COVERAGE_GOAL, COVERAGE_GOAL[0]),
    "zero_width": "no zero-width band",
    "brier": "Brier <= base rate",
    "achieved": f"'achieved' holds >= {ACHIEVED_HOLDS_GOAL:.0%}",
}
MEASURED_BY = {"coverage": "coverage", "zero_width": "zero_width_share", "brier": "brier", "achieved": "achieved_holds"}


def summary(cells: list[dict]) -> dict:
    """Per goal: the cells measured, and the cells failing it (as ``process/points``)."""
    return {
        goal: {
            "goal": text,
            "measured": sum(not math.isnan(cell[MEASURED_BY[goal]]) for cell in cells),
            "failing": [f"{cell['process']}/{cell['points']}" for cell in cells if goal in cell["fails"]],
        }
        for goal, text in GOALS.items()
    }


def _percent(x: float) -> str:
    return "-" if math.isnan(x) else f"{x:.1%}"


def _width(x: float) -> str:
    return "-" if math.isnan(x) else f"{x:.3g}"


def _score(x: float, signed: bool = False) -> str:
    return "-" if math.isnan(x) else (f"{x:+.3f}" if signed else f"{x:.3f}")


HEADERS = (
    "process",
    "n",
    "series",
    "met",
    "band",
    "cover80",
    "PIT80",
    "zero-w",
    "width",
    "with p",
    "Brier",
    "base",
    "diff",
    "p-met",
    "rel",
    "achvd",
    "holds",
    "fails",
)


def table_rows(cells: list[dict]) -> list[list[str]]:
    return [
        [
            cell["process"],
            str(cell["points"]),
            str(cell["series"]),
            _percent(cell["met_share"]),
            _percent(cell["band_share"]),
            _percent(cell["coverage"]),
            _percent(cell["pit_coverage"]),
            _percent(cell["zero_width_share"]),
            _width(cell["median_width"]),
            _percent(cell["probability_share"]),
            _score(cell["brier"]),
            _score(cell["base_rate_brier"]),
            _score(cell["brier_minus_base"], signed=True),
            _score(cell["mean_p_minus_met"], signed=True),
            _score(cell["reliability"]),
            str(cell["achieved"]),
            _percent(cell["achieved_holds"]),
            ",".join(cell["fails"]) or "ok",
        ]
        for cell in cells
    ]


def summary_lines(cells: list[dict]) -> list[str]:
    lines = []
    for goal in summary(cells).values():
        failing = goal["failing"]
        listed = f": {', '.join(failing)}" if failing else ""
        lines.append(f"{goal['goal']}: {len(failing)} of {goal['measured']} measured cells fail{listed}")
    return lines


def format_table(cells: list[dict]) -> str:
    rows = [list(HEADERS), *table_rows(cells)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    text = [
        "  ".join(
            value.ljust(w) if i in (0, len(HEADERS) - 1) else value.rjust(w)
            for i, (value, w) in enumerate(zip(row, widths, strict=False))
        )
        for row in rows
    ]
    return "\n".join([*text, "", *summary_lines(cells)])


def format_markdown(cells: list[dict]) -> str:
    rows = [list(HEADERS), ["---"] + ["---:"] * (len(HEADERS) - 2) + ["---"], *table_rows(cells)]
    text = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([*text, "", *(f"- {line}" for line in summary_lines(cells))])


LEGEND = (
    "n: points given (baseline + n-1 years, as_of 2020+n-1); met: share whose 2025 truth meets the target; "
    "band: share with an 80% band; cover80: truth inside the band (rows with one); PIT80 (counts): the PIT "
    "coverage of the predictive's central 80%, an edge value counting with its share of mass inside (Czado, "
    "Gneiting & Held 2009); zero-w: bands of no width; "
    "width: median band width, in the unit; with p: share with a probability; Brier / base: of the "
    "probability and of the constant base rate (same rows), diff = Brier - base (negative is better); "
    "p-met: mean probability - share met (same rows); rel: the Brier score's reliability term (10 bins, "
    "0 = calibrated); achvd / holds: rows 'achieved' and the share still meeting the target in 2025."
)


def json_safe(value):
    """NaN becomes null, so the JSON output is standard JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return value


def measured_checkout() -> tuple[str, str]:
    """Which ``analytics`` is measured: its folder and, where that is a git checkout, the commit."""
    import analytics

    folder = os.path.dirname(os.path.dirname(os.path.abspath(analytics.__file__)))
    try:
        commit = subprocess.run(
            ["git", "-C", folder, "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = "not a git checkout"
    return folder, commit


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--series", type=int, help=f"series per cell (default {DEFAULT_SERIES}, with --quick {QUICK_SERIES})"
    )
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SERIES} series per cell")
    parser.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    arguments = parser.parse_args(argv)
    if arguments.series is None:
        arguments.series = QUICK_SERIES if arguments.quick else DEFAULT_SERIES
    if arguments.series < 10:
        parser.error("--series must be at least 10")
    return arguments


def main(argv: list[str] | None = None) -> None:
    arguments = parse_arguments(argv)
    sys.path.insert(0, os.getcwd())  # measure the checkout this is run from
    try:
        from analytics import assess
    except ModuleNotFoundError as error:
        sys.exit(f"{error}: run this from a checkout of the project (the folder holding analytics/)")
    # ``analytics.assess`` is also the name of the function: the module is looked up by its full name
    predictive = getattr(importlib.import_module("analytics.assess"), "count_predictive", None)  # None: no PIT

    started = time.perf_counter()
    cells = run_benchmark(assess, arguments.series, arguments.seed, predictive)
    wall = time.perf_counter() - started
    folder, commit = measured_checkout()
    if arguments.format == "json":
        print(
            json.dumps(
                json_safe(
                    {
                        "checkout": folder,
                        "commit": commit,
                        "seed": arguments.seed,
                        "series": arguments.series,
                        "cells": cells,
                        "summary": summary(cells),
                        "wall_seconds": round(wall, 2),
                    }
                ),
                indent=1,
                ensure_ascii=False,
            )
        )
        return
    # A markdown table goes into the docs: it names the commit, not this machine's folder.
    source = commit if arguments.format == "markdown" else f"{folder} ({commit})"
    header = f"Calibration of {source}: {arguments.series} series per cell, seed {arguments.seed}"
    body = format_markdown(cells) if arguments.format == "markdown" else format_table(cells)
    print(f"{header}\n\n{body}\n\n{LEGEND}\n\nwall time {wall:.1f} s")


if __name__ == "__main__":
    main()
