"""Page sections shared by several pages: an indicator's card and a domain's page.

Streamlit layout only; every number comes from ``analytics`` through ``ui``.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

import scenario_widgets
import ui
from analytics.formatting import number, percent
from analytics.labels import TEXTS, text
from analytics.narrative import describe


def current_assessment() -> pd.DataFrame:
    """The selected plan at the selected year, under the what-if assumptions in force."""
    return ui.assessment(ui.data_revision(), ui.selected_plan(), ui.selected_as_of(), scenario_widgets.current_annual_change())


def indicator_card(row: pd.Series | dict, *, link: bool = True, as_of: int | None = None,
                   annual_change: tuple[tuple[str, float], ...] | None = None, revision: int | None = None,
                   chart_spec: dict | None = None) -> None:
    """Name, status, key figures, the chart and the generated sentence of one indicator.

    ``row`` comes from ``ui.assessment`` at ``as_of`` (default: the sidebar's year) under
    ``annual_change`` (default: the what-if assumptions in force); the indicator page passes
    both for an indicator of a plan other than the one selected. A page drawing many cards
    passes each one's ``chart_spec`` from one ``ui.chart_specs`` call.
    """
    language = ui.lang()
    with st.container(border=True):
        status = ui.status_text(row["status"], must_hold=bool(row["must_hold"]), target_year=int(row["target_year"]),
                                language=language)
        st.markdown(f"**{int(row['seq'])}. {ui.name(row, language)}**\u2003{status}")
        figures, chart = st.columns([5, 7])  # room for "at least 6 organisations" on one line
        unit = ui.unit(row, language)
        latest_label = (text("card.latest", language, year=row["latest_year"]) if pd.notna(row["latest_year"])
                        else text("col.latest_value", language))
        figures.metric(latest_label, f"{number(row['latest_value'])} {unit}".strip())
        target = f"{text('comparison.' + row['comparison'], language)} {number(row['target_value'])} {unit}".strip()
        figures.metric(text("card.target", language, year=int(row["target_year"])), target)
        figures.metric(text("col.probability", language), percent(row["probability"]))
        figures.caption(describe(row, language))
        if row["kind"] == "new_in_period":
            figures.caption(text("card.previous_period", language, value=number(row["baseline_value"])))
        if row["status"] != "qualitative":
            if chart_spec is None:
                annual_change = scenario_widgets.current_annual_change() if annual_change is None else annual_change
                chart_spec = ui.chart_specs(revision or ui.data_revision(), row["plan"], as_of or ui.selected_as_of(),
                                            annual_change, (row["id"],), language)[row["id"]]
            chart.vega_lite_chart(spec=chart_spec, width="stretch")
        if link:
            st.page_link("pages/indicator.py", label=text("card.details", language), icon="🔎", query_params={"id": row["id"]})


def domain_page(domain: str) -> None:
    st.title(ui.t(f"domain.{domain}"))
    revision, plan, as_of = ui.data_revision(), ui.selected_plan(), ui.selected_as_of()
    ui.illustrative_notice(plan, as_of)
    scenario_widgets.render_domain_controls(domain)
    annual_change = scenario_widgets.current_annual_change()  # says so once when a scenario is applied
    rows = ui.domain_rows(revision, plan, as_of, annual_change, domain)
    if not rows:
        st.info(ui.t("domain.empty"))
        return
    counts = Counter(row["status"] for row in rows)
    st.caption(" · ".join(f"{ui.status_text(s)} {counts[s]}" for s in ui.STATUS_ICONS if s in counts))
    charted = tuple(row["id"] for row in rows if row["status"] != "qualitative")
    specs = ui.chart_specs(revision, plan, as_of, annual_change, charted, ui.lang())
    for row in rows:
        indicator_card(row, as_of=as_of, annual_change=annual_change, revision=revision, chart_spec=specs.get(row["id"]))


def history_table(history: pd.DataFrame, *, running_sum: bool) -> None:
    """An indicator's observations, illustrative ones marked in their own column."""
    shown = history.assign(
        illustrative=[ui.t("history.illustrative_mark") if flag else "" for flag in history["illustrative"]]
    )
    columns = ["year", "value", "running_sum", "note", "source", "revision_id", "illustrative"]
    if not running_sum:
        columns.remove("running_sum")
    labels = {"revision_id": ui.t("history.revision")} | {c: ui.t(f"history.{c}") for c in columns if c != "revision_id"}
    st.dataframe(
        shown, hide_index=True, width="stretch", column_order=columns,
        column_config={
            **{c: st.column_config.Column(labels[c]) for c in columns},
            "year": st.column_config.NumberColumn(labels["year"], format="%d"),
            "revision_id": st.column_config.NumberColumn(labels["revision_id"], format="%d"),
        },
    )


def revisions_table(touched: pd.DataFrame) -> None:
    """The revisions that wrote an indicator's figures, newest first."""
    shown = touched.assign(action=[ui.t(f"history.action.{a}") if f"history.action.{a}" in TEXTS else a
                                   for a in touched["action"]])
    labels = {"id": ui.t("history.revision"), "created_at": ui.t("history.created_at"), "action": ui.t("history.action"),
              "author": ui.t("history.author"), "note": ui.t("history.revision_note"),
              "file_name": ui.t("history.file_name"), "years": ui.t("history.years")}
    st.dataframe(
        shown, hide_index=True, width="stretch", column_order=list(labels),
        column_config={
            **{c: st.column_config.Column(label) for c, label in labels.items()},
            "id": st.column_config.NumberColumn(labels["id"], format="%d"),
            "created_at": st.column_config.DatetimeColumn(labels["created_at"], format="YYYY-MM-DD HH:mm"),
        },
    )


def review_table(rows: pd.DataFrame) -> None:
    """Rows of a finished plan's review (``analytics.review.review_table``), as the plan prints them."""
    def achieved(row) -> str:
        if row["kind"] == "qualitative":
            return ui.t("review.achieved.qualitative")
        if row["achieved"] is None:
            return ui.t("review.achieved.missing")
        return ui.t("review.achieved.yes" if row["achieved"] else "review.achieved.no")

    def reported(row) -> str:
        if row["reported_achieved"] is None:
            return ui.t("review.reported.blank")
        return ui.t("review.reported.yes" if row["reported_achieved"] else "review.reported.no", value=row["reported_outcome"])

    shown = rows.assign(
        name=[ui.name(row) for _, row in rows.iterrows()],
        achieved=[achieved(row) for _, row in rows.iterrows()],
        reported=[reported(row) for _, row in rows.iterrows()],
        note_type=[ui.t(f"note_type.{n or 'plain'}") if k != "qualitative" else "—" for n, k in zip(rows["note_type"], rows["kind"])],
    )
    columns = {"name": "review.col.name", "target_text": "review.col.target", "result_text": "review.col.result",
               "achieved": "review.col.achieved", "reported": "review.col.reported", "note_type": "review.col.note_type"}
    st.dataframe(shown, hide_index=True, width="stretch", column_order=list(columns),
                 column_config={c: st.column_config.Column(ui.t(key)) for c, key in columns.items()})
