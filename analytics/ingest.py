"""Read an analyst's file into observations, collecting every problem before refusing.

The flow is ``read_table`` (bytes -> the file's cells as strings, header row found)
-> ``parse_observations`` (strings -> typed observations + problems). Both the long
format (``indicator, year, value[, note]``) and the wide format (one row per
indicator, one column per year, as the plan's tables are printed) are accepted, from
CSV (UTF-8, UTF-8 with BOM, GBK/GB18030; ``,`` ``;`` or tab) or ``.xlsx``. Nothing here
writes to the database; every problem of a file is returned, not only the first.
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from analytics.labels import text

MAX_FILE_BYTES = 5 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "gb18030")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
# GB18030 decodes almost any bytes, so a Shift-JIS or Big5 file "decodes" into rare characters.
# Text of a real GBK file is mostly GB2312 (the common simplified characters): more than this
# share of letters outside it means the file is in another encoding.
UNCOMMON_SHARE = 0.1
GB2312_COMMON_ROWS = {0xA1, 0xA2, 0xA3, 0xA6}  # punctuation, numbered signs, full-width forms, Greek
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 10  # a title or two above the header is common in departments' sheets
SUGGESTIONS = 3
OBSERVATION_COLUMNS = ["indicator_id", "year", "value", "note", "source"]
HEADER_ALIASES = {
    "indicator_id": ("indicator_id", "id", "编号", "指标编号"),
    "indicator": ("indicator", "指标", "指标名称", "name", "name_zh"),
    "seq": ("seq", "序号", "no", "no."),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值"),
    "note": ("note", "备注", "说明"),
    "source": ("source", "来源", "数据来源"),
    "unit": ("unit", "单位", "计量单位"),
}
YEAR_HEADER = re.compile(r"^(\d{4})(年|年度)?$")


# --- problems ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is (1-based file row, column name) and what.

    Each kind of problem is its own subclass with a ``code``; its message in zh and en is
    the label ``problem.<code>``. ``warning`` problems do not block a commit once confirmed.
    """

    row: int | None
    column: str | None
    value: str
    values: tuple[tuple[str, object], ...] = ()
    code: ClassVar[str] = "problem"
    warning: ClassVar[bool] = False

    def message(self, lang: str) -> str:
        place = text("problem.at_row_column" if self.column else "problem.at_row", lang, row=self.row, column=self.column)
        body = text(self.label_key(), lang, value=self.value, column=self.column or "", **dict(self.values))
        return place + body if self.row is not None else body

    def label_key(self) -> str:
        return f"problem.{self.code}"


class TooLarge(Problem):
    code = "too_large"


class EmptyFile(Problem):
    code = "empty_file"


class NoDataRows(Problem):
    code = "no_data_rows"


class BinaryFile(Problem):
    code = "binary_file"


class UnreadableEncoding(Problem):
    code = "unreadable_encoding"


class NotATable(Problem):
    code = "not_a_table"


class UnknownSheet(Problem):
    code = "unknown_sheet"


class MissingColumn(Problem):
    code = "missing_column"


class UnknownIndicator(Problem):
    """Carries ``suggestions`` (the closest names) and ``plan`` (the plan they were sought in)."""

    code = "unknown_indicator"

    def label_key(self) -> str:
        return "problem.unknown_indicator" if dict(self.values).get("suggestions") else "problem.unknown_indicator_no_match"


class AmbiguousIndicator(Problem):
    code = "ambiguous_indicator"


class BadYear(Problem):
    code = "bad_year"


class NotANumber(Problem):
    code = "not_a_number"


class YearOutOfRange(Problem):
    code = "year_out_of_range"


class ValueOutOfRange(Problem):
    code = "value_out_of_range"


class NegativeCount(Problem):
    code = "negative_count"


class ConflictingDuplicate(Problem):
    code = "conflicting_duplicate"


class RepeatedRow(Problem):
    """The same indicator, year and value twice: kept once."""

    code = "repeated_row"
    warning = True


class IgnoredColumn(Problem):
    """A column of a wide table that is neither a year nor a known column: not read."""

    code = "ignored_column"
    warning = True


class CumulativeDecrease(Problem):
    """A cumulative count lower than an earlier year's (stored or in the same file)."""

    code = "cumulative_decrease"
    warning = True


@dataclass(frozen=True)
class IngestResult:
    observations: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


