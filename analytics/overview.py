"""Headline figures for the overview: statuses counted, time elapsed against distance covered."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.assess import Status, meets
from analytics.catalog import DOMAINS

STATUS_ORDER = [
    Status.ACHIEVED, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NOT_ACHIEVED,
    Status.INSUFFICIENT_DATA,
]


def status_counts(assessment: pd.DataFrame) -> pd.DataFrame:
    """Counts per status (columns, in STATUS_ORDER) for every domain, in the dashboards' order
    (product, service, engineering, environment), and ``all`` (rows)."""
    numeric = assessment[assessment["status"] != Status.QUALITATIVE]
    by_domain = pd.crosstab(numeric["domain"], numeric["status"])
    by_domain = by_domain.reindex(sorted(by_domain.index, key=lambda d: DOMAINS.index(d) if d in DOMAINS else len(DOMAINS)))
    by_domain.loc["all"] = by_domain.sum()
    return by_domain.reindex(columns=[str(s) for s in STATUS_ORDER], fill_value=0).astype(int)


def time_elapsed(assessment: pd.DataFrame, as_of: int) -> float:
    """Share of the plan period gone by at ``as_of`` (0 at the baseline year, 1 at the target)."""
    start, end = assessment["baseline_year"].min(), assessment["target_year"].max()
    if pd.isna(start) or end == start:
        return float("nan")
    return float(np.clip((as_of - start) / (end - start), 0, 1))


def distance_covered(assessment: pd.DataFrame) -> float:
    """Mean progress of the indicators that have a baseline-to-target distance, each capped to 0-1.

    Targets the baseline already met (maintain-type, PM2.5) have no distance and are left out.
    """
    met_at_baseline = (assessment["kind"] != "new_in_period") & meets(
        assessment["baseline_value"], assessment["target_value"], assessment["comparison"]
    )
    moving = assessment[~met_at_baseline & assessment["progress"].notna() & (assessment["status"] != Status.QUALITATIVE)]
    return float(moving["progress"].clip(0, 1).mean()) if len(moving) else float("nan")
