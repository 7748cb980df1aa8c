"""The final review of an ended plan (issue 16): a row is a forecast until its target-year figure is
in, then a verdict; the plan's results table is computed from the target-year figures; the command
line and the downloads say when rows are still forecasts."""

from __future__ import annotations

import pandas as pd

from analytics.assess import assess
from analytics.catalog import load_catalog, plan_catalog
from analytics.export import assessment_handout_table
from analytics.formatting import escape_markdown
from analytics.labels import text
from analytics.review import plans_with_results, provisional_line, results_rows, results_table
from analytics.store import Store
from tests.helpers import catalog_of, indicator, observations_of, run_cli

LEVEL = indicator(id="level", baseline_value=90.0, target_value=96.0, max_value=100.0, unit="%")
COUNT = indicator(id="count", kind="cumulative", baseline_value=22.0, target_value=37.0)
OPEN = indicator(id="open", baseline_value=10.0, target_value=12.0)


def test_at_the_target_year_a_row_with_its_figure_is_final_and_one_without_is_a_forecast():
    observations = pd.concat(
        [
            observations_of("level", {2021: 91.0, 2022: 93.0, 2023: 95.0, 2024: 97.0, 2025: 95.5}),
            observations_of("count", {2021: 25.0, 2022: 28.0, 2023: 31.0, 2024: 34.0, 2025: 36.0}),
            observations_of("open", {2021: 10.5, 2022: 11.0, 2023: 11.5, 2024: 12.5}),
        ],
        ignore_index=True,
    )
    table = assess(catalog_of(LEVEL, COUNT, OPEN), observations, as_of=2025).set_index("id")
    # level: 95.5 in 2025 < 96, although it met the target in 2024: the 2025 figure decides.
    assert table.loc["level", "final"] and table.loc["level", "status"] == "not_achieved"
    assert table.loc["count", "final"] and table.loc["count", "status"] == "not_achieved"  # 36 < 37
    # open: its latest figure (2024) meets 12, but without 2025 it is a forecast.
    assert not table.loc["open", "final"] and table.loc["open", "status"] != "not_achieved"
    assert provisional_line(table.reset_index(), "zh", as_of=2025) == "2025年数据尚未报送，以下为预判"
    assert provisional_line(table.drop(index="open").reset_index(), "zh", as_of=2025) is None
    # Before the target year every figure is a projection: the line is for the final review only.
    assert provisional_line(table.reset_index(), "zh", as_of=2024) is None


def test_a_count_that_reached_its_target_early_is_final():
    observations = observations_of("count", {2021: 30.0, 2022: 37.0})
    [row] = assess(catalog_of(COUNT), observations, as_of=2022).to_dict("records")
    assert row["final"] and row["status"] == "achieved"  # 37 >= 37: a running total cannot fall back


