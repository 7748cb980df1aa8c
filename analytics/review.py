"""A finished plan's review: each row's target, its target-year result and whether it was achieved.

The 13th plan's table (“十三五”时期主要指标完成表) prints, per row, a category, the target, the
2020 result (``{15}家`` five-year new, ``<97.1%>`` five-year average) and 完成指标情况. Here the
verdict is computed from the stored result and the row's comparison, and set beside the printed one.
Any other plan whose target year has figures (the 14th once its 2025 figures are in) gets the same
review with no printed column: :func:`results_rows` is the table the county prints, 完成 / 未完成.
While rows are still forecasts, :func:`provisional_line` says so (issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.assess import UNASSESSED_KINDS, achievement_points, meets
from analytics.cards import name, unit
from analytics.catalog import plan_catalog, plans
from analytics.formatting import COMPARISON_SIGNS, number, target_text, with_unit
from analytics.labels import text

REVIEW_PLAN = "p13"  # the finished plan whose printed results the review page shows
RESULT_COLUMNS = ["seq", "category", "name", "unit", "baseline", "target", "result", "outcome"]
RESULT_EXTRA = ["domain", "baseline_year", "baseline_value", "target_year"]

REVIEW_COLUMNS = [
    "id",
    "seq",
    "category_zh",
    "category_en",
    "name_zh",
    "name_en",
    "unit",
    "unit_en",
    "kind",
    "comparison",
    "target_value",
    "target_text",
    "result_year",
    "result_value",
    "result_text",
    "note_type",
    "reported_outcome",
    "achieved",
    "reported_achieved",
    "agrees",
]


def printed_target(row: dict, lang: str) -> str:
    """A finished plan's target: in Chinese as the plan prints it ("10家"); in English in the English unit
    with its sign ("≥10 organisations"), and a statement target (a qualitative row's own name) as its
    English name."""
    if lang == "zh":
        return row["target_text"]
    if row["comparison"] in COMPARISON_SIGNS:
        return with_unit(target_text(row["comparison"], row["target_value"]), row["unit_en"], lang)
    return row["name_en"] if row["target_text"] == row["name_zh"] else row["target_text"]


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
    at_target = points.merge(
        rows[["id", "target_year"]], left_on=["indicator_id", "year"], right_on=["id", "target_year"]
    ).set_index("indicator_id")
    result_value = rows["id"].map(at_target["achieved"]).astype(float)
    result_year = rows["id"].map(at_target["year"]).astype("Int64")
    quantitative = (~rows["kind"].isin(UNASSESSED_KINDS)).to_numpy()
    has_result = result_value.notna().to_numpy()
    met = meets(result_value, rows["target_value"], rows["comparison"])
    achieved = [bool(m) if q and r else None for m, q, r in zip(met, quantitative, has_result, strict=False)]
    reported = [reported_verdict(o) for o in rows["reported_outcome"]]
    agrees = [None if a is None or p is None else a == p for a, p in zip(achieved, reported, strict=False)]
    verdicts = {  # object columns: True, False or None, never numpy booleans
        name: pd.Series(values, index=rows.index, dtype=object)
        for name, values in {"achieved": achieved, "reported_achieved": reported, "agrees": agrees}.items()
    }
    return rows.assign(result_year=result_year, result_value=result_value, **verdicts).loc[:, REVIEW_COLUMNS]


def review_summary(table: pd.DataFrame) -> ReviewSummary:
    """Counts for the headline: "17 of 17 quantitative indicators achieved; 1 qualitative recorded"."""
    unassessed = table["kind"].isin(UNASSESSED_KINDS)
    quantitative, qualitative = table[~unassessed], table[unassessed]
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


# --- provisional or final (issue 16) -------------------------------------------------------------
def provisional_year(assessment: pd.DataFrame, as_of: int) -> int | None:
    """The target year, once ``as_of`` has reached it while an assessed row is still a forecast (``final``
    false): its figures are awaited. None before the target year (every figure is a projection then, and
    the pages say so in other words) and once every numeric row is final; qualitative rows are recorded,
    never forecast.
    """
    numeric = assessment[~assessment["kind"].isin(UNASSESSED_KINDS)]
    pending = numeric[(numeric["target_year"] <= as_of) & ~numeric["final"].astype(bool)]
    return int(pending["target_year"].max()) if len(pending) else None


def provisional_line(assessment: pd.DataFrame, lang: str, *, as_of: int) -> str | None:
    """ "2025年数据尚未报送，以下为预判" as of the target year while any row is provisional, else None."""
    year = provisional_year(assessment, as_of)
    return None if year is None else text("final.provisional", lang, year=year)


def verdict_notes(assessment: pd.DataFrame, lang: str, *, as_of: int) -> list[str]:
    """For each row of ``assessment``, in order: on a row still a forecast as of its target year, a
    note saying so (blank on final and qualitative rows, and before the target year)."""
    numeric = ~assessment["kind"].isin(UNASSESSED_KINDS).to_numpy()
    reached = assessment["target_year"].to_numpy(float) <= as_of
    forecast = ~assessment["final"].astype(bool).to_numpy() & numeric & reached
    return [
        text("final.provisional", lang, year=int(y)) if f else ""
        for f, y in zip(forecast, assessment["target_year"], strict=True)
    ]


# --- any plan whose target year has figures (issue 16) -----------------------------------------
def plans_with_results(catalog: pd.DataFrame, observations: pd.DataFrame) -> list[str]:
    """The plans, oldest first, where at least one numeric indicator has its target-year figure."""
    found = []
    for plan in plans(catalog)["plan"]:
        table = review_table(plan_catalog(catalog, plan), observations)
        if table.loc[~table["kind"].isin(UNASSESSED_KINDS), "result_value"].notna().any():
            found.append(str(plan))
    return found


def results_table(catalog: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """:func:`review_table` with the catalog columns the results table prints besides (``RESULT_EXTRA``)."""
    table = review_table(catalog, observations)
    return table.join(catalog.set_index("id")[RESULT_EXTRA], on="id")


def has_printed_results(table: pd.DataFrame) -> bool:
    """Whether the catalog carries the plan's own printed results (as the 13th plan's does)."""
    return bool((table["result_text"] != "").any())


def results_rows(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`results_table` as the county's results table, in ``lang``: ``RESULT_COLUMNS``.

    ``category`` is the printed category, else the domain; ``outcome`` is 完成 / 未完成 from the
    target-year figure, 尚无数据 without one, and 定性记录 for a qualitative row.
    """
    records = table.to_dict("records")

    def outcome(row) -> str:
        if row["kind"] in UNASSESSED_KINDS:
            return text("review.achieved.qualitative", lang)
        if row["achieved"] is None:
            return text("results.no_figure", lang, year=int(row["target_year"]))
        return text("results.done" if row["achieved"] else "results.not_done", lang)

    def category(row) -> str:
        printed = row["category_en" if lang == "en" else "category_zh"]
        return printed or text(f"domain.{row['domain']}", lang)

    return pd.DataFrame(
        {
            "seq": table["seq"].astype(int).to_numpy(),
            "category": [category(r) for r in records],
            "name": [name(r, lang) for r in records],
            "unit": [unit(r, lang) for r in records],
            "baseline": [number(r["baseline_value"]) for r in records],
            "target": [
                r["target_text"] or target_text(r["comparison"], r["target_value"])
                if r["comparison"]
                else r["target_text"]
                for r in records
            ],
            "result": [number(r["result_value"]) for r in records],
            "outcome": [outcome(r) for r in records],
        },
        columns=RESULT_COLUMNS,
    )
