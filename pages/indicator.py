"""One indicator (``/indicator?id=p14-03``): its card, what-if control, history and revisions."""
import streamlit as st

import scenario_widgets
import ui
import views
from analytics.catalog import plan_catalog
from analytics.formatting import escape_markdown
from analytics.tables import find_indicator, indicator_revisions, observation_history

revision = ui.data_revision()
catalog = ui.catalog(revision)
plan, as_of = ui.selected_plan(), ui.selected_as_of()
key = st.query_params.get("id")
indicator = find_indicator(catalog, key, plan=plan)

st.title(ui.t("page.indicator"))
if indicator is None:
    st.warning(ui.t("indicator.unknown", value=escape_markdown(key)) if key else ui.t("indicator.missing"), icon="🔎")

shown_plan = plan if indicator is None else indicator["plan"]
choices = plan_catalog(catalog, shown_plan)
names = {row["id"]: f"{int(row['seq'])}. {ui.name(row)}" for _, row in choices.iterrows()}
ids = list(names)
chosen = st.selectbox(ui.t("indicator.pick"), ids, format_func=names.get,
                      index=ids.index(indicator["id"]) if indicator is not None else None)
if chosen is not None and (indicator is None or chosen != indicator["id"] or key != chosen):
    st.query_params["id"] = chosen  # the canonical id, so the URL can be shared
    st.rerun()
if indicator is None:
    st.stop()

if shown_plan != plan:
    as_of = ui.latest_data_year(revision, shown_plan)
    plan_name = ui.plan_table().set_index("plan").loc[shown_plan, "plan_name_en" if ui.lang() == "en" else "plan_name_zh"]
    st.info(ui.t("indicator.other_plan", plan=plan_name, as_of=as_of))
ui.illustrative_notice(shown_plan, as_of, ids=[indicator["id"]])

scenario = scenario_widgets.current_annual_change() if shown_plan == plan else ()
assessment = ui.assessment(revision, shown_plan, as_of, scenario)
shown = views.card(assessment[assessment["id"] == indicator["id"]].iloc[0], ui.lang())
chart_specs = ui.chart_specs(revision, shown_plan, as_of, scenario, (shown.indicator_id,) if shown.charted else (), ui.lang())
views.indicator_card(shown, chart_specs.get(shown.indicator_id))
scenario_widgets.render_indicator_controls(indicator["id"])

st.subheader(ui.t("indicator.history"))
history = observation_history(ui.observations(revision), indicator, as_of=as_of)
if history.empty:
    st.info(ui.t("indicator.no_history", as_of=as_of))
    st.stop()
st.caption(ui.t("indicator.history_caption", as_of=as_of))
views.history_table(history, running_sum=indicator["kind"] == "new_in_period")

st.subheader(ui.t("indicator.revisions"))
views.revisions_table(indicator_revisions(history, ui.revisions(revision)))
