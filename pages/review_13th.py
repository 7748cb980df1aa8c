"""The 13th plan's review: its 18 rows by category, as printed and as computed, with a summary."""
import streamlit as st

import ui
import views
from analytics.catalog import plan_catalog
from analytics.review import REVIEW_PLAN, categories, review_summary, review_table

revision = ui.data_revision()
st.title(ui.t("page.review_13th"))
indicators = plan_catalog(ui.catalog(revision), REVIEW_PLAN)
if indicators.empty:
    st.info(ui.t("review.empty"))
    st.stop()
st.caption(ui.t("review.intro"))

table = review_table(indicators, ui.observations(revision))
summary = review_summary(table)
st.success(ui.t("review.summary", quantitative=summary.quantitative, achieved=summary.achieved,
                reported=summary.reported_achieved, qualitative=summary.qualitative), icon="📜")
if summary.disagreements:
    st.warning(ui.t("review.disagree", value=", ".join(summary.disagreements)))
if summary.missing:
    st.warning(ui.t("review.missing", value=", ".join(summary.missing)))

for category in categories(table):
    rows = table[table["category_zh"] == category]
    st.subheader(category if ui.lang() == "zh" else rows["category_en"].iloc[0])
    views.review_table(rows)
st.caption(ui.t("review.marks"))
