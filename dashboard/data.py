"""The store's data, cached and keyed on the data revision: a commit or restore shows at once,
and nothing is recomputed otherwise."""

from __future__ import annotations

import os

import pandas as pd
import pyarrow as pa
import streamlit as st

from analytics.assess import achievement_points, assess
from analytics.cards import unit
from analytics.catalog import latest_data_year as catalog_latest_data_year
from analytics.catalog import plan_catalog, plans
from analytics.charts import indicator_chart
from analytics.provenance import uses_illustrative
from analytics.store import Store

AnnualChange = tuple[tuple[str, float], ...]  # a scenario's (indicator id, assumed annual change) pairs


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


@st.cache_data(show_spinner=False)
def catalog(revision: int) -> pd.DataFrame:
    return store().catalog(revision=revision)


@st.cache_data(show_spinner=False)
def observations(revision: int) -> pd.DataFrame:
    return store().observations(revision=revision)


@st.cache_data(show_spinner=False)
def assessment(revision: int, plan: str, as_of: int, annual_change: AnnualChange = ()) -> pd.DataFrame:
    """The assessment of ``plan`` at ``as_of``; ``annual_change`` pairs are a scenario's overrides."""
    overrides = pd.Series(dict(annual_change), dtype=float) if annual_change else None
    return assess(plan_catalog(catalog(revision), plan), observations(revision), as_of=as_of, annual_change=overrides)


@st.cache_data(show_spinner=False)
def revisions(revision: int) -> pd.DataFrame:
    """Every revision, newest first; ``revision`` (the latest) keys the cache."""
    return store().revisions()


@st.cache_data(show_spinner=False)
def latest_data_year(revision: int, plan: str) -> int:
    return catalog_latest_data_year(plan_catalog(catalog(revision), plan), observations(revision))


@st.cache_data(show_spinner=False)
def plan_table(revision: int) -> pd.DataFrame:
    return plans(catalog(revision))


@st.cache_data(show_spinner=False)
def points(revision: int, plan: str, as_of: int) -> pd.DataFrame:
    """What each indicator is judged on (running sums for new-in-period indicators)."""
    return achievement_points(plan_catalog(catalog(revision), plan), observations(revision), as_of=as_of)


@st.cache_data(show_spinner=False)
def shows_illustrative(revision: int, plan: str, as_of: int, ids: tuple[str, ...] | None) -> bool:
    """Whether any figure of ``plan`` (or of ``ids`` only) up to ``as_of`` is illustrative."""
    ids = plan_catalog(catalog(revision), plan)["id"] if ids is None else list(ids)
    return uses_illustrative(observations(revision), ids, as_of=as_of)


def arrow_ipc(records: list[dict]) -> bytes:
    """Records as an Arrow IPC stream, the form ``st.vega_lite_chart`` sends a dataset in."""
    table = pa.Table.from_pylist(records)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


@st.cache_resource(show_spinner=False, max_entries=1000)
def chart_specs(
    revision: int, plan: str, as_of: int, annual_change: AnnualChange, indicator_ids: tuple[str, ...], lang: str
) -> dict[str, dict]:
    """Indicators' charts as Vega-Lite specs, ready for ``st.vega_lite_chart``, by indicator id.

    The specs are cached, with their data already in Arrow, a whole page's in one lookup
    (each lookup hashes its arguments: 16 lookups cost a domain page ~15 ms a rerun).
    They are shared between sessions: read them, never change them (``st.vega_lite_chart``
    copies a spec before it takes the data out, and passes bytes through as they are).
    """
    rows = assessment(revision, plan, as_of, annual_change).set_index("id", drop=False)
    bounds = catalog(revision).set_index("id")[["min_value", "max_value"]]
    points_of = dict(tuple(points(revision, plan, as_of).groupby("indicator_id")))
    no_points = pd.DataFrame({"year": [], "achieved": []})
    specs = {}
    for indicator_id in indicator_ids:
        row = rows.loc[indicator_id]
        spec = indicator_chart(
            row,
            points_of.get(indicator_id, no_points),
            lang=lang,
            unit_label=unit(row, lang),
            min_value=bounds.at[indicator_id, "min_value"],
            max_value=bounds.at[indicator_id, "max_value"],
        )
        # Converting the datasets to Arrow here, once, keeps the conversion (most of a cached
        # page's rerun time) out of every rerun. Straight from the records: through a
        # DataFrame took ten times as long.
        spec["datasets"] = {name: arrow_ipc(records) for name, records in spec["datasets"].items()}
        specs[indicator_id] = spec
    return specs
