"""What an upload would do before anything is written: rows new, changed and unchanged,
and the statuses that would change.

Pure functions: the stored observations, the incoming ones and the catalog in, frames out.
At a province's scale (312,000 rows) the rows are matched by position and sorted by codes, and the
names, repeated on every row, are categoricals: the table costs its codes, not 312,000 copies of names.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.assess import assess
from analytics.catalog import latest_data_year, plan_catalog
from analytics.changes import (
    KEY,
    OBSERVATION_COLUMNS,
    compare_observations,
    normalise_observations,
    stored_positions,
)

NAME_COLUMNS = ["name_zh", "name_en", "unit", "unit_en"]  # from the catalog, on every row of a preview
CHANGE_ORDER = ("changed", "new", "unchanged")  # how a preview lists its rows


@dataclass(frozen=True)
class Preview:
    """``changes``: every incoming row with ``change`` and ``old_value`` (plus names);
    ``statuses``: the indicators whose status would change; ``counts``: rows per change."""

    changes: pd.DataFrame
    statuses: pd.DataFrame
    counts: dict[str, int]

    @property
    def writes_anything(self) -> bool:
        return self.counts["new"] + self.counts["changed"] > 0


def apply_changes(current: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """The observations as they would be after committing ``incoming`` (incoming rows win), by key."""
    after = observations_after(current, compare_observations(current, incoming))
    return after.sort_values(KEY).reset_index(drop=True)


def observations_after(current: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """``current`` without the rows that ``changes`` (:func:`compare_observations`) replaces, then the
    rows of ``changes``: the observations after a commit, in no particular order."""
    current = normalise_observations(current)
    replaced = stored_positions(current, changes)
    kept = np.ones(len(current), dtype=bool)
    kept[replaced[replaced >= 0]] = False
    return pd.concat([current[kept], changes.loc[:, OBSERVATION_COLUMNS]], ignore_index=True)


def status_changes(catalog: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame, *, plan: str) -> pd.DataFrame:
    """Indicators of ``plan`` whose status differs, each side assessed at its own latest year
    (as the dashboards would show it): ``id, seq, name_zh, name_en, year_before,
    status_before, year_after, status_after, must_hold_before, must_hold_after, target_year``."""
    indicators = plan_catalog(catalog, plan)
    as_of_before, as_of_after = latest_data_year(indicators, before), latest_data_year(indicators, after)
    old = assess(indicators, before, as_of=as_of_before).set_index("id")
    new = assess(indicators, after, as_of=as_of_after).set_index("id")
    table = pd.DataFrame(
        {
            "id": indicators["id"],
            "seq": indicators["seq"].astype("Int64"),
            "name_zh": indicators["name_zh"],
            "name_en": indicators["name_en"],
            "year_before": as_of_before,
            "status_before": indicators["id"].map(old["status"]),
            "year_after": as_of_after,
            "status_after": indicators["id"].map(new["status"]),
            "must_hold_before": indicators["id"].map(old["must_hold"]).astype(bool),
            "must_hold_after": indicators["id"].map(new["must_hold"]).astype(bool),
            "target_year": indicators["target_year"].astype(int),
        }
    )
    return table[table["status_before"] != table["status_after"]].reset_index(drop=True)


def preview(current: pd.DataFrame, incoming: pd.DataFrame, catalog: pd.DataFrame, *, plan: str) -> Preview:
    """Everything the page and ``import`` show before a commit."""
    changes = compare_observations(current, incoming)
    statuses = status_changes(catalog, current, observations_after(current, changes), plan=plan)
    counts = {kind: int((changes["change"] == kind).sum()) for kind in ("new", "changed", "unchanged")}
    return Preview(listed(changes, catalog), statuses, counts)


def listed(changes: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """``changes`` with the catalog's ``seq`` and names (categoricals), changed rows first, then new, then
    unchanged, each by indicator and year."""
    change = changes["change"]
    rank = np.select([change == kind for kind in CHANGE_ORDER], range(len(CHANGE_ORDER)), len(CHANGE_ORDER))
    indicator_order, _ = pd.factorize(changes["indicator_id"], sort=True)
    table = changes.take(np.lexsort((changes["year"].to_numpy(), indicator_order, rank))).reset_index(drop=True)
    names = catalog.set_index("id")
    at = names.index.get_indexer(table["indicator_id"])
    table["seq"] = names["seq"].reindex(table["indicator_id"]).set_axis(table.index)
    for column in NAME_COLUMNS:
        codes, values = pd.factorize(names[column])
        table[column] = pd.Categorical.from_codes(np.where(at >= 0, codes[at], -1), categories=values)
    return table
