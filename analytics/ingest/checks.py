"""Check parsed cells against the catalog: years in the plan, values within bounds, counts not
negative, duplicates, and cumulative counts that fall (a warning, against stored years too)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.ingest.cells import shown_number
from analytics.problems import (
    ConflictingDuplicate,
    CumulativeDecrease,
    ImplausibleValue,
    NegativeCount,
    PercentNotAllowed,
    Problem,
    RepeatedRow,
    ValueOutOfRange,
    YearOutOfRange,
)


@dataclass(frozen=True)
class Cell:
    """One candidate observation and where it came from in the file."""

    indicator_id: str
    year: int
    value: float
    note: str
    source: str
    row: int
    column: str
    year_column: str
    percent: bool = False  # written with a % sign

PLAUSIBLE_MULTIPLE = 100  # an unbounded indicator's value over 100x max(|baseline|, |target|) is a warning


def check_cells(cells: list[Cell], catalog: pd.DataFrame, current: pd.DataFrame | None) -> tuple[list[Cell], list[Problem]]:
    """Years, bounds, duplicates and cumulative decreases of parsed cells."""
    problems: list[Problem] = []
    info = catalog.set_index("id")
    in_range: list[Cell] = []
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
        if cell.percent and str(meta["unit"]).strip() != "%":
            problems.append(PercentNotAllowed(cell.row, cell.column, shown_number(cell.value) + "%",
                                              (("unit", meta["unit"]),)))
            continue
        if pd.isna(high):
            problems += _implausible(cell, meta)
        in_range.append(cell)
    kept: dict[tuple[str, int], Cell] = {}
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


def _implausible(cell: Cell, meta: pd.Series) -> list[Problem]:
    """A warning when ``cell`` is over :data:`PLAUSIBLE_MULTIPLE` times the larger of the
    indicator's baseline and target (none when both are 0 or missing)."""
    reference = max((abs(float(v)) for v in (meta["baseline_value"], meta["target_value"]) if pd.notna(v)), default=0.0)
    ceiling = PLAUSIBLE_MULTIPLE * reference
    if reference == 0 or abs(cell.value) <= ceiling:
        return []
    return [ImplausibleValue(cell.row, cell.column, shown_number(cell.value),
                             (("reference", shown_number(reference)), ("ceiling", shown_number(ceiling))))]


def _cumulative_decreases(cells: list[Cell], info: pd.DataFrame, current: pd.DataFrame | None) -> list[Problem]:
    """A warning for each incoming cumulative value below an earlier year's, or above a later stored one."""
    problems: list[Problem] = []
    incoming = [c for c in cells if info.loc[c.indicator_id, "kind"] == "cumulative"]
    stored = current if current is not None else pd.DataFrame(columns=["indicator_id", "year", "value"])
    for indicator_id in sorted({c.indicator_id for c in incoming}):
        series: dict[int, tuple[float, Cell | None]] = {
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
