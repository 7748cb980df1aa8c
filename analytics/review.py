"""A finished plan's review: each row's target, printed result and whether it was achieved.

The 13th plan's table (“十三五”时期主要指标完成表) prints, per row, a category, the target, the
2020 result (``{15}家`` five-year new, ``<97.1%>`` five-year average) and 完成指标情况. Here the
verdict is computed from the stored result and the row's comparison, and set beside the printed one.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.assess import achievement_points, meets

REVIEW_PLAN = "p13"  # the finished plan whose printed results the review page shows

REVIEW_COLUMNS = [
    "id", "seq", "category_zh", "category_en", "name_zh", "name_en", "kind", "comparison",
    "target_value", "target_text", "result_year", "result_value", "result_text", "note_type",
    "reported_outcome", "achieved", "reported_achieved", "agrees",
]


@dataclass(frozen=True)
class ReviewSummary:
    quantitative: int  # rows with a numeric target
    achieved: int  # of those, achieved by the computed verdict
    reported_achieved: int  # of those, printed as 完成
    qualitative: int  # qualitative rows, recorded as printed
    qualitative_reported: int  # of those, printed as 完成
    missing: tuple[str, ...]  # quantitative rows without a result
    disagreements: tuple[str, ...]  # rows where the computed and printed verdicts differ


def reported_verdict(outcome: str) -> bool | None:
    """完成 -> True, 未完成 (or anything with 未) -> False, blank -> None."""
    outcome = (outcome or "").strip()
    if not outcome:
        return None
    return "未" not in outcome and "完成" in outcome


def review_table(catalog: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator of one finished plan, in printed order, with both verdicts.

    ``result_value`` is what the plan judged: the point at the target year (the running total
    since the period began for five-year-new rows); a row without one has no result. ``achieved`` is None for a
    qualitative row or a row without a result; ``agrees`` is None where either verdict is.
    """
    rows = catalog.sort_values("seq").reset_index(drop=True)
    target_year = int(rows["target_year"].max())
    points = achievement_points(rows, observations, as_of=target_year)
    at_target = points.merge(rows[["id", "target_year"]], left_on=["indicator_id", "year"],
                             right_on=["id", "target_year"]).set_index("indicator_id")
    result_value = rows["id"].map(at_target["achieved"]).astype(float)
    result_year = rows["id"].map(at_target["year"]).astype("Int64")
    quantitative = (rows["kind"] != "qualitative").to_numpy()
    has_result = result_value.notna().to_numpy()
    met = meets(result_value, rows["target_value"], rows["comparison"])
    achieved = [bool(m) if q and r else None for m, q, r in zip(met, quantitative, has_result)]
    reported = [reported_verdict(o) for o in rows["reported_outcome"]]
    agrees = [None if a is None or p is None else a == p for a, p in zip(achieved, reported)]
    verdicts = {  # object columns: True, False or None, never numpy booleans
        name: pd.Series(values, index=rows.index, dtype=object)
        for name, values in {"achieved": achieved, "reported_achieved": reported, "agrees": agrees}.items()
    }
    return rows.assign(result_year=result_year, result_value=result_value, **verdicts).loc[:, REVIEW_COLUMNS]


def review_summary(table: pd.DataFrame) -> ReviewSummary:
    """Counts for the headline: "17 of 17 quantitative indicators achieved; 1 qualitative recorded"."""
    quantitative = table[table["kind"] != "qualitative"]
    qualitative = table[table["kind"] == "qualitative"]
    return ReviewSummary(
        quantitative=len(quantitative),
        achieved=int(sum(a is True for a in quantitative["achieved"])),
        reported_achieved=int(sum(r is True for r in quantitative["reported_achieved"])),
        qualitative=len(qualitative),
        qualitative_reported=int(sum(r is True for r in qualitative["reported_achieved"])),
        missing=tuple(quantitative.loc[quantitative["result_value"].isna(), "id"]),
        disagreements=tuple(table.loc[[a is False for a in table["agrees"]], "id"]),
    )


def categories(table: pd.DataFrame) -> list[str]:
    """The categories (Chinese, as printed) in the order the table prints them."""
    return list(dict.fromkeys(table["category_zh"]))

