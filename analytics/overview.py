"""Headline figures for the overview: statuses counted, time elapsed against distance covered,
and every indicator in one table, all labelled in one language, ready to draw."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.assess import Status, meets
from analytics.cards import status_text, status_texts
from analytics.catalog import DOMAINS
from analytics.labels import text
from analytics.tables import overview_table
from analytics.review import with_verdict_note

STATUS_ORDER = [
    Status.ACHIEVED, Status.MET_AT_RISK, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NOT_ACHIEVED,
    Status.INSUFFICIENT_DATA,
]


def status_counts(assessment: pd.DataFrame) -> pd.DataFrame:
    """Counts per status (columns, in STATUS_ORDER) for every domain, in the dashboards' order
    (product, service, engineering, environment), and ``all`` (rows)."""
    numeric = assessment[assessment["status"] != Status.QUALITATIVE]
    by_domain = pd.crosstab(numeric["domain"], numeric["status"])
    menu_order = sorted(by_domain.index, key=lambda d: DOMAINS.index(d) if d in DOMAINS else len(DOMAINS))
    by_domain = by_domain.reindex(menu_order)
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
    numeric = assessment["status"] != Status.QUALITATIVE
    moving = assessment[~met_at_baseline & assessment["progress"].notna() & numeric]
    return float(moving["progress"].clip(0, 1).mean()) if len(moving) else float("nan")


@dataclass(frozen=True)
class OverviewFigures:
    """The overview's figures in one language. Shared between sessions by the app: read only."""
    counts: pd.DataFrame  # statuses (columns) per domain and "all" (rows), as ``status_counts``
    by_domain: pd.DataFrame  # the same per domain, labelled for people
    elapsed: float
    covered: float
    table: pd.DataFrame  # every indicator (``overview_table``), status with its icon
    export: pd.DataFrame  # the same for download, status in words

    def total(self, status: str) -> int:
        return int(self.counts.loc["all", status]) if "all" in self.counts.index else 0


def overview_figures(assessment: pd.DataFrame, as_of: int, lang: str) -> OverviewFigures:
    """Everything the overview shows of one assessment at ``as_of``, in ``lang``."""
    counts = status_counts(assessment)
    by_domain = counts.drop(index="all", errors="ignore")
    by_domain.index = [text(f"domain.{d}", lang) for d in by_domain.index]
    by_domain.columns = [status_text(s, lang) for s in by_domain.columns]
    table = overview_table(assessment, lang)
    return OverviewFigures(
        counts=counts, by_domain=by_domain,
        elapsed=time_elapsed(assessment, as_of), covered=distance_covered(assessment),
        table=table.assign(status=status_texts(assessment["status"], assessment["must_hold"], assessment["target_year"],
                                               lang)),
        export=with_verdict_note(table.assign(status=[text(f"status.{s}", lang) for s in assessment["status"]]),
                                 assessment, lang),
    )
