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
    :data:`CELL_FIELDS`, :func:`cell_frame`): the cells kept and the problems. Each test is one
    vectorised mask over every cell; only the cells with a problem are visited, to word it."""
    frame = cells.reset_index(drop=True).join(catalog.set_index("id")[META_COLUMNS], on="indicator_id")
    if frame.empty:
        return frame.loc[:, list(CELL_FIELDS)], []
    value = frame["value"]
    last = frame["target_year"].astype(int)
    first = frame["baseline_year"].fillna(last - 5).astype(int)
    low, high = frame["min_value"].astype(float), frame["max_value"].astype(float)
    year_bad = ~frame["year"].between(first, last)
    negative = ~year_bad & frame["kind"].isin(COUNT_KINDS) & (value < 0)
    outside = ~year_bad & ~negative & ((low.notna() & (value < low)) | (high.notna() & (value > high)))
    percent = ~year_bad & ~negative & ~outside & frame["percent"] & (frame["unit"].astype(str).str.strip() != "%")
    kept = ~(year_bad | negative | outside | percent)
    reference = np.fmax(frame["baseline_value"].astype(float).abs(), frame["target_value"].astype(float).abs())
    implausible = kept & high.isna() & (reference > 0) & (value.abs() > PLAUSIBLE_MULTIPLE * reference)

    problems: list[Problem] = []
    for c in frame[year_bad].itertuples():
        problems.append(
            YearOutOfRange(c.row, c.year_column, str(c.year), (("low", first[c.Index]), ("high", last[c.Index])))
        )
    problems += [NegativeCount(c.row, c.column, shown_number(c.value)) for c in frame[negative].itertuples()]
    for c in frame[outside].itertuples():
        bounds = (
            ("low", shown_number(c.min_value) if pd.notna(c.min_value) else "-∞"),
            ("high", shown_number(c.max_value) if pd.notna(c.max_value) else "∞"),
        )
        problems.append(ValueOutOfRange(c.row, c.column, shown_number(c.value), bounds))
    problems += [
        PercentNotAllowed(c.row, c.column, shown_number(c.value) + "%", (("unit", c.unit),))
        for c in frame[percent].itertuples()
    ]
    for c in frame[implausible].itertuples():
        reference_value = reference[c.Index]
        ceiling = shown_number(PLAUSIBLE_MULTIPLE * reference_value)
        problems.append(
            ImplausibleValue(
                c.row,
                c.column,
                shown_number(c.value),
                (("reference", shown_number(reference_value)), ("ceiling", ceiling)),
            )
        )

    in_range = frame[kept]
    key = ["indicator_id", "year"]
    firsts = in_range.drop_duplicates(key)
    again = in_range[in_range.duplicated(key)].join(
        firsts.set_index(key)[["row", "value"]].rename(columns={"row": "first_row", "value": "first_value"}), on=key
    )
    same = np.isclose(again["value"], again["first_value"], rtol=0, atol=1e-12)
    for c, repeated in zip(again.itertuples(), same, strict=False):
        if repeated:
            problems.append(RepeatedRow(c.row, c.column, shown_number(c.value), (("first_row", c.first_row),)))
        else:
            problems.append(
                ConflictingDuplicate(
                    c.row,
                    c.column,
                    shown_number(c.value),
                    (("first_row", c.first_row), ("first_value", shown_number(c.first_value))),
                )
            )
    conflicting = pd.MultiIndex.from_frame(again.loc[~same, key]) if (~same).any() else None
    good = firsts if conflicting is None else firsts[~pd.MultiIndex.from_frame(firsts[key]).isin(conflicting)]
    problems += _cumulative_decreases(good, current)
    return good.loc[:, list(CELL_FIELDS)].reset_index(drop=True), problems


def _cumulative_decreases(cells: pd.DataFrame, current: pd.DataFrame | None) -> list[Problem]:
    """A warning for each incoming value of a count that never falls (cumulative, milestone) below an
    earlier year's, or above a later stored one."""
    incoming = cells[cells["kind"].isin(NEVER_FALLING_KINDS)]
    if incoming.empty:
        return []
    key = ["indicator_id", "year"]
    stored = current if current is not None else pd.DataFrame(columns=["indicator_id", "year", "value"])
    stored = stored.loc[stored["indicator_id"].isin(set(incoming["indicator_id"])), ["indicator_id", "year", "value"]]
    stored = stored.astype({"year": "int64", "value": "float64"}).assign(row=-1, column="")
    mine = incoming.loc[:, ["indicator_id", "year", "value", "row", "column"]]
    stored = stored[~pd.MultiIndex.from_frame(stored[key]).isin(pd.MultiIndex.from_frame(mine[key]))]
    series = pd.concat([stored, mine], ignore_index=True).sort_values(key).reset_index(drop=True)
    earlier = series.groupby("indicator_id", sort=False).shift(1)
    falls = (
        earlier["value"].notna()
        & (series["value"] < earlier["value"] - 1e-12)
        & ((series["row"] >= 0) | (earlier["row"] >= 0))
    )
    problems: list[Problem] = []
    for index in series.index[falls]:
        later, before = series.loc[index], earlier.loc[index]
        where = later if later["row"] >= 0 else before
        problems.append(
            CumulativeDecrease(
                int(where["row"]),
                where["column"],
                shown_number(later["value"]),
                (
                    ("year", int(later["year"])),
                    ("earlier_year", int(before["year"])),
                    ("earlier_value", shown_number(before["value"])),
                ),
            )
        )
    return problems
