"""Parse a file's grid into typed observations: the long format (``indicator, year, value[,
note]``) and the wide format (one row per indicator, one column per year, as the plan's
tables are printed), naming indicators by id, number or name, and collecting every problem.

Nothing here writes to the database; every problem of a file is returned, not only the first.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.export import restore_text
from analytics.ingest.cells import (
    column_role,
    decimal_mark,
    has_percent,
    header_year,
    normalise_name,
    normalise_names,
    parse_number,
    parse_year,
    why_not_a_number,
)
from analytics.ingest.checks import Cell, cell_frame, check_cells
from analytics.ingest.grid import Limits, Source, Table, read_table, web_limits
from analytics.problems import (
    AmbiguousIndicator,
    AmbiguousNumber,
    BadYear,
    BlankIndicator,
    ExtremeNumber,
    IgnoredColumn,
    MissingColumn,
    NoDataRows,
    NotANumber,
    Problem,
    UnknownIndicatorName,
)

SUGGESTIONS = 3
OBSERVATION_COLUMNS = ["indicator_id", "year", "value", "note", "source"]


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


def indicator_lookup(catalog: pd.DataFrame, plan: str) -> dict[str, str]:
    """Every accepted way to name an indicator -> its id (ids of any plan; seq and name of ``plan``)."""
    every_id = catalog["id"].tolist()
    lookup = dict(zip(normalise_names(every_id), every_id, strict=True))
    in_plan = catalog.loc[catalog["plan"] == plan, ["id", "seq", "name_zh"]]
    ids = in_plan["id"].tolist()
    lookup |= {str(int(s)): i for s, i in zip(in_plan["seq"].tolist(), ids, strict=True) if pd.notna(s)}
    lookup |= dict(zip(normalise_names(in_plan["name_zh"].tolist()), ids, strict=True))
    return lookup


def closest_names(raw: str, catalog: pd.DataFrame, plan: str, *, n: int = SUGGESTIONS) -> list[str]:
    """The plan's indicator names closest to ``raw`` (difflib), best first."""
    names = list(catalog.loc[catalog["plan"] == plan, "name_zh"])
    by_key = {normalise_name(name): name for name in names}
    return [by_key[k] for k in difflib.get_close_matches(normalise_name(raw), list(by_key), n=n, cutoff=0.4)]


def _unknown(raw: str, row: int, column: str, catalog: pd.DataFrame, plan: str) -> Problem:
    close = closest_names(raw, catalog, plan)
    return UnknownIndicatorName(row, column, raw, (("suggestions", "、".join(f"“{c}”" for c in close)), ("plan", plan)))


def _seq_key(raw: str) -> str:
    number = parse_number(raw)
    return str(int(number)) if number is not None and number.is_integer() else normalise_name(raw)


NUMBER_PROBLEMS = {"ambiguous": AmbiguousNumber, "extreme": ExtremeNumber, "not_a_number": NotANumber}


def _number_problem(raw: str, mark: str, row: int, column: str) -> Problem:
    return NUMBER_PROBLEMS[why_not_a_number(raw, mark)](row, column, raw)


def _value_cells(table: Table, columns: list[str]) -> list[str]:
    """The cells of ``columns`` that hold a comma (the only ones that say how decimals are written)."""
    cells: list[str] = []
    for column in (table.body[table.header.index(c)] for c in columns):
        cells += column[column.str.contains(",", regex=False).to_numpy(dtype=bool)].tolist()
    return cells


def parse_observations(
    table: Table, catalog: pd.DataFrame, *, plan: str, current: pd.DataFrame | None = None
) -> IngestResult:
    """Typed ``indicator_id, year, value, note, source`` and every problem of ``table``.

    ``current`` (the stored observations) is only used to warn about cumulative
    counts that would fall below a stored earlier year.
    """
    return _checked(*_table_cells(table, catalog, plan), catalog, current)


def _table_cells(
    table: Table, catalog: pd.DataFrame, plan: str
) -> tuple[pd.DataFrame | list[Cell], list[Problem], list[str]]:
    """The cells of ``table`` (a frame for a long table, :class:`Cell` s for a wide one), the
    problems found reading them, and the header (problems are listed in its order)."""
    roles: dict[str, str] = {}
    for column in table.header:
        role = column_role(column)
        if role is not None and role not in roles:
            roles[role] = column
    year_columns = [(c, year) for c in table.header if (year := header_year(c)) is not None and column_role(c) is None]
    wide = "year" not in roles and bool(year_columns)
    if wide:
        mark = decimal_mark(_value_cells(table, [c for c, _ in year_columns]), table.delimiter)
        cells, problems = _wide_cells(table, roles, year_columns, catalog, plan, mark)
    else:
        mark = decimal_mark(_value_cells(table, [roles["value"]]) if "value" in roles else [], table.delimiter)
        cells, problems = _long_cells(table, roles, catalog, plan, mark)
    if table.body.empty and not any(isinstance(p, MissingColumn) for p in problems):
        problems.append(NoDataRows(None, None, ""))
    return cells, problems, table.header


