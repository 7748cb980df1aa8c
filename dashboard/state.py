"""What the reader has chosen, kept in the session and the URL: language, plan, as-of year, and
the data revision a run shows. The sidebar's controls for them live here too.

A session's first run takes ``?lang=``, ``?plan=`` and ``?as_of=`` from the URL (values that name no
plan or year of it are ignored); every run then writes the choices back (``mirror_view``), so a copied
link opens the same view on any page.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from analytics.catalog import current_plan
from analytics.labels import text
from dashboard import data

RUN_REVISION = "_data_revision"
LANGUAGES = {"zh": "中文", "en": "English"}
ARRIVED = "_view_from_url"  # set once the URL's plan and year have been read, on a session's first run
BEIJING = ZoneInfo("Asia/Shanghai")


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


def _plan_years(plan_rows: pd.DataFrame, plan: str) -> list[int]:
    row = plan_rows.set_index("plan").loc[plan]
    return list(range(int(row["target_year"]), int(row["start_year"]) - 1, -1))


def _arrive_from_url(plan_rows: pd.DataFrame) -> None:
    """On a session's first run, take the plan and as-of year a shared link names."""
    if st.session_state.get(ARRIVED):
        return
    st.session_state[ARRIVED] = True
    plan = st.query_params.get("plan")
    if plan is None:
        plan = selected_plan()  # a link naming only the year: the current plan's
    elif plan in set(plan_rows["plan"]):
        st.session_state["plan"] = plan
    else:
        return
    year = st.query_params.get("as_of", "")
    if year.isdigit() and int(year) in _plan_years(plan_rows, plan):
        st.session_state[_as_of_key(plan)] = int(year)


def _as_of_key(plan: str) -> str:
    # Keyed on the latest year with data: when a commit (here or in another instance) adds a
    # new year, every session moves to it instead of keeping the year it had chosen before.
    return f"as_of_{plan}_{data.latest_data_year(data_revision(), plan)}"


def plan_and_year_controls() -> None:
    """The plan and the as-of year, which every page reads through ``selected_plan`` / ``selected_as_of``."""
    plan_rows = data.plan_table(data_revision())
    _arrive_from_url(plan_rows)
    plan_names = dict(
        zip(plan_rows["plan"], plan_rows["plan_name_en" if lang() == "en" else "plan_name_zh"], strict=False)
    )
    plan = st.selectbox(
        t("sidebar.plan"), list(plan_names)[::-1], format_func=plan_names.get, key="plan", placeholder=t("shell.choose")
    )
    years = _plan_years(plan_rows, plan)
    latest = data.latest_data_year(data_revision(), plan)
    as_of_key = _as_of_key(plan)
    st.selectbox(
        t("sidebar.as_of"),
        years,
        index=years.index(latest) if latest in years else 0,
        key=as_of_key,
        placeholder=t("shell.choose"),
    )
    st.session_state["as_of"] = st.session_state[as_of_key]


def _mirror(key: str, value: str | None) -> None:
    """Set (or, for None, remove) one query parameter, writing only when it changes."""
    if value is None:
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != value:
        st.query_params[key] = value


def mirror_view() -> None:
    """Put the language, plan and as-of year into the URL (after ``st.navigation``, which owns the
    page's URL, and on every run: a page switch by the menu starts from a bare URL)."""
    _mirror("lang", "en" if lang() == "en" else None)
    _mirror("plan", selected_plan())
    _mirror("as_of", str(selected_as_of()))


def beijing_time(moment) -> str:
    """A stored time (UTC, or naive meaning UTC) as ``YYYY-MM-DD HH:MM`` in Beijing time; the label
    that says so is the caller's (a column header or ``shell.saved_by``)."""
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return stamp.tz_convert(BEIJING).strftime("%Y-%m-%d %H:%M")


def beijing_times(moments: pd.Series) -> pd.Series:
    """``beijing_time`` of a column."""
    return pd.to_datetime(moments, utc=True).dt.tz_convert(BEIJING).dt.strftime("%Y-%m-%d %H:%M")
