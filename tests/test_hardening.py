"""Issue 17: every defect an adversarial review found in reading files becomes a test here.

Each test feeds the input that was read wrongly (or crashed) and asserts the value now read by
hand, or the problem that now refuses it; nothing of a refused file is written.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from analytics.catalog import load_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.ingest import load_observations, parse_number
from analytics.ingest.cells import COMMA_DECIMAL, DOT_DECIMAL, UNSURE, decimal_mark, parse_year
from analytics.ingest.grid import Limits
from analytics.problems import ValidationFailed
from analytics.store import Store
from tests.helpers import run_cli

CATALOG = load_catalog()
BAD = Path(__file__).resolve().parent / "data" / "bad"
CATALOG_HEADER = (
    "id,plan,plan_name_zh,plan_name_en,seq,name_zh,name_en,domain,unit,kind,comparison,"
    "baseline_year,baseline_value,target_year,target_value\n"
)


def read(content: bytes | str, name: str = "f.csv", **options):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return load_observations(data, name, CATALOG, plan="p14", **options)


def codes(result) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.code) for p in result.problems]


def values(result) -> dict[tuple[str, int], float]:
    return {(r.indicator_id, r.year): r.value for r in result.observations.itertuples()}


# --- 1. decimal commas ----------------------------------------------------------------------
@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_semicolon_or_tab_file_reads_decimal_commas_as_decimals(sep):
    # 33,5 -> 33.5 (not 335), 25,8 -> 25.8 (not 258), 3,35 -> 3.35 (not 335)
    rows = ["指标", "年份", "数值"], ["16", "2021", "33,5"], ["26", "2021", "25,8"], ["16", "2022", "3,35"]
    result = read("\n".join(sep.join(r) for r in rows) + "\n")
    assert result.errors == []
    assert values(result) == {("p14-16", 2021): 33.5, ("p14-26", 2021): 25.8, ("p14-16", 2022): 3.35}


def test_decimal_commas_make_a_three_digit_fraction_a_decimal_too():
    # with 33,5 in the column, 1,234 is 1.234 (the column's pattern), not 1234
    result = read("指标;年份;数值\n16;2021;33,5\n16;2022;1,234\n")
    assert values(result) == {("p14-16", 2021): 33.5, ("p14-16", 2022): 1.234}


def test_a_semicolon_file_whose_commas_could_be_either_is_refused_not_guessed():
    result = read((BAD / "ambiguous_number.csv").read_bytes(), "ambiguous_number.csv")
    assert codes(result) == [(2, "数值", "ambiguous_number")]
    assert result.observations.empty or ("p14-16", 2021) not in values(result)


def test_a_comma_file_reads_grouping_commas_and_refuses_a_comma_that_is_no_group():
    # "1,234" quoted in a comma file is 1234; "3,35" is no thousands group: refused, not 335
    result = read('指标,年份,数值\n16,2021,"1,234"\n16,2022,"3,35"\n')
    assert values(result) == {("p14-16", 2021): 1234.0}
    assert codes(result) == [(3, "数值", "ambiguous_number")]


def test_mixed_grouping_and_decimal_commas_are_refused():
    result = read("指标;年份;数值\n16;2021;33,5\n16;2022;1,234,567\n")
    assert [p.code for p in result.errors] == ["ambiguous_number", "ambiguous_number"]


@pytest.mark.parametrize(
    "cells, delimiter, mark",
    [
        (["33,5"], ";", COMMA_DECIMAL),
        (["1.234,5"], ";", COMMA_DECIMAL),
        (["1,234,567"], ";", DOT_DECIMAL),
        (["1,234.5"], "\t", DOT_DECIMAL),
        (["1,234"], ";", UNSURE),
        (["33,5", "1,234.5"], ";", UNSURE),
        (["33,5"], ",", DOT_DECIMAL),
        ([], None, UNSURE),
    ],
)
def test_the_decimal_mark_follows_the_delimiter_and_the_cells(cells, delimiter, mark):
    assert decimal_mark(cells, delimiter) == mark


# --- 2, 3, 13. numbers and years a float or a year cannot be ----------------------------------
@pytest.mark.parametrize("raw", ["1e309", "-1e309", "1e-400", "9 5.5", "9⁵", "①", "1 234"])
def test_numbers_that_were_read_wrongly_are_refused(raw):
    assert parse_number(raw) is None  # were: inf, -inf, 0.0, 95.5, 95.0, 1.0, 1234.0


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2021", 2021),
        ("2021年", 2021),
        ("2023年度", 2023),
        ("２０２１", 2021),
        ("2.023e3", None),
        ("1e309", None),
        ("2021.5", None),
        ("二〇二一", None),
        ("20210", None),
    ],
)
def test_a_year_is_four_digits_with_an_optional_nian(raw, expected):
    assert parse_year(raw) == expected


def test_an_infinite_or_underflowing_value_is_refused_and_nothing_is_read():
    result = read((BAD / "extreme_number.csv").read_bytes())
    assert codes(result) == [(2, "数值", "extreme_number"), (3, "数值", "extreme_number")]
    assert result.observations.empty


def test_a_year_or_number_of_1e309_is_a_problem_not_a_crash():
    result = read("指标,年份,数值\n3,1e309,95\n1e309,2021,95\n3,2.023e3,95\n")
    assert codes(result) == [(2, "年份", "bad_year"), (3, "指标", "unknown_indicator"), (4, "年份", "bad_year")]


def test_a_long_file_accepts_2023niandu_as_a_wide_header_does():
    long = read("指标,年份,数值\n3,2023年度,95.5\n")
    wide = read("序号,2023年度\n3,95.5\n")
    assert values(long) == values(wide) == {("p14-03", 2023): 95.5}


def test_a_percent_sign_on_a_count_is_refused_and_on_a_percentage_accepted():
    result = read((BAD / "percent_not_allowed.csv").read_bytes())
    assert codes(result) == [(2, "数值", "percent_not_allowed")]
    assert "“个”" in result.problems[0].message("zh")
    assert values(read("指标,年份,数值\n3,2021,95.5%\n")) == {("p14-03", 2021): 95.5}


def test_a_value_100_times_the_plan_of_an_unbounded_indicator_is_a_warning():
    # PM2.5 (#26): baseline 27, target 28, no maximum: the ceiling is 100 x 28 = 2800
    result = read((BAD / "implausible_value.csv").read_bytes())
    assert [(p.code, p.level) for p in result.problems] == [("implausible_value", "warning")]
    assert dict(result.problems[0].values) == {"reference": "28", "ceiling": "2800"}
    assert read("指标,年份,数值\n26,2021,2800\n").problems == []  # exactly at the ceiling: no warning


def test_a_bounded_indicator_keeps_its_own_maximum():
    # #3 is a % with max 100: 101 is out of range (an error), never merely implausible
    assert [p.code for p in read("指标,年份,数值\n3,2021,101\n").problems] == ["value_out_of_range"]


def test_the_catalog_import_refuses_fractional_and_infinite_numbers_instead_of_crashing():
    content = (BAD / "catalog_bad_numbers.csv").read_bytes()
    frame, problems = load_catalog_file(content, "catalog_bad_numbers.csv", existing=CATALOG)
    assert frame.empty
    assert [(p.row, p.column, p.code) for p in problems] == [
        (2, "seq", "not_a_whole_number"),
        (2, "target_year", "bad_year"),
        (2, "target_value", "extreme_number"),
        (3, "id", "too_long"),
        (3, "seq", "not_a_whole_number"),
    ]
    assert dict(problems[3].values) == {"length": 65, "limit": 64}  # "p15-" + 61 x "x" = 65 characters


def test_catalog_import_on_the_command_line_says_what_is_wrong_without_a_traceback(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text(
        CATALOG_HEADER + "p15-01,p15,十五五,15th,1,甲,A,product,个,cumulative,>=,2025,4,2030.5,6\n", encoding="utf-8"
    )
    result = run_cli("catalog", "import", str(path), db=f"sqlite:///{tmp_path}/plan.db")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "“2030.5”不是年份" in result.stderr


# --- 8. figures a workbook or a text hides ----------------------------------------------------
def test_a_formula_without_a_saved_value_is_refused_naming_the_cell():
    result = read((BAD / "formula_without_value.xlsx").read_bytes(), "formula_without_value.xlsx")
    assert [(p.code, p.value) for p in result.problems] == [("formula_without_value", "E2")]
    assert "=D2+0.3" in result.problems[0].message("en")


def test_a_nul_byte_after_the_first_4_kb_makes_the_file_binary():
    content = ("指标,年份,数值\n" + "3,2021,95\n" * 1000).encode("utf-8") + b"\x00" + b"3,2022,95\n"
    assert content.index(b"\x00") > 4096
    assert codes(read(content)) == [(None, None, "binary_file")]


def test_a_merged_indicator_cell_says_the_row_is_blank_not_unknown_indicator_empty():
    result = read((BAD / "merged_cells.xlsx").read_bytes(), "merged_cells.xlsx")
    assert codes(result) == [(3, "指标名称", "blank_indicator")]


# --- 4. bounds checked before parsing --------------------------------------------------------
def test_rows_over_the_limit_are_refused_before_the_cells_are_parsed():
    # 11 data rows + header = 12 rows > 10: refused; the same file is read with a limit of 12
    content = "指标,年份,数值\n" + "3,2021,95\n" * 11
    assert codes(read(content, limits=Limits(max_rows=10))) == [(None, None, "too_many_rows")]
    assert codes(read(content, limits=Limits(max_rows=12)))[0][2] == "repeated_row"


def workbook(rows: int, columns: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", *(f"{2021 + i}年" for i in range(columns - 1))])
    for _ in range(rows):
        sheet.append([3, *([95] * (columns - 1))])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_over_the_row_or_column_limit_is_refused_from_its_stated_size():
    assert codes(read(workbook(20, 2), "w.xlsx", limits=Limits(max_rows=10))) == [(None, None, "too_many_rows")]
    assert codes(read(workbook(2, 6), "w.xlsx", limits=Limits(max_columns=5))) == [(None, None, "too_many_columns")]


def test_a_workbook_that_understates_its_size_is_still_stopped_one_row_past_the_limit():
    content = workbook(20, 2)
    # a workbook written without its <dimension> element: read_only openpyxl then does not know its size
    import re
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            out.writestr(item, data)
    assert codes(read(target.getvalue(), "w.xlsx", limits=Limits(max_rows=10))) == [(None, None, "too_many_rows")]


def test_the_page_limit_is_configurable_and_the_command_line_takes_a_provinces_file(monkeypatch, tmp_path):
    from analytics.ingest.grid import CLI_LIMITS, web_limits

    monkeypatch.setenv("PLAN_UPLOAD_LIMIT_MB", "0.01")  # 10,485 bytes
    content = ("指标,年份,数值\n" + "3,2021,95\n" * 1200).encode("utf-8")  # 20 + 12,000 bytes
    assert codes(read(content)) == [(None, None, "too_large")]
    assert "0.01 MB" in read(content).problems[0].message("en")
    assert web_limits().max_bytes == 10_485 and CLI_LIMITS.max_bytes == 200 * 1024 * 1024
    path = tmp_path / "big.csv"
    path.write_bytes(content)
    result = run_cli("validate", str(path), db=f"sqlite:///{tmp_path}/plan.db")  # the CLI's limit is 200 MB
    assert "too_large" not in result.stderr and "MB" not in result.stderr


def test_the_page_limit_refuses_in_both_languages_naming_the_limit(monkeypatch):
    monkeypatch.setenv("PLAN_UPLOAD_LIMIT_MB", "0.01")
    content = ("指标,年份,数值\n" + "3,2021,95\n" * 1200).encode("utf-8")  # 20 + 12,000 = 12,020 bytes
    result = read(content)
    # 12,020 / 1,048,576 = 0.0115 MB (3 significant digits); nothing parsed, nothing to write
    assert result.observations.empty and [p.code for p in result.problems] == ["too_large"]
    assert result.problems[0].message("zh") == (
        "文件f.csv有0.0115 MB，超过0.01 MB的上限；请删去无关的工作表或拆分后再上传"
    )
    assert "over the 0.01 MB limit" in result.problems[0].message("en")


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_command_lines_own_limit_refuses_a_larger_file_naming_it_and_writes_nothing(monkeypatch, tmp_path, how):
    from analytics.ingest.grid import cli_limits

    path = tmp_path / "big.csv"
    path.write_bytes(("指标,年份,数值\n" + "3,2021,95\n" * 1200).encode("utf-8"))  # 12,020 bytes
    db = f"sqlite:///{tmp_path}/plan.db"
    before = len(Store(db).revisions())
    option = ["--max-mb", "0.01"] if how == "option" else []
    if how == "environment":
        monkeypatch.setenv("PLAN_CLI_LIMIT_MB", "0.01")
    for command in (["validate"], ["import", "--yes"]):
        result = run_cli(*command, str(path), *option, db=db)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip() == (
            "文件big.csv有0.0115 MB，超过0.01 MB的上限；请删去无关的工作表或拆分后再上传 / "
            "File big.csv is 0.0115 MB, over the 0.01 MB limit; remove unrelated sheets or split it, then upload again"
        )
    assert len(Store(db).revisions()) == before  # nothing written
    # the default, without either: 200 MB, whatever the page's limit is
    monkeypatch.delenv("PLAN_CLI_LIMIT_MB", raising=False)
    monkeypatch.setenv("PLAN_UPLOAD_LIMIT_MB", "0.01")
    assert cli_limits().max_bytes == 200 * 1024 * 1024 and cli_limits(0.5).max_bytes == 524_288  # 0.5 x 1,048,576
    assert run_cli("import", str(path), "--yes", db=db).returncode == 0
    assert len(Store(db).revisions()) == before + 1


def test_the_command_line_refuses_a_limit_that_is_not_a_positive_size(tmp_path):
    for raw in ("0", "-1", "abc", "inf", "nan"):
        result = run_cli("validate", str(tmp_path / "f.csv"), "--max-mb", raw)
        assert result.returncode == 2 and "--max-mb" in result.stderr, raw


def test_the_command_line_prints_at_most_100_problem_lines_and_says_how_many_more(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("指标,年份,数值\n" + "".join(f"3,{2021 + i % 5},x{i}\n" for i in range(250)), encoding="utf-8")
    result = run_cli("validate", str(path), db=f"sqlite:///{tmp_path}/plan.db")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 101
    assert "另有150个问题" in lines[-1] and "150 more problems" in lines[-1]
    json_result = run_cli("validate", str(path), "--format", "json", db=f"sqlite:///{tmp_path}/plan.db")
    assert len(json.loads(json_result.stdout)) == 250  # the json format lists every one


# --- 2. non-finite values cannot reach the database by any path ------------------------------
def test_the_store_refuses_an_infinite_value_even_without_the_file_reader(tmp_path):
    import pandas as pd

    store = Store(f"sqlite:///{tmp_path}/plan.db")
    latest = store.latest_revision()
    rows = pd.DataFrame(
        {"indicator_id": ["p14-19"], "year": [2024], "value": [float("inf")], "note": [""], "source": [""]}
    )
    with pytest.raises(ValidationFailed) as raised:
        store.commit_observations(rows, author="t")
    assert [p.code for p in raised.value.problems] == ["extreme_number"]
    assert store.latest_revision() == latest


# --- 9, 10. the write path on SQLite and PostgreSQL alike --------------------------------------
def one_row(value: float = 96.0):
    import pandas as pd

    return pd.DataFrame({"indicator_id": ["p14-03"], "year": [2025], "value": [value], "note": [""], "source": [""]})


@pytest.mark.parametrize(
    "field, options, limit",
    [
        ("author", {"author": "张" * 201}, 200),
        ("file_name", {"author": "t", "file_name": "f" * 501}, 500),
    ],
)
def test_a_field_too_long_for_postgresql_is_refused_on_both_databases_naming_it(db_url, field, options, limit):
    from analytics.store.revisions import FieldTooLong

    store = Store(db_url)
    with pytest.raises(FieldTooLong) as raised:
        store.commit_observations(one_row(), **options)
    assert raised.value.values["limit"] == limit and raised.value.values["length"] == limit + 1
    assert raised.value.message("en").startswith({"author": "The author", "file_name": "The file name"}[field])
    assert store.latest_revision() == 1  # nothing written
    store.commit_observations(one_row(), **{k: v[:limit] for k, v in options.items()})  # at the limit: written
    assert store.latest_revision() == 2


def test_revision_numbers_have_no_gap_after_a_failed_write_and_a_missing_number_is_refused(db_url):
    from analytics.errors import UnknownRevision

    store = Store(db_url)
    with pytest.raises(Exception):  # noqa: B017 - any failure inside the transaction
        with store._write() as conn:
            from analytics.store.revisions import add_revision

            add_revision(conn, action="import", author="t", row_count=0)
            raise RuntimeError("the write fails after its revision row was inserted")
    assert store.commit_observations(one_row(), author="t").id == 2  # 1 (seed) + 1: no gap for the failed one
    assert list(store.revisions()["id"]) == [2, 1]
    # A gap as a sequence left it before (revision 3 failed): its number is no state to export
    from datetime import UTC, datetime

    from analytics.store.schema import revisions

    with store.engine.begin() as conn:
        conn.execute(
            revisions.insert().values(
                id=4,
                created_at=datetime.now(UTC),
                action="import",
                author="t",
                note="",
                file_name="",
                sha256="",
                row_count=0,
            )
        )
    with pytest.raises(UnknownRevision):
        store.observations(revision=3)
    result = run_cli("export", "--revision", "3", db=db_url)
    assert result.returncode == 1 and "没有版本3 / There is no revision 3" in result.stderr
    assert store.commit_observations(one_row(97.0), author="t").id == 5


def test_an_export_after_a_refused_infinite_value_still_reimports(db_url):
    store = Store(db_url)
    with pytest.raises(ValidationFailed):
        store.commit_observations(one_row(float("-inf")), author="t")
    exported = run_cli("export", db=db_url).stdout
    assert "inf" not in exported.lower()
