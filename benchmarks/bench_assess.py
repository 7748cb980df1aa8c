"""Assess 10,010 synthetic series (26 indicators x 385 regions) and compare with per-series fits.

Prints the time of one ``assess`` call over every series (goal: under 2 s), and the time of fitting
the same models one series at a time with the reference libraries (scipy's Theil-Sen for levels, a
statsmodels Poisson GLM for counts), with their ratio. Run: ``python benchmarks/bench_assess.py``.
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
    kinds = catalog.set_index("id")["kind"]
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
    per_series = time.perf_counter() - started

    print(f"series assessed:                 {len(table):>8,}")
    print(f"assess() over all series:        {vectorised:8.3f} s")
    print(f"reference fits once per series:  {per_series:8.3f} s  ({fitted:,} fits)")
    print(f"ratio assess / reference loop:   {vectorised / per_series:8.3f}  ({per_series / vectorised:.1f}x faster)")
    print(f"statuses: {table['status'].value_counts().to_dict()}")


if __name__ == "__main__":
    main()
