"""What a set of incoming observations would change: new, changed and unchanged rows.

At a province's scale (312,000 rows) the rows are matched on integer keys (each distinct text id
looked up once) and the compared columns are taken by position, never merged as text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

KEY = ["indicator_id", "year"]
OBSERVATION_COLUMNS = ["indicator_id", "year", "value", "note", "source"]
CHANGES = np.array(["new", "changed", "unchanged"], dtype=object)  # the values of ``change``


def normalise_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """``indicator_id, year, value, note, source`` with proper types and blank notes as ""."""
    frame = observations.copy(deep=False)  # columns are replaced, never written into: copy on write
    for column in ("note", "source"):
        if column not in frame:
            frame[column] = ""
        frame[column] = frame[column].fillna("").astype(str)
    frame["indicator_id"] = frame["indicator_id"].astype(str)
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    return frame.loc[:, OBSERVATION_COLUMNS].reset_index(drop=True)


def stored_positions(current: pd.DataFrame, incoming: pd.DataFrame) -> np.ndarray:
    """For each row of ``incoming``, the position of the ``current`` row of the same indicator and year,
    or -1 where there is none (``current`` holds each key once, as the store does).

    Each indicator becomes its position among ``current``'s distinct ids, and indicator and year one
    integer: the rows are matched on integers, each distinct text id of ``incoming`` looked up once.
    """
    if current.empty or incoming.empty:
        return np.full(len(incoming), -1, dtype="int64")
    stored_code, stored_ids = pd.factorize(current["indicator_id"])
    codes, distinct = pd.factorize(incoming["indicator_id"])
    code = np.append(stored_ids.get_indexer(distinct), -1)[codes]  # -1: an id with no stored row
    position = np.full(len(incoming), -1, dtype="int64")
    rows = np.flatnonzero(code >= 0)  # only the rows of stored indicators are looked up
    if not len(rows):
        return position
    code = code[rows]
    stored_year = current["year"].to_numpy(dtype="int64")
    year = incoming["year"].to_numpy(dtype="int64")[rows]
    low = min(stored_year.min(), year.min())
    span = max(stored_year.max(), year.max()) - low + 1
    if span * (len(stored_ids) + 1) >= 2**62:  # years too far apart for one integer key: a pair of them
        stored = pd.MultiIndex.from_arrays([stored_code, stored_year])
        position[rows] = stored.get_indexer(pd.MultiIndex.from_arrays([code, year]))
    else:
        position[rows] = pd.Index(stored_code * span + (stored_year - low)).get_indexer(code * span + (year - low))
    return position


@dataclass(frozen=True)
class Comparison:
    """:func:`compare_observations` with what it was computed from: ``current`` normalised, and
    ``position``, each row of ``changes``' stored row in it (-1: none), for the frame after a commit."""

    current: pd.DataFrame
    changes: pd.DataFrame
    position: np.ndarray


def compared_rows(current: pd.DataFrame, incoming: pd.DataFrame, *, exact: bool = False) -> Comparison:
    """:func:`compare_observations`, keeping the normalised ``current`` and the stored positions."""
    current, compared = normalise_observations(current), normalise_observations(incoming)
    position = stored_positions(current, compared)
    rows = np.flatnonzero(position >= 0)  # the incoming rows with a stored one
    at = position[rows]
    given_value, stored_value = compared["value"].to_numpy()[rows], current["value"].to_numpy()[at]
    if exact:
        same_value = given_value == stored_value
    else:
        same_value = np.isclose(given_value, stored_value, rtol=0, atol=1e-12)
    same = same_value
    for column in ("note", "source"):
        given, stored = compared[column].array.take(rows), current[column].array.take(at)
        keep_old = same_value & np.asarray(given == "", dtype=bool)
        if not exact and keep_old.any():  # a blank keeps the stored text
            origin = np.arange(len(compared))
            origin[rows[keep_old]] = len(compared) + at[keep_old]  # in the incoming column, then the stored one
            both = pd.concat([compared[column], current[column]], ignore_index=True)
            compared[column] = both.array.take(origin)
            same = same & (keep_old | np.asarray(given == stored, dtype=bool))
        else:
            same = same & np.asarray(given == stored, dtype=bool)
    old_value = np.full(len(compared), np.nan)
    old_value[rows] = stored_value
    change = np.zeros(len(compared), dtype=np.int8)  # new
    change[rows] = np.where(same, 2, 1)  # unchanged, changed
    return Comparison(current, compared.assign(old_value=old_value, change=CHANGES[change]), position)


def compare_observations(current: pd.DataFrame, incoming: pd.DataFrame, *, exact: bool = False) -> pd.DataFrame:
    """Each incoming row with ``change`` in {new, changed, unchanged} and ``old_value``.

    A row is changed when its value, note or source differs from the stored one. For an
    upload, when the value is the same, a blank incoming note or source keeps the stored
    one (a file without a note column does not erase notes); a new value never inherits
    them. With ``exact`` (a restore) the incoming rows are taken exactly as they are:
    equal value, note and source, or changed.

    The stored row of each incoming one is found by position (:func:`stored_positions`), not by a
    merge of both frames: only the columns compared are looked up.
    """
    return compared_rows(current, incoming, exact=exact).changes
