"""Assess 10,010 synthetic series (26 indicators x 385 regions) and compare with statsmodels.

Prints the time of one ``assess`` call over every series, and the time of fitting the same
drift model with statsmodels once per series in this process (the baseline), with their ratio.
Run: ``python benchmarks/bench_assess.py``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import assess, load_catalog  # noqa: E402
from analytics.assess import _yearly_changes, achievement_points  # noqa: E402
from analytics.projection import fit_drift_statsmodels  # noqa: E402

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
    changes = _yearly_changes(achievement_points(catalog, observations, as_of=2024), catalog)
    fitted = 0
    for _, series in changes.groupby("key", sort=False):
        if len(series) >= 2:
            fit_drift_statsmodels(series["rate"].to_numpy(), series["weight"].to_numpy())
            fitted += 1
    per_series = time.perf_counter() - started

    print(f"series assessed:                 {len(table):>8,}")
    print(f"assess() over all series:        {vectorised:8.3f} s")
    print(f"statsmodels once per series:     {per_series:8.3f} s  ({fitted:,} fits)")
    print(f"ratio assess / statsmodels loop: {vectorised / per_series:8.3f}  ({per_series / vectorised:.1f}x faster)")
    print(f"statuses: {table['status'].value_counts().to_dict()}")


if __name__ == "__main__":
    main()
