"""A finished plan's results page: for the 13th plan its printed rows by category, as printed and as
computed; for any other plan whose target year has figures, the results table computed from them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.catalog import plan_catalog
from analytics.formatting import escape_markdown
from analytics.review import (
    RESULT_COLUMNS,
    REVIEW_PLAN,
    categories,
    has_printed_results,
    plans_with_results,
    results_rows,
    results_table,
    review_summary,
)
from analytics.tables import worded_review
from dashboard import data, state, widgets
from dashboard.state import t

COLUMNS = {
    "name": "review.col.name",
    "target_text": "review.col.target",
    "result_text": "review.col.result",
    "achieved": "review.col.achieved",
    "reported": "review.col.reported",
    "note_type": "review.col.note_type",
}


def category_table(rows: pd.DataFrame, name: str) -> None:
    """Rows of a finished plan's review (``analytics.review.review_table``), as the plan prints them: a
    category has one to five rows, so each is a whole table, not a grid."""
    widgets.whole_table(
        worded_review(rows, state.lang()),
        name,
        hide_index=True,
        column_order=list(COLUMNS),
        column_config={c: st.column_config.Column(t(key)) for c, key in COLUMNS.items()},
    )


def chosen_plan(eligible: list[str]) -> str:
    """The sidebar's plan when its target year has figures, else the latest plan that has; a choice
    between them when there are several."""
    sidebar = state.selected_plan()
    default = sidebar if sidebar in eligible else eligible[-1]
    if len(eligible) == 1:
        return default
    names = data.plan_table(state.data_revision()).set_index("plan")
    name_column = "plan_name_en" if state.lang() == "en" else "plan_name_zh"
    return st.selectbox(
        t("results.plan"),
        eligible[::-1],
        index=eligible[::-1].index(default),
        format_func=lambda p: names.loc[p, name_column],
        key="results_plan",
    )


def render() -> None:
    revision = state.data_revision()
    catalog, observations = data.catalog(revision), data.observations(revision)
    eligible = plans_with_results(catalog, observations)
    if not eligible:
        st.title(t("page.results"))
        st.info(t("results.none"))
        st.stop()
    plan = chosen_plan(eligible)
    table = results_table(plan_catalog(catalog, plan), observations)
    if has_printed_results(table):
        printed_review(table, plan)
    else:
        computed_results(table, plan)


def printed_review(table: pd.DataFrame, plan: str) -> None:
    """The 13th plan's way: the rows as printed and the computed verdict beside them, by category."""
    st.title(t("page.review_13th") if plan == REVIEW_PLAN else plan_title(plan))
    st.caption(t("review.intro"))
    summary = review_summary(table)
    st.success(
        t(
            "review.summary",
            quantitative=summary.quantitative,
            achieved=summary.achieved,
            reported=summary.reported_achieved,
            qualitative=summary.qualitative,
        ),
        icon="📜",
    )
    if summary.disagreements:
        st.warning(t("review.disagree", value=escape_markdown(", ".join(summary.disagreements))))
    if summary.missing:
        st.warning(t("review.missing", value=escape_markdown(", ".join(summary.missing))))

    for number, category in enumerate(categories(table)):
        rows = table[table["category_zh"] == category]
        st.subheader(escape_markdown(category if state.lang() == "zh" else rows["category_en"].iloc[0]))
        category_table(rows, f"review_{number}")
    st.caption(t("review.marks"))


def computed_results(table: pd.DataFrame, plan: str) -> None:
    """Any other plan: the results table computed from the target-year figures, 完成 / 未完成."""
    year = int(table["target_year"].max())
    st.title(plan_title(plan))
    st.caption(t("results.intro", year=year))
    summary = review_summary(table)
    not_achieved = sum(a is False for a in table.loc[table["kind"] != "qualitative", "achieved"])
    st.success(
        t(
            "results.summary",
            quantitative=summary.quantitative,
            achieved=summary.achieved,
            not_achieved=not_achieved,
            missing=len(summary.missing),
            year=year,
        ),
        icon="📜",
    )
    if summary.missing:
        st.warning(t("final.provisional", year=year), icon="⏳")
    rows = results_rows(table, state.lang())
    widgets.table(
        rows,
        "results",
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.Column(t(f"results.col.{c}")) for c in RESULT_COLUMNS},
    )
    labelled = rows.set_axis([t(f"results.col.{c}") for c in RESULT_COLUMNS], axis=1)
    widgets.download_buttons(labelled, f"results_{plan}", sheet_name=f"results_{plan}", key="results")


def plan_title(plan: str) -> str:
    names = data.plan_table(state.data_revision()).set_index("plan")
    name = names.loc[plan, "plan_name_en" if state.lang() == "en" else "plan_name_zh"]
    return t("results.title", plan=escape_markdown(name))  # a title is Markdown; a plan's name, catalog text
