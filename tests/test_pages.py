"""Every dashboard page under AppTest, on a fresh database seeded with a small hand-made fixture.

The fixture (FIXTURE below) replaces the demo observations so every figure checked here can be
worked out on paper: #2 县政府质量奖 (cumulative, 22 in 2020, target 37) grows 25, 28, 31; #19
优质工程奖 (new in period, target 24) adds 5, 6, 4; #25 air quality has one illustrative 2023 value.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from analytics.assess import assess
from analytics.catalog import plan_catalog
from analytics.formatting import escape_markdown, percent
from analytics.labels import text
from analytics.narrative import describe
from analytics.overview import status_counts
from analytics.store import Store
from dashboard.methodology import readers_part
from tests.conftest import REPO, app_on_a_copy, switch
from tests.helpers import text_tables

PLAN_NAMES = {
    "zh": "海盐县质量发展“十四五”规划（2021-2025年）",
    "en": "Haiyan County Quality Development 14th Five-Year Plan (2021-2025)",
}
PAGES = ["overview", "product", "service", "engineering", "environment", "indicator", "review_13th", "methodology"]
SOURCE = "测试数据 / test fixture"
FIXTURE = f"""indicator_id,year,value,note,source
p14-02,2021,25,,{SOURCE}
p14-02,2022,28,,{SOURCE}
p14-02,2023,31,,{SOURCE}
p14-19,2021,5,,{SOURCE}
p14-19,2022,6,,{SOURCE}
p14-19,2023,4,,{SOURCE}
p14-25,2023,95.2,,示意数据 / illustrative
"""


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    """A database seeded from the plan catalogs, the 13th plan's printed results and FIXTURE."""
    folder = tmp_path_factory.mktemp("seed")
    for catalog_file in (REPO / "data").glob("catalog_*.csv"):
        shutil.copy(catalog_file, folder)
    printed = pd.read_csv(REPO / "data" / "observations.csv", dtype=str, keep_default_na=False)
    printed = printed[printed["indicator_id"].str.startswith("p13-")]
    (folder / "observations.csv").write_text(printed.to_csv(index=False) + FIXTURE.split("\n", 1)[1], encoding="utf-8")
    path = folder / "template.db"
    Store(f"sqlite:///{path}", seed_dir=folder).engine.dispose()
    return path


