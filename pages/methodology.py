"""How every figure is computed: ``docs/methodology.zh.md`` in Chinese, ``docs/methodology.md`` in English
(and whenever the Chinese file is missing), read at run time so edits show at once."""
import streamlit as st

import ui

text = ui.methodology_text(ui.lang())
if text is None:
    st.title(ui.t("page.methodology"))
    st.error(ui.t("methodology.missing"))
else:
    st.markdown(text)
