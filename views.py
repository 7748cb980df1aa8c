"""Page sections shared by several pages: an indicator's card and a domain's page.

Streamlit layout only; every number comes from ``analytics`` through ``ui``.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

import scenario_widgets
import ui
from analytics.charts import indicator_chart
from analytics.formatting import number, percent
from analytics.narrative import describe


def current_assessment() -> pd.DataFrame:
    """The selected plan at the selected year, under the what-if assumptions in force."""
    return ui.assessment(ui.data_revision(), ui.selected_plan(), ui.selected_as_of(), scenario_widgets.current_annual_change())


def indicator_points(indicator_id: str) -> pd.DataFrame:
    every = ui.points(ui.data_revision(), ui.selected_plan(), ui.selected_as_of())
    return every[every["indicator_id"] == indicator_id]


def indicator_card(row: pd.Series, *, link: bool = True) -> None:
    """Name, status, key figures, the chart and the generated sentence of one indicator."""
    with st.container(border=True):
        heading, status = st.columns([3, 1])
        heading.markdown(f"**{int(row['seq'])}. {ui.name(row)}**")
        status.markdown(ui.status_text(row["status"], must_hold=bool(row["must_hold"]), target_year=int(row["target_year"])))
        figures, chart = st.columns([1, 2])
        unit = ui.unit(row)
        latest_label = ui.t("card.latest", year=row["latest_year"]) if pd.notna(row["latest_year"]) else ui.t("col.latest_value")
        figures.metric(latest_label, f"{number(row['latest_value'])} {unit}".strip())
        target = f"{ui.t('comparison.' + row['comparison'])} {number(row['target_value'])} {unit}".strip()
        figures.metric(ui.t("card.target", year=int(row["target_year"])), target)
        figures.metric(ui.t("col.probability"), percent(row["probability"]))
        figures.caption(describe(row, ui.lang()))
        if row["kind"] == "new_in_period":
            figures.caption(ui.t("card.previous_period", value=number(row["baseline_value"])))
        if row["status"] != "qualitative":
            chart.altair_chart(indicator_chart(row, indicator_points(row["id"]), lang=ui.lang(), unit_label=unit),
                               width="stretch")
        if link:
            st.page_link("pages/indicator.py", label=ui.t("card.details"), icon="🔎", query_params={"id": row["id"]})


def domain_page(domain: str) -> None:
    st.title(ui.t(f"domain.{domain}"))
    plan, as_of = ui.selected_plan(), ui.selected_as_of()
    ui.illustrative_notice(plan, as_of)
    scenario_widgets.render_domain_controls(domain)
    assessment = current_assessment()
    rows = assessment[assessment["domain"] == domain].sort_values("seq")
    if rows.empty:
        st.info(ui.t("domain.empty"))
        return
    counts = rows["status"].value_counts()
    st.caption(" · ".join(f"{ui.status_text(s)} {counts[s]}" for s in ui.STATUS_ICONS if s in counts))
    for _, row in rows.iterrows():
        indicator_card(row)
