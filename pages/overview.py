"""Overview: where the whole plan stands, and every indicator in one sortable table."""
import streamlit as st

import ui
import views
from analytics.formatting import percent
from analytics.overview import STATUS_ORDER

plan, as_of = ui.selected_plan(), ui.selected_as_of()
st.title(ui.t("overview.title"))
ui.illustrative_notice(plan, as_of)
figures = views.current_overview()

for column, status in zip(st.columns(len(STATUS_ORDER)), STATUS_ORDER):
    column.metric(ui.status_text(status), figures.total(status))

elapsed, covered = figures.elapsed, figures.covered
left, right, verdict = st.columns([1, 1, 2])
left.metric(ui.t("overview.time_elapsed"), percent(elapsed))
left.progress(min(max(elapsed, 0.0), 1.0) if elapsed == elapsed else 0.0)
right.metric(ui.t("overview.distance_covered"), percent(covered))
right.progress(min(max(covered, 0.0), 1.0) if covered == covered else 0.0)
verdict.info(ui.t("overview.ahead" if covered >= elapsed else "overview.behind", as_of=as_of,
                  elapsed=percent(elapsed), covered=percent(covered)))

st.subheader(ui.t("overview.by_domain"))
st.dataframe(figures.by_domain, width="stretch")

st.subheader(ui.t("overview.all_indicators"))
st.caption(ui.t("overview.pick_hint"))
columns = {c: ui.t(f"col.{c}") for c in ["status", "seq", "name", "unit", "baseline_value", "latest", "target",
                                           "gap", "progress", "probability", "projection"]}
selection = st.dataframe(
    figures.table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="overview_table",
    column_order=list(columns),
    column_config={
        **{c: st.column_config.Column(label) for c, label in columns.items()},
        "progress": st.column_config.ProgressColumn(columns["progress"], min_value=0.0, max_value=1.0, format="percent"),
        "probability": st.column_config.ProgressColumn(columns["probability"], min_value=0.0, max_value=1.0, format="percent"),
        "gap": st.column_config.NumberColumn(columns["gap"], format="%.4g"),
        "baseline_value": st.column_config.NumberColumn(columns["baseline_value"], format="%.4g"),
    },
)
chosen = selection.selection.rows if selection else []
if chosen:
    st.switch_page("pages/indicator.py", query_params={"id": figures.table.iloc[chosen[0]]["id"]})

ui.download_buttons(figures.export, f"assessment_{plan}_{as_of}", sheet_name=f"{plan}_{as_of}", key="assessment")