class ValidationFailed(Exception):
    """Raised by callers that need an exception: carries every problem of the file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{p.message('zh')} / {p.message('en')}" for p in problems))


def problem_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """``row, column, code, level, message`` for showing every problem together."""
    return pd.DataFrame(
        {
            "row": pd.array([p.row for p in problems], dtype="Int64"),
            "column": [p.column or "" for p in problems],
            "code": [p.code for p in problems],
            "level": [text("problem.level_warning" if p.warning else "problem.level_error", lang) for p in problems],
            "message": [p.message(lang) for p in problems],
        }
    )


# --- cells -------------------------------------------------------------------------------------
def normalise_name(name: str) -> str:
    """Fold full-width characters, quotes, brackets and spaces so names compare equal."""
    folded = unicodedata.normalize("NFKC", str(name))
    folded = re.sub(r"[“”\"'‘’「」『』《》]", "", folded)
    folded = folded.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    return re.sub(r"\s+", "", folded).lower()


def parse_number(raw: object) -> float | None:
    """``96.3%``, ``96.3 %``, ``２８``, ``1,234`` -> float; None when not a number."""
    cleaned = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")
    cleaned = cleaned.removesuffix("%")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cleaned):
        return None  # also refuses "nan", "inf" and "1_000", which float() would take
    return float(cleaned)


def header_year(header: str) -> int | None:
    """``2021``, ``2021年``, ``２０２１年`` -> 2021; None for any other header."""
    match = YEAR_HEADER.match(normalise_name(header))
    return int(match.group(1)) if match else None


# --- reading bytes into a table of strings -----------------------------------------------------
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
    lines = [line for line in decoded.splitlines() if line.strip()][:20]
    delimiter = max(DELIMITERS, key=lambda d: (sum(line.count(d) for line in lines), -DELIMITERS.index(d)))
    try:
        grid = list(csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return None, [NotATable(None, None, file_name, (("reason", str(error)),))]
    # A header of nothing recognisable, in a GB18030 text with rare letters: the wrong encoding,
    # not missing columns (a Big5 file whose letters happen to be mostly in GB2312).
    if encoding == "gb18030" and uncommon_share(decoded) > 0 and not _recognised(grid[:HEADER_SEARCH_ROWS]):
        return None, [UnreadableEncoding(None, None, file_name)]
    return grid, []


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


def _role(header: str) -> str | None:
    name = normalise_name(header)
    for role, aliases in HEADER_ALIASES.items():
        if name in {normalise_name(a) for a in aliases}:
            return role
    return None


def _recognised(rows: list[list[str]]) -> bool:
    """Whether any cell of ``rows`` is a known column name (every accepted header has one:
    year headers alone are not enough, and a data cell such as 2021 looks like one)."""
    return any(_role(c.strip()) for row in rows for c in row if c.strip())


def _find_header(numbered: list[tuple[int, list[str]]]) -> int:
    """The first row that names an indicator column (or year columns); else the first row."""
    for index, (_, row) in enumerate(numbered[:HEADER_SEARCH_ROWS]):
        roles = {_role(c) for c in row}
        if roles & {"indicator", "indicator_id", "seq"} and (("year" in roles) or any(header_year(c) for c in row)):
            return index
    return 0


# --- naming indicators ------------------------------------------------------------------------
def indicator_lookup(catalog: pd.DataFrame, plan: str) -> dict[str, str]:
    """Every accepted way to name an indicator -> its id (ids of any plan; seq and name of ``plan``)."""
    lookup = {normalise_name(i): i for i in catalog["id"]}
    in_plan = catalog[catalog["plan"] == plan]
    lookup |= {str(int(s)): i for s, i in zip(in_plan["seq"], in_plan["id"]) if pd.notna(s)}
    lookup |= {normalise_name(n): i for n, i in zip(in_plan["name_zh"], in_plan["id"])}
    return lookup


def closest_names(raw: str, catalog: pd.DataFrame, plan: str, *, n: int = SUGGESTIONS) -> list[str]:
    """The plan's indicator names closest to ``raw`` (difflib), best first."""
    names = list(catalog.loc[catalog["plan"] == plan, "name_zh"])
    by_key = {normalise_name(name): name for name in names}
    return [by_key[k] for k in difflib.get_close_matches(normalise_name(raw), list(by_key), n=n, cutoff=0.4)]


def _unknown(raw: str, row: int, column: str, catalog: pd.DataFrame, plan: str) -> Problem:
    close = closest_names(raw, catalog, plan)
    return UnknownIndicator(row, column, raw, (("suggestions", "、".join(f"“{c}”" for c in close)), ("plan", plan)))


def _seq_key(raw: str) -> str:
    number = parse_number(raw)
    return str(int(number)) if number is not None and number == int(number) else normalise_name(raw)


# --- parsing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Cell:
    """One candidate observation and where it came from in the file."""

    indicator_id: str
    year: int
    value: float
    note: str
    source: str
    row: int
    column: str
    year_column: str


