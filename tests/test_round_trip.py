"""Property: a revision exported as CSV (``python -m analytics export``) and imported again
changes nothing and loses nothing, whatever figures, notes and sources it holds."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.catalog import load_catalog
from analytics.errors import NothingChanged
from analytics.export import neutralise_text, restore_text
from analytics.ingest import load_observations
from analytics.store import Store
from tests.helpers import run_cli

CATALOG = load_catalog()
QUANTITATIVE = CATALOG[(CATALOG["plan"] == "p14") & (CATALOG["kind"] != "qualitative")].reset_index(drop=True)
# What an upload can hold in a note or source: text without control characters, trimmed (the
# reader trims cells, as spreadsheets show them).
CELL_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=25).map(str.strip)


@st.composite
def observation(draw) -> dict:
    """One figure of a 14th-plan indicator, in a year of the plan, within the indicator's bounds."""
    row = QUANTITATIVE.iloc[draw(st.integers(0, len(QUANTITATIVE) - 1))]
    low = 0.0 if pd.isna(row["min_value"]) else float(row["min_value"])
    high = 1e9 if pd.isna(row["max_value"]) else float(row["max_value"])
    value = draw(st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False))
    year = draw(st.integers(int(row["baseline_year"]), int(row["target_year"])))
    return {"indicator_id": row["id"], "year": year, "value": value, "note": draw(CELL_TEXT), "source": draw(CELL_TEXT)}


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('round_trip')}/plan.db"
    Store(url)
    return url


@settings(max_examples=40)
@given(rows=st.lists(observation(), min_size=1, max_size=12, unique_by=lambda r: (r["indicator_id"], r["year"])))
def test_an_exported_revision_imports_again_with_no_change_and_nothing_lost(store_url, rows, tmp_path_factory):
    store = Store(store_url)
    try:
        store.commit_observations(pd.DataFrame(rows), author="hypothesis")
    except NothingChanged:
        pass
    revision = store.latest_revision()
    exported = tmp_path_factory.mktemp("export") / "export.csv"
    done = run_cli("export", "--revision", revision, "--output", exported, db=store_url)
    assert done.returncode == 0, done.stderr
    stored = store.observations(revision=revision).drop(columns="revision_id")
    result = load_observations(exported.read_bytes(), exported.name, CATALOG, plan="p14", current=stored)
    assert result.errors == []
    back = result.observations.sort_values(["indicator_id", "year"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(back, stored)  # every row, value, note and source, exactly
    with pytest.raises(NothingChanged):
        store.commit_observations(result.observations, author="hypothesis")
    assert store.latest_revision() == revision


@given(st.text())
def test_taking_the_apostrophe_off_gives_back_any_text_exactly(text):
    assert restore_text(neutralise_text(text)) == text
    if text.startswith(("=", "+", "-", "@")):
        assert neutralise_text(text) == "'" + text  # a spreadsheet shows it as text
