"""Placeholder until this page is built."""
import streamlit as st

import ui

st.title(ui.t("page.methodology"))
