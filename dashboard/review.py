"""The 13th plan's review page: its 18 rows by category, as printed and as computed, with a summary."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.catalog import plan_catalog
from analytics.formatting import escape_markdown
from analytics.review import REVIEW_PLAN, categories, review_summary, review_table
from analytics.tables import worded_review
from dashboard import data, state
from dashboard.state import t

COLUMNS = {"name": "review.col.name", "target_text": "review.col.target", "result_text": "review.col.result",
           "achieved": "review.col.achieved", "reported": "review.col.reported", "note_type": "review.col.note_type"}


def category_table(rows: pd.DataFrame) -> None:
    """Rows of a finished plan's review (``analytics.review.review_table``), as the plan prints them."""
    st.dataframe(worded_review(rows, state.lang()), hide_index=True, width="stretch", column_order=list(COLUMNS),
                 column_config={c: st.column_config.Column(t(key)) for c, key in COLUMNS.items()})


def render() -> None:
    revision = state.data_revision()
    st.title(t("page.review_13th"))
    indicators = plan_catalog(data.catalog(revision), REVIEW_PLAN)
    if indicators.empty:
        st.info(t("review.empty"))
        st.stop()
    st.caption(t("review.intro"))

    table = review_table(indicators, data.observations(revision))
    summary = review_summary(table)
    st.success(t("review.summary", quantitative=summary.quantitative, achieved=summary.achieved,
                 reported=summary.reported_achieved, qualitative=summary.qualitative), icon="📜")
    if summary.disagreements:
        st.warning(t("review.disagree", value=escape_markdown(", ".join(summary.disagreements))))
    if summary.missing:
        st.warning(t("review.missing", value=escape_markdown(", ".join(summary.missing))))

    for category in categories(table):
        rows = table[table["category_zh"] == category]
        st.subheader(escape_markdown(category if state.lang() == "zh" else rows["category_en"].iloc[0]))
        category_table(rows)
    st.caption(t("review.marks"))
