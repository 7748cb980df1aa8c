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
    compared_rows,
    normalise_observations,
    stored_positions,
)

NAME_COLUMNS = ["name_zh", "name_en", "unit", "unit_en"]  # from the catalog, on every row of a preview
ASSESSED_COLUMNS = ["indicator_id", "year", "value"]  # what an assessment reads of the observations
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
    return _after(current, changes, stored_positions(current, changes))


def _after(
    current: pd.DataFrame, changes: pd.DataFrame, replaced: np.ndarray, columns: list[str] = OBSERVATION_COLUMNS
) -> pd.DataFrame:
    """``columns`` of :func:`observations_after` of a normalised ``current``, ``replaced`` holding each
    row of ``changes``' position in it (-1: a new row)."""
    kept = np.ones(len(current), dtype=bool)
    kept[replaced[replaced >= 0]] = False
    return pd.concat([current.loc[kept, columns], changes.loc[:, columns]], ignore_index=True)


def status_changes(catalog: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame, *, plan: str) -> pd.DataFrame:
    """Indicators of ``plan`` whose status differs, each side assessed at its own latest year
    (as the dashboards would show it): ``id, seq, name_zh, name_en, year_before,
    status_before, year_after, status_after, must_hold_before, must_hold_after, target_year``."""
    indicators = plan_catalog(catalog, plan)
    # the ids as categoricals: each lookup of an indicator below is one per distinct id, not one per row
    before, after = (frame.astype({"indicator_id": "category"}) for frame in (before, after))
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
    compared = compared_rows(current, incoming)
    changes = compared.changes
    after = _after(compared.current, changes, compared.position, ASSESSED_COLUMNS)  # no notes: not assessed
    statuses = status_changes(catalog, current, after, plan=plan)
    counts = {kind: int((changes["change"] == kind).sum()) for kind in ("new", "changed", "unchanged")}
    return Preview(listed(changes, catalog), statuses, counts)


def listed(changes: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """``changes`` with the catalog's ``seq`` and names (categoricals), changed rows first, then new, then
    unchanged, each by indicator and year.

    Each distinct indicator id is looked up in the catalog once; the rows carry its position there.
    """
    change = changes["change"].to_numpy()
    rank = np.select([change == kind for kind in CHANGE_ORDER], range(len(CHANGE_ORDER)), len(CHANGE_ORDER))
    indicator_order, ids = pd.factorize(changes["indicator_id"], sort=True)
    order = np.lexsort((changes["year"].to_numpy(), indicator_order, rank))
    in_order = bool((order[1:] > order[:-1]).all())  # a file in the listed order (as an export is): no copy
    table = changes.copy(deep=False) if in_order else changes.take(order).reset_index(drop=True)
    names = catalog.set_index("id")
    at = names.index.get_indexer(ids)[indicator_order[order]]  # each row's catalog row (-1: none)
    table["seq"] = pd.api.extensions.take(names["seq"].array, at, allow_fill=True)
    for column in NAME_COLUMNS:
        codes, values = pd.factorize(names[column])
        table[column] = pd.Categorical.from_codes(np.where(at >= 0, codes[at], -1), categories=values)
    return table
