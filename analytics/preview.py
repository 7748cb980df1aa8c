"""What an upload would do before anything is written: rows new, changed and unchanged,
and the statuses that would change.

Pure functions: the stored observations, the incoming ones and the catalog in, frames out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.assess import assess
from analytics.catalog import latest_data_year, plan_catalog
from analytics.changes import KEY, OBSERVATION_COLUMNS, compare_observations, normalise_observations


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
    """The observations as they would be after committing ``incoming`` (incoming rows win)."""
    changes = compare_observations(current, incoming)
    kept = normalise_observations(current).merge(changes[KEY], on=KEY, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].loc[:, OBSERVATION_COLUMNS]
    return (
        pd.concat([kept, changes.loc[:, OBSERVATION_COLUMNS]], ignore_index=True)
        .sort_values(KEY)
        .reset_index(drop=True)
    )


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
    names = catalog.set_index("id")[["seq", "name_zh", "name_en", "unit", "unit_en"]]
    changes = changes.join(names, on="indicator_id").sort_values(["change", "indicator_id", "year"], key=_change_order)
    counts = {kind: int((changes["change"] == kind).sum()) for kind in ("new", "changed", "unchanged")}
    statuses = status_changes(catalog, current, apply_changes(current, incoming), plan=plan)
    return Preview(changes.reset_index(drop=True), statuses, counts)


def _change_order(column: pd.Series) -> pd.Series:
    """Changed rows first, then new, then unchanged; other columns in their natural order."""
    if column.name == "change":
        return column.map({"changed": 0, "new": 1, "unchanged": 2})
    return column
