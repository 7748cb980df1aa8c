"""Issue 17's scale: the column-at-a-time reader of long files gives exactly what the cell-by-cell
reader gives, and the preview's row matching by position what a row-by-row lookup gives, on small
files (the 312,000-row timing is benchmarks/bench_import.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.catalog import load_catalog
from analytics.changes import compare_observations
from analytics.ingest import grid, load_observations, parse_number
from analytics.preview import apply_changes, preview

CATALOG = load_catalog()
DATA = Path(__file__).resolve().parent / "data"
# numbers as departments write them: plain, signed, with %, full-width, grouped, decimal commas, junk
CELLS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: f"{x:.4f}"),
    st.sampled_from(
        [
            "96.3%",
            "９６．３",
            "1,234",
            "3,35",
            "1e309",
            "1e-400",
            "",
            "abc",
            " 12 ",
            "9⁵",
            "0.5 %",
            "1234567890123456",
            "-0",
            "+5",
            ".5",
            "5.",
        ]
    ),
)


@settings(max_examples=60)
@given(st.lists(CELLS, min_size=1, max_size=5))
def test_the_column_reader_reads_every_value_as_parse_number_does(values):
    # one value a year of #16 (patents per 10,000 people), in a comma-separated file
    content = "indicator,year,value\n" + "".join(f'p14-16,{2021 + i},"{v}"\n' for i, v in enumerate(values))
    result = load_observations(content.encode("utf-8"), "f.csv", CATALOG, plan="p14")
    unreadable = {p.row for p in result.problems if p.code in ("not_a_number", "ambiguous_number", "extreme_number")}
    refused = {p.row for p in result.errors}
    read = result.observations.set_index("year")["value"].to_dict()
    for row, raw in enumerate(values, start=2):
        number = parse_number(raw.strip())
        assert (number is None) == (row in unreadable), raw
        if row not in refused:
            assert read[2021 + row - 2] == number, raw  # exactly the same float


# plain numbers of up to 15 + 15 digits, the ones the column reader casts at once: long fractions and
# halfway cases are where a cast that is not correctly rounded would differ from float()
PLAIN_CELLS = st.from_regex(r"-?[0-9]{1,15}(\.[0-9]{1,15})?", fullmatch=True) | st.sampled_from(
    ["0.1", "2.675", "9007199254740993", "0.30000000000000004", "123456789012345.678901234567891", "-0.0"]
)


@settings(max_examples=100)
@given(st.lists(PLAIN_CELLS, min_size=1, max_size=5))
def test_plain_numbers_are_cast_to_exactly_the_float_python_reads(values):
    content = "indicator,year,value\n" + "".join(f"p14-16,{2021 + i},{v}\n" for i, v in enumerate(values))
    result = load_observations(content.encode("utf-8"), "f.csv", CATALOG, plan="p14")
    refused = {p.row for p in result.errors}
    read = result.observations.set_index("year")["value"].to_dict()
    for row, raw in enumerate(values, start=2):
        if row not in refused:  # a negative count or a value over a bound is refused, not misread
            assert read[2021 + row - 2] == float(raw), raw


def test_every_year_of_25_indicators_reads_through_the_column_reader():
    ids = [i for i in CATALOG.loc[CATALOG["plan"] == "p14", "id"] if i != "p14-22"]
    rows = [(i, y, 1.5) for i in ids for y in range(2021, 2026)]
    content = pd.DataFrame(rows, columns=["indicator", "year", "value"]).to_csv(index=False).encode()
    result = load_observations(content, "f.csv", CATALOG, plan="p14")
    # 25 indicators x 5 years = 125 rows; 1.5 is within every bound and below every 100x ceiling
    assert result.errors == [] and len(result.observations) == 125
    assert set(result.observations["value"]) == {1.5}


# a header the fast reader accepts, then records of quotes, delimiters, line ends and spaces
FIELD_TEXT = st.text(alphabet=list('ab1,;\t" \r\n中\u3000\x0b'), max_size=12)
HEADERS = st.sampled_from(["indicator,year,value", "indicator;year;value", "指标\t年份\t数值", "指标,2021,2022,"])


@settings(max_examples=150)
@given(HEADERS, st.lists(FIELD_TEXT, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]))
def test_pandas_reads_a_csv_into_the_cells_the_csv_module_reads(header, records, newline):
    content = (header + newline + newline.join(records)).encode("utf-8")
    fast, fast_problems = grid.read_table(content, "f.csv")
    original_rows = grid.PARSE_CHUNK_ROWS
    try:
        grid.PARSE_CHUNK_ROWS = 2  # pandas' chunks of rows, joined: the same again
        assert _cells(grid.read_table(content, "f.csv")) == _cells((fast, fast_problems))
    finally:
        grid.PARSE_CHUNK_ROWS = original_rows
    original = grid._parsed_frame
    try:
        grid._parsed_frame = lambda *args: None  # the csv module's reader, row by row
        slow, slow_problems = grid.read_table(content, "f.csv")
    finally:
        grid._parsed_frame = original
    assert [p.record() for p in fast_problems] == [p.record() for p in slow_problems]
    if slow is not None:
        assert (fast.header, fast.rows, fast.row_numbers) == (slow.header, slow.rows, slow.row_numbers)
        assert (fast.header_row, fast.delimiter) == (slow.header_row, slow.delimiter)


def _cells(read) -> tuple:
    table, problems = read
    shown = None if table is None else (table.header, table.rows, table.row_numbers, table.header_row)
    return shown, [p.record() for p in problems]


def test_a_plain_csv_is_read_by_pandas_and_one_with_a_title_by_the_csv_module():
    plain = b"indicator,year,value\np14-16,2021,33.4\n"
    titled = "海盐县\nindicator,year,value\np14-16,2021,33.4\n".encode()
    assert grid._parsed_frame(plain, "utf-8-sig", ",", grid.Limits()) is not None
    assert grid._parsed_frame(titled, "utf-8-sig", ",", grid.Limits()) is None
    # both give the one row: file row 2 of the plain file, 3 of the titled one
    assert grid.read_table(plain, "f.csv")[0].row_numbers == [2]
    assert grid.read_table(titled, "f.csv")[0].row_numbers == [3]


@pytest.mark.parametrize("chunk_bytes", [3, 7, 1024 * 1024])
def test_a_file_read_from_its_path_in_chunks_gives_what_its_bytes_give(monkeypatch, chunk_bytes):
    # every good and bad file of tests/data, read in chunks of 3 and 7 bytes (a GBK, UTF-8 or
    # UTF-16 character cut in two) and of a megabyte, as the command line reads a file
    monkeypatch.setattr(grid, "CHUNK_BYTES", chunk_bytes)
    files = sorted((DATA / "good").iterdir()) + sorted((DATA / "bad").iterdir())
    assert len(files) > 30
    for path in files:
        from_bytes, bytes_problems = grid.read_table(path.read_bytes(), path.name)
        from_path, path_problems = grid.read_table(path, path.name)
        assert [p.record() for p in path_problems] == [p.record() for p in bytes_problems], path.name
        if from_bytes is not None:
            assert (from_path.header, from_path.rows, from_path.row_numbers) == (
                from_bytes.header,
                from_bytes.rows,
                from_bytes.row_numbers,
            ), path.name


# a stored or incoming row: indicator, year, value, note (values and notes from few choices, so many match)
OBSERVATION = st.tuples(
    st.sampled_from(["p14-03", "p14-16", "p14-12"]),
    st.integers(2020, 2024),
    st.sampled_from([1.0, 2.5, 2.5 + 1e-13, 3.0]),
    st.sampled_from(["", "a", "b"]),
)


def _frame(rows) -> pd.DataFrame:
    unique = list({(i, y): (i, y, v, n) for i, y, v, n in rows}.values())  # one row a key, as stored
    return pd.DataFrame(unique, columns=["indicator_id", "year", "value", "note"])


@settings(max_examples=100)
@given(st.lists(OBSERVATION, max_size=12), st.lists(OBSERVATION, min_size=1, max_size=12), st.booleans())
def test_rows_matched_by_position_compare_as_a_row_by_row_lookup_does(stored_rows, incoming_rows, exact):
    current, incoming = _frame(stored_rows), _frame(incoming_rows)
    stored = {(i, y): (v, n) for i, y, v, n in current.itertuples(index=False)}
    compared = compare_observations(current, incoming, exact=exact)
    assert len(compared) == len(incoming)
    for (i, y, v, n), row in zip(incoming.itertuples(index=False), compared.itertuples(index=False), strict=True):
        if (i, y) not in stored:
            assert (row.change, np.isnan(row.old_value), row.note) == ("new", True, n)
            continue
        old_value, old_note = stored[i, y]
        same_value = v == old_value if exact else abs(v - old_value) <= 1e-12  # 2.5 + 1e-13 is 2.5 for an upload
        note = old_note if same_value and n == "" and not exact else n  # a blank note keeps the stored one
        assert (row.old_value, row.note) == (old_value, note)
        assert row.change == ("unchanged" if same_value and note == old_note else "changed")
    after = apply_changes(current, incoming).set_index(["indicator_id", "year"])
    keys = set(stored) | set(zip(incoming["indicator_id"], incoming["year"], strict=True))
    assert after.index.is_monotonic_increasing and len(after) == len(keys)  # every key once, in order
    for i, y, v, _ in incoming.itertuples(index=False):
        assert after.loc[(i, y), "value"] == v  # incoming rows win


def test_rows_of_years_too_far_apart_for_one_integer_key_are_matched_as_pairs():
    # span 2**61 + 1 years x (2 stored ids + 1) >= 2**62: indicator and year are matched as a pair instead
    current = pd.DataFrame({"indicator_id": ["a", "b"], "year": [0, 2**61], "value": [1.0, 2.0]})
    incoming = pd.DataFrame(
        {"indicator_id": ["b", "a", "a", "c"], "year": [2**61, 0, 5, 0], "value": [2.0, 3.0, 4.0, 5.0]}
    )
    compared = compare_observations(current, incoming)
    # b 2**61 was 2.0: unchanged; a 0 was 1.0: changed; a 5 and c (no stored row) are new
    assert compared["change"].tolist() == ["unchanged", "changed", "new", "new"]
    assert compared["old_value"].tolist()[:2] == [2.0, 1.0] and compared["old_value"].iloc[2:].isna().all()


def test_a_preview_lists_changed_then_new_then_unchanged_rows_with_their_names():
    current = pd.DataFrame({"indicator_id": ["p14-16", "p14-03"], "year": [2021, 2021], "value": [30.0, 95.0]})
    incoming = pd.DataFrame(
        {
            "indicator_id": ["p14-16", "p14-16", "p14-03", "p14-03"],
            "year": [2022, 2021, 2022, 2021],
            "value": [31.0, 30.5, 95.5, 95.0],
        }
    )
    shown = preview(current, incoming, CATALOG, plan="p14")
    # p14-16 2021 30 -> 30.5 changed; the 2022 rows new (p14-03 before p14-16); p14-03 2021 95 unchanged
    listed = shown.changes[["indicator_id", "year", "change"]].values.tolist()
    assert listed == [
        ["p14-16", 2021, "changed"],
        ["p14-03", 2022, "new"],
        ["p14-16", 2022, "new"],
        ["p14-03", 2021, "unchanged"],
    ]
    assert shown.counts == {"new": 2, "changed": 1, "unchanged": 1}
    names = CATALOG.set_index("id")
    for column in ("seq", "name_zh", "name_en", "unit", "unit_en"):
        expected = names.loc[shown.changes["indicator_id"], column].tolist()
        assert shown.changes[column].tolist() == expected, column
