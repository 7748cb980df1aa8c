"""What-if scenarios: pace sliders and assumptions, the baseline compared, what it takes, saved scenarios."""
import streamlit as st

import scenario_widgets
import ui

st.title(ui.t("page.scenarios"))
ui.illustrative_notice(ui.selected_plan(), ui.selected_as_of())
st.caption(ui.t("scenario.intro"))
scenario_widgets.scenarios_page_controls()
baseline, scenario = scenario_widgets.scenarios_page_assessments()
scenario_widgets.scenarios_page_comparison(baseline, scenario)
scenario_widgets.scenarios_page_what_it_takes()
scenario_widgets.scenarios_page_downloads(scenario)
scenario_widgets.scenarios_page_saved()
