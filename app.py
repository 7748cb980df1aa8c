"""Entry point and router: the page settings, the sidebar (language, plan, as-of year) and the
list of pages; each page's code is in ``dashboard``."""
from __future__ import annotations

import streamlit as st

from dashboard import failures, state

st.set_page_config(page_title="海盐县质量发展规划监测 / Haiyan plan monitor", page_icon="📈", layout="wide")
with failures.database_errors_shown():  # the database down: one bilingual error, no traceback
    state.read_data_revision()
with st.sidebar:
    state.language_control()

t = state.t
navigation = st.navigation([
    st.Page("dashboard/pages/overview.py", title=t("page.overview"), icon="🏠", default=True),
    st.Page("dashboard/pages/product.py", title=t("page.product"), icon="🏭", url_path="product"),
    st.Page("dashboard/pages/service.py", title=t("page.service"), icon="🤝", url_path="service"),
    st.Page("dashboard/pages/engineering.py", title=t("page.engineering"), icon="🏗️", url_path="engineering"),
    st.Page("dashboard/pages/environment.py", title=t("page.environment"), icon="🌳", url_path="environment"),
    st.Page("dashboard/pages/indicator.py", title=t("page.indicator"), icon="🔎", url_path="indicator"),
    st.Page("dashboard/pages/scenarios.py", title=t("page.scenarios"), icon="🎚️", url_path="scenarios"),
    st.Page("dashboard/pages/review_13th.py", title=t("page.review_13th"), icon="📜", url_path="review-13th"),
    st.Page("dashboard/pages/data.py", title=t("page.data"), icon="🗂️", url_path="data"),
    st.Page("dashboard/pages/report.py", title=t("report.page"), icon="📄", url_path="report"),
    st.Page("dashboard/pages/methodology.py", title=t("page.methodology"), icon="📐", url_path="methodology"),
])
with st.sidebar:
    with failures.database_errors_shown():
        state.plan_and_year_controls()
state.mirror_language()
with failures.database_errors_shown():
    navigation.run()
