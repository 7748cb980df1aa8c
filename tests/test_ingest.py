"""Reading analysts' files: every accepted form, every refusal with a real file, preview and rollback."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.catalog import load_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.changes import normalise_observations
from analytics.errors import NothingChanged
from analytics.export import csv_bytes, excel_bytes
from analytics.ingest import (
    MAX_FILE_BYTES,
    ValueOutOfRange,
    load_observations,
    normalise_name,
    parse_number,
    problem_table,
    read_table,
    sheet_names,
)
from analytics.ingest.cells import normalise_names
from analytics.preview import apply_changes, preview
from analytics.store import NothingToRestore, StaleRevision, Store
from analytics.template import template

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent
CATALOG = load_catalog()
SEED = pd.read_csv(REPO / "data" / "observations.csv", dtype={"note": str, "source": str}, keep_default_na=False)

# The five figures every good file holds (tests/data/make_files.py), as written by hand:
# 95.1% -> 95.1, "95.4 %" -> 95.4, full-width １７ -> 17; names by id, number (3),
# and Chinese name with full-width brackets and without the quotes around 浙江制造.
EXPECTED = pd.read_csv(
    io.StringIO("""indicator_id,year,value
p14-03,2021,95.1
p14-03,2022,95.4
p14-09,2021,17
p14-16,2021,33.4
p14-26,2022,23.5
""")
)


def read(path: Path, *, current: pd.DataFrame | None = None, sheet: str | None = None):
    return load_observations(path.read_bytes(), path.name, CATALOG, plan="p14", current=current, sheet=sheet)


def where(problems) -> list[tuple]:
    return [(p.row, p.column, p.code) for p in problems]


# --- accepted forms ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, sheet",
    [
        ("long_utf8.csv", None),
        ("long_utf8_bom.csv", None),
        ("long_gbk.csv", None),
        ("long_semicolon.csv", None),
        ("long.xlsx", None),
        ("wide_gbk.csv", None),
        ("wide_tab.csv", None),
        ("utf16_tab.csv", None),
        ("wide_title_row.xlsx", None),
        ("multi_sheet.xlsx", "数据"),
    ],
)
def test_every_accepted_form_reads_the_same_five_figures(name, sheet):
    result = read(DATA / "good" / name, current=SEED, sheet=sheet)
    assert result.problems == []
    got = result.observations.loc[:, ["indicator_id", "year", "value"]]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), EXPECTED, check_dtype=False)


def test_long_files_keep_the_note_and_wide_files_leave_it_blank():
    assert list(read(DATA / "good" / "long_gbk.csv").observations["note"]) == ["省质监抽检", "", "", "", ""]
    assert list(read(DATA / "good" / "wide_gbk.csv").observations["note"]) == [""] * 5


def test_the_gbk_files_are_read_as_gbk_exactly_as_the_same_text_in_utf8():
    for name, header in (
        ("long_gbk.csv", ["指标", "年份", "数值", "备注"]),
        ("wide_gbk.csv", ["序号", "指标名称", "单位", "2021年", "2022年"]),
    ):
        content = (DATA / "good" / name).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            content.decode("utf-8")  # the fixture really is GBK, so the reader had to tell
        as_utf8 = content.decode("gbk").encode("utf-8")
        table, problems = read_table(content, name)
        assert problems == [] and table.header == header
        assert table.rows == read_table(as_utf8, name)[0].rows
        from_gbk = load_observations(content, name, CATALOG, plan="p14", current=SEED)
        from_utf8 = load_observations(as_utf8, name, CATALOG, plan="p14", current=SEED)
        assert from_gbk.problems == []
        pd.testing.assert_frame_equal(from_gbk.observations, from_utf8.observations)


def test_utf16_big_endian_with_a_bom_reads_too_and_a_bom_is_not_mistaken_for_binary():
    text_ = (DATA / "good" / "utf16_tab.csv").read_bytes().decode("utf-16")
    for content in (text_.encode("utf-16-be"), b"\xfe\xff" + text_.encode("utf-16-be")):
        result = load_observations(content, "be.csv", CATALOG, plan="p14", current=SEED)
        if content[:2] == b"\xfe\xff":
            pd.testing.assert_frame_equal(
                result.observations[["indicator_id", "year", "value"]], EXPECTED, check_dtype=False
            )
        else:  # no BOM: the NUL bytes of UTF-16 cannot be told from a binary file
            assert where(result.problems) == [(None, None, "binary_file")]


def test_the_wrong_encoding_message_names_the_accepted_encodings():
    problem = read(DATA / "bad" / "shift_jis.csv").problems[0]
    assert problem.message("en") == (
        "Cannot read the text encoding of shift_jis.csv (accepted: UTF-8, UTF-16 with a BOM, GBK/GB18030); "
        "save it from Excel as “CSV UTF-8” or .xlsx"
    )


def test_a_gbk_header_of_unknown_names_is_a_missing_column_unless_the_text_has_rare_letters():
    # Common simplified characters only: a real GBK file whose headers are wrong.
    plain = "名称,时间,金额\n制造业,2021,95\n".encode("gbk")
    assert where(load_observations(plain, "p.csv", CATALOG, plan="p14").problems) == [(1, None, "missing_column")] * 3
    # One rare letter (丟, GBK but not GB2312) in 11 letters is under the 10% share, yet with a
    # header of nothing recognisable it means another encoding, not wrong headers.
    rare = "名称,时间,金额\n制造业丟,2021,95\n".encode("gbk")
    assert where(load_observations(rare, "r.csv", CATALOG, plan="p14").problems) == [
        (None, None, "unreadable_encoding")
    ]


def test_a_multi_sheet_workbook_lists_its_sheets_and_reads_the_first_unless_told():
    path = DATA / "good" / "multi_sheet.xlsx"
    assert sheet_names(path.read_bytes()) == ["说明", "数据"]
    # The first sheet is a note, not a table: the problem names the sheet that has the header.
    [problem] = read(path).problems
    assert (problem.code, problem.value, dict(problem.values)) == ("header_on_other_sheet", "说明", {"sheet": "数据"})
    assert "--sheet 数据" in problem.message("en")
    assert where(read(path, sheet="没有这张表").problems) == [(None, None, "unknown_sheet")]
    assert "说明、数据" in read(path, sheet="没有这张表").problems[0].message("zh")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("96.3%", 96.3),
        ("96.3 %", 96.3),
        ("２８", 28.0),
        ("1,234", 1234.0),
        (" 1,234.5 ", 1234.5),
        ("-2", -2.0),
        ("９６．３％", 96.3),
        ("abc", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        ("1_000", None),
        ("9%6", None),
    ],
)
def test_parse_number_accepts_what_departments_write(raw, expected):
    assert parse_number(raw) == expected


# letters whose folding depends on their neighbours or composes with them: a final sigma, combining
# marks, Hangul jamo, full-width forms, Unicode spaces, quotes and brackets folded, and the separator
NAME_LETTERS = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    list("ΣσΑ'.\u0301\u0345\u3000\u00a0\x1cᄀ\u1161\u11a8ＡＢ（）【】“”「」ﬁİ \x00")
)


@settings(max_examples=500)
@given(st.lists(st.text(alphabet=NAME_LETTERS, max_size=8), max_size=8))
def test_names_normalised_together_are_each_name_normalised_alone(names):
    assert normalise_names(names) == [normalise_name(name) for name in names]


def test_names_normalised_together_fold_what_each_name_folds():
    # a sigma ends the word before the separator as it ends the name alone; "ΑΣ Β" loses its space first
    names = ["ΑΣ", "ΑΣ Β", "（浙江制造）", "“品字标”", "【A】 b", "e\u0301"]
    assert normalise_names(names) == ["ας", "ασβ", "(浙江制造)", "品字标", "(a)b", "\u00e9"]


def test_the_template_has_chinese_headers_and_the_plan_years():
    blank = template(CATALOG, "p14")
    assert list(blank.columns) == ["序号", "指标", "单位", "2021年", "2022年", "2023年", "2024年", "2025年"]
    assert len(blank) == 26 and list(blank["序号"][:3]) == [1, 2, 3]
    assert blank.loc[2, "指标"] == "制造业产品质量平均合格率" and blank.loc[2, "单位"] == "%"


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_filled_in_template_round_trips_through_the_wide_reader(form):
    filled = template(CATALOG, "p14")
    filled.loc[2, "2025年"] = "96.2"  # seq 3
    filled.loc[8, "2025年"] = "28"  # seq 9
    filled.loc[25, "2024年"] = "25.5"  # seq 26
    content = csv_bytes(filled) if form == "csv" else excel_bytes(filled, sheet_name="模板")
    result = load_observations(content, f"t.{form}", CATALOG, plan="p14", current=SEED)
    assert result.problems == []
    assert result.observations[["indicator_id", "year", "value"]].values.tolist() == [
        ["p14-03", 2025, 96.2],
        ["p14-09", 2025, 28.0],
        ["p14-26", 2024, 25.5],
    ]


def test_an_export_re_imports_to_exactly_the_same_observations():
    stored = normalise_observations(SEED)
    for content, name in ((csv_bytes(stored), "export.csv"), (excel_bytes(stored), "export.xlsx")):
        result = load_observations(content, name, CATALOG, plan="p14", current=SEED)
        assert result.errors == []
        pd.testing.assert_frame_equal(normalise_observations(result.observations), stored)


# --- refusals: one real file per defect, the exact list of (row, column, code) --------------------
BAD = {
    "unknown_indicator.csv": [(2, "指标", "unknown_indicator"), (3, "指标", "unknown_indicator")],
    "not_a_number.csv": [(2, "数值", "not_a_number"), (3, "数值", "not_a_number"), (4, "数值", "not_a_number")],
    "bad_year.csv": [(2, "年份", "bad_year"), (3, "年份", "bad_year")],
    "year_out_of_range.csv": [(2, "年份", "year_out_of_range"), (3, "年份", "year_out_of_range")],
    "percentage_out_of_range.csv": [(2, "数值", "value_out_of_range"), (3, "数值", "value_out_of_range")],
    "negative_count.csv": [(2, "数值", "negative_count"), (3, "数值", "negative_count")],
    # row 3 conflicts with row 2; row 4 repeats row 2 exactly (a warning), but the key is refused anyway
    "conflicting_duplicate.csv": [(3, "数值", "conflicting_duplicate"), (4, "数值", "repeated_row")],
    "missing_columns.csv": [(1, None, "missing_column")],
    "empty.csv": [(None, None, "empty_file")],
    "header_only.csv": [(None, None, "no_data_rows")],
    "png_renamed.csv": [(None, None, "binary_file")],
    "zip_not_xlsx.xlsx": [(None, None, "binary_file")],
    "unreadable_encoding.csv": [(None, None, "unreadable_encoding")],
    "shift_jis.csv": [(None, None, "unreadable_encoding")],  # GB18030 "decodes" it to 昳幙専嵏嵪傒...
    "big5.csv": [(None, None, "unreadable_encoding")],  # was: three missing columns
    "ambiguous_indicator.csv": [(2, "指标名称", "ambiguous_indicator")],
    "many_problems_gbk.csv": [
        (1, "目标", "ignored_column"),
        (2, "2022年", "not_a_number"),
        (3, "指标名称", "unknown_indicator"),
        (4, "2021年", "negative_count"),
        (5, "2022年", "value_out_of_range"),
    ],
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_defective_file_is_refused_with_every_problem_located(name):
    result = read(DATA / "bad" / name, current=SEED)
    assert where(result.problems) == BAD[name]
    assert result.errors, "a defective file must have at least one error"
    for problem in result.problems:  # every message exists in both languages and names the row
        zh, en = problem.message("zh"), problem.message("en")
        assert zh != en and zh and en
        if problem.row is not None:
            assert f"第{problem.row}行" in zh and f"Row {problem.row}" in en


def test_a_file_over_the_size_limit_says_the_limit():
    content = b"indicator,year,value\n" + b"p14-03,2021,95\n" * (MAX_FILE_BYTES // 15 + 1)
    assert len(content) > MAX_FILE_BYTES
    result = load_observations(content, "big.csv", CATALOG, plan="p14")
    assert where(result.problems) == [(None, None, "too_large")]
    assert "超过5 MB的上限" in result.problems[0].message("zh")
    assert "over the 5 MB limit" in result.problems[0].message("en")


def test_messages_name_row_column_value_and_the_fix_in_both_languages():
    problems = read(DATA / "bad" / "unknown_indicator.csv").problems
    assert problems[0].message("zh") == (
        "第2行“指标”列：未知指标“制造业产品质量合格率”；最接近的指标：“制造业产品质量平均合格率”、"
        "“主要农产品质量安全省级监测合格率”。请填写指标编号、序号或规划中的指标名称"
    )
    assert (
        problems[0]
        .message("en")
        .startswith(
            "Row 2, column “指标”: unknown indicator “制造业产品质量合格率”; closest: “制造业产品质量平均合格率”"
        )
    )
    percent = read(DATA / "bad" / "percentage_out_of_range.csv").problems[0]
    assert isinstance(percent, ValueOutOfRange)
    assert percent.message("en") == (
        "Row 2, column “数值”: 101 is outside the indicator's possible range 0 to 100 (percentages are 0-100); "
        "check the figure and its unit"
    )


def test_an_unknown_indicator_with_no_close_name_says_so_and_names_the_plan():
    # "xyzzy" shares no character with any 14th-plan name: difflib finds nothing at cutoff 0.4.
    problem = load_observations(b"indicator,year,value\nxyzzy,2021,1\n", "x.csv", CATALOG, plan="p14").problems[0]
    assert problem.code == "unknown_indicator"
    assert problem.message("en") == (
        "Row 2, column “indicator”: unknown indicator “xyzzy”; no similar name in plan p14. "
        "Use the indicator's id, its number or its name in the plan"
    )
    assert problem.message("zh") == (
        "第2行“indicator”列：未知指标“xyzzy”；规划p14中没有名称相近的指标。请填写指标编号、序号或规划中的指标名称"
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        # blank lines between the header (file row 1) and the first data row (row 4)
        (b"indicator,value\n\n\n3,95\n", [(1, None, "missing_column")]),
        # a title and a blank line above the header (file row 3); the ignored column is on the header row
        ("海盐县数据\n\n序号,2021年,目标\n\n3,95,\n".encode(), [(3, "目标", "ignored_column")]),
    ],
)
def test_header_problems_name_the_header_row_itself(content, expected):
    assert where(load_observations(content, "h.csv", CATALOG, plan="p14").problems) == expected


def test_problem_table_lists_errors_and_warnings_together_in_the_chosen_language():
    table = problem_table(read(DATA / "bad" / "many_problems_gbk.csv").problems, "en")
    assert list(table["level"]) == ["Warning", "Error", "Error", "Error", "Error"]
    assert list(table["row"]) == [1, 2, 3, 4, 5]


# --- warnings ----------------------------------------------------------------------------------
def test_identical_duplicate_rows_are_kept_once_with_a_warning():
    result = read(DATA / "bad" / "repeated_row.csv")
    assert result.errors == [] and where(result.warnings) == [(3, "数值", "repeated_row")]
    assert result.observations[["indicator_id", "year", "value"]].values.tolist() == [["p14-03", 2021, 95.0]]


def test_a_cumulative_count_below_an_earlier_year_is_a_warning_not_an_error():
    result = read(DATA / "bad" / "cumulative_decrease.csv", current=SEED)
    # row 3: 2022 = 15 < 17 given for 2021 on row 2 (same file);
    # row 4: p14-12 2024 = 20 < 26 stored for 2023.
    assert result.errors == []
    assert where(result.warnings) == [(3, "数值", "cumulative_decrease"), (4, "数值", "cumulative_decrease")]
    assert result.warnings[1].message("zh") == (
        "第4行“数值”列：2024年为20，低于2023年的26；累计数和已建成的项目一般不会减少，请确认是否正确"
    )
    assert len(result.observations) == 3
    assert where(read(DATA / "bad" / "cumulative_decrease.csv").warnings) == [(3, "数值", "cumulative_decrease")]


# --- preview -----------------------------------------------------------------------------------
def test_preview_counts_rows_and_lists_only_the_statuses_that_change():
    incoming = pd.read_csv(io.StringIO("indicator_id,year,value\np14-03,2024,96.5\np14-03,2023,95.6\np13-01,2019,12\n"))
    shown = preview(SEED, incoming, CATALOG, plan="p14")
    assert shown.counts == {"new": 1, "changed": 1, "unchanged": 1}
    changed = shown.changes.iloc[0]
    assert (changed["indicator_id"], changed["old_value"], changed["value"], changed["change"]) == (
        "p14-03",
        95.9,
        96.5,
        "changed",
    )
    # 96.5 >= the target 96: achieved at 2024; nothing else of the 14th plan moved.
    assert shown.statuses[["id", "status_before", "status_after"]].values.tolist() == [
        ["p14-03", "on_track", "achieved"]
    ]
    after = apply_changes(SEED, incoming)
    assert len(after) == len(SEED) + 1
    assert after.set_index(["indicator_id", "year"]).loc[("p14-03", 2024), "value"] == 96.5


# --- catalog files -----------------------------------------------------------------------------
def test_a_catalog_file_is_checked_for_columns_kinds_comparisons_domains_and_numbers():
    path = DATA / "bad" / "catalog_bad.csv"
    _, problems = load_catalog_file(path.read_bytes(), path.name, existing=CATALOG)
    assert where(problems) == [
        (3, "domain", "bad_choice"),
        (3, "kind", "bad_choice"),
        (3, "target_value", "not_a_number"),
        (4, "id", "duplicate_id"),
        (4, "comparison", "bad_choice"),
    ]
    _, missing = load_catalog_file(b"id,plan,name_zh\np15-01,p15,x\n", "c.csv")
    assert [p.value for p in missing] == [
        "seq",
        "name_en",
        "domain",
        "unit",
        "kind",
        "comparison",
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_value",
    ]


def test_a_catalog_of_impossible_indicators_is_refused_row_by_row():
    path = DATA / "bad" / "catalog_impossible.csv"
    _, problems = load_catalog_file(path.read_bytes(), path.name, existing=CATALOG)
    assert where(problems) == [
        (3, "target_year", "target_before_baseline"),  # 2025 < 2030
        (4, "target_value", "outside_bounds"),  # 101 % > 100
        (5, "min_value", "bounds_reversed"),  # min 10 > max 1 (so nothing is checked against them)
        (6, "seq", "duplicate_seq"),  # 4 again, in plan p15
        (6, "baseline_value", "outside_bounds"),  # -1 < min 0
        (7, "baseline_year", "bad_year"),
        (7, "target_year", "bad_year"),  # 25 and 20300
    ]
    messages = {(p.row, p.column): (p.message("zh"), p.message("en")) for p in problems}
    assert messages[(3, "target_year")] == (
        "第3行“target_year”列：目标年份2025早于基期年份2030；请检查两个年份",
        "Row 3, column “target_year”: target year 2025 is before the baseline year 2030; check both years",
    )
    assert messages[(6, "seq")][1] == (
        "Row 6, column “seq”: number 4 repeats row 5; every indicator of a plan needs its own number"
    )
    assert messages[(4, "target_value")][1] == (
        "Row 4, column “target_value”: 101 is outside the indicator's possible range 0 to 100 (percentages are 0-100); "
        "check the figure, the unit and the bounds"
    )
    assert messages[(5, "min_value")][0] == "第5行“min_value”列：最小值10大于最大值1；请对调或改正"


def test_the_printed_catalogs_pass_their_own_check():
    for plan in ("p13", "p14"):
        path = REPO / "data" / f"catalog_{plan}.csv"
        frame, problems = load_catalog_file(path.read_bytes(), path.name)
        assert problems == [] and len(frame) == {"p13": 18, "p14": 26}[plan]


# --- the store: commit, rollback --------------------------------------------------------------
def test_rollback_restores_exactly_the_earlier_data_and_deletes_nothing(db_url):
    store = Store(db_url)
    seeded = store.observations().drop(columns="revision_id")
    first = read(DATA / "good" / "wide_gbk.csv", current=seeded).observations
    r2 = store.commit_observations(first, author="甲", file_name="wide_gbk.csv")
    after_first = store.observations().drop(columns="revision_id")
    second = pd.read_csv(io.StringIO("indicator_id,year,value\np14-03,2021,94.0\np14-26,2025,22\n"))
    r3 = store.commit_observations(second, author="乙")
    assert (r2.id, r2.rows_changed, r2.rows_new) == (2, 5, 0)  # 2021/2022 were all stored (illustrative)
    assert (r3.id, r3.rows_changed, r3.rows_new) == (3, 1, 1)
    back = store.restore(1, author="丙")
    assert back.id == 4 and back.rows_removed == 1  # p14-26 2025 did not exist at 1
    pd.testing.assert_frame_equal(store.observations().drop(columns="revision_id"), seeded)
    store.restore(2, author="丙")
    pd.testing.assert_frame_equal(store.observations().drop(columns="revision_id"), after_first)
    assert list(store.revisions()["id"]) == [5, 4, 3, 2, 1]
    assert len(store.revision_rows(3)) == 2  # nothing is ever deleted
    with pytest.raises(NothingChanged):
        store.restore(2, author="丙")


def test_restore_brings_back_exactly_the_earlier_notes_and_sources(db_url):
    store = Store(db_url)
    # Same value as stored for p14-03 2024 (95.9), a new note and source: a "changed" row.
    revised = "indicator,year,value,note,source\n3,2024,95.9,revised by dept,统计局\n".encode()
    incoming = load_observations(revised, "revised.csv", CATALOG, plan="p14").observations
    assert store.commit_observations(incoming, author="甲").rows_changed == 1
    store.restore(1, author="乙")
    pd.testing.assert_frame_equal(
        store.observations().drop(columns="revision_id"), store.observations(revision=1).drop(columns="revision_id")
    )
    row = store.observations().set_index(["indicator_id", "year"]).loc[("p14-03", 2024)]
    assert (row["note"], row["source"]) == ("", "示意数据 / illustrative")
    with pytest.raises(NothingToRestore) as nothing:
        store.restore(1, author="乙")
    assert str(nothing.value) == (
        "当前数据已与版本1完全相同，无需恢复，未创建新版本 / "
        "The current data are already exactly those of revision 1; there is nothing to restore and no revision was made"
    )


def test_a_commit_confirmed_on_a_stale_preview_is_refused_and_writes_nothing(db_url):
    mine, theirs = Store(db_url), Store(db_url)  # two analysts, one database
    previewed = mine.latest_revision()  # 1: the seed
    theirs.commit_observations(pd.DataFrame({"indicator_id": ["p14-03"], "year": [2024], "value": [96.1]}), author="乙")
    incoming = pd.DataFrame({"indicator_id": ["p14-03"], "year": [2024], "value": [96.5]})
    with pytest.raises(StaleRevision) as stale:
        mine.commit_observations(incoming, author="甲", expected_revision=previewed)
    assert str(stale.value) == (
        "预览之后数据已被他人更新（预览基于版本1，现在是版本2），未写入任何数据；请查看新的预览后再提交 / "
        "The data changed after your preview (it was based on revision 1, the latest is now 2); nothing was written. "
        "Review the new preview and commit again"
    )
    assert mine.latest_revision() == 2
    assert mine.observations().set_index(["indicator_id", "year"]).loc[("p14-03", 2024), "value"] == 96.1
    assert mine.commit_observations(incoming, author="甲", expected_revision=2).id == 3


def test_notes_full_of_semicolons_do_not_make_a_comma_file_look_semicolon_separated():
    # 3 data rows with 5 semicolons each (15) outnumber the 2 commas per line (8): counting
    # characters picked ";". Counting fields, "," splits all 4 lines into 4 fields.
    content = "indicator,year,value,note\n" + "".join(f"3,{y},95,a;b;c;d;e;f\n" for y in (2021, 2022, 2023))
    result = load_observations(content.encode("utf-8"), "notes.csv", CATALOG, plan="p14")
    assert result.problems == []
    assert list(result.observations["note"]) == ["a;b;c;d;e;f"] * 3
    assert list(result.observations["year"]) == [2021, 2022, 2023]


def test_a_milestone_that_falls_from_built_to_not_built_is_a_warning_like_a_cumulative_decrease():
    # #15 (p14-15, a milestone: 1 once the platform is built): 2022 = 1, then 2023 = 0 on row 3
    content = b"indicator,year,value\np14-15,2022,1\np14-15,2023,0\n"
    result = load_observations(content, "m.csv", CATALOG, plan="p14")
    assert result.errors == [] and where(result.warnings) == [(3, "value", "cumulative_decrease")]
    assert result.warnings[0].message("zh") == (
        "第3行“value”列：2023年为0，低于2022年的1；累计数和已建成的项目一般不会减少，请确认是否正确"
    )
    assert result.warnings[0].message("en").startswith("Row 3, column “value”: the figure for 2023 is 0")
    # against the stored data: 1 stored for 2022, the file's 0 for 2023 (row 2) is below it
    stored = pd.DataFrame({"indicator_id": ["p14-15"], "year": [2022], "value": [1.0], "note": [""], "source": [""]})
    later = load_observations(b"indicator,year,value\np14-15,2023,0\n", "m.csv", CATALOG, plan="p14", current=stored)
    assert where(later.warnings) == [(2, "value", "cumulative_decrease")]


def test_a_cumulative_count_above_a_later_stored_year_is_warned_on_the_files_row():
    # stored: p14-12 (cumulative) 30 in 2024; the file's 2023 = 40 (row 2) is above it, so 2024
    # would fall from 40 to 30: the warning names the file's row 2, not the stored year
    stored = pd.DataFrame({"indicator_id": ["p14-12"], "year": [2024], "value": [30.0], "note": [""], "source": [""]})
    content = b"indicator,year,value\np14-12,2023,40\np14-12,2022,35\n"
    result = load_observations(content, "c.csv", CATALOG, plan="p14", current=stored)
    assert where(result.warnings) == [(2, "value", "cumulative_decrease")]
    assert dict(result.warnings[0].values) == {"year": 2024, "earlier_year": 2023, "earlier_value": "40"}
    assert result.warnings[0].value == "30"


def test_a_cumulative_count_that_falls_in_the_file_is_warned_when_only_other_indicators_are_stored():
    # stored: only #3 (a level); the file's #12 (cumulative) falls from 26 (2022, row 2) to 20 (2023, row 3)
    stored = pd.DataFrame({"indicator_id": ["p14-03"], "year": [2021], "value": [95.0], "note": [""], "source": [""]})
    content = b"indicator,year,value\np14-12,2022,26\np14-12,2023,20\n"
    result = load_observations(content, "c.csv", CATALOG, plan="p14", current=stored)
    assert where(result.warnings) == [(3, "value", "cumulative_decrease")]
