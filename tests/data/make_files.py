"""Write the small real files in tests/data/good and tests/data/bad (run once; the files are committed).

    python tests/data/make_files.py

Every good file holds the same five figures (see EXPECTED in tests/test_ingest.py) in a
different form; every bad file holds one defect, named after it.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
GOOD, BAD = HERE / "good", HERE / "bad"

LONG_ROWS = [
    ("p14-03", "2021", "95.1%", "省质监抽检"),
    ("3", "2022", "95.4 %", ""),
    ("主导制定浙江制造标准（累计）", "2021", "１７", ""),
    ("每万人发明专利拥有量", "2021", "33.4", ""),
    ("城市细颗粒物（PM2.5）平均浓度", "2022", "23.5", ""),
]
WIDE_HEADER = ["序号", "指标名称", "单位", "2021年", "2022年"]
WIDE_ROWS = [
    ["3", "制造业产品质量平均合格率", "%", "95.1%", "95.4%"],
    ["9", "主导制定“浙江制造”标准(累计)", "项", "１７", ""],
    ["16", "每万人发明专利拥有量", "件/万人", "33.4", ""],
    ["26", "城市细颗粒物(PM2.5)平均浓度", "μg/m3", "", "23.5"],
]


def csv_text(header, rows, sep=",") -> str:
    return "\n".join(sep.join(r) for r in [header, *rows]) + "\n"


def png_bytes() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def workbook_bytes(sheets: dict[str, list[list]], percent_cells: tuple[tuple[str, str], ...] = ()) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for name, coordinate in percent_cells:
        book[name][coordinate].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    long_header = ["indicator", "year", "value", "note"]
    long_zh = ["指标", "年份", "数值", "备注"]
    (GOOD / "long_utf8.csv").write_bytes(csv_text(long_header, LONG_ROWS).encode("utf-8"))
    (GOOD / "long_utf8_bom.csv").write_bytes(csv_text(long_zh, LONG_ROWS).encode("utf-8-sig"))
    (GOOD / "long_gbk.csv").write_bytes(csv_text(long_zh, LONG_ROWS).encode("gbk"))
    (GOOD / "long_semicolon.csv").write_bytes(csv_text(long_zh, LONG_ROWS, sep=";").encode("utf-8"))
    (GOOD / "wide_gbk.csv").write_bytes(csv_text(WIDE_HEADER, WIDE_ROWS).encode("gbk"))
    (GOOD / "wide_tab.csv").write_bytes(csv_text(WIDE_HEADER, WIDE_ROWS, sep="\t").encode("gb18030"))
    # Excel's "Unicode text": UTF-16 little-endian with a BOM, tab-separated, CRLF
    (GOOD / "utf16_tab.csv").write_bytes(
        csv_text(WIDE_HEADER, WIDE_ROWS, sep="\t").replace("\n", "\r\n").encode("utf-16")
    )
    (GOOD / "long.xlsx").write_bytes(workbook_bytes({"Sheet1": [long_header, *[list(r) for r in LONG_ROWS]]}))
    wide_numbers = [
        [3, "制造业产品质量平均合格率", "%", 0.951, 0.954],
        [9, "主导制定“浙江制造”标准(累计)", "项", 17, None],
        [16, "每万人发明专利拥有量", "件/万人", 33.4, None],
        [26, "城市细颗粒物(PM2.5)平均浓度", "μg/m3", None, 23.5],
    ]
    title = ["海盐县质量发展主要指标数据（2021-2022年）"]
    (GOOD / "wide_title_row.xlsx").write_bytes(
        workbook_bytes({"指标": [title, WIDE_HEADER, *wide_numbers]}, percent_cells=(("指标", "D3"), ("指标", "E3")))
    )
    (GOOD / "multi_sheet.xlsx").write_bytes(
        workbook_bytes({"说明": [["本表由县市场监管局报送"], ["联系人", "张三"]], "数据": [WIDE_HEADER, *WIDE_ROWS]})
    )

    bad = {
        "unknown_indicator.csv": "指标,年份,数值\n制造业产品质量合格率,2021,95\np14-99,2021,1\n",
        "not_a_number.csv": "指标,年份,数值\n3,2021,九十五\n3,2022,n/a\n3,2023,\n",
        "bad_year.csv": "指标,年份,数值\n3,二〇二一,95\n3,2021.5,95\n",
        "year_out_of_range.csv": "指标,年份,数值\n3,2019,95\n3,2026,95\n",
        "percentage_out_of_range.csv": "指标,年份,数值\n3,2021,101%\n服务业满意度指数,2021,120\n",
        "negative_count.csv": "指标,年份,数值\n1,2021,-1\n19,2021,-2\n",
        "conflicting_duplicate.csv": "指标,年份,数值\n3,2021,95\np14-03,2021,95.5\n制造业产品质量平均合格率,2021,95\n",
        "repeated_row.csv": "指标,年份,数值\n3,2021,95\n3,2021,95.0\n",
        "missing_columns.csv": "指标,数值\n3,95\n",
        "header_only.csv": "指标,年份,数值\n",
        "cumulative_decrease.csv": "指标,年份,数值\n9,2021,17\n9,2022,15\n12,2024,20\n",
        "ambiguous_indicator.csv": "序号,指标名称,2021年\n3,主要农产品质量安全省级监测合格率,98\n",
    }
    for name, content in bad.items():
        (BAD / name).write_bytes(content.encode("utf-8"))
    (BAD / "empty.csv").write_bytes(b"")
    (BAD / "png_renamed.csv").write_bytes(png_bytes())
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("readme.txt", "not a workbook")
    (BAD / "zip_not_xlsx.xlsx").write_bytes(archive.getvalue())
    # Other East Asian encodings, which GB18030 "decodes" into rare characters: a Japanese
    # department's note in Shift-JIS (English headers), and a Taiwanese sheet in Big5.
    (BAD / "shift_jis.csv").write_bytes(
        "indicator,year,value,note\n3,2021,95,品質検査済み\n3,2022,95.4,部門からの報告\n".encode("shift_jis")
    )
    (BAD / "big5.csv").write_bytes("指標,年份,數值\n3,2021,95\n製造業產品質量平均合格率,2022,95.4\n".encode("big5"))
    (BAD / "unreadable_encoding.csv").write_bytes("指标,年份,数值\n3,2021,".encode() + b"\xff\xfe\x80\n")
    # Several defects in one GBK wide file: every one is reported, in file order.
    many = csv_text(
        ["序号", "指标名称", "2021年", "2022年", "目标"],
        [
            ["3", "制造业产品质量平均合格率", "95.1%", "abc", ""],
            ["", "不存在的指标", "1", "", ""],
            ["1", "省、市级政府质量奖获奖组织(累计)", "-3", "5", ""],
            ["22", "服务业满意度指数", "88", "101", ""],
        ],
    )
    (BAD / "many_problems_gbk.csv").write_bytes(many.encode("gbk"))
    (BAD / "catalog_bad.csv").write_bytes(
        (
            "id,plan,plan_name_zh,plan_name_en,seq,name_zh,name_en,domain,unit,kind,comparison,"
            "baseline_year,baseline_value,target_year,target_value\n"
            "p15-01,p15,十五五,15th,1,甲,A,product,个,cumulative,>=,2025,4,2030,6\n"
            "p15-02,p15,十五五,15th,2,乙,B,products,个,累计,>=,2025,4,2030,六\n"
            "p15-01,p15,十五五,15th,3,丙,C,service,%,level,=>,2025,,2030,90\n"
        ).encode()
    )

    # A catalog whose every row (after the first) describes an impossible indicator.
    (BAD / "catalog_impossible.csv").write_bytes(
        (
            "id,plan,plan_name_zh,plan_name_en,seq,name_zh,name_en,domain,unit,kind,comparison,"
            "baseline_year,baseline_value,target_year,target_value,min_value,max_value\n"
            "p15-01,p15,十五五,15th,1,甲,A,product,个,cumulative,>=,2025,4,2030,6,0,\n"
            "p15-02,p15,十五五,15th,2,乙,B,product,个,level,>=,2030,4,2025,6,,\n"
            "p15-03,p15,十五五,15th,3,丙,C,service,%,level,>=,2025,95,2030,101,,\n"
            "p15-04,p15,十五五,15th,4,丁,D,service,个,level,<=,2025,5,2030,3,10,1\n"
            "p15-05,p15,十五五,15th,4,戊,E,service,%,level,>=,2025,-1,2030,90,0,100\n"
            "p15-06,p15,十五五,15th,6,己,F,engineering,个,cumulative,>=,25,4,20300,6,0,\n"
        ).encode()
    )

    # A quote opened and never closed: the rest of the file is one cell, over the csv module's
    # 131072-character field limit, so no table can be read from it.
    (BAD / "unclosed_quote.csv").write_bytes(
        ('指标,年份,数值\n3,2021,"95\n' + "no closing quote " * 8_000 + "\n").encode("utf-8")
    )
    catalog_header = (
        "id,plan,plan_name_zh,plan_name_en,seq,name_zh,name_en,domain,unit,kind,comparison,"
        "baseline_year,baseline_value,target_year,target_value\n"
    )
    # A new plan's indicator that takes the id of a stored 14th-plan indicator.
    (BAD / "catalog_id_in_use.csv").write_bytes(
        (catalog_header + "p14-01,p15,十五五,15th,1,甲,A,product,个,cumulative,>=,2025,4,2030,6\n").encode("utf-8")
    )
    # An indicator without its English name.
    (BAD / "catalog_missing_cell.csv").write_bytes(
        (catalog_header + "p15-01,p15,十五五,15th,1,甲,,product,个,cumulative,>=,2025,4,2030,6\n").encode("utf-8")
    )
    # Issue 16: a 15th-plan row continuing an id no plan has, and one continuing p14-03 (%) in another unit.
    (BAD / "catalog_continues.csv").write_bytes(
        (
            catalog_header.replace("target_value\n", "target_value,continues\n")
            + "p15-01,p15,十五五,15th,1,甲,A,product,个,cumulative,>=,2025,4,2030,6,p14-99\n"
            + "p15-02,p15,十五五,15th,2,乙,B,product,个,level,>=,2025,96,2030,97,p14-03\n"
        ).encode("utf-8")
    )

    hardening_files(catalog_header)


def hardening_files(catalog_header: str) -> None:
    """Bad inputs of issue 17: numbers read wrongly or not at all, and workbooks that hide figures."""
    bad = {
        # a semicolon file whose only comma value could be 1.234 or 1234
        "ambiguous_number.csv": "指标;年份;数值\n16;2021;1,234\n16;2022;33\n",
        # infinity and an underflow to 0
        "extreme_number.csv": "指标,年份,数值\n19,2021,1e309\n3,2022,1e-400\n",
        # a % sign on a count (#1: organisations)
        "percent_not_allowed.csv": "指标,年份,数值\n1,2021,5%\n",
        # PM2.5 (#26, no maximum): 99999 > 100 x max(27, 28) = 2800 -- a warning
        "implausible_value.csv": "指标,年份,数值\n26,2021,99999\n",
    }
    for name, content in bad.items():
        (BAD / name).write_bytes(content.encode("utf-8"))
    # #26's number and name merged over two rows: the second row reads as blank
    merged = Workbook()
    sheet = merged.active
    for row in (WIDE_HEADER, ["26", "城市细颗粒物(PM2.5)平均浓度", "μg/m3", "25", ""], ["", "", "", "", "24"]):
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    buffer = io.BytesIO()
    merged.save(buffer)
    (BAD / "merged_cells.xlsx").write_bytes(buffer.getvalue())
    # a formula written by a program: openpyxl saves no result with it
    (BAD / "formula_without_value.xlsx").write_bytes(
        workbook_bytes({"数据": [WIDE_HEADER, ["3", "制造业产品质量平均合格率", "%", "95.1", "=D2+0.3"]]})
    )
    # a seq that is no whole number, a year with a fraction, an id too long for the database
    (BAD / "catalog_bad_numbers.csv").write_bytes(
        (
            catalog_header
            + "p15-01,p15,十五五,15th,2.5,甲,A,product,个,cumulative,>=,2025,4,2030.5,1e309\n"
            + "p15-"
            + "x" * 61
            + ",p15,十五五,15th,1e309,乙,B,product,个,cumulative,>=,2025,4,2030,6\n"
        ).encode("utf-8")
    )


if __name__ == "__main__":
    main()
