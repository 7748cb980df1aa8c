"""The overview page: where the whole plan stands, and every indicator in one sortable table."""
from __future__ import annotations

import streamlit as st

from analytics.formatting import percent
from analytics.overview import STATUS_ORDER, OverviewFigures, overview_figures
from dashboard import data, indicator, scenarios, state, widgets
from dashboard.data import AnnualChange
from dashboard.state import t

TABLE_COLUMNS = ["status", "seq", "name", "unit", "baseline_value", "latest", "target", "gap", "progress",
                 "probability", "projection"]


@st.cache_resource(show_spinner=False, max_entries=1000)
def figures(revision: int, plan: str, as_of: int, annual_change: AnnualChange, language: str) -> OverviewFigures:
    """Built once per data, year, scenario and language: counting, tabulating and labelling
    every indicator on each rerun cost the overview ~25 ms."""
    return overview_figures(data.assessment(revision, plan, as_of, annual_change), as_of, language)


def _share_bar(share: float) -> float:
    """A share as a progress bar takes it: clipped to 0-1, and 0 when there is none (NaN)."""
    return min(max(share, 0.0), 1.0) if share == share else 0.0


def render() -> None:
    plan, as_of = state.selected_plan(), state.selected_as_of()
    st.title(t("overview.title"))
    widgets.illustrative_notice(plan, as_of)
    shown = figures(state.data_revision(), plan, as_of, scenarios.current_annual_change(), state.lang())

    for column, status in zip(st.columns(len(STATUS_ORDER)), STATUS_ORDER):
        column.metric(widgets.status_text(status), shown.total(status))

    elapsed, covered = shown.elapsed, shown.covered
    left, right, verdict = st.columns([1, 1, 2])
    left.metric(t("overview.time_elapsed"), percent(elapsed))
    left.progress(_share_bar(elapsed))
    right.metric(t("overview.distance_covered"), percent(covered))
    right.progress(_share_bar(covered))
    verdict.info(t("overview.ahead" if covered >= elapsed else "overview.behind", as_of=as_of,
                   elapsed=percent(elapsed), covered=percent(covered)))

    st.subheader(t("overview.by_domain"))
    st.dataframe(shown.by_domain, width="stretch")

    st.subheader(t("overview.all_indicators"))
    st.caption(t("overview.pick_hint"))
    labels = {c: t(f"col.{c}") for c in TABLE_COLUMNS}
    selection = st.dataframe(
        shown.table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
        key="overview_table", column_order=TABLE_COLUMNS,
        column_config={
            **{c: st.column_config.Column(label) for c, label in labels.items()},
            **{c: st.column_config.ProgressColumn(labels[c], min_value=0.0, max_value=1.0, format="percent")
               for c in ("progress", "probability")},
            "gap": st.column_config.NumberColumn(labels["gap"], format="%.4g"),
            "baseline_value": st.column_config.NumberColumn(labels["baseline_value"], format="%.4g"),
        },
    )
    chosen = selection.selection.rows if selection else []
    if chosen:
        st.switch_page(indicator.page(), query_params={"id": shown.table.iloc[chosen[0]]["id"]})

    assessment = data.assessment(state.data_revision(), plan, as_of, scenarios.current_annual_change(notice=False))
    widgets.assessment_downloads(assessment, f"assessment_{plan}_{as_of}", title_key="shell.export_assessment",
                                 key="assessment")
