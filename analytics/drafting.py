"""Drafting the next plan and checking its targets before it is adopted (issue 16).

:func:`draft_from_plan` starts a new plan from the previous one: every indicator carried on
(``continues``), its latest figure as the new baseline. :func:`check_draft` says for each row of a
draft what is wrong with it (the problems ``catalog import`` gives) and how realistic its target is:
the chance of reaching it by the target year at the trend of the indicator it continues, the yearly
change the target needs against the change of the last five years, and a plain verdict.

Verdicts (``VERDICTS``), in this order:

* ``met`` (已达到): the baseline already meets the draft target;
* with a probability (three or more points of history): ``easy`` (较易) at >= 75%, ``effort``
  (需加力) at 25-75%, ``very_hard`` (难度很大) below 25% -- the dashboard's own on-track / at-risk
  thresholds (``analytics.assess.ON_TRACK_PROBABILITY``, ``AT_RISK_PROBABILITY``);
* without one, the needed yearly change against the last five years': ``easy`` up to 1x,
  ``effort`` up to 2x (``HARD_RATIO``), ``very_hard`` beyond (or when the recent change went the
  other way); ``unknown`` when there is no recent change to compare with.

Nothing here writes: the store is only read.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.assess import (
    AT_RISK_PROBABILITY,
    ON_TRACK_PROBABILITY,
    SUM_KINDS,
    UNASSESSED_KINDS,
    achievement_points,
    assess,
    meets,
)
from analytics.catalog import CATALOG_COLUMNS, normalise_catalog, plan_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.export import csv_bytes
from analytics.problems import Problem

RECENT_YEARS = 5  # "the change of the last five years"
HARD_RATIO = 2.0  # without a probability: needing more than twice the recent yearly change is very hard
VERDICTS = ("met", "easy", "effort", "very_hard", "unknown", "qualitative")
CHECK_COLUMNS = [
    "row",
    "id",
    "seq",
    "name_zh",
    "name_en",
    "unit",
    "continues",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "required_annual_change",
    "recent_annual_change",
    "ratio",
    "probability",
    "verdict",
    "problems",
]
DRAFT_FILE_NAME = "draft_catalog.csv"


def draft_from_plan(
    catalog: pd.DataFrame,
    observations: pd.DataFrame,
    previous_plan: str,
    *,
    plan: str,
    plan_name_zh: str,
    plan_name_en: str,
    target_year: int,
) -> pd.DataFrame:
    """A new plan's catalog started from ``previous_plan``: the same indicators, ids ``{plan}-01``...,
    each ``continues`` its predecessor, its latest figure (and that figure's year) as the baseline,
    ``target_year`` as the target year and the previous target as a first draft target.

    A new-in-period count's baseline is the previous period's total (as the plans print it); an
    indicator without any figure keeps the previous baseline.
    """
    rows = plan_catalog(catalog, previous_plan).sort_values("seq").reset_index(drop=True)
    last_year = int(rows["target_year"].max())
    points = achievement_points(rows, observations, as_of=last_year)
    latest = points.groupby("indicator_id").last()
    has_figure = rows["id"].isin(latest.index)
    numeric = ~rows["kind"].isin(UNASSESSED_KINDS)
    baseline_value = np.where(has_figure & numeric, rows["id"].map(latest["achieved"]), rows["baseline_value"])
    baseline_year = np.where(has_figure & numeric, rows["id"].map(latest["year"]), rows["baseline_year"])
    draft = rows.assign(
        id=[f"{plan}-{int(s):02d}" for s in rows["seq"]],
        plan=plan,
        plan_name_zh=plan_name_zh,
        plan_name_en=plan_name_en,
        continues=np.where(numeric, rows["id"], ""),
        baseline_year=pd.array(baseline_year, dtype="Int64"),
        baseline_value=baseline_value.astype(float),
        target_year=target_year,
        target_text="",
        category_zh="",
        category_en="",
        result_text="",
        note_type="",
        reported_outcome="",
    )
    return normalise_catalog(draft)


def draft_csv(draft: pd.DataFrame) -> bytes:
    """The draft as a catalog CSV (the columns of data/catalog_p14.csv), as ``catalog import`` reads it."""
    return csv_bytes(normalise_catalog(draft).loc[:, list(CATALOG_COLUMNS)])


def read_draft(content: bytes, file_name: str, existing: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """A draft catalog file checked as ``catalog import`` checks it (ids of other plans are taken)."""
    return load_catalog_file(content, file_name, existing=existing)


def check_draft(
    draft: pd.DataFrame, problems: list[Problem], catalog: pd.DataFrame, observations: pd.DataFrame, *, lang: str
) -> pd.DataFrame:
    """One row per draft row: ``CHECK_COLUMNS``. ``row`` is the file row (header = 1), ``problems``
    the row's problem messages in ``lang`` joined by "; " (blank when none).

    ``probability`` is :func:`analytics.assess.assess` of the draft at the latest year with data, so
    a carried-on row is projected on its predecessor's years (``analytics.continuity``).
    """
    draft = normalise_catalog(draft)
    rows = pd.Series(range(2, len(draft) + 2), index=draft.index)
    messages = {r: "; ".join(p.message(lang) for p in problems if p.row == r) for r in rows}
    assessable = draft[
        draft["baseline_year"].notna()
        & draft["target_year"].notna()
        & (draft["target_year"] >= draft["baseline_year"])
        & ~draft["id"].duplicated(keep=False)
    ]
    probability = pd.Series(np.nan, index=draft["id"].unique())
    if not assessable.empty:
        as_of = int(assessable["baseline_year"].max())
        assessed = assess(assessable, observations, as_of=as_of).set_index("id")
        probability = assessed["probability"]
    required, recent = _required_change(draft), _recent_change(draft, catalog, observations)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(np.abs(recent) > 0, required / recent, np.nan)
    p = draft["id"].map(probability).astype(float).where(~draft["id"].duplicated(keep=False)).to_numpy()
    met = meets(draft["baseline_value"], draft["target_value"], draft["comparison"])
    verdict = _verdicts(draft, met, p, required, recent)
    return draft.assign(
        row=rows,
        required_annual_change=required,
        recent_annual_change=recent,
        ratio=ratio,
        probability=p,
        verdict=verdict,
        problems=[messages[r] for r in rows],
    ).loc[:, CHECK_COLUMNS]


def _required_change(draft: pd.DataFrame) -> np.ndarray:
    """The yearly change the target needs from the baseline: (target - baseline) / years; for a
    new-in-period count, the target over the period's years (the sum starts at 0)."""
    years = (draft["target_year"] - draft["baseline_year"]).astype(float).to_numpy()
    start = np.where(draft["kind"].isin(SUM_KINDS), 0.0, draft["baseline_value"].to_numpy(float))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(years > 0, (draft["target_value"].to_numpy(float) - start) / years, np.nan)


def _recent_change(draft: pd.DataFrame, catalog: pd.DataFrame, observations: pd.DataFrame) -> np.ndarray:
    """The yearly change of the continued indicator over its last five years of figures: (latest -
    the figure five years before, or the earliest within them) / years; for a new-in-period count the
    mean of its yearly additions. NaN without a predecessor or with one figure only."""
    continued = catalog[catalog["id"].isin(set(draft["continues"]) - {""})]
    if continued.empty:
        return np.full(len(draft), np.nan)
    as_of = int(continued["target_year"].max())
    points = achievement_points(continued, observations, as_of=as_of)
    kinds = continued.set_index("id")["kind"]
    change = {}
    for identifier, series in points.groupby("indicator_id"):
        window = series[series["year"] >= series["year"].max() - RECENT_YEARS]
        if kinds[identifier] in SUM_KINDS:
            change[identifier] = float(window["value"].mean())
        elif len(window) >= 2:
            span = window["year"].iloc[-1] - window["year"].iloc[0]
            change[identifier] = float((window["achieved"].iloc[-1] - window["achieved"].iloc[0]) / span)
    return draft["continues"].map(change).astype(float).to_numpy()


def _verdicts(
    draft: pd.DataFrame, met: np.ndarray, probability: np.ndarray, required: np.ndarray, recent: np.ndarray
) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = required / recent
    has_p = np.isfinite(probability)
    has_recent = np.isfinite(recent) & np.isfinite(required)
    opposite = has_recent & (np.sign(recent) != np.sign(required)) & (np.abs(required) > 0)
    return np.select(
        [
            draft["kind"].isin(UNASSESSED_KINDS).to_numpy(),
            met,
            has_p & (probability >= ON_TRACK_PROBABILITY),
            has_p & (probability >= AT_RISK_PROBABILITY),
            has_p,
            has_recent & ~opposite & (ratio <= 1),
            has_recent & ~opposite & (ratio <= HARD_RATIO),
            has_recent,
        ],
        ["qualitative", "met", "easy", "effort", "very_hard", "easy", "effort", "very_hard"],
        default="unknown",
    ).astype(str)


def draft_file(draft: pd.DataFrame) -> tuple[bytes, str]:
    """The bytes and name the check and the "add" button read: the draft exactly as downloaded."""
    return draft_csv(draft), DRAFT_FILE_NAME
