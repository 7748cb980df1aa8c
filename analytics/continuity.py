"""Indicators that carry on across plans: a new plan's row whose ``continues`` names the previous
plan's indicator with the same definition and unit.

Two jobs. :func:`with_earlier_points` is the pre-step of :func:`analytics.assess.fitted_models`:
a carried-on level or running total gets the predecessor's observations before its own baseline
year as earlier points, so one 2026 figure plus 2020-2025 of the 14th plan is enough to project.
(A new-in-period count sums only its own period's additions, so it takes none.) :func:`lineage`
and :func:`history` give the indicator page the whole series across plans.
"""

from __future__ import annotations

import pandas as pd

from analytics.kinds import kinds_where

CARRIED_KINDS = kinds_where(sums_additions=False, numeric=True)  # a series that goes on in the same unit


def with_earlier_points(
    points: pd.DataFrame, catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int
) -> pd.DataFrame:
    """``points`` (``analytics.assess.achievement_points``) with each carried-on indicator's earlier points.

    For a row of ``catalog`` with ``continues`` set (and a kind in :data:`CARRIED_KINDS`), the
    stored observations of the predecessor id from before the row's baseline year (and up to
    ``as_of``) are added under the row's own id; the row's own points win a year they share.
    Nothing changes for a catalog without ``continues``.
    """
    if "continues" not in catalog:
        return points
    carried = catalog[
        (catalog["continues"].fillna("") != "") & catalog["kind"].isin(CARRIED_KINDS) & catalog["baseline_year"].notna()
    ]
    if carried.empty:
        return points
    successor = dict(zip(carried["continues"], carried["id"], strict=True))
    baseline_year = carried.set_index("id")["baseline_year"].astype(int)
    earlier = observations.loc[
        observations["indicator_id"].isin(successor) & (observations["year"] <= as_of),
        ["indicator_id", "year", "value"],
    ].dropna(subset=["value"])
    earlier = earlier.assign(indicator_id=earlier["indicator_id"].map(successor)).astype(
        {"indicator_id": str, "year": int, "value": float}
    )
    earlier = earlier[earlier["year"] < earlier["indicator_id"].map(baseline_year)]
    earlier = earlier.assign(achieved=earlier["value"])
    return (
        pd.concat([earlier, points], ignore_index=True)
        .drop_duplicates(["indicator_id", "year"], keep="last")
        .sort_values(["indicator_id", "year"])
        .reset_index(drop=True)
    )


def lineage(catalog: pd.DataFrame, indicator_id: str) -> list[str]:
    """The ids of one series across plans, oldest first: those the indicator carries on, itself, and
    those that carry it on (the first successor of each). A cycle stops the walk."""
    by_id = catalog.set_index("id")["continues"].fillna("")
    chain = [indicator_id]
    while (previous := by_id.get(chain[0], "")) and previous in by_id.index and previous not in chain:
        chain.insert(0, previous)
    successors = by_id[by_id != ""]
    while (following := list(successors.index[successors == chain[-1]])) and following[0] not in chain:
        chain.append(following[0])
    return chain


def history(catalog: pd.DataFrame, observations: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Every figure of the indicator and those it carries on: ``year, value, plan, indicator_id``.

    Each plan's catalog baseline counts where no observation of that year is stored (as in
    ``achievement_points``); a year two plans share (one's target year, the next one's baseline)
    keeps the later plan's figure. Oldest year first.
    """
    chain = lineage(catalog, indicator_id)
    rows = catalog.set_index("id").loc[chain]
    stored = observations.loc[observations["indicator_id"].isin(chain), ["indicator_id", "year", "value"]]
    baselines = pd.DataFrame(
        {
            "indicator_id": rows.index,
            "year": rows["baseline_year"].to_numpy(),
            "value": rows["baseline_value"].to_numpy(float),
        }
    )
    baselines = baselines[rows["kind"].isin(CARRIED_KINDS).to_numpy()]
    order = {identifier: position for position, identifier in enumerate(chain)}
    points = (
        pd.concat([baselines, stored], ignore_index=True)
        .dropna(subset=["year", "value"])
        .astype({"indicator_id": str, "year": int, "value": float})
    )
    points = points.assign(order=points["indicator_id"].map(order)).sort_values(["year", "order"], kind="stable")
    points = points.drop_duplicates("year", keep="last")
    points["plan"] = points["indicator_id"].map(rows["plan"])
    return points.loc[:, ["year", "value", "plan", "indicator_id"]].reset_index(drop=True)
