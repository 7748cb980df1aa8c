"""The indicator page (``/indicator?id=p14-03``): its card, what-if control, history and revisions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.cards import card
from analytics.catalog import plan_catalog
from analytics.continuity import history as history_across_plans
from analytics.continuity import lineage
from analytics.formatting import escape_markdown, percent
from analytics.kinds import rules
from analytics.overview import needing_attention
from analytics.tables import (
    find_indicator,
    indicator_revisions,
    marked_history,
    observation_history,
    worded_revisions,
)
from dashboard import data, scenarios, state, widgets
from dashboard.state import t

PAGE, URL_PATH = "dashboard/pages/indicator.py", "indicator"  # as app.py registers it


def page() -> st.Page:
    """The page as registered in app.py, for links: a link to a ``Page`` skips resolving its file each time."""
    return st.Page(PAGE, url_path=URL_PATH)


def history_table(history: pd.DataFrame, *, running_sum: bool) -> None:
    """An indicator's observations, illustrative ones marked in their own column."""
    columns = ["year", "value", "running_sum", "note", "source", "revision_id", "illustrative"]
    if not running_sum:
        columns.remove("running_sum")
    labels = {"revision_id": t("history.revision")} | {c: t(f"history.{c}") for c in columns if c != "revision_id"}
    widgets.table(
        marked_history(history, state.lang()),
        "history",
        hide_index=True,
        width="stretch",
        column_order=columns,
        column_config={
            **{c: st.column_config.Column(labels[c]) for c in columns},
            "year": st.column_config.NumberColumn(labels["year"], format="%d"),
            "revision_id": st.column_config.NumberColumn(labels["revision_id"], format="%d"),
        },
    )


def revisions_table(touched: pd.DataFrame) -> None:
    """The revisions that wrote an indicator's figures, newest first."""
    labels = {
        "id": t("history.revision"),
        "created_at": t("shell.col_created_at"),
        "action": t("history.action"),
        "author": t("history.author"),
        "note": t("history.revision_note"),
        "file_name": t("history.file_name"),
        "years": t("history.years"),
    }
    widgets.table(
        worded_revisions(widgets.readable_revisions(touched), state.lang()),
        "revisions",
        hide_index=True,
        width="stretch",
        column_order=list(labels),
        column_config={
            **{c: st.column_config.Column(label) for c, label in labels.items()},
            "id": st.column_config.NumberColumn(labels["id"], format="%d"),
        },
    )


def second_opinion(row: pd.Series) -> None:
    """Next to the probability: actual against required yearly change with its category, and the
    progress, capped to ±100% and explained where the baseline-to-target distance is within a year's noise."""
    if row["status"] == "qualitative" or pd.isna(row["latest_value"]):
        return
    lines = []
    if row["pace_category"]:
        category = t(f"pace_category.{row['pace_category']}")
        ratio = percent(row["pace_ratio"]) if pd.notna(row["pace_ratio"]) and row["progress_reliable"] else "—"
        lines.append(t("indicator.pace_line", ratio=ratio, category=category))
    if pd.notna(row["progress"]):
        capped = percent(row["progress_capped"])
        if row["progress_capped"] != row["progress"]:
            lines.append(t("indicator.progress_capped", progress=capped, raw=percent(row["progress"])))
        else:
            lines.append(t("indicator.progress_line", progress=capped))
        if not row["progress_reliable"] and row["progress"] == row["progress"]:
            lines.append(t("progress.unreliable"))
    st.markdown(f"**{t('indicator.second_opinion')}**  \n" + "  \n".join(lines))


def across_plans_section(catalog: pd.DataFrame, indicator_id: str) -> None:
    """The whole series over the plans it runs through (``continues``), when it runs through more than one."""
    if len(lineage(catalog, indicator_id)) < 2:
        return
    revision = state.data_revision()
    series = history_across_plans(catalog, data.observations(revision), indicator_id)
    names = data.plan_table(revision).set_index("plan")["plan_name_en" if state.lang() == "en" else "plan_name_zh"]
    shown = series.assign(plan=series["plan"].map(names))
    st.subheader(t("continuity.header"))
    st.caption(t("continuity.caption", first=int(series["year"].min()), last=int(series["year"].max())))
    st.line_chart(shown, x="year", y="value", color="plan", x_label=t("history.year"), y_label=t("history.value"))
    widgets.table(
        shown,
        "across_plans",
        hide_index=True,
        width="stretch",
        key="across_plans",
        column_order=["year", "value", "plan"],
        column_config={
            "year": st.column_config.NumberColumn(t("history.year"), format="%d"),
            "value": st.column_config.NumberColumn(t("history.value")),
            "plan": st.column_config.Column(t("results.plan")),
        },
    )


