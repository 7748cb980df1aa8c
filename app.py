"""Entry point and router: the page settings, the sidebar (language, plan, as-of year), the list of
pages and the URL that holds the whole view (language, plan, year, scenario); each page's code is in
``dashboard``. The accounts page is listed for admins only; when the deployment makes reading need a
login, nothing but the sign-in form is shown before it."""

from __future__ import annotations

import streamlit as st

from analytics.accounts import Action
from dashboard import failures, scenarios, signin, state, warmup, widgets

st.set_page_config(page_title="海盐县质量发展规划监测 / Haiyan plan monitor", page_icon="📈", layout="wide")
widgets.shell_style()
warmup.start()  # once per process: the other pages' caches fill while this one is read
with failures.database_errors_shown():  # the database down: one bilingual error, no traceback
    state.read_data_revision()
with st.sidebar:
    state.language_control()

t = state.t
may_read = signin.decision(Action.READ).allowed
navigation = st.navigation(
    [
        st.Page("dashboard/pages/overview.py", title=t("page.overview"), icon="🏠", default=True),
        st.Page("dashboard/pages/product.py", title=t("page.product"), icon="🏭", url_path="product"),
        st.Page("dashboard/pages/service.py", title=t("page.service"), icon="🤝", url_path="service"),
        st.Page("dashboard/pages/engineering.py", title=t("page.engineering"), icon="🏗️", url_path="engineering"),
        st.Page("dashboard/pages/environment.py", title=t("page.environment"), icon="🌳", url_path="environment"),
        st.Page("dashboard/pages/indicator.py", title=t("page.indicator"), icon="🔎", url_path="indicator"),
        st.Page("dashboard/pages/scenarios.py", title=t("page.scenarios"), icon="🎚️", url_path="scenarios"),
        st.Page("dashboard/pages/review_13th.py", title=t("page.results"), icon="📜", url_path="review-13th"),
        st.Page("dashboard/pages/data.py", title=t("page.data"), icon="🗂️", url_path="data"),
        st.Page("dashboard/pages/plans.py", title=t("page.plans"), icon="🧭", url_path="plans"),
        st.Page("dashboard/pages/report.py", title=t("report.page"), icon="📄", url_path="report"),
        st.Page("dashboard/pages/methodology.py", title=t("page.methodology"), icon="📐", url_path="methodology"),
        *(
            [st.Page("dashboard/pages/accounts.py", title=t("accounts.page.title"), icon="👥", url_path="accounts")]
            if signin.may(Action.MANAGE_ACCOUNTS)
            else []
        ),
    ],
    position="sidebar" if may_read else "hidden",
    expanded=True,  # every page listed: no "View 3 more" in English under the menu
)
if may_read:
    with st.sidebar, failures.database_errors_shown():
        state.plan_and_year_controls()
state.mirror_view()
if may_read:
    scenarios.mirror_url()
    with failures.database_errors_shown():
        navigation.run()
else:
    st.info(t("accounts.ui.read_needs_sign_in"), icon="🔒")
    signin.panel("read_signin")
