"""Drafting the next plan (issue 16): a draft starts from the previous plan with the latest figures as
baselines; ``catalog check`` and the /plans page give each row's problems and realism and add nothing;
the page adds the draft as a new plan only with the write permission.

The 15th-plan drafts here are synthetic examples for the tests, not Haiyan's plan."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from analytics.drafting import check_draft, draft_csv, draft_file, draft_from_plan, read_draft
from analytics.labels import text
from analytics.store import Store
from tests.accounts_helpers import add_accounts, sign_in, use_cheap_hashes
from tests.helpers import catalog_of, indicator, observations_of, run_cli

NO_BOUNDS = {"min_value": float("nan"), "max_value": float("nan")}
OLD = indicator(
    id="old",
    plan="p14",
    seq=1,
    baseline_year=2020,
    baseline_value=10.0,
    target_year=2025,
    target_value=15.0,
    **NO_BOUNDS,
)
COUNT = indicator(
    id="cnt",
    plan="p14",
    seq=2,
    kind="cumulative",
    baseline_year=2020,
    baseline_value=0.0,
    target_year=2025,
    target_value=10.0,
)
CATALOG = catalog_of(OLD, COUNT)
# old rises by 1 a year to 15 in 2025; cnt adds 2 a year to 10 in 2025.
OBSERVATIONS = pd.concat(
    [
        observations_of("old", {2021: 11.0, 2022: 12.0, 2023: 13.0, 2024: 14.0, 2025: 15.0}),
        observations_of("cnt", {2021: 2.0, 2022: 4.0, 2023: 6.0, 2024: 8.0, 2025: 10.0}),
    ],
    ignore_index=True,
)


def draft() -> pd.DataFrame:
    return draft_from_plan(
        CATALOG,
        OBSERVATIONS,
        "p14",
        plan="p15",
        plan_name_zh="十五五（示例）",
        plan_name_en="15th (example)",
        target_year=2030,
    )


def checked(targets: dict[str, float]) -> pd.DataFrame:
    rows = draft()
    rows["target_value"] = rows["id"].map(targets).astype(float)
    content, name = draft_file(rows)
    indicators, problems = read_draft(content, name, CATALOG)
    return check_draft(indicators, problems, CATALOG, OBSERVATIONS, lang="zh").set_index("id")


def test_a_draft_carries_every_indicator_on_from_its_latest_figure():
    rows = draft().set_index("id")
    assert list(rows.index) == ["p15-01", "p15-02"]
    assert rows["continues"].tolist() == ["old", "cnt"]
    assert rows["baseline_year"].tolist() == [2025, 2025]
    assert rows["baseline_value"].tolist() == [15.0, 10.0]  # the 2025 figures
    assert rows["target_year"].tolist() == [2030, 2030]


def test_the_check_gives_the_needed_and_recent_change_and_a_verdict():
    table = checked({"p15-01": 20.0, "p15-02": 30.0})
    # p15-01: (20 - 15) / 5 = 1 a year needed; 2020-2025 moved (15 - 10) / 5 = 1 a year.
    assert table.loc["p15-01", "required_annual_change"] == 1.0
    assert table.loc["p15-01", "recent_annual_change"] == 1.0
    # p15-02: (30 - 10) / 5 = 4 a year needed against 2 a year: twice the recent pace.
    assert table.loc["p15-02", "required_annual_change"] == 4.0
    assert table.loc["p15-02", "recent_annual_change"] == 2.0 and table.loc["p15-02", "ratio"] == 2.0
    # On the trend p15-01 reaches 20 in 2030 exactly: about an even chance; p15-02 needs double its rate.
    assert 0.25 <= table.loc["p15-01", "probability"] < 0.75 and table.loc["p15-01", "verdict"] == "effort"
    assert table.loc["p15-02", "probability"] < 0.25 and table.loc["p15-02", "verdict"] == "very_hard"
    assert table["problems"].tolist() == ["", ""]


def test_an_easy_target_and_one_already_met():
    table = checked({"p15-01": 16.0, "p15-02": 10.0})
    assert table.loc["p15-01", "probability"] >= 0.75 and table.loc["p15-01", "verdict"] == "easy"  # 1 a year gives 20
    assert table.loc["p15-02", "verdict"] == "met"  # 10 >= 10 at the baseline


def test_editing_a_target_changes_only_that_rows_realism():
    before, after = checked({"p15-01": 20.0, "p15-02": 12.0}), checked({"p15-01": 30.0, "p15-02": 12.0})
    assert after.loc["p15-01", "required_annual_change"] == 3.0  # (30 - 15) / 5
    assert after.loc["p15-01", "verdict"] == "very_hard" and before.loc["p15-01", "verdict"] == "effort"
    assert after.loc["p15-02", "probability"] == before.loc["p15-02", "probability"]


def test_a_row_without_a_predecessor_cannot_be_judged_on_its_trend():
    rows = draft()
    rows.loc[0, "continues"] = ""
    rows.loc[0, "target_value"] = 20.0
    content, name = draft_file(rows)
    indicators, problems = read_draft(content, name, CATALOG)
    table = check_draft(indicators, problems, CATALOG, OBSERVATIONS, lang="zh").set_index("id")
    assert math.isnan(table.loc["p15-01", "probability"]) and table.loc["p15-01", "verdict"] == "unknown"


@pytest.mark.parametrize(
    "change, column, code",
    [
        ({"target_year": 2020}, "target_year", "target_before_baseline"),
        ({"id": "p15-02"}, "id", "duplicate_id"),
        ({"continues": "p13-99"}, "continues", "continues_unknown"),
        ({"unit": "%"}, "unit", "continues_unit_differs"),
    ],
)
def test_a_bad_draft_names_the_row_and_column(change, column, code):
    rows = draft()
    for key, value in change.items():
        rows.loc[0, key] = value
    indicators, problems = read_draft(draft_csv(rows), "draft.csv", CATALOG)
    found = [p for p in problems if p.code == code]
    assert found and found[0].column == column and found[0].row in (2, 3)
    table = check_draft(indicators, problems, CATALOG, OBSERVATIONS, lang="en")
    assert table.loc[table["row"] == found[0].row, "problems"].item().startswith(f"Row {found[0].row}, column")


def test_catalog_check_reports_and_adds_nothing(tmp_path, demo_db_url):
    db = demo_db_url
    store = Store(db)
    before = (store.latest_revision(), len(store.catalog()))
    rows = draft_from_plan(
        store.catalog(),
        store.observations(),
        "p14",
        plan="p15",
        plan_name_zh="示例",
        plan_name_en="example",
        target_year=2030,
    )
    path = tmp_path / "catalog_p15.csv"
    path.write_bytes(draft_csv(rows))
    result = run_cli("catalog", "check", path, "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["added"] is False and report["problems"] == [] and len(report["rows"]) == 26
    assert {r["verdict"] for r in report["rows"]} <= {"met", "easy", "effort", "very_hard", "unknown", "qualitative"}
    table = run_cli("catalog", "check", path, db=db)
    assert text("draft.nothing_added", "zh") in table.stdout
    bad = run_cli("catalog", "check", tmp_path / "missing.csv", db=db)
    assert bad.returncode == 1
    store = Store(db)
    assert (store.latest_revision(), len(store.catalog())) == before


def test_catalog_check_of_a_bad_draft_exits_1_naming_the_row(demo_db_url):
    result = run_cli("catalog", "check", "tests/data/bad/catalog_continues.csv", db=demo_db_url)
    assert result.returncode == 1
    assert "第2行“continues”列" in result.stderr and "Row 3, column “unit”" in result.stderr


# --- the /plans page ------------------------------------------------------------------------------
def check_table(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "verdict" in d.value.columns).set_index("id")


def test_drafting_in_the_app_check_an_edited_draft_and_add_it_signed_in_as_an_admin(open_app, monkeypatch):
    use_cheap_hashes(monkeypatch)
    add_accounts(open_app.url)
    at = open_app("plans")
    assert not at.exception
    table = check_table(at)
    assert len(table) == 26 and at.success[0].value == text("draft.ok", "zh", rows=26)
    store = Store(open_app.url)
    catalog, observations = store.catalog(), store.observations()
    start = draft_from_plan(
        catalog, observations, "p14", plan="p15", plan_name_zh="p15", plan_name_en="p15", target_year=2030
    )
    assert table["baseline_value"].tolist() == start["baseline_value"].tolist()  # the latest figures
    # The same draft edited elsewhere: #7's target raised far beyond its trend.
    edited = start.assign(target_value=start["target_value"].where(start["id"] != "p15-07", 90.0))
    at.file_uploader(key="draft_upload").set_value(("catalog_p15.csv", draft_csv(edited), "text/csv")).run()
    assert not at.exception
    table = check_table(at)
    assert table.loc["p15-07", "verdict"] == text("draft.verdict.very_hard", "zh")
    assert table.loc["p15-07", "target_value"] == 90.0
    assert store.latest_revision() == 1  # checking wrote nothing

    assert all(b.key != "draft_add" for b in at.button)  # nobody signed in: no add button
    sign_in(at, "draft_signin", "zhao")  # a viewer may not add a plan: still no button
    assert all(b.key != "draft_add" for b in at.button)
    assert Store(open_app.url).latest_revision() == 1
    at.button(key="draft_signin_sign_out").click().run()
    sign_in(at, "draft_signin", "wang")  # an admin
    at.button(key="draft_add").click().run()
    assert not at.exception
    assert [s.value for s in at.success][0] == text("cli.plan_added", "zh", plan="p15", rows=26, revision=2)
    added = Store(open_app.url).catalog().set_index("id")
    assert added.loc["p15-07", "target_value"] == 90.0 and added.loc["p15-07", "continues"] == "p14-07"
    assert Store(open_app.url).revisions().iloc[0]["account"] == "wang"  # the revision records who added it
    fresh = open_app("overview")  # a new session
    assert not fresh.exception
    plan_box = next(b for b in fresh.sidebar.selectbox if b.label == text("sidebar.plan", "zh"))
    assert plan_box.value == "p15" and len(plan_box.options) == 3  # the newest plan first, the 14th a click away


def test_the_grids_edits_are_the_drafts_targets_and_departments():
    from dashboard.plans import GRID, with_edits

    start = draft()
    edited = start.loc[:, GRID].assign(target_value=[21.0, 12.0], department=["县市场监管局", ""])
    rows = with_edits(start, edited)
    assert rows["target_value"].tolist() == [21.0, 12.0] and rows["department"].tolist() == ["县市场监管局", ""]
    assert rows["baseline_value"].tolist() == start["baseline_value"].tolist()