def parse_observations(
    table: Table, catalog: pd.DataFrame, *, plan: str, current: pd.DataFrame | None = None
) -> IngestResult:
    """Typed ``indicator_id, year, value, note, source`` and every problem of ``table``.

    ``current`` (the stored observations) is only used to warn about cumulative
    counts that would fall below a stored earlier year.
    """
    roles: dict[str, str] = {}
    for column in table.header:
        role = _role(column)
        if role is not None and role not in roles:
            roles[role] = column
    year_columns = [(c, header_year(c)) for c in table.header if header_year(c) is not None and _role(c) is None]
    wide = "year" not in roles and bool(year_columns)
    if wide:
        cells, problems = _wide_cells(table, roles, year_columns, catalog, plan)
    else:
        cells, problems = _long_cells(table, roles, catalog, plan)
    if not table.rows and not any(isinstance(p, MissingColumn) for p in problems):
        problems.append(NoDataRows(None, None, ""))
    kept, more = _check_cells(cells, catalog, current)
    problems = sorted(problems + more, key=lambda p: (p.row or 0, column_order(table, p.column), p.code))
    observations = pd.DataFrame(
        [{"indicator_id": c.indicator_id, "year": c.year, "value": c.value, "note": c.note, "source": c.source} for c in kept],
        columns=OBSERVATION_COLUMNS,
    ).astype({"year": int, "value": float})
    return IngestResult(observations, problems)


def column_order(table: Table, column: str | None) -> int:
    return table.header.index(column) if column in table.header else -1


def _long_cells(table: Table, roles: dict[str, str], catalog: pd.DataFrame, plan: str) -> tuple[list[_Cell], list[Problem]]:
    problems: list[Problem] = []
    name_column = roles.get("indicator") or roles.get("indicator_id") or roles.get("seq")
    if name_column is None:
        problems.append(MissingColumn(table.header_row, None, "指标 / indicator"))
    for role, shown in (("year", "年份 / year"), ("value", "数值 / value")):
        if role not in roles:
            problems.append(MissingColumn(table.header_row, None, shown))
    if problems:
        return [], problems
    lookup = indicator_lookup(catalog, plan)
    position = {c: i for i, c in enumerate(table.header)}
    cells = []
    for row_number, cells_text in zip(table.row_numbers, table.rows):
        record = {c: cells_text[i] for c, i in position.items()}
        raw_name = record[name_column]
        indicator_id = lookup.get(normalise_name(raw_name)) or lookup.get(_seq_key(raw_name))
        if indicator_id is None:
            problems.append(_unknown(raw_name, row_number, name_column, catalog, plan))
        raw_year = record[roles["year"]]
        year = parse_number(raw_year.removesuffix("年"))
        if year is None or year != int(year):
            problems.append(BadYear(row_number, roles["year"], raw_year))
        raw_value = record[roles["value"]]
        value = parse_number(raw_value)
        if value is None:
            problems.append(NotANumber(row_number, roles["value"], raw_value))
        if indicator_id is None or year is None or value is None or year != int(year):
            continue
        cells.append(_Cell(indicator_id, int(year), value, record.get(roles.get("note"), ""),
                           record.get(roles.get("source"), ""), row_number, roles["value"], roles["year"]))
    return cells, problems


def _wide_cells(
    table: Table, roles: dict[str, str], year_columns: list[tuple[str, int]], catalog: pd.DataFrame, plan: str
) -> tuple[list[_Cell], list[Problem]]:
    problems: list[Problem] = []
    naming = [roles[r] for r in ("indicator_id", "indicator", "seq") if r in roles]
    header_row = table.header_row
    if not naming:
        return [], [MissingColumn(header_row, None, "指标 / 序号 / indicator")]
    known = set(roles.values()) | {c for c, _ in year_columns}
    problems += [IgnoredColumn(header_row, c, c) for c in table.header if c not in known]
    lookup = indicator_lookup(catalog, plan)
    position = {c: i for i, c in enumerate(table.header)}
    cells = []
    for row_number, cells_text in zip(table.row_numbers, table.rows):
        record = {c: cells_text[i] for c, i in position.items()}
        if not any(record[c] for c, _ in year_columns):
            continue  # an indicator left blank in a template: nothing to read
        found: dict[str, str] = {}
        for column in naming:
            raw = record[column]
            if not raw:
                continue
            key = _seq_key(raw) if column == roles.get("seq") else normalise_name(raw)
            if key in lookup:
                found[column] = lookup[key]
        if not found:
            column = roles.get("indicator") or naming[0]
            problems.append(_unknown(record[column], row_number, column, catalog, plan))
            continue
        if len(set(found.values())) > 1:
            shown = "；".join(f"{c}={record[c]}" for c in found)
            problems.append(AmbiguousIndicator(row_number, next(iter(found)), shown))
            continue
        indicator_id = next(iter(found.values()))
        for column, year in year_columns:
            raw = record[column]
            if not raw:
                continue
            value = parse_number(raw)
            if value is None:
                problems.append(NotANumber(row_number, column, raw))
                continue
            cells.append(_Cell(indicator_id, year, value, record.get(roles.get("note"), ""),
                               record.get(roles.get("source"), ""), row_number, column, column))
    return cells, problems


