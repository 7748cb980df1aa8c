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
    # #22 satisfaction index, as of 2024, projected 89.95 against >= 90 (P 31%, at risk). Its projection is
    # doctored to 89.953799: printed with one decimal it would read "reaches 90 ..., short of the target of
    # 90"; two decimals show 89.95 < 90.
    row = row_of("p14-22", 2024).copy()
    assert row["status"] == "at_risk"
    row["projected_value"] = 89.953799
    english, chinese = describe(row, "en"), describe(row, "zh")
    assert "expected at 89.95 points in 2025" in english and "short of the target of 90 points" in english
    assert "预计为89.95分" in chinese and "未达到目标90分" in chinese


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


def test_the_sentence_gives_units_whole_counts_a_band_in_words_and_the_last_years_need():
    # #2 (cumulative, 22 in 2020 -> at least 37 in 2025) as of 2024 in the demo data: 35, so 2 short with
    # one year left: "还需每年" would be wrong, the gap is to be made up in 2025. The count's projection is
    # a whole number "38个左右" and its band whole numbers in words.
    row = row_of("p14-02", 2024)
    assert (row["latest_value"], row["gap"], row["latest_year"]) == (35, 2, 2024)
    chinese, english = describe(row, "zh"), describe(row, "en")
    assert "预计为38个左右（有八成把握在36～40个之间）" in chinese
    assert chinese.endswith("距目标还差2个，需在2025年内补齐。") and "每年需" not in chinese
    assert english.endswith("It is 2 organisations short, all of it to be made up in 2025.")
    # #7 (a share, 30 -> at least 40): changes of a percentage are in percentage points, "%" without a space,
    # and a probability below 0.5% reads "不足1%", never "约0%".
    row = row_of("p14-07", 2024)
    assert row["probability"] < 0.005
    chinese = describe(row, "zh")
    assert "近4年平均每年增加1.28个百分点" in chinese and "预计为36.4%" in chinese and "达标的可能性不足1%" in chinese
    assert "the chance of meeting it is under 1%" in describe(row, "en")


def test_a_met_target_speaks_of_the_chance_of_staying_met():
    # #23 held 100% in three of the four years since the baseline (2021-2024; the baseline year is why the target
    # is "hold 100", not evidence that it holds): (3 + 1) / (4 + 2) = 4/6 = 67% < 85%: met at risk.
    row = row_of("p14-23", 2024)
    assert row["status"] == "met_at_risk" and abs(row["probability"] - 4 / 6) < 1e-9
    chinese = describe(row, "zh")
    assert "保持达标的可能性约67%" in chinese and "达标的可能性约" not in chinese.replace("保持达标", "")
    assert "the chance of staying met in 2025 is about 67%" in describe(row, "en")
    # PM2.5 (#26, at most 28 μg/m³): the unit as people write it.
    assert "μg/m³" in describe(row_of("p14-26", 2024), "zh")