@pytest.fixture
def app(seeded_db, tmp_path, monkeypatch, shares_app_caches):
    """``app(page, lang=..., query=...) -> AppTest``: a session's first run, on a copy of the seeded database."""
    yield from app_on_a_copy(seeded_db, tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def engine(seeded_db):
    """The assessment engine's own figures for the fixture, as of 2023 and 2022."""
    store = Store(f"sqlite:///{seeded_db}")
    catalog, observations = plan_catalog(store.catalog(), "p14"), store.observations()
    return {year: assess(catalog, observations, as_of=year).set_index("id") for year in (2022, 2023)}


def as_of_box(at: AppTest):
    return next(box for box in at.sidebar.selectbox if box.label == text("sidebar.as_of", "zh"))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def cards(at: AppTest) -> list[list[tuple[str, str]]]:
    """Each indicator card's three metrics (latest, target, probability), in page order."""
    shown = [(m.label, m.value) for m in at.metric]
    return [shown[i : i + 3] for i in range(0, len(shown), 3)]


def chart_data(chart, name: str) -> pd.DataFrame:
    dataset = next(d for d in chart.proto.datasets if d.name == name)
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


# --- every page, both languages ------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_both_languages(app, page, lang):
    at = app(page, lang=lang, query=({"id": "p14-19"} if page == "indicator" else {}))
    assert not at.exception, [e.value for e in at.exception]
    if page == "methodology":
        shown = METHODOLOGY_ZH if lang == "zh" else METHODOLOGY_EN
        assert at.markdown[0].value.strip() == readers_part(shown.read_text(encoding="utf-8")).strip()
    else:
        title = (
            text("overview.plan_title", lang, plan=escape_markdown(PLAN_NAMES[lang]))  # a title is Markdown
            if page == "overview"
            else text(f"page.{page}", lang)
        )
        assert at.title[0].value == title
    assert at.query_params.get("lang") == ("en" if lang == "en" else None)


# --- the figures shown equal the engine's, and the hand-computed values ---------------------------
def test_product_card_shows_the_hand_computed_figures(app, engine):
    at = app("product")
    product = engine[2023].query("domain == 'product'").sort_values("seq")
    card = cards(at)[list(product.index).index("p14-02")]
    # As of 2023 (the latest year with data) #2 stands at 31 against "at least 37".
    assert card == [
        ("2023年实际", "31个"),
        ("2025年目标", "不低于37个"),
        (text("col.probability", "zh"), percent(product.loc["p14-02", "probability"])),
    ]
    # The generated sentence under it is the engine's.
    assert describe(product.loc["p14-02"].rename("p14-02"), "zh") in [c.value for c in at.caption]


def test_overview_table_and_counts_equal_the_engine(app, engine):
    at = app("overview")
    table = at.dataframe[1].value.set_index("id")
    row = table.loc["p14-02"]
    # latest 31 in 2023; gap 37 - 31 = 6; progress (31 - 22) / (37 - 22) = 0.6.
    assert (row["latest"], row["target"]) == ("31 (2023)", "≥37")
    assert row["gap"] == pytest.approx(6.0) and row["progress"] == pytest.approx(0.6)
    nip = table.loc["p14-19"]
    # New in period: 5 + 6 + 4 = 15 against 24; gap 9; progress 15 / 24 = 0.625.
    assert nip["latest"] == "15 (2023)" and nip["gap"] == pytest.approx(9.0) and nip["progress"] == pytest.approx(0.625)
    assert table["probability"].fillna(-1).tolist() == engine[2023]["probability"].fillna(-1).tolist()
    counts = status_counts(engine[2023].reset_index())
    shown = {m.label: m.value for m in at.metric}
    for status in counts.columns:
        label = next(label for label in shown if label.endswith(text(f"status.{status}", "zh")))
        assert int(shown[label]) == counts.loc["all", status]
    # Per domain, in the menu's order (not alphabetical), each row summing to the domain's indicators.
    by_domain = at.dataframe[0].value
    assert list(by_domain.index) == ["产品质量", "服务质量", "工程质量", "环境质量"]
    assert by_domain.sum(axis=1).tolist() == [16, 3, 3, 4]
    assert by_domain.iloc[0].tolist() == counts.loc["product"].tolist()


def test_indicator_page_shows_the_history_with_running_sums_and_revisions(app):
    at = app("indicator", query=dict(id="p14-19"))
    assert not at.exception
    history, revisions = at.dataframe[0].value, at.dataframe[1].value
    assert history["year"].tolist() == [2021, 2022, 2023]
    assert history["value"].tolist() == [5, 6, 4]
    assert history["running_sum"].tolist() == [5, 11, 15]  # 5, 5+6, 5+6+4
    assert history["source"].tolist() == [SOURCE] * 3
    assert history["illustrative"].tolist() == ["", "", ""]
    assert revisions[["id", "action", "years"]].to_dict("records") == [
        {"id": 1, "action": text("history.action.seed", "zh"), "years": "2021, 2022, 2023"}
    ]
    assert [m.value for m in at.metric][0] == "15项"
    assert at.query_params["id"] == "p14-19"


def test_indicator_page_marks_illustrative_values(app):
    at = app("indicator", query=dict(id="p14-25"))
    history = at.dataframe[0].value
    assert history["year"].tolist() == [2023]
    assert history["illustrative"].tolist() == [text("history.illustrative_mark", "zh")]
    assert [w.value for w in at.warning] == [text("notice.illustrative", "zh")]


def test_indicator_page_accepts_a_seq_number_and_keeps_the_canonical_id_in_the_url(app):
    at = app("indicator", query=dict(id="19"))
    assert not at.exception
    assert at.query_params["id"] == "p14-19"
    assert at.dataframe[0].value["running_sum"].tolist() == [5, 11, 15]


@pytest.mark.parametrize("key", ["nope", "p14-99"])
def test_an_unknown_id_shows_a_message_and_a_picker(app, key):
    at = app("indicator", lang="en", query={"id": key})
    assert not at.exception
    # The id is shown as typed: its Markdown characters are escaped ("p14\\-99" renders as "p14-99").
    expected = text("indicator.unknown", "en", value=escape_markdown(key))
    assert [w.value for w in at.warning] == [expected]
    picker = next(b for b in at.main.selectbox if b.label == text("indicator.pick", "en"))
    assert picker.value is None and len(picker.options) == 26
    assert not at.dataframe
    picker.set_value("p14-02").run()
    assert at.query_params["id"] == "p14-02"
    assert at.dataframe[0].value["value"].tolist() == [25, 28, 31]  # stored rows; the baseline is the catalog's


def test_review_page_shows_the_printed_rows_and_the_summary(app):
    at = app("review_13th")
    summary = text("review.summary", "zh", quantitative=17, achieved=17, reported=17, qualitative=1)
    assert [s.value for s in at.success] == [summary]
    assert [h.value for h in at.subheader] == [
        "质量管理",
        "产品质量",
        "服务质量",
        "工程质量",
        "工程质量安全",
        "环境质量",
    ]
    # Each category a whole table (a few rows: no grid), under the page's column labels.
    assert not at.dataframe
    tables = text_tables(at)
    column = {c: text(f"review.col.{c}", "zh") for c in ("target", "result", "achieved", "note_type")}
    management = tables[0]
    assert management[column["target"]].tolist() == ["10家", "50家", "3家"]
    assert management[column["result"]].tolist() == ["{15}家", "{56}家", "{15}家"]
    assert management[column["achieved"]].tolist() == [text("review.achieved.yes", "zh")] * 3
    assert management[column["note_type"]].tolist() == [text("note_type.five_year_new", "zh")] * 3
    safety = tables[4]
    assert safety[column["achieved"]].tolist() == [text("review.achieved.qualitative", "zh")]
    environment = tables[5]
    assert environment[column["result"]].tolist() == ["100%", "100%", "94.8%", "27µg/m3"]
    assert text("review.marks", "zh") in [c.value for c in at.caption]


# --- a domain with many indicators, one theme at a time ---------------------------------------------
def shown_seqs(at: AppTest) -> list[int]:
    """The plan numbers of the indicator cards on the page, in order (titles read "**8. ...**")."""
    return [int(m.value[2:].split(".", 1)[0]) for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]


def theme_choice(at: AppTest):
    labels = (text("domain.theme", "zh"), text("domain.theme", "en"))
    return next(group for group in at.button_group if group.label in labels)


def test_product_page_shows_one_theme_at_a_time(app):
    at = app("product")
    choice = theme_choice(at)
    # catalog_p14.csv: awards #1-2, product quality #3-6, brands #7 #12 #13, standards #8-11, IP #16-18.
    # Each theme's button carries the icons and counts of what needs attention in it: #2 is at risk.
    assert choice.options == [
        "质量奖（2） 🟠1",
        "产品质量（4）",
        "品牌建设（3）",
        "标准引领（4）",
        "知识产权（3）",
        "全部（16）",
    ]
    assert choice.value == "quality_awards" and shown_seqs(at) == [1, 2]
    assert len(charts(at)) == 2 and at.query_params["theme"] == "quality_awards"  # a plain link opens on the first
    theme_choice(at).set_value("brands").run()
    assert shown_seqs(at) == [7, 12, 13] and len(charts(at)) == 3
    assert at.query_params["theme"] == "brands"  # the link to share
    theme_choice(at).set_value("all").run()
    assert shown_seqs(at) == [*range(1, 14), 16, 17, 18] and len(charts(at)) == 16
    # The domain's status counts cover all 16 whichever theme is shown.
    theme_choice(at).set_value("quality_awards").run()
    assert shown_seqs(at) == [1, 2] and at.query_params["theme"] == "quality_awards"  # Back lands here too
    total = sum(int(part.rsplit(" ", 1)[1]) for part in at.caption[0].value.split(" · "))
    assert total == 16


def test_a_theme_link_opens_that_theme_in_either_language(app):
    at = app("product", lang="en", query=dict(theme="intellectual_property"))
    # catalog text is escaped for Markdown; nothing in that theme needs attention
    assert theme_choice(at).options[4] == escape_markdown("Intellectual property (3)")
    assert shown_seqs(at) == [16, 17, 18]
    next(group for group in at.sidebar.button_group if group.key == "lang").set_value("zh").run()
    assert theme_choice(at).options[4] == "知识产权（3）" and shown_seqs(at) == [16, 17, 18]
    # An unknown theme in a link opens the first one; its text is never shown.
    at = app("product", query=dict(theme="<b>nope</b>"))
    assert not at.exception and shown_seqs(at) == [1, 2] and at.query_params["theme"] == "quality_awards"


def test_the_theme_is_kept_while_reading_an_indicators_details(app):
    at = app("product")
    theme_choice(at).set_value("standards").run()
    at = switch(at, "indicator", id="p14-09")
    at.query_params.pop("theme", None)
    at = switch(at, "product")  # back through the menu: a plain /product link
    assert shown_seqs(at) == [8, 9, 10, 11]


def test_a_card_without_a_theme_is_filed_under_other(engine):
    from analytics.cards import card

    row = engine[2023].reset_index().set_index("id", drop=False).loc["p14-02"]
    assert card(row, "zh", theme="", theme_name="").theme_name == "其他"
    assert card(row, "en", theme="", theme_name="").theme_name == "Other"
    assert card(row, "zh", theme="quality_awards", theme_name="质量奖").theme_name == "质量奖"
    assert card(row, "en", theme="quality_awards", theme_name="").theme_name == "quality_awards"  # no name


@pytest.mark.parametrize(
    "page, seqs", [("service", [14, 15, 22]), ("engineering", [19, 20, 21]), ("environment", [23, 24, 25, 26])]
)
def test_domains_with_few_indicators_show_them_all_without_a_theme_choice(app, page, seqs):
    at = app(page, query=dict(theme="standards"))  # say, a link copied from the product page and edited
    assert shown_seqs(at) == seqs
    assert [group.label for group in at.button_group] == ["语言 / Language"]
    assert "theme" not in at.query_params


# --- the as-of year, the language -----------------------------------------------------------------
def test_changing_the_as_of_year_changes_what_is_shown(app, engine):
    at = app("product")
    position = list(engine[2023].query("domain == 'product'").sort_values("seq").index).index("p14-02")
    assert as_of_box(at).value == 2023  # the latest year with data
    assert cards(at)[position][0] == ("2023年实际", "31个")
    as_of_box(at).set_value(2022).run()
    assert not at.exception
    assert cards(at)[position][0] == ("2022年实际", "28个")
    assert cards(at)[position][2][1] == percent(engine[2022].loc["p14-02", "probability"])


def test_the_illustrative_notice_follows_the_as_of_year(app):
    at = app("environment")
    assert [w.value for w in at.warning] == [text("notice.illustrative", "zh")]  # 2023 is illustrative
    as_of_box(at).set_value(2022).run()
    assert [w.value for w in at.warning] == []


def test_the_as_of_year_survives_navigation(app):
    at = app("product")
    as_of_box(at).set_value(2022).run()
    at = switch(at, "indicator", id="p14-02")
    assert as_of_box(at).value == 2022
    assert at.dataframe[0].value["year"].tolist() == [2021, 2022]


def test_a_commit_that_adds_a_year_moves_open_sessions_to_it(app):
    at = app("product")
    as_of_box(at).set_value(2022).run()
    # Another analyst (another app instance) commits the first 2024 figure.
    Store().commit_observations(
        pd.DataFrame({"indicator_id": ["p14-02"], "year": [2024], "value": [34.0]}), author="其他分析员"
    )
    at.run()
    assert as_of_box(at).value == 2024
    position = [label for label, _ in (card[0] for card in cards(at))].index("2024年实际")
    assert cards(at)[position][0] == ("2024年实际", "34个")


def test_an_id_in_the_url_is_shown_literally_not_as_markdown(app):
    hostile = "[点此下载最新数据](https://evil.example/x)"
    at = app("indicator", query=dict(id=hostile))
    assert not at.exception
    warning = at.warning[0].value
    assert "\\[点此下载最新数据\\]" in warning and "](https" not in warning


def test_english_switch_changes_labels_and_survives_navigation(app, engine):
    at = app("product", lang="en")
    assert at.title[0].value == "Product quality"
    position = list(engine[2023].query("domain == 'product'").sort_values("seq").index).index("p14-02")
    assert cards(at)[position][:2] == [
        ("Latest (2023)", "31 organisations"),
        ("Target 2025", "at least 37 organisations"),
    ]
    at = switch(at, "review_13th")
    assert [h.value for h in at.subheader][0] == "Quality management"
    assert at.query_params.get("lang") == "en"
    at.run()
    assert at.title[0].value == text("page.review_13th", "en")


# --- the chart ------------------------------------------------------------------------------------
def test_chart_spec_has_observed_target_required_path_and_projection_with_units(app, engine):
    at = app("product")
    product = engine[2023].query("domain == 'product'").sort_values("seq")
    spec = charts(at)[list(product.index).index("p14-02")]
    layers = {layer.get("description") for layer in spec["layer"]}
    assert {"observed", "target", "required_path", "projection", "projection_band", "baseline"} <= layers
    observed = next(layer for layer in spec["layer"] if layer.get("description") == "observed")
    assert spec["encoding"]["y"]["title"] == "个"  # the unit on the axis, for every layer
    assert spec["encoding"]["x"]["title"] == "年份"
    data = chart_data(at.get("vega_lite_chart")[list(product.index).index("p14-02")], observed["data"]["name"])
    # Observed points: the 2020 baseline, then the fixture.
    assert list(zip(data["year"], data["value"], strict=False)) == [
        (2020, 22.0),
        (2021, 25.0),
        (2022, 28.0),
        (2023, 31.0),
    ]


def test_chart_axis_stays_within_the_indicators_possible_range(engine, seeded_db):
    # #24 drinking water, 100% held every year: padding would reach 101%, a value it cannot take.
    from analytics.charts import indicator_chart

    store = Store(f"sqlite:///{seeded_db}")
    catalog = store.catalog().set_index("id")
    row = engine[2023].loc["p14-24"].rename("p14-24")
    points = pd.DataFrame({"indicator_id": ["p14-24"], "year": [2020], "value": [100.0], "achieved": [100.0]})
    spec = indicator_chart(
        row, points, min_value=catalog.loc["p14-24", "min_value"], max_value=catalog.loc["p14-24", "max_value"]
    )
    # Values 100 (all): padding 1 on each side -> [99, 101], capped at the maximum 100.
    # Years: the 2020 point to the 2025 target, half a year either side.
    assert {p["name"]: p["value"] for p in spec["params"]} == {
        "y_min": 99.0,
        "y_max": 100.0,
        "x_min": 2019.5,
        "x_max": 2025.5,
    }
    assert spec["encoding"]["y"]["scale"] == {
        "domainMin": {"expr": "y_min"},
        "domainMax": {"expr": "y_max"},
        "nice": False,
        "zero": False,
    }
    assert spec["encoding"]["y"]["axis"]["titleAngle"] == 0  # the unit reads level, not rotated


def test_charts_share_a_layout_and_differ_only_in_data(engine):
    from analytics.charts import indicator_chart

    level = engine[2023].loc["p14-03"]  # manufacturing pass rate, %
    cumulative = engine[2023].loc["p14-02"]  # county quality award winners, 个
    points = pd.DataFrame({"year": [2020, 2023], "achieved": [22.0, 31.0]})
    first = indicator_chart(cumulative, points, unit_label="个")
    second = indicator_chart(cumulative, points.assign(achieved=[22.0, 33.0]), unit_label="个")
    other_unit = indicator_chart(level, points, unit_label="%")
    assert first["layer"] == second["layer"] and first["encoding"] != other_unit["encoding"]
    assert [r["value"] for r in second["datasets"]["observed"]] == [22.0, 33.0]
    first["layer"][0]["mark"]["color"] = "#000000"  # each spec is its caller's own
    assert indicator_chart(cumulative, points, unit_label="个")["layer"][0]["mark"]["color"] != "#000000"
    # With a 2025 figure nothing is left to project: no projection layers, and no empty datasets
    # (Vega warns of an infinite extent for a layer without data).
    done = cumulative.copy()
    done["latest_year"] = 2025
    spec = indicator_chart(done, points, unit_label="个")
    assert [layer["description"] for layer in spec["layer"]] == [
        "baseline",
        "required_path",
        "target",
        "target",
        "observed",
    ]
    assert set(spec["datasets"]) == {"observed", "baseline", "required_path", "target"}


# --- the methodology in the reader's language ---------------------------------------------------------
METHODOLOGY_EN = REPO / "docs" / "methodology.md"
METHODOLOGY_ZH = REPO / "docs" / "methodology.zh.md"


def sections(path: Path) -> list[str]:
    """The ``##`` headings of a methodology doc's readers' part (above its developer notes), in order."""
    return [line for line in readers_part(path.read_text(encoding="utf-8")).splitlines() if line.startswith("## ")]


def test_methodology_page_is_chinese_in_zh_and_english_in_en(app):
    at = app("methodology", lang="zh")
    shown = at.markdown[0].value
    assert "## 3. 预测模型" in sections(METHODOLOGY_ZH) and "## 3. 预测模型" in shown
    assert "## 3. The projection model" not in shown
    at = app("methodology", lang="en")
    shown = at.markdown[0].value
    assert "## 3. The projection model" in sections(METHODOLOGY_EN) and "## 3. The projection model" in shown
    assert "预测模型" not in shown


def test_methodology_files_have_the_same_sections():
    # Both files: 1 kinds, 2 gap, 3 model, 4 status, 5 scenarios, 6 limits, numbered alike.
    english, chinese = sections(METHODOLOGY_EN), sections(METHODOLOGY_ZH)
    assert len(english) == len(chinese) == 6
    assert [h.split(" ")[1] for h in english] == [h.split(" ")[1] for h in chinese] == [f"{n}." for n in range(1, 7)]
    # Below the marker, each has its developer notes, which the page does not show.
    for path, heading in ((METHODOLOGY_EN, "## Developer notes"), (METHODOLOGY_ZH, "## 开发者说明")):
        doc = path.read_text(encoding="utf-8")
        assert heading in doc and heading not in readers_part(doc)


def test_methodology_falls_back_to_english_without_a_translation(monkeypatch, tmp_path):
    from dashboard import methodology

    assert methodology.methodology_text("zh") == METHODOLOGY_ZH.read_text(encoding="utf-8")
    assert methodology.methodology_text("en") == METHODOLOGY_EN.read_text(encoding="utf-8")
    monkeypatch.setitem(methodology.METHODOLOGY_TRANSLATIONS, "zh", tmp_path / "missing.zh.md")
    assert methodology.methodology_text("zh") == METHODOLOGY_EN.read_text(encoding="utf-8")
    monkeypatch.setattr(methodology, "METHODOLOGY_FILE", tmp_path / "missing.md")
    assert methodology.methodology_text("zh") is None and methodology.methodology_text("en") is None


# --- issue 14: what needs attention and why -----------------------------------------------------------
# The fixture as of 2023: achieved 6 (#4, #5, #23, #24 whose 2020 baseline already meets the maintain or "at
# most" target, #25 at 95.2 >= 95, #26 at 27 <= 28), at risk 2 (#2, #19), insufficient data 18 (baseline only).
# Time elapsed (2023 - 2020) / (2025 - 2020) = 60%. Distance covered: the 21 indicators whose baseline does
# not meet the target (26 less #4, #5, #23, #24, #26), progress capped to 0-1: #2 (31 - 22) / 15 = 0.6,
# #19 15 / 24 = 0.625, #25 (95.2 - 94.8) / 0.2 = 2 -> 1, the other 18 at 0: 2.225 / 21 = 0.106 -> 11%.
SUMMARY = {
    "zh": "截至2023年，26项指标中已达标6项，存在风险2项，数据不足18项；时间进度60%，任务进度11%。",
    "en": "As of 2023, of the 26 indicators 6 achieved, 2 at risk, 18 with too little data; 60% of the time has "
    "elapsed and 11% of the distance is covered.",
}


def attention_list(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("1. "))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_opens_on_a_summary_and_the_indicators_needing_attention_worst_first(app, engine, lang):
    at = app("overview", lang=lang)
    assert not at.exception
    assert SUMMARY[lang] in [m.value for m in at.markdown]
    p2, p19 = (percent(engine[2023].loc[i, "probability"]) for i in ("p14-02", "p14-19"))
    assert (p2, p19) == ("56%", "64%")  # #2 is the less likely: listed first
    # #2: 31 against >= 37, gap 6; needs (37 - 31) / 2 years = 3 a year, achieved (31 - 22) / 3 = 3 a year;
    # pace (9 / 3) / (15 / 5) = 100%, on pace; progress 9 / 15 = 60%.
    # #19 (new in period): 5 + 6 + 4 = 15 against 24, gap 9, needs
    # 9 / 2 = 4.5 a year, achieved 15 / 3 = 5 a year; pace (15 / 3) / (24 / 5) = 104%; progress 15 / 24 = 62.5%,
    # rounded half up to 63%.
    if lang == "zh":
        expected = (
            "1. 🟠 **[2. 县政府质量奖获奖组织\\(累计\\)](/indicator?id=p14-02)**　存在风险："
            "2023年31个，目标不低于37个，"
            "差距6个；年均需增加3个，实际年均增加3个 ↑；实际/所需年均变化100%，进展充分（实际速度≥所需的95%）；"
            "完成进度60%；达标可能性约56%。\n"
            "2. 🟠 **[19. 获市级以上建设工程优质工程奖\\(新增\\)](/indicator?id=p14-19)**　存在风险：2023年15项，"
            "目标不低于24项，差距9项；年均需增加4.5项，实际年均增加5项 ↑；实际/所需年均变化104%，"
            "进展充分（实际速度≥所需的95%）；完成进度63%；达标可能性约64%。"
        )
    else:
        expected = (
            "1. 🟠 **[2. Organisations winning the county government quality award \\(cumulative\\)]"
            "(/indicator?id=p14-02&lang=en)**  At risk: 31 organisations in 2023 against at least 37 organisations, "
            "gap 6 organisations; needs up 3 organisations a year, achieved up 3 organisations a year ↑; "
            "actual / required annual change 100%: On pace (actual >= 95% of the required pace); progress 60%; "
            "chance of meeting it about 56%.\n"
        )
    assert attention_list(at).startswith(expected)
    # One sentence per domain: product has #4, #5 achieved, #2 at risk and 13 with the baseline only.
    domains = next(m.value for m in at.markdown if m.value.startswith("- "))
    first = {
        "zh": "- 产品质量：16项指标中已达标2项，存在风险1项，数据不足13项；"
        "需关注1项，首要为2\\. 县政府质量奖获奖组织\\(累计\\)。",
        "en": "- Product quality: of 16 indicators 2 achieved, 1 at risk, 13 with too little data; "
        "1 needs attention, "
        "first 2\\. Organisations winning the county government quality award \\(cumulative\\).",
    }[lang]
    assert domains.split("\n")[0] == first and len(domains.split("\n")) == 4
    # Every status has its icon and words, the new met-at-risk one included, in the page's language.
    assert text("status.met_at_risk", lang) in " ".join(metrics(at))
    assert any(label.startswith("🟡 ") for label in metrics(at))


def test_the_overview_progress_bars_are_not_red_and_the_table_reads_whole_percentages(app):
    from analytics.charts import COLOURS

    at = app("overview")
    assert not at.get("progress")  # st.progress takes the theme's red, whatever the share
    assert not at.get("vega_lite_chart")  # two bars are no reason to load the chart library
    bars = [h.proto.body for h in at.get("html") if 'role="progressbar"' in h.proto.body]
    assert len(bars) == 2 and all(f"background:{COLOURS['observed']}" in bar for bar in bars)
    assert [re.search(r'aria-label="([^"]+)"', bar)[1] for bar in bars] == [
        text("overview.time_elapsed", "zh"),
        text("overview.distance_covered", "zh"),
    ]
    # Three of the plan's five years gone as of the fixture's 2023: 60%; task progress 2.225 / 21 = 10.6%.
    shares = [float(re.search(r'aria-valuenow="([0-9.]+)"', bar)[1]) for bar in bars]
    widths = [float(re.search(r"width:([0-9.]+)%", bar)[1]) for bar in bars]
    assert shares == widths == [pytest.approx(60), pytest.approx(10.6)]
    table = at.dataframe[1].value.set_index("id")
    assert table.loc["p14-02", "progress_shown"] == "60%" and table.loc["p14-19", "progress_shown"] == "63%"
    # #25: (95.2 - 94.8) / (95 - 94.8) = 200%, capped at 100% in the table (its page gives the raw figure).
    assert table.loc["p14-25", "progress_shown"] == "100%" and table.loc["p14-26", "unit"] == "μg/m³"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_say_the_target_years_figures_are_not_in_yet(app, lang):
    # As of 2025 no fixture row has a 2025 figure: every row is a forecast, not a verdict.
    note = text("provisional.note", lang, year=2025)
    assert (
        note
        == {
            "zh": "2025年数据尚未报送，以下为预判",
            "en": "The 2025 figures are not in yet: what follows is a forecast",
        }[lang]
    )
    for page, query in (("overview", {}), ("product", {}), ("indicator", {"id": "p14-02"})):
        at = app(page, lang=lang, query=query)
        as_of_key = next(box for box in at.sidebar.selectbox if box.label == text("sidebar.as_of", lang))
        as_of_key.set_value(2025).run()
        assert not at.exception
        assert note in [i.value for i in at.info], page
    at = app("overview", lang=lang)  # as of 2023, before the target year: no such note
    assert note not in [i.value for i in at.info]


def test_the_13th_plans_overview_has_its_own_title_and_no_none_baselines(app):
    at = app("overview")
    next(box for box in at.sidebar.selectbox if box.label == text("sidebar.plan", "zh")).set_value("p13").run()
    assert not at.exception
    plan = "海盐县质量发展“十三五”时期主要指标（2016-2020年）"
    assert at.title[0].value == text("overview.plan_title", "zh", plan=escape_markdown(plan))
    assert "十四五" not in at.title[0].value
    # 17 quantitative rows, all achieved as printed (2015 -> 2020); the qualitative one is counted apart.
    assert at.markdown[0].value == ("截至2020年，17项指标中已达标17项；时间进度100%，任务进度100%。另有定性指标1项。")
    baselines = at.dataframe[1].value["baseline"].tolist()
    assert all(isinstance(b, str) and b not in ("None", "nan") for b in baselines) and "—" in baselines


def test_a_one_point_chart_spans_its_years_not_zero_to_2200(engine):
    from analytics.charts import indicator_chart

    # No baseline, one point in 2023, target year 2025: the x range is 2023 - 0.5 to 2025 + 0.5.
    row = engine[2023].loc["p14-03"].copy()
    row["baseline_value"], row["projected_value"] = float("nan"), float("nan")
    spec = indicator_chart(row, pd.DataFrame({"year": [2023], "achieved": [95.0]}), unit_label="%")
    assert {p["name"]: p["value"] for p in spec["params"]}.keys() >= {"x_min", "x_max"}
    params = {p["name"]: p["value"] for p in spec["params"]}
    assert (params["x_min"], params["x_max"]) == (2022.5, 2025.5)
    assert spec["encoding"]["x"]["scale"]["domainMin"] == {"expr": "x_min"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_chart_has_a_legend_in_the_pages_language(engine, lang):
    from analytics.charts import COLOURS, indicator_chart

    spec = indicator_chart(
        engine[2023].loc["p14-02"],
        pd.DataFrame({"year": [2020, 2023], "achieved": [22.0, 31.0]}),
        lang=lang,
        unit_label="个",
    )
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if layer["description"] == "observed")
    names = ("observed", "baseline", "target", "required_path", "projection", "band")
    assert colour["scale"]["domain"] == [text(f"chart.{n}", lang) for n in names]
    assert colour["scale"]["range"][:5] == [COLOURS[n] for n in names[:5]]
    assert spec["config"]["legend"]["orient"] == "bottom"  # set once for the chart's one legend, not per layer
    assert all("color" in layer["encoding"] for layer in spec["layer"] if layer["mark"]["type"] != "text")
    label = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    # Above the plot's top right corner (8 px over the plot, at its full width): no line can cross it.
    assert label["encoding"]["x"] == {"value": {"expr": "width"}} and label["encoding"]["y"] == {"value": -8}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_indicator_menu_opens_the_first_indicator_needing_attention(app, lang):
    at = app("indicator", lang=lang)
    assert not at.exception
    assert at.query_params["id"] == "p14-02"  # the worst of the list: at risk, P 56%
    assert text("indicator.opened_first", lang) in [i.value for i in at.info]
    assert at.dataframe[0].value["value"].tolist() == [25, 28, 31]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_indicator_page_gives_the_second_opinion(app, lang):
    at = app("indicator", lang=lang, query={"id": "p14-02"})
    opinion = next(m.value for m in at.markdown if m.value.startswith(f"**{text('indicator.second_opinion', lang)}**"))
    # Pace (9 / 3) / (15 / 5) = 100%, on pace; progress (31 - 22) / 15 = 60%, within +-100%.
    assert text("indicator.pace_line", lang, ratio="100%", category=text("pace_category.on_pace", lang)) in opinion
    assert text("indicator.progress_line", lang, progress="60%") in opinion
    # #25: (95.2 - 94.8) / (95 - 94.8) = 200%, shown capped at 100% with the raw figure.
    at = app("indicator", lang=lang, query={"id": "p14-25"})
    opinion = next(m.value for m in at.markdown if m.value.startswith(f"**{text('indicator.second_opinion', lang)}**"))
    assert text("indicator.progress_capped", lang, progress="100%", raw="200%") in opinion
    assert text("pace_category.met", lang) in opinion


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_domain_page_opens_on_its_sentence_and_what_needs_attention(app, lang):
    at = app("engineering", lang=lang)
    assert not at.exception
    shown = [m.value for m in at.markdown]
    # Engineering: #19 at risk, #20 and #21 with the baseline only.
    sentence = {
        "zh": "工程质量：3项指标中存在风险1项，数据不足2项；"
        "需关注1项，首要为19\\. 获市级以上建设工程优质工程奖\\(新增\\)。",
        "en": "Engineering quality: of 3 indicators 1 at risk, 2 with too little data; 1 needs attention, "
        "first 19\\. Municipal\\-or\\-higher quality construction project awards won "
        "\\(new in period\\).",
    }[lang]
    assert sentence in shown
    listed = next(m for m in shown if m.startswith("1. "))
    assert listed.count("\n") == 0 and "p14-19" in listed and "p14-02" not in listed
    assert shown.index(sentence) < shown.index(listed) < next(i for i, m in enumerate(shown) if m.startswith("**19. "))