def render() -> None:
    revision = state.data_revision()
    catalog = data.catalog(revision)
    plan, as_of = state.selected_plan(), state.selected_as_of()
    key = st.query_params.get("id")
    indicator = find_indicator(catalog, key, plan=plan)

    st.title(t("page.indicator"))
    if not key:
        # From the menu, with no indicator named: open the first one needing attention, not an empty page.
        worst = needing_attention(data.assessment(revision, plan, as_of, scenarios.current_annual_change()))
        if len(worst):
            st.query_params["id"] = worst["id"].iloc[0]
            st.session_state["indicator.opened_first"] = True
            st.rerun()
    if st.session_state.pop("indicator.opened_first", False) and indicator is not None:
        st.info(t("indicator.opened_first"), icon="🔎")
    if indicator is None:
        st.warning(t("indicator.unknown", value=escape_markdown(key)) if key else t("indicator.missing"), icon="🔎")

    shown_plan = plan if indicator is None else indicator["plan"]
    choices = plan_catalog(catalog, shown_plan)
    names = {row["id"]: f"{int(row['seq'])}. {widgets.name(row)}" for row in choices.to_dict("records")}
    ids = list(names)
    chosen = st.selectbox(
        t("indicator.pick"),
        ids,
        format_func=names.get,
        placeholder=t("shell.choose"),
        index=ids.index(indicator["id"]) if indicator is not None else None,
    )
    if chosen is not None and (indicator is None or chosen != indicator["id"] or key != chosen):
        st.query_params["id"] = chosen  # the canonical id, so the URL can be shared
        st.rerun()
    if indicator is None:
        st.stop()

    if shown_plan != plan:
        as_of = data.latest_data_year(revision, shown_plan)
        plan_names = data.plan_table(revision).set_index("plan")
        plan_name = plan_names.loc[shown_plan, "plan_name_en" if state.lang() == "en" else "plan_name_zh"]
        st.info(t("indicator.other_plan", plan=escape_markdown(plan_name), as_of=as_of))
    widgets.illustrative_notice(shown_plan, as_of, ids=[indicator["id"]])

    scenario = scenarios.current_annual_change() if shown_plan == plan else ()
    assessment = data.assessment(revision, shown_plan, as_of, scenario)
    row = assessment[assessment["id"] == indicator["id"]].iloc[0]
    if row["status"] != "qualitative" and row["target_year"] <= as_of and not row["final"]:
        st.info(t("provisional.note", year=int(row["target_year"])), icon="⏳")
    shown = card(row, state.lang())
    specs = data.chart_specs(
        revision, shown_plan, as_of, scenario, (shown.indicator_id,) if shown.charted else (), state.lang()
    )
    widgets.indicator_card(shown, specs.get(shown.indicator_id))
    second_opinion(row)
    scenarios.render_indicator_controls(indicator["id"])

    if indicator.get("department"):  # issue 16: 责任单位, where the catalog names one
        st.caption(t("indicator.department", value=escape_markdown(indicator["department"])))
    across_plans_section(catalog, indicator["id"])  # issue 16: one series over several plans

    st.subheader(t("indicator.history"))
    history = observation_history(data.observations(revision), indicator, as_of=as_of)
    if history.empty:
        st.info(t("indicator.no_history", as_of=as_of))
        st.stop()
    st.caption(t("indicator.history_caption", as_of=as_of))
    history_table(history, running_sum=rules(indicator["kind"]).sums_additions)

    st.subheader(t("indicator.revisions"))
    revisions_table(indicator_revisions(history, data.revisions(revision)))
