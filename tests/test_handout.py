"""The pages' downloads, shaped to hand on (issue 14): title block, headers in the reader's language,
figures rounded as shown in columns of their own, Excel styled; formula-like text still neutralised."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analytics.assess import assess
from analytics.catalog import plan_catalog
from analytics.export import (
    Handout,
    assessment_handout_table,
    handout_csv,
    handout_excel,
    handout_title,
    shown_figure,
    shown_percent,
)
from analytics.labels import text
from analytics.store import Store


@pytest.fixture(scope="module")
def assessment(tmp_path_factory) -> pd.DataFrame:
    """The demo data's 14th-plan assessment as of 2024, with #3's figures made awkward on purpose."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('handout')}/plan.db")
    rows = assess(plan_catalog(store.catalog(), "p14"), store.observations(), as_of=2024).reset_index(drop=True)
    third = rows.index[rows["seq"] == 3][0]
    rows.loc[third, ["latest_value", "progress", "progress_capped", "probability", "gap"]] = [
        95.8765,
        0.8765,
        0.8765,
        0.3349,
        -0.0049,
    ]
    rows.loc[third, "name_zh"] = '=HYPERLINK("http://evil.example")'
    return rows


def test_figures_are_rounded_as_the_page_shows_them():
    assert shown_figure(95.8765) == 95.9 and shown_figure(0.8765) == 0.88 and shown_figure(-12.349) == -12.3
    assert shown_figure(float("nan")) is None
    assert shown_percent(0.8765) == 88.0 and shown_percent(0.3349) == 33.0 and shown_percent(None) is None


def test_the_table_has_chinese_headers_and_one_number_a_column(assessment):
    table = assessment_handout_table(assessment, "zh", as_of=2024)
    assert list(table.columns) == [
        "序号",
        "指标",
        "单位",
        "状态",
        "基期值",
        "最新值",
        "最新年份",
        "比较",
        "目标值",
        "差距",
        "完成进度（%）",
        "达标概率（%）",
        "预测值",
        "预测下限(80%)",
        "预测上限(80%)",
        "说明",
    ]
    assert (table["说明"] == "").all()  # as of 2024 no target year has come: nothing is a forecast yet
    third = table.set_index("序号").loc[3]
    # 95.8765 -> 95.9 (one decimal from 10 up); 0.8765 -> 88%; 0.3349 -> 33%; -0.0049 -> -0 shown as 0.
    shown = (third["最新值"], third["最新年份"], third["完成进度（%）"], third["达标概率（%）"])
    assert shown == (95.9, 2024, 88.0, 33.0)
    assert third["差距"] == 0
    for column in ["基期值", "最新值", "最新年份", "目标值", "差距", "完成进度（%）", "达标概率（%）", "预测值"]:
        assert pd.api.types.is_numeric_dtype(table[column]), column
    assert list(table["状态"]) == [text(f"status.{s}", "zh") for s in assessment["status"]]
    assert table["状态"].str.contains("[\u4e00-\u9fff]").all()  # in words, not codes like on_track
    english = assessment_handout_table(assessment, "en", as_of=2024)
    assert list(english.columns[:4]) == ["No.", "Indicator", "Unit", "Status"]
    assert english.columns[10] == "Progress (%)"


def title(illustrative: bool) -> tuple[str, ...]:
    return handout_title(
        title="指标评估表",
        plan_name="海盐县质量发展“十四五”规划",
        as_of=2024,
        revision=3,
        illustrative=illustrative,
        exported="2026-12-02 04:25",
        lang="zh",
    )


def test_the_title_block_names_plan_year_revision_and_the_illustrative_flag():
    assert title(True) == (
        "指标评估表",
        "海盐县质量发展“十四五”规划·评估年份2024年·数据版本3",
        "含示意数据（非官方统计，仅用于演示）",
        "导出时间：2026-12-02 04:25（北京时间）",
    )
    assert "含示意数据（非官方统计，仅用于演示）" not in title(False)


def test_the_csv_has_the_title_block_then_the_table(assessment):
    handout = Handout(title(True), assessment_handout_table(assessment, "zh", as_of=2024))
    content = handout_csv(handout)
    assert content.startswith("\ufeff".encode())
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[:5] == [*title(True), ""]
    back = pd.read_csv(io.BytesIO(content), skiprows=5, encoding="utf-8-sig")
    assert list(back.columns) == list(handout.table.columns) and len(back) == len(handout.table) == 26
    third = back.set_index("序号").loc[3]
    assert third["最新值"] == 95.9 and third["指标"] == '\'=HYPERLINK("http://evil.example")'  # neutralised


def test_the_excel_is_styled_with_widths_and_numbers_as_numbers(assessment):
    handout = Handout(title(True), assessment_handout_table(assessment, "zh", as_of=2024))
    sheet = openpyxl.load_workbook(io.BytesIO(handout_excel(handout, sheet_name="指标评估表")))["指标评估表"]
    assert [sheet.cell(row=n, column=1).value for n in range(1, 5)] == list(title(True))
    assert sheet["A1"].font.bold and sheet.cell(row=5, column=1).value is None
    header = [c.value for c in sheet[6]]
    assert header == list(handout.table.columns)
    assert all(c.font.bold and c.fill.start_color.rgb.endswith("DDEBF7") for c in sheet[6])
    assert sheet.freeze_panes == "A7"
    rows = {sheet.cell(row=r, column=1).value: r for r in range(7, 7 + 26)}
    third = rows[3]
    assert sheet.cell(row=third, column=6).value == 95.9 and sheet.cell(row=third, column=6).data_type == "n"
    assert sheet.cell(row=third, column=2).value == '\'=HYPERLINK("http://evil.example")'
    # The name column is as wide as its longest name in character widths (a Chinese character: 2), + 2.
    longest = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(v)) for v in handout.table["指标"])
    assert sheet.column_dimensions["B"].width == min(longest + 2, 60)
    assert sheet.column_dimensions["A"].width == 8  # "序号" (4) + 2 -> at least 8
