"""Read an analyst's file (bytes) into a grid of strings with its header row found.

CSV in UTF-8 (with or without a BOM), UTF-16 with a BOM, GBK/GB18030, separated by ``,``
``;`` or tab, or an ``.xlsx`` workbook (any sheet). A file that cannot be read as a table
gives the problem saying why (too large, empty, binary, wrong encoding, unknown sheet).
"""
from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass

from analytics.ingest.cells import column_role, header_year
from analytics.problems import BinaryFile, EmptyFile, NotATable, Problem, TooLarge, UnknownSheet, UnreadableEncoding

MAX_FILE_BYTES = 5 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "gb18030")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
# GB18030 decodes almost any bytes, so a Shift-JIS or Big5 file "decodes" into rare characters.
# Text of a real GBK file is mostly GB2312 (the common simplified characters): more than this
# share of letters outside it means the file is in another encoding.
UNCOMMON_SHARE = 0.1
GB2312_COMMON_ROWS = {0xA1, 0xA2, 0xA3, 0xA6}  # punctuation, numbered signs, full-width forms, Greek
DELIMITERS = (",", ";", "\t")
DELIMITER_SAMPLE_LINES = 20
HEADER_SEARCH_ROWS = 10  # a title or two above the header is common in departments' sheets


@dataclass(frozen=True)
class Table:
    """A file's cells as strings: ``header`` (names), ``rows``, each row's 1-based file row,
    and the file row of the header itself (where a missing column is reported)."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    header_row: int = 1


def is_xlsx(content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04"


def sheet_names(content: bytes) -> list[str]:
    """The sheets of an ``.xlsx`` file (empty for anything else or an unreadable workbook)."""
    if not is_xlsx(content):
        return []
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True)
        try:
            return list(workbook.sheetnames)
        finally:
            workbook.close()
    except Exception:  # noqa: BLE001 - any failure means "not a workbook"; read_table reports it
        return []


def read_table(content: bytes, file_name: str, *, sheet: str | None = None) -> tuple[Table | None, list[Problem]]:
    """The file's cells as strings, or the problems that stop reading it."""
    if len(content) > MAX_FILE_BYTES:
        mb = f"{len(content) / 1024 / 1024:.1f}"
        return None, [TooLarge(None, None, file_name, (("limit_mb", MAX_FILE_BYTES // (1024 * 1024)), ("size_mb", mb)))]
    if not content.strip() or not content.strip(b"\xef\xbb\xbf \t\r\n"):
        return None, [EmptyFile(None, None, file_name)]
    if is_xlsx(content):
        grid, problems = _xlsx_grid(content, file_name, sheet)
    else:
        grid, problems = _csv_grid(content, file_name)
    if grid is None:
        return None, problems
    numbered = [(number, [c.strip() for c in row]) for number, row in enumerate(grid, start=1)]
    numbered = [(n, r) for n, r in numbered if any(r)]
    if not numbered:
        return None, [EmptyFile(None, None, file_name)]
    header_index = _find_header(numbered)
    header_row, header = numbered[header_index]
    body = numbered[header_index + 1:]
    width = max(len(header), *(len(r) for _, r in body)) if body else len(header)
    header = header + [""] * (width - len(header))
    header = [h if h else f"#{i + 1}" for i, h in enumerate(header)]
    rows = [r + [""] * (width - len(r)) for _, r in body]
    return Table(header, rows, [n for n, _ in body], header_row), []


def is_uncommon(character: str) -> bool:
    """A letter outside ASCII/Latin and outside GB2312's hanzi and common symbol rows (kana,
    Cyrillic, hangul, rare hanzi, private use): what a non-Chinese file decoded as GB18030 is made of."""
    if ord(character) < 0x250 or unicodedata.category(character)[0] in "PSNZ":
        return False
    try:
        lead = character.encode("gb2312")[0]
    except UnicodeEncodeError:
        return True
    return not (lead >= 0xB0 or lead in GB2312_COMMON_ROWS)


def uncommon_share(decoded: str) -> float:
    """The share of non-ASCII letters that are uncommon (``is_uncommon``); 0 for none."""
    letters = [c for c in decoded if ord(c) >= 0x250 and unicodedata.category(c)[0] not in "PSNZ"]
    return sum(map(is_uncommon, letters)) / len(letters) if letters else 0.0


def _decode(content: bytes) -> tuple[str | None, str]:
    """(text, encoding) of a CSV file; text is None when no accepted encoding reads it."""
    if content[:2] in UTF16_BOMS:
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, "utf-16"
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, ""


def _csv_grid(content: bytes, file_name: str) -> tuple[list[list[str]] | None, list[Problem]]:
    if content[:8] == b"\x89PNG\r\n\x1a\n" or (content[:2] not in UTF16_BOMS and b"\x00" in content[:4096]):
        return None, [BinaryFile(None, None, file_name)]
    decoded, encoding = _decode(content)
    if decoded is None or (encoding == "gb18030" and uncommon_share(decoded) > UNCOMMON_SHARE):
        return None, [UnreadableEncoding(None, None, file_name)]
    controls = sum(1 for ch in decoded[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if controls > 2:
        return None, [BinaryFile(None, None, file_name)]
    try:
        delimiter = guess_delimiter([line for line in decoded.splitlines() if line.strip()][:DELIMITER_SAMPLE_LINES])
        grid = list(csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return None, [NotATable(None, None, file_name, (("reason", str(error)),))]
    # A header of nothing recognisable, in a GB18030 text with rare letters: the wrong encoding,
    # not missing columns (a Big5 file whose letters happen to be mostly in GB2312).
    if encoding == "gb18030" and uncommon_share(decoded) > 0 and not _recognised(grid[:HEADER_SEARCH_ROWS]):
        return None, [UnreadableEncoding(None, None, file_name)]
    return grid, []


def guess_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most lines into the same number (> 1) of fields.

    Counting fields, not characters, and reading quotes as CSV does: a note such as
    "a;b;c" in a comma-separated file does not make it look semicolon-separated.
    """
    def score(delimiter: str) -> tuple[int, int, int]:
        widths = Counter(len(fields) for fields in csv.reader(lines, delimiter=delimiter) if len(fields) > 1)
        consistent = widths.most_common(1)[0][1] if widths else 0
        return consistent, sum(line.count(delimiter) for line in lines), -DELIMITERS.index(delimiter)

    return max(DELIMITERS, key=score)


def _xlsx_grid(content: bytes, file_name: str, sheet: str | None) -> tuple[list[list[str]] | None, list[Problem]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a zip that is not a workbook fails in many ways (BadZipFile, KeyError, ...)
        return None, [BinaryFile(None, None, file_name)]
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            return None, [UnknownSheet(None, None, sheet, (("sheets", "、".join(names)),))]
        worksheet = workbook[sheet] if sheet is not None else workbook[names[0]]
        grid = [[_cell_text(cell) for cell in row] for row in worksheet.iter_rows()]
    finally:
        workbook.close()
    return grid, []


def _cell_text(cell) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if "%" in str(getattr(cell, "number_format", "")):  # 0.963 shown as 96.3%
            value = round(float(value) * 100, 10)
            return f"{value:g}%" if abs(value) < 1e15 else f"{value}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    return str(value)


def _recognised(rows: list[list[str]]) -> bool:
    """Whether any cell of ``rows`` is a known column name (every accepted header has one:
    year headers alone are not enough, and a data cell such as 2021 looks like one)."""
    return any(column_role(c.strip()) for row in rows for c in row if c.strip())


def _find_header(numbered: list[tuple[int, list[str]]]) -> int:
    """The first row that names an indicator column (or year columns); else the first row."""
    for index, (_, row) in enumerate(numbered[:HEADER_SEARCH_ROWS]):
        roles = {column_role(c) for c in row}
        if roles & {"indicator", "indicator_id", "seq"} and (("year" in roles) or any(header_year(c) for c in row)):
            return index
    return 0


def column_order(table: Table, column: str | None) -> int:
    """Where ``column`` stands in the header (-1 for none): problems are listed in file order."""
    return table.header.index(column) if column in table.header else -1
