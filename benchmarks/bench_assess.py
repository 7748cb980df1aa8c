"""Assess 10,010 synthetic series (26 indicators x 385 regions) and compare with per-series fits.

Prints the time of one ``assess`` call over every series (goal: under 2 s), and the time of fitting
the same models one series at a time with the reference libraries (scipy's Theil-Sen for levels, a
statsmodels Poisson GLM for counts), with their ratio. Then the same comparison at the size every page
and test asks for: one ``assess`` of the 14th plan's 26 indicators with the repo's observations (the
median of many calls: at that size pandas' cost per call, not the data, decides), against the reference
fits of those 26 series. Run: ``python benchmarks/bench_assess.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import assess, load_catalog  # noqa: E402
from analytics.assess import achievement_points  # noqa: E402
from analytics.counts import fit_counts_statsmodels  # noqa: E402
from analytics.projection import theil_sen_reference  # noqa: E402

REGIONS = 385
YEARS = range(2021, 2025)


def synthetic(seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each region gets the 14th plan's catalog and four noisy years around a trend."""
    rng = np.random.default_rng(seed)
    base = load_catalog().query("plan == 'p14'")
    catalog = pd.concat([base.assign(id=base["id"] + f"@r{r:03d}") for r in range(REGIONS)], ignore_index=True)
    start = catalog["baseline_value"].to_numpy()
    step = (catalog["target_value"].to_numpy() - start) / 5
    rows = []
    for offset, year in enumerate(YEARS, start=1):
        noise = rng.normal(0, np.abs(step) * 0.5 + 0.2)
        value = start + step * offset * rng.uniform(0.6, 1.3, len(catalog)) + noise
        value = np.where(catalog["kind"] == "new_in_period", rng.poisson(5, len(catalog)), value)
        upper = catalog["max_value"].fillna(np.inf).to_numpy()
        rows.append(pd.DataFrame({"indicator_id": catalog["id"], "year": year, "value": np.clip(value, 0, upper)}))
    return catalog, pd.concat(rows, ignore_index=True)


def main() -> None:
    catalog, observations = synthetic()
    assess(catalog.head(26), observations, as_of=2024)  # warm imports and caches
    started = time.perf_counter()
    table = assess(catalog, observations, as_of=2024)
    vectorised = time.perf_counter() - started

    started = time.perf_counter()
    points = achievement_points(catalog, observations, as_of=2024)
    fitted = reference_fits(points, catalog.set_index("id")["kind"])
    per_series = time.perf_counter() - started

    print(f"series assessed:                 {len(table):>8,}")
    print(f"assess() over all series:        {vectorised:8.3f} s")
    print(f"reference fits once per series:  {per_series:8.3f} s  ({fitted:,} fits)")
    print(f"ratio assess / reference loop:   {vectorised / per_series:8.3f}  ({per_series / vectorised:.1f}x faster)")
    print(f"statuses: {table['status'].value_counts().to_dict()}")

    plan, plan_observations = load_catalog().query("plan == 'p14'"), pd.read_csv(DATA / "observations.csv")
    plan_points = achievement_points(plan, plan_observations, as_of=2024)
    kinds = plan.set_index("id")["kind"]
    one_assess = median_seconds(lambda: assess(plan, plan_observations, as_of=2024))
    one_reference = median_seconds(lambda: reference_fits(plan_points, kinds))
    print(f"one assess of the plan's {len(plan)}:    {one_assess * 1000:8.1f} ms  (median of {CALLS} calls)")
    print(f"reference fits of its series:    {one_reference * 1000:8.1f} ms")
    print(f"ratio assess / reference fits:   {one_assess / one_reference:8.3f}")


CALLS = 40
DATA = Path(__file__).resolve().parent.parent / "data"


def median_seconds(call) -> float:
    call()  # warm
    times = []
    for _ in range(CALLS):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return float(np.median(times))


def reference_fits(points: pd.DataFrame, kinds: pd.Series) -> int:
    """Fit each series of three points or more with the reference libraries; returns how many were fitted."""
    fitted = 0
    for indicator_id, series in points.groupby("indicator_id", sort=False):
        if len(series) < 3:
            continue
        if kinds[indicator_id] == "level":
            theil_sen_reference(series["year"], series["value"])
        elif kinds[indicator_id] == "cumulative":
            additions = np.diff(series["value"].to_numpy())
            if additions.sum() > 0:
                fit_counts_statsmodels(additions, np.diff(series["year"].to_numpy()))
        elif series["value"].sum() > 0:
            fit_counts_statsmodels(series["value"], np.ones(len(series)))
        fitted += 1
    return fitted


if __name__ == "__main__":
    main()
