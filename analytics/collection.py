"""The data-collection board of one year: which indicators of a plan have a figure for it, which
are missing, who is answerable (``department``, 责任单位) and when each figure was last changed.

Only stored observations count (a catalog baseline is not collected). Times are the revision's,
shown in Beijing time (UTC+8, no daylight saving), and labelled so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

import pandas as pd

from analytics.kinds import kinds_where

BEIJING = timezone(timedelta(hours=8), "UTC+8")
COLLECTED_KINDS = kinds_where(numeric=True)  # qualitative rows are recorded as printed, not collected
BOARD_COLUMNS = [
    "seq",
    "id",
    "name_zh",
    "name_en",
    "unit",
    "unit_en",
    "department",
    "year",
    "reported",
    "value",
    "changed_at",
    "revision_id",
]


@dataclass(frozen=True)
class BoardSummary:
    year: int
    expected: int  # numeric indicators of the plan
    reported: int  # of those, with a figure for the year
    missing: tuple[str, ...]  # ids without one, in plan order
    last_changed: str  # the newest change among the year's figures, Beijing time; "" when none


def beijing_time(moment) -> str:
    """A timestamp as ``2026-03-02 17:05`` in Beijing time (naive values are read as UTC)."""
    if moment is None or pd.isna(moment):
        return ""
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return stamp.tz_convert(BEIJING).strftime("%Y-%m-%d %H:%M")


def collection_board(
    indicators: pd.DataFrame, observations: pd.DataFrame, revisions: pd.DataFrame, *, year: int
) -> pd.DataFrame:
    """One row per numeric indicator of ``indicators`` (one plan), in plan order: ``BOARD_COLUMNS``.

    ``observations`` are the store's (``indicator_id, year, value, revision_id``), ``revisions``
    the store's revisions (``id, created_at``). ``reported`` is whether a figure for ``year`` is
    stored; ``changed_at`` is when it was last written (Beijing time), blank when missing.
    """
    rows = indicators[indicators["kind"].isin(COLLECTED_KINDS)].sort_values("seq").reset_index(drop=True)
    stored = observations[(observations["year"] == year) & observations["value"].notna()]
    stored = stored.drop_duplicates("indicator_id", keep="last").set_index("indicator_id")
    written_at = revisions.set_index("id")["created_at"]
    revision = rows["id"].map(stored["revision_id"]) if "revision_id" in stored else pd.Series(pd.NA, rows.index)
    revision = revision.astype("Int64")
    return rows.assign(
        year=year,
        reported=rows["id"].isin(stored.index).to_numpy(),
        value=rows["id"].map(stored["value"]).astype(float),
        changed_at=[beijing_time(written_at.get(r)) if pd.notna(r) else "" for r in revision],
        revision_id=revision,
    ).loc[:, BOARD_COLUMNS]


def board_summary(board: pd.DataFrame, year: int) -> BoardSummary:
    changed = [c for c in board["changed_at"] if c]
    return BoardSummary(
        year=year,
        expected=len(board),
        reported=int(board["reported"].sum()),
        missing=tuple(board.loc[~board["reported"], "id"]),
        last_changed=max(changed) if changed else "",
    )
