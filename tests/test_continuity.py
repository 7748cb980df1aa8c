"""Indicators carried on from the previous plan (issue 16): the successor's projection uses the
predecessor's earlier years, and the indicator page's history runs across plans.

The 15th-plan rows here are a synthetic example for the tests, not Haiyan's plan."""

from __future__ import annotations

import math

import pandas as pd

from analytics.assess import assess
from analytics.continuity import history, lineage, with_earlier_points
from analytics.labels import text
from tests.helpers import catalog_of, indicator, observations_of

NO_BOUNDS = {"min_value": float("nan"), "max_value": float("nan")}
OLD = indicator(
    id="old", plan="p14", baseline_year=2020, baseline_value=10.0, target_year=2025, target_value=15.0, **NO_BOUNDS
)
NEW = indicator(
    id="new",
    plan="p15",
    baseline_year=2025,
    baseline_value=15.0,
    target_year=2030,
    target_value=21.0,
    continues="old",
    **NO_BOUNDS,
)
# The 14th plan's figures rise by exactly 1 a year: 2021-2025 = 11..15; the 15th adds 2026 = 16.
OBSERVATIONS = pd.concat(
    [
        observations_of("old", {2021: 11.0, 2022: 12.0, 2023: 13.0, 2024: 14.0, 2025: 15.0}),
        observations_of("new", {2026: 16.0}),
    ],
    ignore_index=True,
)


def test_one_figure_of_the_new_plan_plus_the_old_plans_years_is_enough_to_project():
    [row] = assess(catalog_of(NEW), OBSERVATIONS, as_of=2026).to_dict("records")
    # points: 2021-2024 of "old" (before the 2025 baseline), the 2025 baseline, 2026: six points, slope 1.
    assert row["n_observations"] == 6
    assert row["method"] == "robust_drift"
    assert math.isclose(row["trend"], 1.0)
    assert math.isclose(row["projected_value"], 20.0)  # 16 + 1 * (2030 - 2026)
    assert 0 < row["probability"] < 0.5  # the target 21 is one year's change above the trend's 20
    assert row["status"] in ("at_risk", "off_track")


def test_an_indicator_with_no_predecessor_and_one_year_is_insufficient_data():
    alone = catalog_of({**NEW, "continues": ""})
    [row] = assess(alone, OBSERVATIONS, as_of=2026).to_dict("records")
    assert row["n_observations"] == 2  # the 2025 baseline and 2026
    assert row["status"] == "insufficient_data" and math.isnan(row["probability"])


def test_the_predecessors_years_from_the_successors_baseline_on_are_not_added():
    points = with_earlier_points(
        pd.DataFrame({"indicator_id": ["new"], "year": [2025], "value": [15.5], "achieved": [15.5]}),
        catalog_of(NEW),
        OBSERVATIONS,
        as_of=2026,
    )
    assert points["year"].tolist() == [2021, 2022, 2023, 2024, 2025]
    assert points.loc[points["year"] == 2025, "value"].item() == 15.5  # the successor's own baseline wins


def test_a_new_in_period_count_takes_no_earlier_years():
    old = indicator(id="old", kind="new_in_period", baseline_value=0.0, target_value=10.0)
    new = indicator(
        id="new",
        plan="p15",
        kind="new_in_period",
        baseline_year=2025,
        target_year=2030,
        baseline_value=0.0,
        target_value=10.0,
        continues="old",
    )
    frame = assess(catalog_of(new, old), OBSERVATIONS, as_of=2026).set_index("id")
    assert frame.loc["new", "n_observations"] == 1  # 2026 only: the period sum starts again


def test_history_runs_across_plans_with_the_later_plans_figure_in_a_shared_year():
    catalog = catalog_of(OLD, NEW)
    shared = pd.concat([OBSERVATIONS, observations_of("new", {2025: 15.2})], ignore_index=True)
    points = history(catalog, shared, "new")
    assert points["year"].tolist() == list(range(2020, 2027))
    assert points["value"].tolist() == [10.0, 11.0, 12.0, 13.0, 14.0, 15.2, 16.0]  # 2020 is p14's baseline
    assert points["plan"].tolist() == ["p14"] * 5 + ["p15"] * 2


def test_lineage_follows_continues_and_stops_at_a_cycle():
    catalog = catalog_of(OLD, NEW, indicator(id="p16", plan="p16", continues="new"))
    assert lineage(catalog, "p16") == ["old", "new", "p16"]
    assert lineage(catalog, "old") == ["old", "new", "p16"]  # and forward, from the oldest
    looped = catalog_of({**OLD, "continues": "new"}, NEW)
    assert lineage(looped, "new") == ["old", "new"]


# --- through a synthetic 15th-plan catalog (an example for the tests, not Haiyan's) -------------------
def add_example_p15(store) -> None:
    """The helper's 15th plan (p14 moved on five years), each row continuing its p14 row except #4,
    with 2026 figures for #3 and #4 (97.5, below its target of 98)."""
    import io

    from analytics.catalog import normalise_catalog
    from tests.helpers import p15_catalog_csv

    rows = normalise_catalog(pd.read_csv(io.StringIO(p15_catalog_csv()), dtype=str, keep_default_na=False))
    rows["continues"] = rows["id"].str.replace("p15", "p14").where(rows["id"] != "p15-04", "")
    rows["department"] = rows["department"].where(rows["id"] != "p15-03", "县市场监管局（示例）")
    store.add_plan(rows, author="test")
    store.commit_observations(
        observations_of("p15-03", {2026: 96.1}).pipe(
            lambda f: pd.concat([f, observations_of("p15-04", {2026: 97.5})], ignore_index=True)
        ),
        author="test",
    )


def test_a_15th_plan_row_is_projected_on_the_14th_plans_years_and_one_without_is_not(tmp_path):
    import json

    from analytics.store import Store
    from tests.helpers import run_cli

    db = f"sqlite:///{tmp_path / 'plan.db'}"
    store = Store(db)
    p14_years = sorted(store.observations().query("indicator_id == 'p14-03' and year < 2025")["year"])
    add_example_p15(store)
    result = run_cli("assess", "--plan", "p15", "--as-of", "2026", "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    # p15-03: the p14 figures before 2025, the 2025 baseline and 2026.
    assert rows["p15-03"]["n_observations"] == len(p14_years) + 2 and rows["p15-03"]["probability"] is not None
    assert rows["p15-04"]["n_observations"] == 2 and rows["p15-04"]["status"] == "insufficient_data"


def test_the_indicator_page_shows_the_history_across_plans(open_app):
    from analytics.store import Store

    add_example_p15(Store(open_app.url))
    at = open_app("indicator", query={"id": "p15-03"})
    assert not at.exception
    assert text("continuity.header", "zh") in [h.value for h in at.subheader]
    assert text("indicator.department", "zh", value="县市场监管局（示例）") in [c.value for c in at.caption]
    across = next(d.value for d in at.dataframe if list(d.value.columns)[:3] == ["year", "value", "plan"])
    assert across["year"].tolist()[0] == 2020 and across["year"].tolist()[-1] == 2026
    assert across.loc[across["year"] == 2026, "value"].item() == 96.1
    assert across.loc[across["year"] == 2020, "value"].item() == 94.4  # p14-03's catalog baseline
