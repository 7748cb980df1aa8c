"""Tables shaped for people: one readable column per figure, texts in the reader's language."""

from __future__ import annotations

import pandas as pd

from analytics.cards import name, status_texts, unit
from analytics.formatting import COMPARISON_SIGNS, figure, number, percent, target_text, unit_text
from analytics.kinds import rules
from analytics.labels import TEXTS, text
from analytics.provenance import is_illustrative
from analytics.review import printed_target


def overview_table(assessment: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The overview's columns: latest "95.9 (2024)", projection "96.2 (96.1-96.3)", and raw figures."""
    latest = [
        f"{number(v)} ({int(y)})" if pd.notna(y) else "—"
        for v, y in zip(assessment["latest_value"], assessment["latest_year"], strict=False)
    ]
    projection = [  # a count's projection in whole things: "5 (5-6)", not "5.38 (5-6)"
        "—" if pd.isna(p) else (f"{figure(p, k)} ({figure(lo, k)}-{figure(hi, k)})" if pd.notna(lo) else figure(p, k))
        for p, lo, hi, k in zip(
            assessment["projected_value"],
            assessment["projected_low"],
            assessment["projected_high"],
            assessment["kind"],
            strict=False,
        )
    ]
    # A qualitative row (the 13th plan's) has no comparison: its target is a statement, not a figure.
    target = [
        target_text(c, v) if c in COMPARISON_SIGNS else "—"
        for c, v in zip(assessment["comparison"], assessment["target_value"], strict=False)
    ]
    # Progress capped to ±100% and flagged where baseline and target are too close for it to mean much
    # (issue 13: #25 read -1900%); the raw figure stays in ``assess``.
    return pd.DataFrame(
        {
            "id": assessment["id"],
            "status": assessment["status"],
            "seq": assessment["seq"].astype(int),
            "name": assessment["name_en" if lang == "en" else "name_zh"],
            "unit": [unit_text(u) for u in assessment["unit_en" if lang == "en" else "unit"]],
            "baseline_value": assessment["baseline_value"],
            "baseline": [number(v) for v in assessment["baseline_value"]],  # "—" where the plan prints none
            "latest": latest,
            "target": target,
            "gap": assessment["gap"],
            "progress": assessment["progress"],
            "probability": assessment["probability"],
            "progress_shown": [
                text("table.progress_indicative", lang, progress=percent(v)) if not reliable else percent(v)
                for v, reliable in zip(assessment["progress_capped"], assessment["progress_reliable"], strict=True)
            ],
            "probability_shown": [percent(v) for v in assessment["probability"]],
            "projection": projection,
        }
    )


def find_indicator(catalog: pd.DataFrame, key: str | None, *, plan: str) -> pd.Series | None:
    """The catalog row named by ``key``: an id (``p14-03``, any case) or a seq number of ``plan`` (``3``).

    None when ``key`` is missing or names no indicator.
    """
    key = (key or "").strip()
    if not key:
        return None
    by_id = catalog[catalog["id"].str.lower() == key.lower()]
    if len(by_id):
        return by_id.iloc[0]
    if key.isdigit():
        by_seq = catalog[(catalog["plan"] == plan) & (catalog["seq"] == int(key))]
        if len(by_seq):
            return by_seq.iloc[0]
    return None


def observation_history(observations: pd.DataFrame, indicator: pd.Series, *, as_of: int) -> pd.DataFrame:
    """One indicator's stored observations up to ``as_of``, oldest first.

    Columns: ``year, value, running_sum`` (the total since the period began, for
    ``new_in_period`` indicators; NaN otherwise), ``note, source, revision_id, illustrative``.
    """
    rows = observations[(observations["indicator_id"] == indicator["id"]) & (observations["year"] <= as_of)]
    rows = rows.sort_values("year").reset_index(drop=True)
    running_sum = pd.Series(float("nan"), index=rows.index)
    if rules(indicator["kind"]).sums_additions:
        start = indicator["baseline_year"]
        in_period = rows["year"] > start if pd.notna(start) else pd.Series(True, index=rows.index)
        running_sum = rows["value"].where(in_period, 0.0).cumsum().where(in_period)
    revision = rows["revision_id"] if "revision_id" in rows else pd.Series(pd.NA, index=rows.index)
    return pd.DataFrame(
        {
            "year": rows["year"].astype(int),
            "value": rows["value"].astype(float),
            "running_sum": running_sum.astype(float),
            "note": rows["note"].fillna("").astype(str),
            "source": rows["source"].fillna("").astype(str),
            "revision_id": revision.astype("Int64"),
            "illustrative": is_illustrative(rows["source"]),
        }
    )


def indicator_revisions(history: pd.DataFrame, revisions: pd.DataFrame) -> pd.DataFrame:
    """The revisions that wrote the rows of ``history``, newest first, with the years each wrote."""
    years = (
        history.dropna(subset=["revision_id"])
        .groupby("revision_id")["year"]
        .agg(lambda y: ", ".join(str(v) for v in sorted(y)))
    )
    touched = revisions[revisions["id"].isin(years.index)].copy()
    touched["years"] = touched["id"].map(years)
    columns = ["id", "created_at", "action", "author", "note", "file_name", "years"]
    return touched.loc[:, columns].sort_values("id", ascending=False).reset_index(drop=True)


def marked_history(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``observation_history`` with its ``illustrative`` column in words: the mark, or empty."""
    mark = text("history.illustrative_mark", lang)
    return history.assign(illustrative=[mark if flag else "" for flag in history["illustrative"]])


def worded_revisions(touched: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``indicator_revisions`` with each action in words (an action without words is kept as stored)."""
    return touched.assign(
        action=[text(f"history.action.{a}", lang) if f"history.action.{a}" in TEXTS else a for a in touched["action"]]
    )


def worded_review(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of ``analytics.review.review_table`` with the name, both verdicts and the note type in words."""

    def achieved(row) -> str:
        if row["kind"] == "qualitative":
            return text("review.achieved.qualitative", lang)
        if row["achieved"] is None:
            return text("review.achieved.missing", lang)
        return text("review.achieved.yes" if row["achieved"] else "review.achieved.no", lang)

    def reported(row) -> str:
        if row["reported_achieved"] is None:
            return text("review.reported.blank", lang)
        key = "review.reported.yes" if row["reported_achieved"] else "review.reported.no"
        return text(key, lang, value=row["reported_outcome"])

    records = rows.to_dict("records")
    return rows.assign(
        target_text=[printed_target(row, lang) for row in records],
        name=[name(row, lang) for row in records],
        achieved=[achieved(row) for row in records],
        reported=[reported(row) for row in records],
        note_type=[
            text(f"note_type.{n or 'plain'}", lang) if k != "qualitative" else "—"
            for n, k in zip(rows["note_type"], rows["kind"], strict=False)
        ],
    )


def what_it_takes_table(needs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``analytics.scenario.what_it_takes`` for the indicators with data: trend and the changes needed."""
    needs = needs[needs["latest_value"].notna()]
    records = needs.to_dict("records")
    return pd.DataFrame(
        {
            "seq": needs["seq"].astype(int),
            "name": [name(row, lang) for row in records],
            "unit": [unit(row, lang) for row in records],
            "latest_value": needs["latest_value"],
            "target": [target_text(c, v) for c, v in zip(needs["comparison"], needs["target_value"], strict=False)],
            "trend": needs["trend"],
            "to_meet": needs["to_meet"],
            "to_likely": needs["to_likely"],
        }
    )


def comparison_table(compared: pd.DataFrame, assumptions: list[str], lang: str) -> pd.DataFrame:
    """``analytics.scenario.compare`` for reading: changed statuses first, then in plan order;
    ``assumptions`` are the words for each row's assumption, in ``compared``'s order."""
    compared = compared.assign(assumption=assumptions).sort_values(["status_changed", "seq"], ascending=[False, True])
    records = compared.to_dict("records")
    changed, same = text("scenario.changed", lang), text("scenario.same", lang)
    must_hold, target_years = compared["must_hold"], compared["target_year"]
    return pd.DataFrame(
        {
            "status_changed": [changed if c else same for c in compared["status_changed"]],
            "seq": compared["seq"].astype(int),
            "name": [name(row, lang) for row in records],
            "unit": [unit(row, lang) for row in records],
            "status_baseline": status_texts(compared["status_baseline"], must_hold, target_years, lang),
            "status_scenario": status_texts(compared["status_scenario"], must_hold, target_years, lang),
            "probability_baseline": compared["probability_baseline"],
            "probability_scenario": compared["probability_scenario"],
            "projected_baseline": compared["projected_baseline"],
            "projected_scenario": compared["projected_scenario"],
            "annual_change_assumed": compared["annual_change_assumed"],
            "assumption": compared["assumption"],
        }
    )
