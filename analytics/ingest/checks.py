"""Check parsed cells against the catalog: years in the plan, values within bounds, counts not
negative, duplicates, and a count that never falls (cumulative, milestone) going down: a warning,
checked against stored years too."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.ingest.cells import shown_number
from analytics.kinds import kinds_where
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


CELL_FIELDS = ("indicator_id", "year", "value", "note", "source", "row", "column", "year_column", "percent")
META_COLUMNS = [
    "baseline_year",
    "target_year",
    "kind",
    "min_value",
    "max_value",
    "unit",
    "baseline_value",
    "target_value",
]
COUNT_KINDS = kinds_where(count=True)  # never negative: cumulative, new in period, milestone
# counts that never fall (a running total, a milestone once built); yearly additions may fall
NEVER_FALLING_KINDS = kinds_where(count=True, sums_additions=False)


def cell_frame(cells: list[Cell]) -> pd.DataFrame:
    """The cells as one frame, a column per field (built column by column: fast for 300,000 cells)."""
    return pd.DataFrame({f: [getattr(c, f) for c in cells] for f in CELL_FIELDS}).astype(
        {"year": "int64", "value": "float64", "row": "int64", "percent": bool}
    )


def check_cells(
    cells: pd.DataFrame, catalog: pd.DataFrame, current: pd.DataFrame | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Years, bounds, duplicates and cumulative decreases of parsed cells (a frame of
    :data:`CELL_FIELDS`, :func:`cell_frame`): the cells kept and the problems.

    Each test is one vectorised mask over every cell. The catalog's figures are looked up once
    per distinct indicator and spread over the cells as numpy arrays (no joined copy of the
    frame); only the cells with a problem are visited, to word it.
    """
    cells = cells.reset_index(drop=True).loc[:, list(CELL_FIELDS)]
    if cells.empty:
        return cells, []
    codes, ids = _codes(cells["indicator_id"])
    meta = catalog.loc[:, ["id", *META_COLUMNS]].drop_duplicates("id").set_index("id").reindex(ids)
    last_of = meta["target_year"].astype(int).to_numpy()
    first_of = meta["baseline_year"].fillna(meta["target_year"] - 5).astype(int).to_numpy()
    low_of, high_of = meta["min_value"].astype(float).to_numpy(), meta["max_value"].astype(float).to_numpy()
    reference_of = np.fmax(meta["baseline_value"].astype(float).abs(), meta["target_value"].astype(float).abs())
    reference_of = reference_of.to_numpy()
    no_percent_of = (meta["unit"].astype(str).str.strip() != "%").to_numpy()
    count_of = meta["kind"].isin(COUNT_KINDS).to_numpy()

    value, year = cells["value"].to_numpy(dtype=float), cells["year"].to_numpy(dtype="int64")
    # each mask from per-indicator arrays spread over the cells one at a time (a float per cell each)
    year_bad = (year < first_of[codes]) | (year > last_of[codes])
    negative = ~year_bad & count_of[codes] & (value < 0)
    outside = ~year_bad & ~negative & ((value < low_of[codes]) | (value > high_of[codes]))  # NaN: no bound
    percent = ~year_bad & ~negative & ~outside & cells["percent"].to_numpy(dtype=bool) & no_percent_of[codes]
    kept = ~(year_bad | negative | outside | percent)
    unbounded = kept & np.isnan(high_of)[codes] & (reference_of > 0)[codes]
    implausible = unbounded & (np.abs(value) > PLAUSIBLE_MULTIPLE * reference_of[codes])

    problems: list[Problem] = []
    for i in np.flatnonzero(year_bad):
        c, first, last = cells.iloc[i], int(first_of[codes[i]]), int(last_of[codes[i]])
        problems.append(YearOutOfRange(int(c.row), c.year_column, str(c.year), (("low", first), ("high", last))))
    problems += [NegativeCount(c.row, c.column, shown_number(c.value)) for c in cells[negative].itertuples()]
    for i in np.flatnonzero(outside):
        c, low, high = cells.iloc[i], low_of[codes[i]], high_of[codes[i]]
        bounds = (
            ("low", shown_number(low) if pd.notna(low) else "-∞"),
            ("high", shown_number(high) if pd.notna(high) else "∞"),
        )
        problems.append(ValueOutOfRange(int(c.row), c.column, shown_number(c.value), bounds))
    for i in np.flatnonzero(percent):
        c = cells.iloc[i]
        unit = meta["unit"].iloc[codes[i]]
        problems.append(PercentNotAllowed(int(c.row), c.column, shown_number(c.value) + "%", (("unit", unit),)))
    for i in np.flatnonzero(implausible):
        c, reference = cells.iloc[i], reference_of[codes[i]]
        ceiling = shown_number(PLAUSIBLE_MULTIPLE * reference)
        problems.append(
            ImplausibleValue(
                int(c.row),
                c.column,
                shown_number(c.value),
                (("reference", shown_number(reference)), ("ceiling", ceiling)),
            )
        )

    # the same indicator and year again: one integer key per cell (years have four digits)
    key = codes.astype("int64") * 10_000 + year
    seen = _seen_before(key[kept])
    in_range = np.flatnonzero(kept)
    again = in_range[seen]
    keep = kept.copy()
    if len(again):
        first_at = pd.Series(in_range[~seen], index=key[in_range[~seen]])  # where each key is first seen
        conflicting: set[int] = set()
        for i in again:
            c, f = cells.iloc[i], cells.iloc[first_at[key[i]]]
            if np.isclose(c.value, f.value, rtol=0, atol=1e-12):
                problems.append(RepeatedRow(int(c.row), c.column, shown_number(c.value), (("first_row", int(f.row)),)))
            else:
                conflicting.add(int(key[i]))
                problems.append(
                    ConflictingDuplicate(
                        int(c.row),
                        c.column,
                        shown_number(c.value),
                        (("first_row", int(f.row)), ("first_value", shown_number(f.value))),
                    )
                )
        keep[again] = False
        keep &= ~np.isin(key, list(conflicting))
    good = cells if keep.all() else cells[keep].reset_index(drop=True)
    never_falling = meta["kind"].isin(NEVER_FALLING_KINDS).to_numpy()[codes[keep]]
    problems += _cumulative_decreases(good, codes[keep], never_falling, ids, current)
    return good, problems


