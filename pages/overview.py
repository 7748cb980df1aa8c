"""Placeholder overview: the assessment table (replaced by the dashboards issue)."""
import streamlit as st

import ui

st.title(ui.t("page.overview"))
st.dataframe(ui.assessment(ui.data_revision(), ui.selected_plan(), ui.selected_as_of()), hide_index=True)