def _checked(
    cells: pd.DataFrame | list[Cell],
    problems: list[Problem],
    header: list[str],
    catalog: pd.DataFrame,
    current: pd.DataFrame | None,
) -> IngestResult:
    """The observations of cells that pass :func:`check_cells`, and every problem in file order."""
    kept, more = check_cells(cell_frame(cells) if isinstance(cells, list) else cells, catalog, current)
    order = {column: i for i, column in enumerate(header)}
    problems = sorted(problems + more, key=lambda p: (p.row or 0, order.get(p.column or "", -1), p.code))
    observations = pd.DataFrame(
        {
            "indicator_id": _text(kept["indicator_id"]),
            "year": kept["year"].astype(int),
            "value": kept["value"].astype(float),
            "note": _text(kept["note"]),
            "source": _text(kept["source"]),
        }
    )
    return IngestResult(observations.reset_index(drop=True), problems)


def _text(column: pd.Series) -> pd.Series:
    """A column of text as ``str``: a categorical one (a long file's) by converting each category once."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(str)
    categories = pd.array(column.cat.categories.astype(str), dtype=str)
    return pd.Series(categories.take(column.cat.codes.to_numpy(), allow_fill=True), index=column.index)


# what most cells are, read by pandas at once exactly as parse_number would read them
PLAIN_NUMBER = r"-?[0-9]{1,15}(\.[0-9]{1,15})?"


def _long_cells(
    table: Table, roles: dict[str, str], catalog: pd.DataFrame, plan: str, mark: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """A long table's cells as a frame (:data:`~analytics.ingest.checks.CELL_FIELDS`) and its problems.

    Column at a time: each distinct name and year is resolved once, plain numbers are converted by
    pandas, and only the other cells go through :func:`parse_number` one by one.
    """
    problems: list[Problem] = []
    name_column = roles.get("indicator") or roles.get("indicator_id") or roles.get("seq")
    if name_column is None:
        problems.append(MissingColumn(table.header_row, None, "指标 / indicator"))
    for role, shown in (("year", "年份 / year"), ("value", "数值 / value")):
        if role not in roles:
            problems.append(MissingColumn(table.header_row, None, shown))
    if problems or name_column is None:
        return cell_frame([]), problems
    position = {c: i for i, c in enumerate(table.header)}
    grid = table.body
    names, years_raw, values_raw = (grid[position[c]] for c in (name_column, roles["year"], roles["value"]))
    lookup = indicator_lookup(catalog, plan)
    indicator = _indicator_ids(
        names,
        lambda raws: [
            lookup.get(key) or lookup.get(_seq_key(raw)) for raw, key in zip(raws, normalise_names(raws), strict=True)
        ],
    )
    year = _each_distinct(years_raw, parse_year)
    plain = values_raw.str.fullmatch(PLAIN_NUMBER).fillna(False).to_numpy(dtype=bool)
    numbers = np.full(len(grid), np.nan)
    # Arrow's cast of a decimal string is correctly rounded, as float() is (tests/test_scale.py compares them)
    numbers[plain] = pc.cast(pa.array(values_raw[plain]), pa.float64()).to_numpy(zero_copy_only=False)
    other = values_raw[~plain]
    numbers[~plain] = np.array([np.nan if (n := parse_number(raw, mark)) is None else n for raw in other], dtype=float)
    signs = np.zeros(len(grid), dtype=bool)
    signs[~plain] = np.array([has_percent(raw) for raw in other], dtype=bool)
    value, percent = pd.Series(numbers, index=grid.index), pd.Series(signs, index=grid.index)
    rows = pd.Series(grid.index, index=grid.index)

    unknown: dict[str, Problem] = {}
    bad = indicator.isna() | year.isna() | value.isna()
    for index in grid.index[bad.to_numpy()]:
        row, raw_name = int(rows[index]), names[index]
        if not raw_name:
            problems.append(BlankIndicator(row, name_column, ""))
        elif pd.isna(indicator[index]):
            if raw_name not in unknown:  # the closest names are sought once per distinct name
                unknown[raw_name] = _unknown(raw_name, row, name_column, catalog, plan)
            problems.append(replace(unknown[raw_name], row=row))
        if pd.isna(year[index]):
            problems.append(BadYear(row, roles["year"], years_raw[index]))
        if pd.isna(value[index]):
            problems.append(_number_problem(values_raw[index], mark, row, roles["value"]))
    good = slice(None) if not bad.any() else (~bad).to_numpy()  # every row read: no copy
    count = len(grid) if isinstance(good, slice) else int(good.sum())
    notes = {
        role: _restored(grid[position[roles[role]]][good]) if role in roles else _same(count, "")
        for role in ("note", "source")
    }
    cells = pd.DataFrame(
        {
            "indicator_id": indicator[good],
            "year": year[good].astype("int64"),
            "value": value[good],
            "note": notes["note"],
            "source": notes["source"],
            "row": rows[good],
            "column": _same(count, roles["value"]),
            "year_column": _same(count, roles["year"]),
            "percent": percent[good],
        },
        copy=False,
    )
    return cells.reset_index(drop=True), problems


def _same(count: int, text: str) -> pd.Categorical:
    """``text`` ``count`` times, a byte per cell (the column of a long file's values, a blank note)."""
    return pd.Categorical.from_codes(np.zeros(count, dtype=np.int8), [text])


def _indicator_ids(names: pd.Series, resolve) -> pd.Series:
    """The indicator ids ``resolve`` gives the list of distinct names (one for each, or None), as a
    categorical over the rows (an integer per row, not a string); missing where it gives None."""
    codes, distinct = pd.factorize(names)
    resolved = resolve(distinct.tolist())
    ids = sorted({i for i in resolved if i is not None})
    position = {i: k for k, i in enumerate(ids)}
    code_of = np.array([-1 if i is None else position[i] for i in resolved], dtype="int32")
    return pd.Series(pd.Categorical.from_codes(code_of[codes], categories=ids), index=names.index)


def _each_distinct(column: pd.Series, resolve, dtype: type = float) -> pd.Series:
    """``resolve`` of each distinct cell of ``column`` (once each), spread over its rows; None is missing."""
    codes, distinct = pd.factorize(column)
    resolved: np.ndarray = np.array(
        [np.nan if (r := resolve(raw)) is None else r for raw in distinct.tolist()], dtype=dtype
    )
    return pd.Series(resolved[codes], index=column.index)


def _restored(texts: pd.Series) -> pd.Series:
    """Notes or sources without the apostrophe an export puts before text like ``=x``."""
    quoted = texts.str.startswith("'").fillna(False).astype(bool)
    return texts.where(~quoted, texts[quoted].map(restore_text)).astype(str)


def _wide_cells(
    table: Table,
    roles: dict[str, str],
    year_columns: list[tuple[str, int]],
    catalog: pd.DataFrame,
    plan: str,
    mark: str,
) -> tuple[list[Cell], list[Problem]]:
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
    for row_number, cells_text in zip(table.row_numbers, table.rows, strict=False):
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
            if not any(record[c] for c in naming):
                problems.append(BlankIndicator(row_number, column, ""))
            else:
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
            value = parse_number(raw, mark)
            if value is None:
                problems.append(_number_problem(raw, mark, row_number, column))
                continue
            cells.append(
                Cell(
                    indicator_id,
                    year,
                    value,
                    *_note_and_source(record, roles),
                    row_number,
                    column,
                    column,
                    has_percent(raw),
                )
            )
    return cells, problems


def _note_and_source(record: dict[str, str], roles: dict[str, str]) -> tuple[str, str]:
    """A row's note and source, without the apostrophe an export puts before text like ``=x``."""
    note, source = (restore_text(record[roles[role]]) if role in roles else "" for role in ("note", "source"))
    return note, source


def load_observations(
    content: Source,
    file_name: str,
    catalog: pd.DataFrame,
    *,
    plan: str,
    current: pd.DataFrame | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
) -> IngestResult:
    """Read and validate one uploaded file (its bytes, or its path: then read in chunks) against
    ``plan`` of ``catalog``, within ``limits`` (default: the web page's,
    :func:`~analytics.ingest.grid.web_limits`)."""
    table, problems = read_table(content, file_name, sheet=sheet, limits=limits or web_limits())
    if table is None:
        return IngestResult(pd.DataFrame(columns=OBSERVATION_COLUMNS), problems)
    cells, problems, header = _table_cells(table, catalog, plan)
    del table  # the file's strings are let go before its cells are checked
    return _checked(cells, problems, header, catalog, current)
