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


def compare_observations(current: pd.DataFrame, incoming: pd.DataFrame, *, exact: bool = False) -> pd.DataFrame:
    """Each incoming row with ``change`` in {new, changed, unchanged} and ``old_value``.

    A row is changed when its value, note or source differs from the stored one. For an
    upload, when the value is the same, a blank incoming note or source keeps the stored
    one (a file without a note column does not erase notes); a new value never inherits
    them. With ``exact`` (a restore) the incoming rows are taken exactly as they are:
    equal value, note and source, or changed.
    """
    current = normalise_observations(current)
    incoming = normalise_observations(incoming)
    merged = incoming.merge(current, on=KEY, how="left", suffixes=("", "_old"), indicator=True)
    existing = merged["_merge"] == "both"
    if exact:
        same_value = existing & (merged["value"] == merged["value_old"])
    else:
        same_value = existing & np.isclose(merged["value"], merged["value_old"], rtol=0, atol=1e-12)
        for column in ("note", "source"):
            keep_old = same_value & (merged[column] == "")
            merged[column] = merged[column].where(~keep_old, merged[f"{column}_old"])
    same = same_value & (merged["note"] == merged["note_old"]) & (merged["source"] == merged["source_old"])
    merged["change"] = np.select([~existing, same], ["new", "unchanged"], default="changed")
    return merged.rename(columns={"value_old": "old_value"}).loc[:, OBSERVATION_COLUMNS + ["old_value", "change"]]
