"""Read an analyst's file (bytes) into a grid of strings with its header row found.

CSV in UTF-8 (with or without a BOM), UTF-16 with a BOM, GBK/GB18030, separated by ``,``
``;`` or tab, or an ``.xlsx`` workbook (any sheet). A file that cannot be read as a table
gives the problem saying why (too large, empty, binary, wrong encoding, unknown sheet).

A CSV whose header is its first row and no row of which is wider is read by pandas' C parser
into string columns (a province's 312,000 rows in a fraction of a second, without a Python object
per cell); any other CSV (a title above the header, ragged rows) by the ``csv`` module, row by
row. Both give the same cells (tests/test_scale.py compares them).

The content is bytes (an upload) or the path of a file (the command line), which is then read
in chunks of a megabyte and parsed from the file: a 200 MB file is never held whole as bytes
or text, except the rare CSV the ``csv`` module reads.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from analytics.ingest.cells import column_role, header_year
from analytics.problems import (
    BinaryFile,
    EmptyFile,
    FormulaWithoutValue,
    HeaderOnOtherSheet,
    NotATable,
    Problem,
    TooLarge,
    TooManyColumns,
    TooManyRows,
    UnknownSheet,
    UnreadableEncoding,
)

MB = 1024 * 1024
MAX_FILE_BYTES = 5 * MB  # the web page's default upload limit (PLAN_UPLOAD_LIMIT_MB changes it)
ENCODINGS = ("utf-8-sig", "gb18030")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
# GB18030 decodes almost any bytes, so a Shift-JIS or Big5 file "decodes" into rare characters.
# Text of a real GBK file is mostly GB2312 (the common simplified characters): more than this
# share of letters outside it means the file is in another encoding.
UNCOMMON_SHARE = 0.1
GB2312_COMMON_ROWS = {0xA1, 0xA2, 0xA3, 0xA6}  # punctuation, numbered signs, full-width forms, Greek
DELIMITERS = (",", ";", "\t")
DELIMITER_SAMPLE_LINES = 20
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # where str.splitlines splits
HEADER_SEARCH_ROWS = 10  # a title or two above the header is common in departments' sheets
# what str.strip() removes (every Unicode space is in the first plane), for pandas' strip
WHITESPACE = "".join(chr(c) for c in range(0x10000) if chr(c).isspace())


@dataclass(frozen=True)
class Limits:
    """How much of a file is read at most: its size in bytes, and its rows and columns, checked
    before the cells are parsed (a 300 KB .xlsx can hold a million rows)."""

    max_bytes: int = MAX_FILE_BYTES
    max_rows: int = 100_000
    max_columns: int = 200


Source = bytes | Path  # a file's content, or the path of a file to read in chunks
CHUNK_BYTES = MB
# pandas parses this many rows at a time: its peak is then about the frame's size, not 3x
PARSE_CHUNK_ROWS = 50_000


def web_limits() -> Limits:
    """The page's limits: ``PLAN_UPLOAD_LIMIT_MB`` (default 5) megabytes, 100,000 rows, 200 columns."""
    try:
        megabytes = float(os.environ.get("PLAN_UPLOAD_LIMIT_MB") or MAX_FILE_BYTES / MB)
    except ValueError:
        megabytes = MAX_FILE_BYTES / MB
    return Limits(max_bytes=int(max(megabytes, 0.001) * MB))


# The trusted command line reads a province's data: 400 regions x 26 indicators x 30 years is
# 312,000 rows and about 6 MB; 200 MB and 5 million rows leave room for far more.
CLI_LIMITS = Limits(max_bytes=200 * MB, max_rows=5_000_000, max_columns=500)


