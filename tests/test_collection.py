"""The data-collection board of a year (issue 16): which indicators have a figure, which are
missing, the unit answerable, and when each figure was last changed, in Beijing time."""

from __future__ import annotations

import json

import pandas as pd

from analytics.collection import beijing_time, board_summary, collection_board
from analytics.labels import text
from analytics.store import Store
from tests.helpers import catalog_of, indicator, run_cli

CATALOG = catalog_of(
    indicator(id="a", seq=1, department="县市场监管局"),
    indicator(id="b", seq=2),
    indicator(id="c", seq=3, kind="qualitative", comparison=""),
)
OBSERVATIONS = pd.DataFrame(
    {"indicator_id": ["a", "a", "b"], "year": [2024, 2025, 2024], "value": [1.0, 2.0, 3.0], "revision_id": [1, 2, 1]}
)
REVISIONS = pd.DataFrame(
    {"id": [1, 2], "created_at": pd.to_datetime(["2025-03-01 10:00", "2026-02-28 17:30"], utc=True)}
)


def test_the_board_marks_each_indicator_reported_or_missing_with_its_department_and_time():
    board = collection_board(CATALOG, OBSERVATIONS, REVISIONS, year=2025).set_index("id")
    assert list(board.index) == ["a", "b"]  # the qualitative row is not collected
    assert board.loc["a", "reported"] and board.loc["a", "value"] == 2.0
    assert board.loc["a", "changed_at"] == "2026-03-01 01:30"  # 17:30 UTC + 8 h, the next day in Beijing
    assert board.loc["a", "department"] == "县市场监管局" and board.loc["b", "department"] == ""
    assert not board.loc["b", "reported"] and board.loc["b", "changed_at"] == ""
    summary = board_summary(board.reset_index(), 2025)
    assert (summary.expected, summary.reported, summary.missing) == (2, 1, ("b",))
    assert summary.last_changed == "2026-03-01 01:30"


def test_a_naive_time_is_read_as_utc():
    assert beijing_time(pd.Timestamp("2026-01-01 16:00")) == "2026-01-02 00:00"
    assert beijing_time(None) == ""


def test_status_lists_the_years_figures_in_json_and_a_table(tmp_path):
    db = f"sqlite:///{tmp_path / 'plan.db'}"
    store = Store(db)
    seeded = set(store.observations().query("year == 2024 and indicator_id.str.startswith('p14')")["indicator_id"])
    store.commit_observations(
        pd.DataFrame({"indicator_id": ["p14-02"], "year": [2025], "value": [36.0]}), author="test"
    )
    result = run_cli("status", "--year", "2025", "--plan", "p14", "--format", "json", db=db)
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert len(rows) == 26 and rows["p14-02"]["reported"] and rows["p14-02"]["value"] == 36.0
    assert sum(r["reported"] for r in rows.values()) == 1
    assert rows["p14-03"]["changed_at"] == "" and rows["p14-03"]["value"] is None
    table = run_cli("status", "--year", "2024", "--plan", "p14", db=db)
    assert table.stdout.splitlines()[0] == text(
        "collection.summary", "zh", year=2024, expected=26, reported=len(seeded), missing=26 - len(seeded)
    )
    assert "北京时间" in table.stdout


def test_the_data_page_shows_the_board_for_the_year_being_collected(open_app):
    at = open_app("data")
    assert not at.exception
    board = next(d.value for d in at.dataframe if "changed_at" in d.value.columns)
    year_box = next(b for b in at.selectbox if b.label == text("collection.year", "zh"))
    assert year_box.value == 2025  # the demo data runs to 2024: 2025 is the year being collected
    assert len(board) == 26 and set(board["reported"]) == {text("collection.no", "zh")}
    assert set(board["value"]) == {"—"}  # nothing sent for 2025 yet: a dash, never the grid's "None"
    year_box.set_value(2024).run()
    board = next(d.value for d in at.dataframe if "changed_at" in d.value.columns).set_index("id")
    assert (board["reported"] == text("collection.yes", "zh")).sum() > 0
    assert board.loc["p14-03", "value"] == "95.9"  # #3's 2024 figure in the demo data, as the cards print it
