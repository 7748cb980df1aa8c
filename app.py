"""Entry point: the page list and the sidebar (language, plan, as-of year), nothing else."""
from __future__ import annotations

import streamlit as st

import ui

st.set_page_config(page_title="海盐县质量发展规划监测 / Haiyan plan monitor", page_icon="📈", layout="wide")
ui.read_data_revision()

# ?lang=en selects English on arrival; the choice then lives in the session and is mirrored
# into the URL on every page, so a copied link opens in the reader's language.
if "lang" not in st.session_state:
    st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "zh"
with st.sidebar:
    st.segmented_control(
        "语言 / Language", ["zh", "en"], required=True, key="lang",
        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
    )

PAGES = [
    ("pages/overview.py", "page.overview", "", "🏠"),
    ("pages/product.py", "page.product", "product", "🏭"),
    ("pages/service.py", "page.service", "service", "🤝"),
    ("pages/engineering.py", "page.engineering", "engineering", "🏗️"),
    ("pages/environment.py", "page.environment", "environment", "🌳"),
    (ui.INDICATOR_PAGE, "page.indicator", ui.INDICATOR_URL_PATH, "🔎"),
    ("pages/scenarios.py", "page.scenarios", "scenarios", "🎚️"),
    ("pages/review_13th.py", "page.review_13th", "review-13th", "📜"),
    ("pages/data.py", "page.data", "data", "🗂️"),
    ("pages/report.py", "report.page", "report", "📄"),
    ("pages/methodology.py", "page.methodology", "methodology", "📐"),
]
navigation = st.navigation(
    [st.Page(path, title=ui.t(title), icon=icon, url_path=url or None, default=not url) for path, title, url, icon in PAGES]
)

with st.sidebar:
    plan_rows = ui.plan_table()
    plan_names = dict(zip(plan_rows["plan"], plan_rows["plan_name_en" if ui.lang() == "en" else "plan_name_zh"]))
    plan = st.selectbox(ui.t("sidebar.plan"), list(plan_names)[::-1], format_func=plan_names.get, key="plan")
    row = plan_rows.set_index("plan").loc[plan]
    years = list(range(int(row["target_year"]), int(row["start_year"]) - 1, -1))
    latest = ui.latest_data_year(ui.data_revision(), plan)
    # Keyed on the latest year with data: when a commit (here or in another instance) adds a
    # new year, every session moves to it instead of keeping the year it had chosen before.
    as_of_key = f"as_of_{plan}_{latest}"
    st.selectbox(ui.t("sidebar.as_of"), years, index=years.index(latest) if latest in years else 0, key=as_of_key)
    st.session_state["as_of"] = st.session_state[as_of_key]

# Mirror the language into the URL (after st.navigation, which owns the page's URL).
if st.session_state["lang"] == "en":
    st.query_params["lang"] = "en"
else:
    st.query_params.pop("lang", None)
navigation.run()