def cli_limits(megabytes: float | None = None) -> Limits:
    """The command line's limits: ``megabytes`` (its ``--max-mb``), else ``PLAN_CLI_LIMIT_MB``, else
    :data:`CLI_LIMITS` (200 MB, 5,000,000 rows, 500 columns). Apart from the page's limit."""
    if megabytes is None:
        try:
            megabytes = float(os.environ.get("PLAN_CLI_LIMIT_MB") or CLI_LIMITS.max_bytes / MB)
        except ValueError:
            megabytes = CLI_LIMITS.max_bytes / MB
    return replace(CLI_LIMITS, max_bytes=int(max(megabytes, 0.001) * MB))


def source_size(source: Source) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def _chunks(source: Source) -> Iterator[bytes]:
    """The content in pieces: bytes at once, a file a megabyte at a time."""
    if isinstance(source, bytes):
        yield source
        return
    with source.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk


def _head(source: Source, size: int) -> bytes:
    if isinstance(source, bytes):
        return source[:size]
    with source.open("rb") as file:
        return file.read(size)


def _is_blank(source: Source) -> bool:
    """Nothing but spaces and line ends (ASCII ones, or with a UTF-8 BOM): no table at all."""
    spaces = bom_spaces = True
    for chunk in _chunks(source):
        spaces &= not chunk.strip()
        bom_spaces &= not chunk.strip(b"\xef\xbb\xbf \t\r\n")
        if not (spaces or bom_spaces):
            return False
    return True


@dataclass(frozen=True)
class Table:
    """A file's cells as strings: ``header`` (names), ``body`` (the non-blank rows below it,
    stripped, one column per header position 0, 1, ..., indexed by each row's 1-based file row),
    and the file row of the header itself (where a missing column is reported)."""

    header: list[str]
    body: pd.DataFrame
    header_row: int = 1
    delimiter: str | None = None  # of a CSV file; None for a workbook

    @property
    def rows(self) -> list[list[str]]:
        """The body row by row, as lists of strings."""
        return self.body.to_numpy(dtype=object).tolist()

    @property
    def row_numbers(self) -> list[int]:
        """Each body row's 1-based row in the file."""
        return self.body.index.tolist()


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


def too_large(size: int, file_name: str, limits: Limits) -> TooLarge:
    megabytes = (("limit_mb", f"{limits.max_bytes / MB:.3g}"), ("size_mb", f"{size / MB:.3g}"))
    return TooLarge(None, None, file_name, megabytes)


def read_table(
    content: Source, file_name: str, *, sheet: str | None = None, limits: Limits = Limits()
) -> tuple[Table | None, list[Problem]]:
    """The file's cells as strings, or the problems that stop reading it (``content``: bytes, or
    a file's path, checked against the size limit before anything is read)."""
    size = source_size(content)
    if size > limits.max_bytes:
        return None, [too_large(size, file_name, limits)]
    if _is_blank(content):
        return None, [EmptyFile(None, None, file_name)]
    delimiter = None
    if is_xlsx(_head(content, 4)):
        workbook = content if isinstance(content, bytes) else content.read_bytes()  # within the limit
        grid, problems = _xlsx_grid(workbook, file_name, sheet, limits)
    else:
        grid, problems, delimiter = _csv_grid(content, file_name, limits)
    if grid is None:
        return None, problems
    if isinstance(grid, pd.DataFrame):
        return _frame_table(grid, delimiter), []
    stripped = (list(map(str.strip, row)) for row in grid)  # map: a third of the time of a comprehension
    numbered = [(n, r) for n, r in enumerate(stripped, start=1) if any(r)]
    if not numbered:
        return None, [EmptyFile(None, None, file_name)]
    header_index = _find_header(numbered)
    header_row, header = numbered[header_index]
    body = numbered[header_index + 1 :]
    width = max(len(header), max((len(r) for _, r in body), default=0))
    header = header + [""] * (width - len(header))
    header = [h if h else f"#{i + 1}" for i, h in enumerate(header)]
    rows = [r if len(r) == width else r + [""] * (width - len(r)) for _, r in body]
    frame = pd.DataFrame(rows, index=pd.Index([n for n, _ in body], dtype="int64"), columns=range(width), dtype=str)
    return Table(header, frame, header_row, delimiter), []


