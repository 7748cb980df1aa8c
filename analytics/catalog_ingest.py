"""Read a new plan's catalog file (``catalog import``): typed indicators and every problem.

The file is read as an upload is (``ingest.read_table``: any accepted encoding, delimiter or
.xlsx); the checks are the catalog's own: required columns and cells, allowed kinds,
comparisons and domains, numbers, four-digit years in order, bounds that hold the baseline
and target, and ids and numbers that are unique; a ``continues`` id must name another plan's indicator with
the same unit (issue 16).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.catalog import (
    COMPARISONS,
    DOMAINS,
    KINDS,
    NUMBER_COLUMNS,
    REQUIRED_COLUMNS,
    YEAR_COLUMNS,
    normalise_catalog,
)
from analytics.ingest import column_order, parse_number, read_table, shown_number
from analytics.ingest.cells import parse_year, why_not_a_number
from analytics.kinds import kinds_where
from analytics.problems import (
    BadChoice,
    BadYear,
    BoundsReversed,
    ContinuesUnitDiffers,
    ContinuesUnknown,
    DuplicateId,
    DuplicateSeq,
    ExtremeNumber,
    IdInUse,
    MissingCell,
    MissingColumn,
    NoDataRows,
    NotANumber,
    NotAWholeNumber,
    OutsideBounds,
    Problem,
    TargetBeforeBaseline,
    TooLong,
)

ID_LENGTH = 64  # observations.indicator_id is VARCHAR(64)
MAX_SEQ = 9999


def load_catalog_file(
    content: bytes, file_name: str, *, existing: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """A new plan's catalog CSV/Excel, typed, and every problem with it.

    Checks the required columns, kinds, comparisons, domains, numbers and years, and that
    ids are unique (and new, when ``existing`` is given).
    """
    table, problems = read_table(content, file_name)
    if table is None:
        return pd.DataFrame(), problems
    header_row = table.header_row
    missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
    if missing:
        return pd.DataFrame(), [MissingColumn(header_row, None, c) for c in missing]
    if not table.rows:
        return pd.DataFrame(), [NoDataRows(None, None, file_name)]
    frame = pd.DataFrame(table.rows, columns=table.header)
    choices = {"kind": KINDS, "comparison": COMPARISONS, "domain": DOMAINS}
    seen: dict[str, int] = {}
    seqs: dict[tuple[str, str], int] = {}  # (plan, seq) -> first row
    # ids of other plans already stored; a plan that already exists is refused by Store.add_plan
    others = existing[~existing["plan"].isin(set(frame["plan"]))] if existing is not None else pd.DataFrame({"id": []})
    taken = set(others["id"])
    for row_number, record in zip(table.row_numbers, frame.to_dict("records"), strict=False):
        qualitative = record["kind"] in kinds_where(numeric=False)
        needed = ["id", "plan", "seq", "name_zh", "name_en", "domain", "kind", "target_year"]
        needed += [] if qualitative else ["comparison", "target_value"]
        problems += [MissingCell(row_number, c, "") for c in needed if record[c] == ""]
        for column, allowed in choices.items():
            if record[column] != "" and record[column] not in allowed:
                problems.append(BadChoice(row_number, column, record[column], (("allowed", " ".join(allowed)),)))
        for column in NUMBER_COLUMNS + YEAR_COLUMNS:
            raw = record.get(column, "")
            if column != "seq" and raw != "" and parse_number(raw) is None:  # seq: NotAWholeNumber
                extreme = why_not_a_number(raw, ".") == "extreme" and column not in YEAR_COLUMNS
                problems.append((ExtremeNumber if extreme else NotANumber)(row_number, column, raw))
        if len(record["id"]) > ID_LENGTH:
            problems.append(
                TooLong(
                    row_number, "id", record["id"][:20] + "…", (("length", len(record["id"])), ("limit", ID_LENGTH))
                )
            )
        problems += _catalog_row_checks(row_number, record, seqs)
        identifier = record["id"]
        if identifier in seen:
            problems.append(DuplicateId(row_number, "id", identifier, (("first_row", seen[identifier]),)))
        elif identifier in taken:
            problems.append(IdInUse(row_number, "id", identifier))
        seen.setdefault(identifier, row_number)
    problems += continuity_problems(table.row_numbers, frame, existing)
    problems.sort(key=lambda p: (p.row or 0, column_order(table, p.column)))
    for column in NUMBER_COLUMNS + YEAR_COLUMNS:
        if column in frame:
            frame[column] = [parse_number(v) if v != "" else np.nan for v in frame[column]]
            frame[column] = frame[column].astype(float)
    try:
        return normalise_catalog(frame), problems
    except (TypeError, ValueError, OverflowError):  # a refused catalog may not type (a seq of 2.5 is no integer)
        return pd.DataFrame(), problems


def _catalog_row_checks(row_number: int, record: dict[str, str], seqs: dict[tuple[str, str], int]) -> list[Problem]:
    """What makes one indicator of a catalog impossible: years that are not four digits or run
    backwards, bounds that are reversed or exclude the baseline or target, a number used twice."""
    problems: list[Problem] = []
    years = {}
    for column in ("baseline_year", "target_year"):
        raw = record.get(column, "")
        year = parse_year(raw) if raw else None
        if raw and year is None and parse_number(raw) is not None:
            problems.append(BadYear(row_number, column, raw))  # 2030.5, 20300 (not a number: NotANumber)
        elif year is not None:
            years[column] = year
    if len(years) == 2 and years["target_year"] < years["baseline_year"]:
        problems.append(
            TargetBeforeBaseline(
                row_number, "target_year", record["target_year"], (("baseline_year", years["baseline_year"]),)
            )
        )
    numbers = {c: parse_number(record.get(c, "")) if record.get(c, "") else None for c in NUMBER_COLUMNS}
    low, high = numbers["min_value"], numbers["max_value"]
    if low is not None and high is not None and low > high:
        problems.append(BoundsReversed(row_number, "min_value", record["min_value"], (("high", record["max_value"]),)))
        low = high = None  # which bound is wrong is unknown: check nothing against them
    elif record.get("unit", "").strip() == "%":
        low, high = (0.0 if low is None else low), (100.0 if high is None else high)
    for column in ("baseline_value", "target_value"):
        value = numbers[column]
        if value is not None and ((low is not None and value < low) or (high is not None and value > high)):
            problems.append(
                OutsideBounds(
                    row_number,
                    column,
                    record[column],
                    (
                        ("low", shown_number(low) if low is not None else "-∞"),
                        ("high", shown_number(high) if high is not None else "∞"),
                    ),
                )
            )
    key = (record.get("plan", ""), record.get("seq", ""))
    seq = parse_number(key[1]) if key[1] else None
    if key[1] and (seq is None or not seq.is_integer() or not 1 <= seq <= MAX_SEQ):
        problems.append(NotAWholeNumber(row_number, "seq", key[1]))
    elif seq is not None:
        key = (key[0], str(seq))
        if key in seqs:
            problems.append(DuplicateSeq(row_number, "seq", record["seq"], (("first_row", seqs[key]),)))
        seqs.setdefault(key, row_number)
    return problems


def continuity_problems(row_numbers: list[int], frame: pd.DataFrame, existing: pd.DataFrame | None) -> list[Problem]:
    """A ``continues`` cell that names no indicator of another plan (stored, or in the same file),
    or one whose unit differs from the row's."""
    if "continues" not in frame:
        return []
    known = [frame.loc[:, ["id", "plan", "unit"]] if "unit" in frame else frame.loc[:, ["id", "plan"]]]
    if existing is not None and not existing.empty:
        known.insert(0, existing.loc[:, ["id", "plan", "unit"]])
    others = pd.concat(known, ignore_index=True).fillna("").astype(str).drop_duplicates("id")
    by_id = others.set_index("id")
    problems: list[Problem] = []
    for row_number, record in zip(row_numbers, frame.to_dict("records"), strict=True):
        previous = str(record.get("continues", "") or "").strip()
        if not previous:
            continue
        if previous not in by_id.index or by_id.loc[previous, "plan"] == record.get("plan", ""):
            problems.append(ContinuesUnknown(row_number, "continues", previous))
            continue
        unit, previous_unit = str(record.get("unit", "")).strip(), str(by_id.loc[previous].get("unit", "")).strip()
        if unit != previous_unit:
            problems.append(
                ContinuesUnitDiffers(
                    row_number, "unit", unit, (("previous", previous), ("previous_unit", previous_unit))
                )
            )
    return problems