def with_2025_figures() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 14th plan with 2025 figures for four rows (hand-made, not Haiyan's)."""
    catalog = plan_catalog(load_catalog(), "p14")
    observations = pd.concat(
        [
            observations_of("p14-03", {2025: 96.5}),  # level, target >= 96: achieved
            observations_of("p14-02", {2025: 35.0}),  # cumulative, target >= 37: not achieved
            observations_of("p14-19", {2021: 5.0, 2022: 6.0, 2023: 4.0, 2024: 5.0, 2025: 3.0}),  # 5+6+4+5+3 = 23 < 24
            observations_of("p14-26", {2025: 27.5}),  # PM2.5, target <= 28: achieved from below
        ],
        ignore_index=True,
    )
    return catalog, observations


def test_the_results_table_is_computed_from_the_2025_figures():
    catalog, observations = with_2025_figures()
    table = results_table(catalog, observations).set_index("id")
    assert table.loc["p14-19", "result_value"] == 23.0
    assert [table.loc[i, "achieved"] for i in ("p14-03", "p14-02", "p14-19", "p14-26")] == [True, False, False, True]
    assert table.loc["p14-01", "achieved"] is None  # no 2025 figure: no verdict
    rows = results_rows(table.reset_index(), "zh").set_index("seq")
    assert rows.loc[3, "outcome"] == text("results.done", "zh") and rows.loc[3, "result"] == "96.5"
    assert rows.loc[19, "outcome"] == text("results.not_done", "zh") and rows.loc[19, "result"] == "23"
    assert rows.loc[1, "outcome"] == text("results.no_figure", "zh", year=2025)
    assert rows.loc[26, "target"] == "≤28" and rows.loc[26, "category"] == "环境质量"


def test_a_plan_is_reviewed_once_its_target_year_has_a_figure():
    catalog, observations = with_2025_figures()
    everything = load_catalog()
    assert plans_with_results(everything, observations[observations["year"] < 2025]) == []
    assert plans_with_results(everything, observations) == ["p14"]


def test_the_download_says_which_rows_are_forecasts():
    catalog, observations = with_2025_figures()
    assessment = assess(catalog, observations, as_of=2025)
    export = assessment_handout_table(assessment, "zh", as_of=2025)  # what the overview and /scenarios hand on
    notes = dict(zip(assessment["id"], export[text("col.verdict_note", "zh")], strict=True))
    assert notes["p14-03"] == "" and notes["p14-01"] == "2025年数据尚未报送，以下为预判"


def test_the_assess_table_prints_the_forecast_line_while_rows_are_provisional(demo_db_url):
    db = demo_db_url
    # As of 2025 with the demo's figures up to 2024: every row awaits its 2025 figure.
    p14 = run_cli("assess", "--plan", "p14", "--as-of", "2025", db=db)
    assert p14.returncode == 0 and "2025年数据尚未报送，以下为预判" in p14.stdout.splitlines()
    mid_term = run_cli("assess", "--plan", "p14", "--as-of", "2024", db=db)
    assert mid_term.returncode == 0 and "尚未报送" not in mid_term.stdout
    english = run_cli("assess", "--plan", "p14", "--as-of", "2025", "--lang", "en", "--format", "json", db=db)
    assert text("final.provisional", "en", year=2025) in english.stderr
    p13 = run_cli("assess", "--plan", "p13", db=db)  # every 2020 result is in
    assert p13.returncode == 0 and "尚未报送" not in p13.stdout


# --- the results page -----------------------------------------------------------------------------
def test_the_results_page_offers_the_14th_plan_once_2025_figures_are_in(open_app):
    _, observations = with_2025_figures()
    at = open_app("review_13th")
    assert at.title[0].value == text("page.review_13th", "zh")  # only the 13th has target-year figures yet
    Store(open_app.url).commit_observations(observations, author="test")
    at = open_app("review_13th")
    assert not at.exception
    plan_name = escape_markdown("海盐县质量发展“十四五”规划（2021-2025年）")  # a title is Markdown: escaped
    assert at.title[0].value == text("results.title", "zh", plan=plan_name)
    # 4 of the 26 rows (none qualitative) have a 2025 figure: #3 and #26 achieved, #2 and #19 not.
    assert [s.value for s in at.success] == [
        text("results.summary", "zh", quantitative=26, achieved=2, not_achieved=2, missing=22, year=2025)
    ]
    assert text("final.provisional", "zh", year=2025) in [w.value for w in at.warning]
    rows = at.dataframe[0].value.set_index("seq")
    assert rows.loc[3, "outcome"] == text("results.done", "zh")
    assert rows.loc[2, "outcome"] == text("results.not_done", "zh")
    plan_box = next(b for b in at.selectbox if b.label == text("results.plan", "zh"))
    plan_box.set_value("p13").run()
    assert at.title[0].value == text("page.review_13th", "zh") and len(at.subheader) == 6


def test_every_page_opens_on_a_new_15th_plan(open_app):
    from tests.test_continuity import add_example_p15

    add_example_p15(Store(open_app.url))
    for page in [
        "overview",
        "product",
        "service",
        "engineering",
        "environment",
        "scenarios",
        "data",
        "plans",
        "report",
        "methodology",
    ]:
        at = open_app(page)
        assert not at.exception, (page, at.exception)
        plan_box = next(b for b in at.sidebar.selectbox if b.label == text("sidebar.plan", "zh"))
        assert plan_box.value == "p15", page
    at = open_app("indicator", query={"id": "p15-03"})
    assert not at.exception