def _check_cells(cells: list[_Cell], catalog: pd.DataFrame, current: pd.DataFrame | None) -> tuple[list[_Cell], list[Problem]]:
    """Years, bounds, duplicates and cumulative decreases of parsed cells."""
    problems: list[Problem] = []
    info = catalog.set_index("id")
    in_range: list[_Cell] = []
    for cell in cells:
        meta = info.loc[cell.indicator_id]
        last = int(meta["target_year"])
        first = int(meta["baseline_year"]) if pd.notna(meta["baseline_year"]) else last - 5
        if not first <= cell.year <= last:
            problems.append(YearOutOfRange(cell.row, cell.year_column, str(cell.year), (("low", first), ("high", last))))
            continue
        if meta["kind"] in ("cumulative", "new_in_period") and cell.value < 0:
            problems.append(NegativeCount(cell.row, cell.column, shown_number(cell.value)))
            continue
        low, high = meta["min_value"], meta["max_value"]
        if (pd.notna(low) and cell.value < low) or (pd.notna(high) and cell.value > high):
            bounds = (("low", shown_number(low) if pd.notna(low) else "-∞"), ("high", shown_number(high) if pd.notna(high) else "∞"))
            problems.append(ValueOutOfRange(cell.row, cell.column, shown_number(cell.value), bounds))
            continue
        in_range.append(cell)
    kept: dict[tuple[str, int], _Cell] = {}
    for cell in in_range:
        key = (cell.indicator_id, cell.year)
        first_seen = kept.get(key)
        if first_seen is None:
            kept[key] = cell
        elif np.isclose(first_seen.value, cell.value, rtol=0, atol=1e-12):
            problems.append(RepeatedRow(cell.row, cell.column, shown_number(cell.value), (("first_row", first_seen.row),)))
        else:
            problems.append(ConflictingDuplicate(cell.row, cell.column, shown_number(cell.value),
                                                 (("first_row", first_seen.row), ("first_value", shown_number(first_seen.value)))))
    bad_keys = {
        (c.indicator_id, c.year) for c in in_range
        if not np.isclose(kept[(c.indicator_id, c.year)].value, c.value, rtol=0, atol=1e-12)
    }
    good = [c for key, c in kept.items() if key not in bad_keys]
    problems += _cumulative_decreases(good, info, current)
    return good, problems


def _cumulative_decreases(cells: list[_Cell], info: pd.DataFrame, current: pd.DataFrame | None) -> list[Problem]:
    """A warning for each incoming cumulative value below an earlier year's, or above a later stored one."""
    problems: list[Problem] = []
    incoming = [c for c in cells if info.loc[c.indicator_id, "kind"] == "cumulative"]
    stored = current if current is not None else pd.DataFrame(columns=["indicator_id", "year", "value"])
    for indicator_id in sorted({c.indicator_id for c in incoming}):
        series: dict[int, tuple[float, _Cell | None]] = {
            int(y): (float(v), None)
            for y, v in stored.loc[stored["indicator_id"] == indicator_id, ["year", "value"]].itertuples(index=False)
        }
        series |= {c.year: (c.value, c) for c in incoming if c.indicator_id == indicator_id}
        years = sorted(series)
        for earlier, later in zip(years, years[1:]):
            (low_value, low_cell), (high_value, high_cell) = series[earlier], series[later]
            if high_value < low_value - 1e-12 and (low_cell or high_cell):
                where = high_cell or low_cell
                problems.append(CumulativeDecrease(
                    where.row, where.column, shown_number(high_value),
                    (("year", later), ("earlier_year", earlier), ("earlier_value", shown_number(low_value))),
                ))
    return problems


def shown_number(number: float) -> str:
    return f"{float(number):g}"


def load_observations(
    content: bytes, file_name: str, catalog: pd.DataFrame, *, plan: str,
    current: pd.DataFrame | None = None, sheet: str | None = None,
) -> IngestResult:
    """Read and validate one uploaded file against ``plan`` of ``catalog``."""
    table, problems = read_table(content, file_name, sheet=sheet)
    if table is None:
        return IngestResult(pd.DataFrame(columns=OBSERVATION_COLUMNS), problems)
    return parse_observations(table, catalog, plan=plan, current=current)
