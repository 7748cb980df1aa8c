"""The 13th-plan review and the indicator page's tables, against the plan's printed table."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from analytics import load_catalog
from analytics.catalog import plan_catalog
from analytics.review import categories, reported_verdict, review_summary, review_table
from analytics.tables import find_indicator, indicator_revisions, observation_history
from tests.conftest import REPO


@pytest.fixture(scope="module")
def p13() -> pd.DataFrame:
    return plan_catalog(load_catalog(), "p13")


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return pd.read_csv(REPO / "data" / "observations.csv", dtype={"note": str, "source": str}, keep_default_na=False)


# The table “十三五”时期主要指标完成表, copied by hand from the plan :
# category, indicator, target as printed, 2020 result as printed, 完成指标情况.
PRINTED = """category,name,target,result,outcome
质量管理,新增各级政府质量奖,10家,{15}家,完成
质量管理,导入实施卓越绩效管理模式企业,50家,{56}家,完成
质量管理,“浙江制造”认证企业,3家,{15}家,完成
产品质量,工业产品监督抽查合格率,96%,<97.1%>,完成
产品质量,主要农产品质量抽检合格率,99.5%,<99.7%>,完成
服务质量,旅游投诉处理和办结率,90%,100%,完成
服务质量,省、市级以上服务业品牌,3家,{8}家,完成
服务质量,基本公共卫生服务项目综合达标率,90%,100%,完成
工程质量,重点工程项目竣工验收合格率,100%,100%,完成
工程质量,一般工程一次验收合格率,100%,100%,完成
工程质量,省级优质工程奖,6项,{6}项,完成
工程质量,市级优质工程奖(南湖杯),12项,{17}项,完成
工程质量,水利工程、道桥工程、保障性住房符合质量安全标准要求,100%,100%,完成
工程质量安全,重大质量安全零事故,重大质量安全零事故,重大质量安全零事故,完成
环境质量,主要河流III类水质断面比例,60%以上,100%,完成
环境质量,集中式饮用水源地水质达标率,80%以上,100%,完成
环境质量,空气质量达标(优良)天数比例,大于85%(AQI),94.8%,完成
环境质量,细颗粒物(PM2.5)浓度,35µg/m3,27µg/m3,完成
"""


def test_review_rows_match_the_printed_table_row_by_row(p13, observations):
    table = review_table(p13, observations)
    printed = pd.read_csv(io.StringIO(PRINTED))
    assert table["category_zh"].tolist() == printed["category"].tolist()
    assert table["name_zh"].tolist() == printed["name"].tolist()
    assert table["target_text"].tolist() == printed["target"].tolist()
    assert table["result_text"].tolist() == printed["result"].tolist()
    assert table["reported_outcome"].tolist() == printed["outcome"].tolist()


def test_the_catalog_file_holds_the_printed_13th_plan_table():
    # The catalog CSV is the record of the plan's table: read it raw (no catalog code) and compare each
    # printed cell with the hand copy above.
    raw = pd.read_csv(REPO / "data" / "catalog_p13.csv", dtype=str, keep_default_na=False)
    printed = pd.read_csv(io.StringIO(PRINTED), dtype=str)
    assert raw["seq"].tolist() == [str(n) for n in range(1, 19)]
    assert raw[["category_zh", "name_zh", "target_text", "result_text", "reported_outcome"]].to_numpy().tolist() == (
        printed[["category", "name", "target", "result", "outcome"]].to_numpy().tolist()
    )


# The table “十四五”质量发展规划主要指标, copied by hand from the plan: 序号, 指标, 单位 (blank where the plan
# prints none), 2020年数据, 2025年预期目标 exactly as printed.
PRINTED_14 = """seq|name|unit|baseline|target
1|省、市级政府质量奖获奖组织(累计)||4|6
2|县政府质量奖获奖组织(累计)||22|37
3|制造业产品质量平均合格率|%|94.4|≥96
4|主要农产品质量安全省级监测合格率|%|98|≥98
5|基本药物抽检合格率|%|100|100
6|规模以上工业新产品产值率|%|34|37
7|品牌企业和实施“浙江制造”标准企业销售额占规上企业销售额比例|%|30|40
8|国家级、省级、市级标准创新贡献奖获奖组织(累计)||0|2
9|主导制定“浙江制造”标准(累计)||13|28
10|主导和参与制修订国家和行业标准(累计)||11|15
11|制修订县级地方标准规范(累计)||25|30
12|获“品字标”认证(授权)企业(累计)||15|30
13|获“浙江制造”国际认证证书(累计)||3|5
14|建设城乡放心农贸市场(累计)||16|21
15|建设“一站式”质量基础设施服务平台||0|1
16|每万人发明专利拥有量||32|36
17|地理标志培育、申请数(累计)||1|3
18|马德里商标国际注册量(累计)||0|10
19|获市级以上建设工程优质工程奖(新增)||23|24
20|二星级以上绿色建筑占新建民用建筑比例|%|15|30
21|装配式建筑占新建建筑比例|%|30|40
22|服务业满意度指数||87.5|90
23|地表水达到或好于Ⅲ类水体比例(县控以上断面)|%|100|100
24|县级以上城市集中式饮用水水源地水质达标率|%|100|100
25|空气质量优良天数比例|%|94.8|95
26|城市细颗粒物(PM2.5)平均浓度|µg/m3|27|≤28
"""


def test_the_catalog_file_holds_the_printed_14th_plan_table():
    raw = pd.read_csv(REPO / "data" / "catalog_p14.csv", dtype=str, keep_default_na=False)
    printed = pd.read_csv(io.StringIO(PRINTED_14), sep="|", dtype=str, keep_default_na=False)
    assert raw["seq"].tolist() == printed["seq"].tolist()
    assert raw["name_zh"].tolist() == printed["name"].tolist()
    assert raw["target_text"].tolist() == printed["target"].tolist()
    assert [float(v) for v in raw["baseline_value"]] == [float(v) for v in printed["baseline"]]
    assert set(raw["baseline_year"]) == {"2020"} and set(raw["target_year"]) == {"2025"}
    # Where the plan prints a unit, the catalog keeps it; where it prints none, a natural one was filled in.
    printed_units = printed["unit"] != ""
    assert raw.loc[printed_units, "unit"].tolist() == printed.loc[printed_units, "unit"].tolist()
    assert (raw.loc[~printed_units, "unit"] != "").all()
    # The target number is the printed target without its sign: ≥96 -> 96, ≤28 -> 28.
    assert [float(v) for v in raw["target_value"]] == [float(t.lstrip("≥≤")) for t in printed["target"]]


def test_every_quantitative_row_is_achieved_by_its_result_and_comparison(p13, observations):
    table = review_table(p13, observations).set_index("id")
    # By hand: 15 >= 10, 56 >= 50, 15 >= 3, 97.1 >= 96, 99.7 >= 99.5, 100 >= 90, 8 >= 3, 100 >= 90,
    # 100 >= 100 (x2), 6 >= 6, 17 >= 12, 100 >= 100, 100 >= 60, 100 >= 80, 94.8 > 85, 27 <= 35.
    expected_values = [15, 56, 15, 97.1, 99.7, 100, 8, 100, 100, 100, 6, 17, 100, 100, 100, 94.8, 27]
    quantitative = table.drop(index="p13-14")
    assert quantitative["result_value"].tolist() == expected_values
    assert quantitative["achieved"].tolist() == [True] * 17
    assert quantitative["agrees"].tolist() == [True] * 17
    assert table.loc["p13-14", "achieved"] is None
    assert table.loc["p13-14", "reported_achieved"] is True
    assert table.loc["p13-17", "comparison"] == ">"
    assert table.loc["p13-18", "comparison"] == "<="


def test_note_types_follow_the_printed_marks(p13, observations):
    table = review_table(p13, observations)
    marks = table["result_text"].str[0].map({"{": "five_year_new", "<": "five_year_average"}).fillna("")
    assert table["note_type"].tolist() == marks.tolist()
    assert (table["note_type"] == "five_year_new").sum() == 6
    assert (table["note_type"] == "five_year_average").sum() == 2


def test_summary_counts_seventeen_achieved_and_one_qualitative(p13, observations):
    summary = review_summary(review_table(p13, observations))
    assert (summary.quantitative, summary.achieved, summary.reported_achieved) == (17, 17, 17)
    assert (summary.qualitative, summary.qualitative_reported) == (1, 1)
    assert summary.missing == () and summary.disagreements == ()


def test_categories_keep_the_printed_order(p13, observations):
    assert categories(review_table(p13, observations)) == [
        "质量管理",
        "产品质量",
        "服务质量",
        "工程质量",
        "工程质量安全",
        "环境质量",
    ]


def test_a_result_below_target_is_not_achieved_and_disagrees_with_a_printed_completion(p13, observations):
    # PM2.5 at most 35: a result of 36 misses it, yet the row still prints 完成.
    changed = observations.copy()
    changed.loc[(changed["indicator_id"] == "p13-18") & (changed["year"] == 2020), "value"] = 36.0
    changed = changed[changed["indicator_id"] != "p13-07"]  # and one row without a result
    table = review_table(p13, changed).set_index("id")
    assert table.loc["p13-18", "achieved"] is False
    assert table.loc["p13-18", "agrees"] is False
    assert table.loc["p13-07", "achieved"] is None
    summary = review_summary(table.reset_index())
    assert (summary.achieved, summary.missing, summary.disagreements) == (15, ("p13-07",), ("p13-18",))


def test_more_than_is_strict(p13, observations):
    # 13th plan #17 "大于85%": exactly 85 does not meet it.
    changed = observations.copy()
    changed.loc[changed["indicator_id"] == "p13-17", "value"] = 85.0
    assert review_table(p13, changed).set_index("id").loc["p13-17", "achieved"] is False


@pytest.mark.parametrize("outcome, verdict", [("完成", True), ("未完成", False), ("基本完成", True), ("", None)])
def test_reported_verdict_reads_the_printed_outcome(outcome, verdict):
    assert reported_verdict(outcome) is verdict


# --- the indicator page's tables ----------------------------------------------------------------
@pytest.fixture(scope="module")
def catalog() -> pd.DataFrame:
    return load_catalog()


@pytest.mark.parametrize(
    "key, found",
    [
        ("p14-03", "p14-03"),
        ("P14-03", "p14-03"),
        (" 3 ", "p14-03"),
        ("03", "p14-03"),
        ("p13-04", "p13-04"),
        ("99", None),
        ("p14-99", None),
        ("", None),
        (None, None),
        ("<script>", None),
    ],
)
def test_find_indicator_accepts_an_id_or_a_seq_number(catalog, key, found):
    row = find_indicator(catalog, key, plan="p14")
    assert (None if row is None else row["id"]) == found


def test_history_of_a_new_in_period_indicator_has_its_running_sum(catalog):
    indicator = catalog.set_index("id").loc["p14-19"].rename("p14-19")
    indicator["id"] = "p14-19"
    observations = pd.read_csv(
        io.StringIO(
            "indicator_id,year,value,note,source,revision_id\n"
            "p14-19,2020,23,,plan,1\n"  # the previous period's total: not part of the sum
            "p14-19,2021,5,,示意数据 / illustrative,1\n"
            "p14-19,2022,6,corrected,county bureau,3\n"
            "p14-19,2023,4,,county bureau,3\n"
            "p14-19,2024,7,,county bureau,4\n"
            "p14-03,2022,95,,county bureau,2\n"
        ),
        keep_default_na=False,
    )
    history = observation_history(observations, indicator, as_of=2023)
    assert history["year"].tolist() == [2020, 2021, 2022, 2023]
    assert history["value"].tolist() == [23, 5, 6, 4]
    # Running sum from 2021: 5, 5+6 = 11, 11+4 = 15; none for 2020.
    assert history["running_sum"].tolist()[1:] == [5, 11, 15] and pd.isna(history["running_sum"].iloc[0])
    assert history["illustrative"].tolist() == [False, True, False, False]
    assert history["revision_id"].tolist() == [1, 1, 3, 3]

    revisions = pd.DataFrame(
        {
            "id": [4, 3, 2, 1],
            "created_at": pd.to_datetime(["2026-04-01", "2026-03-01", "2026-02-01", "2026-01-01"]),
            "action": ["import", "import", "import", "seed"],
            "author": ["a", "b", "c", "system"],
            "note": ["", "fix", "", "data/"],
            "file_name": ["x.csv", "y.csv", "z.csv", "data/observations.csv"],
        }
    )
    touched = indicator_revisions(history, revisions)
    # Revision 4 wrote 2024 (after as-of) and revision 2 another indicator: neither is listed.
    assert touched[["id", "action", "years"]].to_dict("records") == [
        {"id": 3, "action": "import", "years": "2022, 2023"},
        {"id": 1, "action": "seed", "years": "2020, 2021"},
    ]


def test_history_of_a_level_indicator_has_no_running_sum(catalog):
    indicator = catalog.set_index("id").loc["p14-03"]
    indicator["id"] = "p14-03"
    observations = pd.DataFrame(
        {
            "indicator_id": ["p14-03"] * 2,
            "year": [2021, 2022],
            "value": [95.0, 95.5],
            "note": ["", ""],
            "source": ["s", "s"],
            "revision_id": [1, 1],
        }
    )
    history = observation_history(observations, indicator, as_of=2024)
    assert history["value"].tolist() == [95.0, 95.5]
    assert history["running_sum"].isna().all()


def test_in_english_the_13th_plans_targets_read_in_english_on_the_page_and_in_the_report(tmp_path):
    from datetime import date

    from analytics.labels import text
    from analytics.report import content, publish
    from analytics.store import Store
    from analytics.tables import worded_review

    # printed "10家" (#1, at least 10 organisations), "96%" (#4), "35μg/m3" (#18 PM2.5, at most 35); the
    # qualitative #14 is a statement target, its English name
    expected = {1: "≥10 organisations", 4: "≥96%", 14: "Zero major quality or safety accidents", 18: "≤35 μg/m³"}
    store = Store(f"sqlite:///{tmp_path / 'plan.db'}")
    table = review_table(plan_catalog(store.catalog(), "p13"), store.observations())
    shown = worded_review(table, "en").set_index("seq")["target_text"]
    assert {seq: shown[seq] for seq in expected} == expected
    assert worded_review(table, "zh").set_index("seq")["target_text"][1] == "10家"  # Chinese: as printed
    report = publish.build_from_store(
        store, plan="p13", as_of=2020, lang="en", brief=False, scenario_name=None, generated=date(2026, 12, 2)
    )
    header = text("report.col.plan_target", "en")
    outcome = text("report.col.outcome", "en")  # the results table's own column
    results = next(b for b in report.blocks if isinstance(b, content.Table) and outcome in b.header)
    targets = {int(row[0]): row[results.header.index(header)] for row in results.rows}
    assert {seq: targets[seq] for seq in expected} == expected