def _frame_table(grid: pd.DataFrame, delimiter: str | None) -> Table:
    """The table of a CSV read by pandas (:func:`_parsed_frame`): its first row is the header."""
    for column in grid.columns:  # one column at a time: a copy of one column at most
        grid[column] = grid[column].str.strip(WHITESPACE)
    grid.index = pd.RangeIndex(1, len(grid) + 1)  # file rows
    header = [h if h else f"#{i + 1}" for i, h in enumerate(grid.iloc[0].tolist())]
    body = grid.iloc[1:]
    filled = (body != "").any(axis=1).to_numpy()
    return Table(header, body if filled.all() else body[filled], 1, delimiter)


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


@dataclass(frozen=True)
class TextFacts:
    """What the checks need of a CSV's text, gathered in one decoding pass over its chunks."""

    encoding: str
    head: str  # the first 4,096 characters
    lines: list[str]  # the first DELIMITER_SAMPLE_LINES non-blank lines
    letters: int  # non-ASCII letters (counted for GB18030 only)
    uncommon: int  # of which uncommon (is_uncommon)
    nul: bool  # a NUL character anywhere

    @property
    def uncommon_share(self) -> float:
        return self.uncommon / self.letters if self.letters else 0.0


def _text_facts(source: Source) -> TextFacts | None:
    """The facts of the first encoding that decodes the whole file (UTF-16 with its BOM, else
    UTF-8, else GB18030); None when none does."""
    encodings = ("utf-16",) if _head(source, 2) in UTF16_BOMS else ENCODINGS
    for encoding in encodings:
        decoder = codecs.getincrementaldecoder(encoding)()
        head, prefix, lines, letters, uncommon, nul = "", "", None, 0, 0, False
        try:
            for chunk, last in _with_last(_chunks(source)):
                text = decoder.decode(chunk, final=last)
                head += text[: 4096 - len(head)]
                nul |= "\x00" in text
                if encoding == "gb18030":
                    found = [c for c in text if ord(c) >= 0x250 and unicodedata.category(c)[0] not in "PSNZ"]
                    letters, uncommon = letters + len(found), uncommon + sum(map(is_uncommon, found))
                if lines is None:
                    prefix += text
                    if last or LINE_BREAK.search(text):  # a line more, maybe: look again
                        lines = first_lines(prefix, DELIMITER_SAMPLE_LINES, complete=last)
                    prefix = prefix if lines is None else ""
        except UnicodeDecodeError:
            continue
        return TextFacts(encoding, head, lines or [], letters, uncommon, nul)
    return None


