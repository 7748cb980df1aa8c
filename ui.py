"""Streamlit glue shared by app.py and the pages: cached data, the sidebar's choices, texts.

Everything here is about Streamlit (caching, session state, widgets); the analysis
itself lives in ``analytics``. Cached results are keyed on the data revision, so a
commit or restore shows at once and nothing is recomputed otherwise.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics.access import PasscodeGate
from analytics.assess import achievement_points, assess
from analytics.catalog import current_plan, plan_catalog, plans
from analytics.catalog import latest_data_year as catalog_latest_data_year  # ui.latest_data_year caches it
from analytics.charts import indicator_chart
from analytics.export import csv_bytes, excel_bytes
from analytics.labels import text
from analytics.provenance import uses_illustrative
from analytics.store import Store


def _leave_legacy_page_discovery() -> None:
    """Make a deep link on a fresh server run app.py's navigation, not a bare page file.

    Until some run has called ``st.navigation``, Streamlit treats a ``pages/`` folder the
    legacy way: a fresh server whose first visitor opens ``/product`` would run
    ``pages/product.py`` alone, with file names for a menu and no sidebar. Every page
    imports this module, so the first such run switches the legacy mode off and reruns,
    and app.py's ``st.navigation`` then serves the page asked for.
    """
    if not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    context = get_script_run_ctx()
    if context is not None and context.page_script_hash != context.pages_manager.main_script_hash:
        st.rerun()


def secret(name: str) -> str | None:
    """An environment variable, else a Streamlit secret, else None."""
    if os.environ.get(name):
        return os.environ[name]
    try:
        return st.secrets.get(name)
    except FileNotFoundError:  # no secrets.toml (StreamlitSecretNotFoundError subclasses it)
        return None


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store(secret("PLAN_DB_URL"))


@st.cache_resource(show_spinner=False)
def passcode_gate() -> PasscodeGate:
    """One gate per server process, so repeated failures are slowed for every session."""
    return PasscodeGate(secret("PLAN_ADMIN_PASSCODE"))


def passcode_field(key: str) -> str | None:
    """The passcode box for a write, or a notice that writes are open to anyone."""
    if not passcode_gate().required:
        st.info(t("access.open"), icon="🔓")
        return None
    return st.text_input(t("access.passcode"), type="password", key=key)


def authorised(given: str | None) -> bool:
    """Check the passcode for one write; says why when it is refused."""
    verdict = passcode_gate().check(given)
    if not verdict.allowed:
        st.error(t("access.refused", seconds=math.ceil(verdict.wait_seconds)))
    return verdict.allowed


INDICATOR_PAGE, INDICATOR_URL_PATH = "pages/indicator.py", "indicator"  # app.py registers it; cards link to it
RUN_REVISION = "_data_revision"


def read_data_revision() -> None:
    """Read the latest revision once, at the start of a run (app.py), for the whole run.

    One snapshot per run: the sidebar and the page body agree even if another analyst commits
    meanwhile, and a 16-card page asks the database once instead of five times. Writes rerun.
    """
    st.session_state[RUN_REVISION] = store().latest_revision()


def data_revision() -> int:
    """The revision this run shows: the one ``read_data_revision`` read at the start of the run.

    Every run starts in app.py (the pages run inside it), so this is the run's own snapshot;
    before app.py's first run in a session there is none, and the store is asked.
    """
    revision = st.session_state.get(RUN_REVISION)
    return store().latest_revision() if revision is None else revision


@st.cache_data(show_spinner=False)
def catalog(revision: int) -> pd.DataFrame:
    return store().catalog(revision=revision)


@st.cache_data(show_spinner=False)
def observations(revision: int) -> pd.DataFrame:
    return store().observations(revision=revision)


@st.cache_data(show_spinner=False)
def assessment(revision: int, plan: str, as_of: int, annual_change: tuple[tuple[str, float], ...] = ()) -> pd.DataFrame:
    """The assessment of ``plan`` at ``as_of``; ``annual_change`` pairs are a scenario's overrides."""
    overrides = pd.Series(dict(annual_change), dtype=float) if annual_change else None
    return assess(plan_catalog(catalog(revision), plan), observations(revision), as_of=as_of, annual_change=overrides)


@st.cache_data(show_spinner=False)
def revisions(revision: int) -> pd.DataFrame:
    """Every revision, newest first; ``revision`` (the latest) keys the cache."""
    return store().revisions()


METHODOLOGY_FILE = Path(__file__).resolve().parent / "docs" / "methodology.md"
METHODOLOGY_TRANSLATIONS = {"zh": METHODOLOGY_FILE.with_name("methodology.zh.md")}


def methodology_text(lang: str) -> str | None:
    """The methodology in ``lang`` (``docs/methodology.zh.md`` for zh), else the English
    ``docs/methodology.md``; None when neither exists. Read on every run, so edits show at once."""
    translation = METHODOLOGY_TRANSLATIONS.get(lang)
    for path in ([translation] if translation else []) + [METHODOLOGY_FILE]:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
    return None


def lang() -> str:
    return st.session_state.get("lang") or "zh"


def t(key: str, **values: object) -> str:
    return text(key, lang(), **values)


def selected_plan() -> str:
    return st.session_state.get("plan") or current_plan(catalog(data_revision()))


