"""The overview page: where the whole plan stands in one paragraph, what needs attention and why
(worst first, as text that prints and reads aloud), one sentence per domain, and every indicator
in one sortable table (on a phone one card each; on paper a text table of every row and column)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import cards
from analytics.charts import share_bar
from analytics.formatting import escape_markdown, percent
from analytics.markup import PhoneCard
from analytics.overview import STATUS_ORDER, OverviewFigures, indicator_link, overview_figures
from dashboard import data, indicator, scenarios, state, widgets
from dashboard.data import AnnualChange
from dashboard.state import t

TABLE_COLUMNS = [
    "status",
    "seq",
    "name",
    "unit",
    "baseline",
    "latest",
    "target",
    "gap",
    "progress_shown",
    "probability_shown",
    "projection",
]


@st.cache_resource(show_spinner=False, max_entries=1000)
def figures(revision: int, plan: str, as_of: int, annual_change: AnnualChange, language: str) -> OverviewFigures:
    """Built once per data, year, scenario and language: counting, tabulating and labelling
    every indicator on each rerun cost the overview ~25 ms."""
    return overview_figures(data.assessment(revision, plan, as_of, annual_change), as_of, language)


@st.cache_resource(show_spinner=False, max_entries=1000)
def phone_cards(
    revision: int, plan: str, as_of: int, annual_change: AnnualChange, language: str
) -> tuple[PhoneCard, ...]:
    """Every indicator's card (``analytics.cards``) for a phone, in the table's order: what a phone shows in
    place of the all-indicators table, whose columns would hide off its screen. Built once per data and language."""
    assessment = data.assessment(revision, plan, as_of, annual_change)
    return tuple(
        cards.phone_card(cards.card(row, language), language, indicator_link(row["id"], language))
        for row in assessment.to_dict("records")
    )


def table_options() -> dict:
    """The all-indicators grid's columns, labels and formats, in the reader's language."""
    labels = {c: t(f"col.{c.removesuffix('_shown')}") for c in TABLE_COLUMNS if c != "baseline"}
    labels["baseline"] = t("col.baseline_value")
    return {
        "hide_index": True,
        "column_order": TABLE_COLUMNS,
        "column_config": {
            **{c: st.column_config.Column(label) for c, label in labels.items()},
            "gap": st.column_config.NumberColumn(labels["gap"], format="%.4g"),
        },
    }


@st.cache_resource(show_spinner=False, max_entries=1000)
def printed_tables(
    revision: int, plan: str, as_of: int, annual_change: AnnualChange, language: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The by-domain and all-indicators tables as text for paper, built once per data and language (each
    rerun would otherwise spend ~6 ms formatting and escaping the 286 cells of the second)."""
    shown = figures(revision, plan, as_of, annual_change, language)
    return widgets.printed_twin(shown.by_domain), widgets.printed_twin(shown.table, **table_options())


def plan_title(revision: int, plan: str) -> str:
    """The page title names the plan shown: the 13th plan's overview is not titled 十四五. A title is
    Markdown, and a plan's name is catalog text: escaped."""
    plans = data.plan_table(revision).set_index("plan")
    name = plans.loc[plan, "plan_name_en" if state.lang() == "en" else "plan_name_zh"] if plan in plans.index else plan
    return t("overview.plan_title", plan=escape_markdown(name))


def provisional_notice(year: int | None) -> None:
    """Say so while the target year's figures are not all in: what is shown is a forecast."""
    if year is not None:
        st.info(t("provisional.note", year=year), icon="⏳")


def render() -> None:
    plan, as_of, revision = state.selected_plan(), state.selected_as_of(), state.data_revision()
    st.title(plan_title(revision, plan))
    widgets.illustrative_notice(plan, as_of)
    shown = figures(revision, plan, as_of, scenarios.current_annual_change(), state.lang())
    provisional_notice(shown.provisional)
    st.markdown(shown.summary)

    st.subheader(t("attention.title"))
    if shown.attention:
        st.markdown("\n".join(f"{n}. {line}" for n, (_, line) in enumerate(shown.attention, start=1)))
    else:
        st.markdown(t("attention.none"))

    st.subheader(t("overview.domains"))
    st.markdown("\n".join(f"- {sentence}" for sentence in shown.domains))

    for column, status in zip(st.columns(len(STATUS_ORDER)), STATUS_ORDER, strict=False):
        column.metric(widgets.status_text(status), shown.total(status))

    elapsed, covered = shown.elapsed, shown.covered
    left, right, verdict = st.columns([1, 1, 2])
    left.metric(t("overview.time_elapsed"), percent(elapsed))
    left.html(share_bar(elapsed, t("overview.time_elapsed")))
    right.metric(t("overview.distance_covered"), percent(covered))
    right.html(share_bar(covered, t("overview.distance_covered")))
    verdict.info(
        t(
            "overview.ahead" if covered >= elapsed else "overview.behind",
            as_of=as_of,
            elapsed=percent(elapsed),
            covered=percent(covered),
        )
    )

    annual_change = scenarios.current_annual_change(notice=False)
    printed_by_domain, printed_all = printed_tables(revision, plan, as_of, annual_change, state.lang())
    st.subheader(t("overview.by_domain"))
    widgets.table(shown.by_domain, "by_domain", printed=printed_by_domain, width="stretch")

    st.subheader(t("overview.all_indicators"))
    selection = widgets.cards_or_table(
        list(phone_cards(revision, plan, as_of, annual_change, state.lang())),
        shown.table,
        "overview",
        hint=t("overview.pick_hint"),
        printed=printed_all,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="overview_table",
        **table_options(),
    )
    chosen = selection.selection.rows if selection else []
    if chosen:
        st.switch_page(indicator.page(), query_params={"id": shown.table.iloc[chosen[0]]["id"]})

    assessment = data.assessment(revision, plan, as_of, annual_change)
    widgets.assessment_downloads(
        assessment, f"assessment_{plan}_{as_of}", title_key="shell.export_assessment", key="assessment"
    )
