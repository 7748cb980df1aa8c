"""The sentence under each chart never contradicts its own figures."""
import pandas as pd

from analytics import assess, load_catalog
from analytics.catalog import plan_catalog
from analytics.narrative import describe
from tests.helpers import catalog_of, indicator, observations_of

CATALOG = plan_catalog(load_catalog(), "p14")
OBSERVATIONS = pd.read_csv("data/observations.csv")


def row_of(indicator_id: str, as_of: int) -> pd.Series:
    return assess(CATALOG, OBSERVATIONS, as_of=as_of).set_index("id").loc[indicator_id]


def test_a_projection_just_short_of_the_target_is_not_printed_as_the_target():
    # #22 satisfaction index, as of 2024, projected 89.9 against >= 90 (P 18%, off track). Its projection is
    # doctored to 89.953799: printed with one decimal it would read "reaches 90 ..., short of the target of
    # 90"; two decimals show 89.95 < 90.
    row = row_of("p14-22", 2024).copy()
    assert row["status"] == "off_track"
    row["projected_value"] = 89.953799
    english, chinese = describe(row, "en"), describe(row, "zh")
    assert "89.95 in 2025" in english and "short of the target of 90" in english
    assert "预计为89.95" in chinese and "未达到目标" in chinese


def test_a_latest_value_just_short_of_the_target_is_not_printed_as_the_target():
    # 95.96 observed in the target year against >= 96: not achieved, and it must not read "96".
    cat = catalog_of(indicator(id="x", unit="%", baseline_value=95, target_value=96, max_value=100))
    row = assess(cat, observations_of("x", {2021: 95.5, 2025: 95.96}), as_of=2025).iloc[0]
    assert row["status"] == "not_achieved"
    assert describe(row, "en").startswith("95.96 in 2025: the target")


def test_an_indicative_sentence_counts_the_points_it_has():
    # #19 new in period, as of 2021: one yearly addition (5) -- one point, not "two".
    row = row_of("p14-19", 2021)
    assert row["method"] == "indicative_two_points" and row["n_observations"] == 1
    assert describe(row, "en").startswith("Only one data point, so this is indicative")
    assert describe(row, "zh").startswith("只有1个数据点")
    # A level with its baseline and one year: two points. #3: 2020 and 2021, as of 2021.
    assert describe(row_of("p14-03", 2021), "en").startswith("Only 2 data points")
