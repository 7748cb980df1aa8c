"""What the reader has chosen, kept in the session and the URL: language, plan, as-of year, and
the data revision a run shows. The sidebar's controls for them live here too."""
from __future__ import annotations

import streamlit as st

from analytics.catalog import current_plan
from analytics.labels import text
from dashboard import data

RUN_REVISION = "_data_revision"
LANGUAGES = {"zh": "中文", "en": "English"}


def read_data_revision() -> None:
    """Read the latest revision once, at the start of a run (app.py), for the whole run.

    One snapshot per run: the sidebar and the page body agree even if another analyst commits
    meanwhile, and a 16-card page asks the database once instead of five times. Writes rerun.
    """
    st.session_state[RUN_REVISION] = data.store().latest_revision()


def data_revision() -> int:
    """The revision this run shows: the one ``read_data_revision`` read at the start of the run
    (every run starts in app.py); before app.py's first run in a session, the store's latest."""
    revision = st.session_state.get(RUN_REVISION)
    return data.store().latest_revision() if revision is None else revision


def lang() -> str:
    return st.session_state.get("lang") or "zh"


def t(key: str, **values: object) -> str:
    """The text of ``key`` in the reader's language."""
    return text(key, lang(), **values)


def selected_plan() -> str:
    return st.session_state.get("plan") or current_plan(data.catalog(data_revision()))


def selected_as_of() -> int:
    return int(st.session_state.get("as_of") or data.latest_data_year(data_revision(), selected_plan()))


def language_control() -> None:
    """The language switch. ``?lang=en`` selects English on arrival; the choice then lives in the
    session and is mirrored into the URL (``mirror_language``), so a copied link opens in it."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = "en" if st.query_params.get("lang") == "en" else "zh"
    st.segmented_control("语言 / Language", list(LANGUAGES), required=True, key="lang", format_func=LANGUAGES.get)


def plan_and_year_controls() -> None:
    """The plan and the as-of year, which every page reads through ``selected_plan`` / ``selected_as_of``."""
    plan_rows = data.plan_table(data_revision())
    plan_names = dict(zip(plan_rows["plan"], plan_rows["plan_name_en" if lang() == "en" else "plan_name_zh"]))
    plan = st.selectbox(t("sidebar.plan"), list(plan_names)[::-1], format_func=plan_names.get, key="plan")
    row = plan_rows.set_index("plan").loc[plan]
    years = list(range(int(row["target_year"]), int(row["start_year"]) - 1, -1))
    latest = data.latest_data_year(data_revision(), plan)
    # Keyed on the latest year with data: when a commit (here or in another instance) adds a
    # new year, every session moves to it instead of keeping the year it had chosen before.
    as_of_key = f"as_of_{plan}_{latest}"
    st.selectbox(t("sidebar.as_of"), years, index=years.index(latest) if latest in years else 0, key=as_of_key)
    st.session_state["as_of"] = st.session_state[as_of_key]


def mirror_language() -> None:
    """Put the language into the URL (after ``st.navigation``, which owns the page's URL)."""
    if lang() == "en":
        st.query_params["lang"] = "en"
    else:
        st.query_params.pop("lang", None)