def _seen_before(keys: np.ndarray) -> np.ndarray:
    """Whether each key appeared earlier in ``keys`` (a stable sort: two integers a cell, no hash table)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    seen = np.zeros(len(keys), dtype=bool)
    seen[order[1:]] = ordered[1:] == ordered[:-1]
    return seen


def _codes(ids: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each cell's indicator as a position in the distinct ids (a long file's are categorical already)."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        return ids.cat.codes.to_numpy(dtype="int64"), pd.Index(ids.cat.categories, dtype=str)
    return pd.factorize(ids)


def _cumulative_decreases(
    cells: pd.DataFrame, codes: np.ndarray, never_falling: np.ndarray, ids: pd.Index, current: pd.DataFrame | None
) -> list[Problem]:
    """A warning for each incoming value of a count that never falls (cumulative, milestone:
    ``never_falling``) below an earlier year's, or above a later stored one. ``codes`` number the
    cells' indicators as positions in ``ids``; the stored rows of those indicators join them."""
    if not never_falling.any():
        return []
    mine = np.flatnonzero(never_falling)  # positions in cells
    mine_code, mine_year = codes[mine], cells["year"].to_numpy(dtype="int64")[mine]
    stored_code = np.empty(0, dtype="int64") if current is None else ids.get_indexer(current["indicator_id"])
    in_file = np.zeros(len(ids) + 1, dtype=bool)  # by code; the last place is -1's, an indicator not in the file
    in_file[mine_code] = True
    wanted = in_file[stored_code]
    stored_code = stored_code[wanted]
    stored_year = current["year"].to_numpy(dtype="int64")[wanted] if current is not None else stored_code
    stored_value = current["value"].to_numpy(dtype=float)[wanted] if current is not None else np.empty(0)
    # a stored year the file gives again is replaced by the file's (years have four digits)
    replaced = (
        np.isin(stored_code * 10_000 + stored_year, mine_code * 10_000 + mine_year)
        if wanted.any()
        else np.zeros(0, dtype=bool)
    )
    code = np.concatenate([stored_code[~replaced], mine_code])
    year = np.concatenate([stored_year[~replaced], mine_year])
    value = np.concatenate([stored_value[~replaced], cells["value"].to_numpy(dtype=float)[mine]])
    position = np.concatenate([np.full((~replaced).sum(), -1), mine])  # in cells; -1: stored
    order = np.argsort(code * 10_000 + year)  # by indicator, then year
    code, year, value, position = code[order], year[order], value[order], position[order]
    falls = (code[1:] == code[:-1]) & (value[1:] < value[:-1] - 1e-12) & ((position[1:] >= 0) | (position[:-1] >= 0))
    problems: list[Problem] = []
    for before in np.flatnonzero(falls).tolist():
        later = before + 1
        where = cells.iloc[position[later] if position[later] >= 0 else position[before]]
        problems.append(
            CumulativeDecrease(
                int(where.row),
                where.column,
                shown_number(value[later]),
                (
                    ("year", int(year[later])),
                    ("earlier_year", int(year[before])),
                    ("earlier_value", shown_number(value[before])),
                ),
            )
        )
    return problems
