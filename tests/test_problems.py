"""The catalogue of problems: every code is reached by a real bad input, has a level, and a
message in Chinese and English that names its row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.catalog import load_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.ingest import MAX_FILE_BYTES, load_observations
from analytics.labels import TEXTS
from analytics.problems import CATALOGUE, Level, Problem

BAD = Path(__file__).resolve().parent / "data" / "bad"
CATALOG = load_catalog()
TOO_LARGE = b"indicator,year,value\n" + b"p14-03,2021,95\n" * (MAX_FILE_BYTES // 15 + 1)
IN_MEMORY = {
    "<5 MB in memory>": TOO_LARGE,
    "<100,001 rows in memory>": b"indicator,year,value\n" + b"3,2021,95\n" * 100_001,  # the page's row limit
    "<201 columns in memory>": ",".join(["indicator", "year", "value", *(f"c{i}" for i in range(198))]).encode(),
}

# code -> the bad input that must produce it: a file in tests/data/bad (an observations file unless
# its name starts with catalog_), with the sheet to read; too_large is made in memory (5 MB).
BAD_INPUTS: dict[str, tuple[str, str | None]] = {
    "too_large": ("<5 MB in memory>", None),
    "empty_file": ("empty.csv", None),
    "no_data_rows": ("header_only.csv", None),
    "binary_file": ("png_renamed.csv", None),
    "unreadable_encoding": ("shift_jis.csv", None),
    "not_a_table": ("unclosed_quote.csv", None),
    "unknown_sheet": ("../good/multi_sheet.xlsx", "没有这张表"),
    "missing_column": ("missing_columns.csv", None),
    "ignored_column": ("many_problems_gbk.csv", None),
    "unknown_indicator": ("unknown_indicator.csv", None),
    "ambiguous_indicator": ("ambiguous_indicator.csv", None),
    "bad_year": ("bad_year.csv", None),
    "not_a_number": ("not_a_number.csv", None),
    "year_out_of_range": ("year_out_of_range.csv", None),
    "value_out_of_range": ("percentage_out_of_range.csv", None),
    "negative_count": ("negative_count.csv", None),
    "conflicting_duplicate": ("conflicting_duplicate.csv", None),
    "repeated_row": ("repeated_row.csv", None),
    "cumulative_decrease": ("cumulative_decrease.csv", None),
    "too_many_rows": ("<100,001 rows in memory>", None),
    "too_many_columns": ("<201 columns in memory>", None),
    "formula_without_value": ("formula_without_value.xlsx", None),
    "header_on_other_sheet": ("../good/multi_sheet.xlsx", None),
    "blank_indicator": ("merged_cells.xlsx", None),
    "ambiguous_number": ("ambiguous_number.csv", None),
    "extreme_number": ("extreme_number.csv", None),
    "percent_not_allowed": ("percent_not_allowed.csv", None),
    "implausible_value": ("implausible_value.csv", None),
    "not_a_whole_number": ("catalog_bad_numbers.csv", None),
    "too_long": ("catalog_bad_numbers.csv", None),
    "bad_choice": ("catalog_bad.csv", None),
    "duplicate_id": ("catalog_bad.csv", None),
    "id_in_use": ("catalog_id_in_use.csv", None),
    "missing_cell": ("catalog_missing_cell.csv", None),
    "target_before_baseline": ("catalog_impossible.csv", None),
    "bounds_reversed": ("catalog_impossible.csv", None),
    "outside_bounds": ("catalog_impossible.csv", None),
    "duplicate_seq": ("catalog_impossible.csv", None),
    "continues_unknown": ("catalog_continues.csv", None),
    "continues_unit_differs": ("catalog_continues.csv", None),
}


def problems_of(name: str, sheet: str | None) -> list[Problem]:
    if name in IN_MEMORY:
        return load_observations(IN_MEMORY[name], "big.csv", CATALOG, plan="p14").problems
    path = BAD / name
    if path.name.startswith("catalog_"):
        return load_catalog_file(path.read_bytes(), path.name, existing=CATALOG)[1]
    return load_observations(path.read_bytes(), path.name, CATALOG, plan="p14", sheet=sheet).problems


def test_every_code_of_the_catalogue_has_a_bad_input():
    assert sorted(CATALOGUE) == sorted(BAD_INPUTS), "add a bad input file (tests/data/make_files.py) for each code"


@pytest.mark.parametrize("code", sorted(BAD_INPUTS))
def test_each_bad_input_gives_its_problem_with_a_message_in_both_languages(code):
    found = [p for p in problems_of(*BAD_INPUTS[code]) if p.code == code]
    assert found, f"{BAD_INPUTS[code][0]} did not give {code}"
    for problem in found:
        zh, en = problem.message("zh"), problem.message("en")
        assert zh and en and zh != en and "{" not in zh + en
        if problem.row is not None:
            assert zh.startswith(f"第{problem.row}行") and en.startswith(f"Row {problem.row}")
        if problem.column:
            assert f"“{problem.column}”" in zh and f"“{problem.column}”" in en
        record = problem.record()
        assert record["code"] == code and record["level"] == str(CATALOGUE[code].level)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_has_a_level_and_a_label(code):
    kind = CATALOGUE[code]
    assert kind.level in (Level.ERROR, Level.WARNING)
    assert f"problem.{code}" in TEXTS


def test_only_four_problems_are_warnings():
    warnings = sorted(code for code, kind in CATALOGUE.items() if kind.level is Level.WARNING)
    assert warnings == ["cumulative_decrease", "ignored_column", "implausible_value", "repeated_row"]


def test_the_three_codes_that_were_untested_say_what_is_wrong_where():
    [table] = problems_of("unclosed_quote.csv", None)
    assert table.message("en") == (
        "Cannot read a table from unclosed_quote.csv (field larger than field limit (131072)); save it as CSV or .xlsx"
    )
    [taken] = problems_of("catalog_id_in_use.csv", None)
    assert (taken.row, taken.column, taken.value) == (2, "id", "p14-01")
    assert taken.message("zh") == "第2行“id”列：编号“p14-01”已被另一规划的指标使用；请换一个编号"
    [blank] = problems_of("catalog_missing_cell.csv", None)
    assert (blank.row, blank.column) == (2, "name_en")
    assert blank.message("en") == "Row 2, column “name_en”: this cell must not be blank"


def test_a_code_cannot_be_defined_twice():
    with pytest.raises(TypeError, match="defined twice"):
        type("AnotherNotANumber", (Problem,), {"code": "not_a_number"})
