"""What a set of incoming observations would change: new, changed and unchanged rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

KEY = ["indicator_id", "year"]
OBSERVATION_COLUMNS = ["indicator_id", "year", "value", "note", "source"]


def normalise_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """``indicator_id, year, value, note, source`` with proper types and blank notes as ""."""
    frame = observations.copy()
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
    or -1 where there is none (``current`` holds each key once, as the store does)."""
    stored = pd.MultiIndex.from_arrays([current["indicator_id"], current["year"]])
    return stored.get_indexer(pd.MultiIndex.from_arrays([incoming["indicator_id"], incoming["year"]]))


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
    current, compared = normalise_observations(current), normalise_observations(incoming)
    position = stored_positions(current, compared)
    rows = np.flatnonzero(position >= 0)  # the incoming rows with a stored one
    stored = current.iloc[position[rows]].reset_index(drop=True)
    given = compared.iloc[rows].reset_index(drop=True)
    if exact:
        same_value = given["value"].to_numpy() == stored["value"].to_numpy()
    else:
        same_value = np.isclose(given["value"].to_numpy(), stored["value"].to_numpy(), rtol=0, atol=1e-12)
    same = same_value
    for column in ("note", "source"):
        text = given[column]
        keep_old = same_value & (text == "").to_numpy()
        if not exact and keep_old.any():
            text = text.where(~keep_old, stored[column])  # a blank keeps the stored text
            compared.loc[rows[keep_old], column] = stored.loc[keep_old, column].to_numpy()
        same = same & (text == stored[column]).to_numpy()
    old_value = np.full(len(compared), np.nan)
    old_value[rows] = stored["value"].to_numpy()
    change = np.full(len(compared), "new", dtype=object)
    change[rows] = np.where(same, "unchanged", "changed")
    return compared.assign(old_value=old_value, change=change)