def selected_as_of() -> int:
    return int(st.session_state.get("as_of") or latest_data_year(data_revision(), selected_plan()))


@st.cache_data(show_spinner=False)
def latest_data_year(revision: int, plan: str) -> int:
    return catalog_latest_data_year(plan_catalog(catalog(revision), plan), observations(revision))


def plan_table() -> pd.DataFrame:
    return _plans(data_revision())


@st.cache_data(show_spinner=False)
def _plans(revision: int) -> pd.DataFrame:
    return plans(catalog(revision))


@st.cache_data(show_spinner=False)
def points(revision: int, plan: str, as_of: int) -> pd.DataFrame:
    """What each indicator is judged on (running sums for new-in-period indicators)."""
    return achievement_points(plan_catalog(catalog(revision), plan), observations(revision), as_of=as_of)


@st.cache_resource(show_spinner=False, max_entries=1000)
def chart_specs(revision: int, plan: str, as_of: int, annual_change: tuple[tuple[str, float], ...],
                indicator_ids: tuple[str, ...], lang: str) -> dict[str, dict]:
    """Indicators' charts as Vega-Lite specs, ready for ``st.vega_lite_chart``, by indicator id.

    The specs are cached, with their data already in Arrow, a whole page's in one lookup
    (each lookup hashes its arguments: 16 lookups cost a domain page ~15 ms a rerun).
    They are shared between sessions: read them, never change them (``st.vega_lite_chart``
    copies a spec before it takes the data out).
    """
    rows = assessment(revision, plan, as_of, annual_change).set_index("id", drop=False)
    bounds = catalog(revision).set_index("id")[["min_value", "max_value"]]
    points_of = dict(tuple(points(revision, plan, as_of).groupby("indicator_id")))
    no_points = pd.DataFrame({"year": [], "achieved": []})
    specs = {}
    for indicator_id in indicator_ids:
        row = rows.loc[indicator_id]
        spec = indicator_chart(row, points_of.get(indicator_id, no_points), lang=lang,
                               unit_label=unit(row, lang),
                               min_value=bounds.at[indicator_id, "min_value"], max_value=bounds.at[indicator_id, "max_value"])
        # Streamlit sends each dataset as Arrow bytes; converting them here, once, keeps the
        # conversion (most of a cached page's rerun time) out of every rerun. Straight from the
        # records to Arrow: through a DataFrame took ten times as long.
        spec["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(pa.Table.from_pylist(records))
                            for name, records in spec["datasets"].items()}
        specs[indicator_id] = spec
    return specs


STATUS_ICONS = {
    "achieved": "✅", "met_at_risk": "🟡", "on_track": "🟢", "at_risk": "🟠", "off_track": "🔴",
    "not_achieved": "❌",
    "insufficient_data": "⚪", "qualitative": "📝",
}


EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(frame: pd.DataFrame, file_stem: str, *, sheet_name: str, key: str,
                     csv_label: str | None = None, excel_label: str | None = None) -> None:
    """CSV and Excel downloads of ``frame`` side by side, formula-like cells neutralised.

    The files are written only when a button is clicked (``st.download_button`` takes a
    callable), so a page's reruns never pay for building an Excel workbook.
    """
    csv_column, excel_column, _ = st.columns([1, 1, 3])
    csv_column.download_button(csv_label or t("download.csv"), lambda: csv_bytes(frame), f"{file_stem}.csv",
                               "text/csv", key=f"{key}_csv")
    excel_column.download_button(excel_label or t("download.excel"), lambda: excel_bytes(frame, sheet_name=sheet_name),
                                 f"{file_stem}.xlsx", EXCEL_MIME, key=f"{key}_xlsx")


def status_text(status: str, *, must_hold: bool = False, target_year: int | None = None,
                language: str | None = None) -> str:
    """Icon and words, never colour alone: "✅ 已达标，需保持至2025年".

    Code drawing many rows passes ``language`` (reading it from the session costs a little each time).
    """
    language = language or lang()
    words = text("status.must_hold", language, year=target_year) if must_hold else text(f"status.{status}", language)
    return f"{STATUS_ICONS[status]} {words}"


def name(row, language: str | None = None) -> str:
    return row["name_en"] if (language or lang()) == "en" else row["name_zh"]


def unit(row, language: str | None = None) -> str:
    return row["unit_en"] if (language or lang()) == "en" else row["unit"]


def illustrative_notice(plan: str, as_of: int, ids=None) -> None:
    """The illustrative-data notice, when any figure of ``plan`` (or of ``ids`` only) up to ``as_of`` is."""
    if _shows_illustrative(data_revision(), plan, as_of, None if ids is None else tuple(ids)):
        st.warning(t("notice.illustrative"), icon="⚠️")


@st.cache_data(show_spinner=False)
def _shows_illustrative(revision: int, plan: str, as_of: int, ids: tuple[str, ...] | None) -> bool:
    ids = plan_catalog(catalog(revision), plan)["id"] if ids is None else list(ids)
    return uses_illustrative(observations(revision), ids, as_of=as_of)


# Last, once everything above is defined: the rerun it may raise aborts this import, and a
# session importing this module at the same moment must never be handed a half-built module
# (it kept one without ``t`` and failed on every later run).
_leave_legacy_page_discovery()