def _with_last(chunks: Iterator[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Each chunk and whether it is the last (an empty file gives one empty chunk)."""
    previous = next(chunks, b"")
    for chunk in chunks:
        yield previous, False
        previous = chunk
    yield previous, True


def _csv_grid(
    content: Source, file_name: str, limits: Limits
) -> tuple[list[list[str]] | pd.DataFrame | None, list[Problem], str | None]:
    """The file's records (a frame when :func:`_parsed_frame` can read it, else lists), or the
    problems that stop reading it, and its delimiter."""
    head = _head(content, 8)
    if head == b"\x89PNG\r\n\x1a\n" or (head[:2] not in UTF16_BOMS and any(b"\x00" in c for c in _chunks(content))):
        return None, [BinaryFile(None, None, file_name)], None
    facts = _text_facts(content)
    if facts is None or (facts.encoding == "gb18030" and facts.uncommon_share > UNCOMMON_SHARE):
        return None, [UnreadableEncoding(None, None, file_name)], None
    controls = sum(1 for ch in facts.head if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if controls > 2 or facts.nul:  # a NUL anywhere, also in UTF-16
        return None, [BinaryFile(None, None, file_name)], None
    try:
        delimiter = guess_delimiter(facts.lines)
    except csv.Error as error:
        return None, [NotATable(None, None, file_name, (("reason", str(error)),))], None
    encoding, rare_letters = facts.encoding, facts.encoding == "gb18030" and facts.uncommon > 0
    frame = _parsed_frame(content, encoding, delimiter, limits)
    if frame is not None:
        bounds = _bounds(len(frame), frame.shape[1], file_name, limits)
        if bounds:
            return None, bounds, None
        if rare_letters and not _recognised(frame.head(HEADER_SEARCH_ROWS).to_numpy(dtype=object).tolist()):
            return None, [UnreadableEncoding(None, None, file_name)], None
        return frame, [], delimiter
    decoded = b"".join(_chunks(content)).decode(encoding)  # the csv module reads text
    try:
        grid = list(
            itertools.islice(csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter), limits.max_rows + 1)
        )
    except csv.Error as error:
        return None, [NotATable(None, None, file_name, (("reason", str(error)),))], None
    bounds = _bounds(len(grid), max((len(r) for r in grid), default=0), file_name, limits)
    if bounds:
        return None, bounds, None
    # A header of nothing recognisable, in a GB18030 text with rare letters: the wrong encoding,
    # not missing columns (a Big5 file whose letters happen to be mostly in GB2312).
    if rare_letters and not _recognised(grid[:HEADER_SEARCH_ROWS]):
        return None, [UnreadableEncoding(None, None, file_name)], None
    return grid, [], delimiter


def first_lines(text: str, count: int, *, complete: bool = True) -> list[str] | None:
    """The first ``count`` non-blank lines of ``text`` (as ``str.splitlines`` splits it), without
    splitting the whole text: a growing prefix, whose last, maybe cut, line is left out. For a
    text that is only the start of a file (not ``complete``), None when it holds fewer."""
    size = 64 * 1024
    while size < len(text):
        lines = [line for line in text[:size].splitlines()[:-1] if line.strip()]
        if len(lines) >= count:
            return lines[:count]
        size *= 4
    lines = [line for line in text.splitlines()[: None if complete else -1] if line.strip()]
    return lines[:count] if complete or len(lines) >= count else None


def _parsed_frame(content: Source, encoding: str, delimiter: str, limits: Limits) -> pd.DataFrame | None:
    """The file's records as string columns by pandas' C parser, read exactly as ``csv.reader``
    would read them; None when that does not hold (a row wider than the first, an open quote)
    or the first row is not the header (a title above it): the ``csv`` module reads those."""
    try:
        with pd.read_csv(
            io.BytesIO(content) if isinstance(content, bytes) else content,
            sep=delimiter,
            header=None,
            dtype=str,
            na_filter=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
            encoding=encoding,
            engine="c",
            nrows=limits.max_rows + 1,
            chunksize=PARSE_CHUNK_ROWS,
        ) as reader:
            frame = pd.concat(list(reader), ignore_index=True)
    except (pd.errors.ParserError, ValueError, UnicodeError):
        return None
    if frame.isna().any().any():
        return None  # a later chunk narrower than the first: the csv module says what each row holds
    frame.columns = range(frame.shape[1])
    if any(frame[c].str.len().max() > csv.field_size_limit() for c in frame.columns):
        return None  # csv.reader refuses a field this long: so does the file's problem
    first = [cell.strip() for cell in frame.iloc[0].tolist()] if len(frame) else []
    return frame if _is_header(first) else None


def _bounds(rows: int, columns: int, file_name: str, limits: Limits) -> list[Problem]:
    """A problem for a sheet of more rows or columns than ``limits`` allow (counted before parsing)."""
    if rows > limits.max_rows:
        return [TooManyRows(None, None, file_name, (("limit", limits.max_rows),))]
    if columns > limits.max_columns:
        return [TooManyColumns(None, None, file_name, (("limit", limits.max_columns),))]
    return []


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


def _xlsx_grid(
    content: bytes, file_name: str, sheet: str | None, limits: Limits
) -> tuple[list[list[str]] | None, list[Problem]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - a zip that is not a workbook fails in many ways (BadZipFile, KeyError, ...)
        return None, [BinaryFile(None, None, file_name)]
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            return None, [UnknownSheet(None, None, sheet, (("sheets", "、".join(names)),))]
        chosen = sheet if sheet is not None else names[0]
        grid, problems = _sheet_grid(workbook[chosen], file_name, limits)
        if grid is not None and sheet is None and not _recognised(grid[:HEADER_SEARCH_ROWS]):
            for other in names[1:]:  # a notes sheet first: say which sheet holds the table
                other_grid, _ = _sheet_grid(workbook[other], file_name, limits)
                if other_grid is not None and _recognised(other_grid[:HEADER_SEARCH_ROWS]):
                    return None, [HeaderOnOtherSheet(None, None, chosen, (("sheet", other),))]
    finally:
        workbook.close()
    if grid is not None and _has_formulas(content):
        problems = _formulas_without_values(content, chosen, limits)
        if problems:
            return None, problems
    return grid, problems


def _sheet_grid(worksheet, file_name: str, limits: Limits) -> tuple[list[list[str]] | None, list[Problem]]:
    """A sheet's cells as strings, refused before reading when its stated size is over ``limits``
    and read no further than one row or column past them (a sheet can misstate its size)."""
    bounds = _bounds(worksheet.max_row or 0, worksheet.max_column or 0, file_name, limits)
    if bounds:
        return None, bounds
    rows = worksheet.iter_rows(max_row=limits.max_rows + 1, max_col=limits.max_columns + 1)
    grid = [[_cell_text(cell) for cell in row] for row in rows]
    while grid and not any(grid[-1]):
        grid.pop()  # trailing empty rows (formatted but blank) are no rows of data
    width = max((max((i + 1 for i, c in enumerate(row) if c), default=0) for row in grid), default=0)
    bounds = _bounds(len(grid), width, file_name, limits)
    return (None, bounds) if bounds else ([row[:width] for row in grid], [])


def _has_formulas(content: bytes) -> bool:
    """Whether any sheet of the workbook holds a formula (its XML has an ``<f>`` element)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return any(re.search(rb"<(\w+:)?f[ >/]", archive.read(n)) for n in sheets)


def _formulas_without_values(content: bytes, sheet: str, limits: Limits) -> list[Problem]:
    """A problem for each formula cell of ``sheet`` that has no saved value (a file written by
    a program, not saved by Excel): reading it as blank would silently drop the figure."""
    from openpyxl import load_workbook

    formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        bounded = {"max_row": limits.max_rows + 1, "max_col": limits.max_columns + 1}
        problems: list[Problem] = []
        for formula_row, value_row in zip(
            formulas[sheet].iter_rows(**bounded), values[sheet].iter_rows(**bounded), strict=False
        ):
            for formula, value in zip(formula_row, value_row, strict=False):
                if getattr(formula, "data_type", None) == "f" and getattr(value, "value", None) is None:
                    problems.append(FormulaWithoutValue(None, None, formula.coordinate, (("formula", formula.value),)))
        return problems
    finally:
        formulas.close()
        values.close()


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
        if _is_header(row):
            return index
    return 0


def _is_header(row: list[str]) -> bool:
    """Whether a row names an indicator column and a year column (or year columns)."""
    roles = {column_role(c) for c in row}
    return bool(roles & {"indicator", "indicator_id", "seq"}) and ("year" in roles or any(header_year(c) for c in row))


def column_order(table: Table, column: str | None) -> int:
    """Where ``column`` stands in the header (-1 for none): problems are listed in file order."""
    return table.header.index(column) if column in table.header else -1
