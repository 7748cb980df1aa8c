"""How every figure is computed: ``docs/methodology.md``, read at run time so additions show at once."""
import streamlit as st

import ui

text = ui.methodology_text()
if text is None:
    st.title(ui.t("page.methodology"))
    st.error(ui.t("methodology.missing"))
else:
    st.markdown(text)
