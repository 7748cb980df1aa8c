"""The pages' view models without Streamlit: cards, status words, themes, the overview's figures,
and the tables the scenario, indicator and review pages show.

The hand-made plan (PLAN): #1 "a", 10 in 2020 -> at least 20 in 2025, observed 12, 14, 16 (+2 a
year, so its projection sits exactly on the target: probability 0.5, at risk);
#2 "b", less than 30 from 40, no observation after 2020; #3 "c", 0 -> at least 5, observed
6 in 2021 (met before the target year: it must hold). All as of 2023.
"""

import re

import pandas as pd
import pytest

from analytics.assess import assess
from analytics.cards import (
    ALL_THEMES,
    Card,
    card,
    cards_of_theme,
    domain_cards,
    status_summary,
    status_text,
    theme_options,
)
from analytics.formatting import target_text
from analytics.labels import text
from analytics.overview import overview_figures
from analytics.scenario import compare
from analytics.tables import (
    comparison_table,
    marked_history,
    overview_table,
    what_it_takes_table,
    worded_review,
    worded_revisions,
)
from tests.helpers import catalog_of, indicator, observations_of

PLAN = catalog_of(
    indicator(
        id="a",
        seq=1,
        name_zh="甲",
        name_en="A",
        unit="个",
        unit_en="organisations",
        baseline_value=10,
        target_value=20,
        theme="awards",
        theme_zh="质量奖",
        theme_en="Quality awards",
    ),
    indicator(
        id="b",
        seq=2,
        name_zh="乙",
        name_en="B",
        domain="environment",
        comparison="<",
        baseline_value=40,
        target_value=30,
    ),
    indicator(id="c", seq=3, name_zh="丙", name_en="C", baseline_value=0, target_value=5),
)
OBSERVATIONS = pd.concat([observations_of("a", {2021: 12, 2022: 14, 2023: 16}), observations_of("c", {2021: 6})])
ASSESSMENT = assess(PLAN, OBSERVATIONS, as_of=2023)


# --- a target's sign is the comparison's --------------------------------------------------------
@pytest.mark.parametrize(
    "comparison, value, shown", [(">=", 37, "≥37"), (">", 0, ">0"), ("<=", 27, "≤27"), ("<", 30, "<30")]
)
def test_a_target_shows_the_sign_of_its_comparison(comparison, value, shown):
    assert target_text(comparison, value) == shown


def test_a_strict_target_is_not_shown_as_at_least_in_the_tables():
    # "b" is "< 30": it used to read "≤30"; a strict ">" used to read "≥".
    assert overview_table(ASSESSMENT, "zh")["target"].tolist() == ["≥20", "<30", "≥5"]
    needs = pd.DataFrame(
        {
            "id": ["x", "y"],
            "seq": [1, 2],
            "name_zh": ["甲", "乙"],
            "name_en": ["A", "B"],
            "unit": ["个", "%"],
            "unit_en": ["", "%"],
            "latest_value": [3.0, 50.0],
            "comparison": [">", "<="],
            "target_value": [4.0, 40.0],
            "trend": [0.5, -1.0],
            "to_meet": [0.5, -5.0],
            "to_likely": [0.75, -6.0],
        }
    )
    assert what_it_takes_table(needs, "en")["target"].tolist() == [">4", "≤40"]


# --- cards -----------------------------------------------------------------------------------------
def test_a_card_shows_the_latest_figure_the_target_and_the_probability():
    row = ASSESSMENT.set_index("id", drop=False).loc["a"]
    shown = card(row, "zh", theme="awards", theme_name="质量奖")
    # latest 16 in 2023; the target "at least 20"; the Theil-Sen trend +2 a year gives a centre of
    # 16 + 2 x 2 = 20 in 2025, exactly the target: a symmetric t puts half its mass on either side, so the
    # probability is 50%, and 0.25 <= 0.5 < 0.75 is "at risk".
    assert shown.title == "**1. 甲**\u2003🟠 存在风险"
    assert shown.figures == (
        (text("card.latest", "zh", year=2023), "16个"),
        (text("card.target", "zh", year=2025), "不低于20个"),
        (text("col.probability", "zh"), "50%"),
    )
    assert shown.charted and shown.status == "at_risk" and shown.theme_name == "质量奖"
    english = card(row, "en")
    assert english.figures[0][1] == "16 organisations" and english.figures[1][1] == "at least 20 organisations"


def test_a_target_met_early_reads_must_hold():
    assert status_text("achieved", "zh", must_hold=True, target_year=2025) == "✅ 已达标，需保持至2025年"
    assert status_text("off_track", "en") == "🔴 Off track"
    row = ASSESSMENT.set_index("id", drop=False).loc["c"]
    assert card(row, "en").title == "**3. C**\u2003✅ Met; must hold through 2025"


def test_a_domains_cards_are_in_plan_order_under_their_themes():
    shown = domain_cards(ASSESSMENT, PLAN, "product", "en")
    assert [c.indicator_id for c in shown] == ["a", "c"]
    assert [(c.theme, c.theme_name) for c in shown] == [("awards", "Quality awards"), ("", "Other")]
    assert status_summary(shown, "zh") == "✅ 已达标 1 · 🟠 存在风险 1"  # in the order of the status icons


def cards_in(themes: list[str]) -> tuple[Card, ...]:
    return tuple(
        Card(
            indicator_id=f"i{n}",
            theme=theme,
            theme_name=theme.upper(),
            status="on_track",
            seq=n,
            name="",
            status_label="",
            figures=(),
            notes="",
            charted=True,
        )
        for n, theme in enumerate(themes)
    )


def test_more_than_eight_cards_in_several_themes_are_offered_one_theme_at_a_time():
    nine = cards_in(["s"] * 5 + ["t"] * 4)
    options = theme_options(nine, "en")
    assert options == {
        "s": text("domain.theme_option", "en", name="S", count=5),
        "t": text("domain.theme_option", "en", name="T", count=4),
        ALL_THEMES: text("domain.all_themes", "en", count=9),
    }
    assert [c.indicator_id for c in cards_of_theme(nine, "t")] == ["i5", "i6", "i7", "i8"]
    assert cards_of_theme(nine, ALL_THEMES) == nine
    assert theme_options(cards_in(["s"] * 4 + ["t"] * 4), "en") == {}  # eight fit on the page
    assert theme_options(cards_in(["s"] * 9), "en") == {}  # one theme: nothing to choose


# --- the overview ----------------------------------------------------------------------------------
def test_the_overview_counts_statuses_and_weighs_time_against_distance():
    figures = overview_figures(ASSESSMENT, 2023, "zh")
    # a at risk (P = 0.5, see the card test), b without data, c met early.
    assert (figures.total("achieved"), figures.total("at_risk"), figures.total("insufficient_data")) == (1, 1, 1)
    assert list(figures.by_domain.index) == ["产品质量", "环境质量"]
    assert figures.by_domain.loc["产品质量", "✅ 已达标"] == 1 and figures.by_domain.loc["环境质量", "⚪ 数据不足"] == 1
    assert figures.elapsed == pytest.approx(0.6)  # (2023 - 2020) / (2025 - 2020)
    # progress: a (16 - 10) / (20 - 10) = 0.6; b 0 (still at 40); c 6 / 5 = 1.2, capped at 1 -> (0.6 + 0 + 1) / 3
    assert figures.covered == pytest.approx(1.6 / 3)
    assert figures.table["status"].tolist() == ["🟠 存在风险", "⚪ 数据不足", "✅ 已达标，需保持至2025年"]
    assert figures.table["latest"].tolist() == ["16 (2023)", "40 (2020)", "6 (2021)"]


# --- the scenario, indicator and review tables --------------------------------------------------------
def test_the_comparison_puts_changed_statuses_first_with_their_assumption():
    # "a" assumed to grow 0.5 a year: 16 + 2 x 0.5 = 17 < 20, sd 0.75 (sigma^2 h + h^2 se^2 = 1/3 + 2/9):
    # 3 below the target is 4 sd, P < 0.25 -> at risk (centre on the target) becomes off track.
    scenario = assess(PLAN, OBSERVATIONS, as_of=2023, annual_change=pd.Series({"a": 0.5}))
    table = comparison_table(compare(ASSESSMENT, scenario), ["0.5 a year", "", ""], "en")
    assert table["seq"].tolist() == [1, 2, 3]
    assert table["status_changed"].tolist() == [text("scenario.changed", "en")] + [text("scenario.same", "en")] * 2
    first = table.iloc[0]
    assert (first["status_baseline"], first["status_scenario"]) == ("🟠 At risk", "🔴 Off track")
    assert first["projected_scenario"] == pytest.approx(17.0) and first["assumption"] == "0.5 a year"
    assert (first["name"], first["unit"]) == ("A", "organisations")
    # Changed rows first: with only "c" changed, it leads and the others follow in plan order.
    compared = compare(ASSESSMENT, ASSESSMENT).assign(status_changed=[False, False, True])
    assert comparison_table(compared, ["", "", "x"], "zh")["seq"].tolist() == [3, 1, 2]
    assert comparison_table(compared, ["", "", "x"], "zh")["assumption"].tolist() == ["x", "", ""]


def test_history_and_revisions_are_worded():
    history = pd.DataFrame({"year": [2021, 2022], "illustrative": [True, False]})
    assert marked_history(history, "zh")["illustrative"].tolist() == [text("history.illustrative_mark", "zh"), ""]
    touched = pd.DataFrame({"id": [2, 1], "action": ["import", "made_up"]})
    # an action with no words is shown as stored
    assert worded_revisions(touched, "en")["action"].tolist() == [text("history.action.import", "en"), "made_up"]


def test_review_rows_say_both_verdicts_in_words():
    rows = pd.DataFrame(
        {
            "name_zh": ["甲", "乙", "丙"],
            "name_en": ["A", "B", "C"],
            "kind": ["cumulative", "level", "qualitative"],
            "achieved": [True, None, None],
            "reported_achieved": [True, False, None],
            "reported_outcome": ["完成", "未完成", ""],
            "note_type": ["five_year_new", "", ""],
            "comparison": [">=", "<=", ""],
            "target_value": [10.0, 35.0, None],
            "target_text": ["10家", "35μg/m3", "丙"],  # as the 13th plan prints them: no sign, Chinese units
            "unit_en": ["organisations", "µg/m3", ""],
        }
    )
    shown = worded_review(rows, "en")
    assert shown["name"].tolist() == ["A", "B", "C"]
    # in English a target reads in English with its sign; a statement target (its own name) as the name
    assert shown["target_text"].tolist() == ["≥10 organisations", "≤35 μg/m³", "C"]
    assert worded_review(rows, "zh")["target_text"].tolist() == ["10家", "35μg/m3", "丙"]  # as printed
    assert shown["achieved"].tolist() == [
        text("review.achieved.yes", "en"),
        text("review.achieved.missing", "en"),
        text("review.achieved.qualitative", "en"),
    ]
    assert shown["reported"].tolist() == [
        text("review.reported.yes", "en", value="完成"),
        text("review.reported.no", "en", value="未完成"),
        text("review.reported.blank", "en"),
    ]
    assert shown["note_type"].tolist() == [text("note_type.five_year_new", "en"), text("note_type.plain", "en"), "—"]


def test_a_domain_opens_on_the_theme_with_most_needing_attention_and_its_buttons_count_them():
    from analytics.cards import attention_marks, first_theme_needing_attention

    statuses = [("s", "on_track"), ("s", "at_risk"), ("t", "off_track"), ("t", "met_at_risk"), ("u", "achieved")]
    shown = tuple(
        Card(
            indicator_id=f"i{n}",
            theme=theme,
            theme_name=theme.upper(),
            status=status,
            seq=n,
            name="",
            status_label="",
            figures=(),
            notes="",
            charted=True,
        )
        for n, (theme, status) in enumerate(statuses + [("u", "on_track")] * 4)
    )
    assert first_theme_needing_attention(shown) == "t"  # t has two (off track, met at risk), s one
    assert attention_marks(cards_of_theme(shown, "t")) == " 🔴1 🟡1"  # worst first
    assert theme_options(shown, "zh")["t"] == text("domain.theme_option", "zh", name="T", count=2) + " 🔴1 🟡1"
    assert theme_options(shown, "zh")["u"] == text("domain.theme_option", "zh", name="U", count=5)
    assert first_theme_needing_attention(cards_in(["s"] * 9)) is None


# --- English counts: singular for one, plural otherwise; Chinese unchanged ------------------------------
def test_english_count_sentences_say_one_indicator_and_two_indicators():
    from analytics.formatting import with_change_unit, with_unit

    one = text("summary.domain_attention", "en", domain="Product", total=1, parts="1 off track", n=1, names="A")
    two = text("summary.domain_attention", "en", domain="Product", total=2, parts="2 off track", n=2, names="A")
    assert one == "Product: of 1 indicator 1 off track; 1 needs attention, first A."
    assert two == "Product: of 2 indicators 2 off track; 2 need attention, first A."
    assert text("summary.domain_attention", "zh", domain="产品", total=1, parts="滞后1项", n=1, names="甲") == (
        "产品：1项指标中滞后1项；需关注1项，首要为甲。"
    )
    assert text("scenario.changed_count", "en", n=1) == "The scenario changes the status of 1 indicator."
    assert text("data.problems", "en", errors=1, warnings=2) == "1 error and 2 warnings found"
    assert text("report.headline.expected_left_out", "en", n=1).endswith("and is not in that expectation.")
    # Units after the figure 1 (catalog units are plural nouns); a change of 1 percentage point; 0.5 stays plural.
    assert with_unit("1", "organisations", "en") == "1 organisation" and with_unit("2", "organisations", "en") == (
        "2 organisations"
    )
    assert with_unit("1", "patents per 10,000 people", "en") == "1 patent per 10,000 people"
    assert with_change_unit("1", "%", "en") == "1 percentage point"
    assert with_change_unit("0.5", "%", "en") == "0.5 percentage points"
    assert with_unit("1", "个", "zh") == "1个" and with_unit("1", "%", "en") == "1%"


def test_every_english_plural_choice_names_a_count_of_its_text_and_chinese_has_none():
    import re
    import string

    from analytics.labels import PLURAL, TEXTS

    chosen = {key: en for key, (zh, en) in TEXTS.items() if PLURAL.search(en)}
    assert len(chosen) >= 25  # every English count sentence found (issue 14)
    for key, en in chosen.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(PLURAL.sub("", en)) if f}
        assert {m[1] for m in PLURAL.finditer(en)} <= fields, key  # the count is also shown
        for count, word in ((1, 2), (2, 3)):
            shown = text(key, "en", **dict.fromkeys(fields, count))
            assert "|" not in shown and all(m[word] in shown for m in PLURAL.finditer(en)), key
        assert not re.search(r"\{\w+\|", TEXTS[key][0]), key


def test_a_sentence_counts_its_years_and_its_units_in_english():
    from analytics.narrative import describe

    values = dict(direction="up", actual="2 organisations")
    assert text("say.trend", "en", n=1, **values).startswith("Over the last 1 year it moved up 2 organisations")
    assert text("say.trend", "en", n=2, **values).startswith("Over the last 2 years it moved up 2 organisations")
    # Observed 10 (2020, the baseline), 12, 14: two years of +2; target 20, 6 short with three years left.
    plan = catalog_of(indicator(id="a", kind="cumulative", unit_en="organisations", baseline_value=10, target_value=20))
    two = describe(assess(plan, observations_of("a", {2021: 12, 2022: 14}), as_of=2022).iloc[0], "en")
    assert two.startswith("Over the last 2 years it moved up 2 organisations a year")
    assert "6 organisations short" in two and " 1 organisations" not in two


# --- the chart's legend: the 80% band has its own colour ----------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_band_has_a_legend_colour_of_its_own_lighter_than_the_projection(lang):
    from analytics.charts import COLOURS, indicator_chart

    row = ASSESSMENT.set_index("id", drop=False).loc["a"]
    spec = indicator_chart(row, pd.DataFrame({"year": [2021, 2022, 2023], "achieved": [12.0, 14.0, 16.0]}), lang=lang)
    layers = {layer["description"]: layer for layer in spec["layer"]}
    scale = layers["observed"]["encoding"]["color"]["scale"]
    legend = dict(zip(scale["domain"], scale["range"], strict=True))
    band, projection = legend[text("chart.band", lang)], legend[text("chart.projection", lang)]
    assert band != projection and band == COLOURS["projection_band"] == layers["projection_band"]["mark"]["color"]

    def lightness(colour: str) -> int:
        return sum(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    assert lightness(band) > lightness(projection) + 100  # a lighter fill, not a second orange line
    assert spec["layer"][0]["description"] == "projection_band"  # drawn first: under every line


def test_a_new_in_period_indicator_charts_and_cards_by_its_kinds_rules():
    from analytics.charts import indicator_chart

    # #19-like: 23 in the previous period, 24 new ones wanted; 5 + 6 added in 2021-2022 (a running sum of 11).
    plan = catalog_of(indicator(id="n", kind="new_in_period", unit="项", baseline_value=23, target_value=24))
    row = assess(plan, observations_of("n", {2021: 5, 2022: 6}), as_of=2022).iloc[0]
    spec = indicator_chart(row, pd.DataFrame({"year": [2021, 2022], "achieved": [5.0, 11.0]}))
    assert [r["value"] for r in spec["datasets"]["baseline"]] == [0.0, 0.0]  # the sum starts at 0, not at 23
    assert spec["datasets"]["required_path"][-1]["value"] == 24.0
    assert card(row, "zh").notes.endswith(text("card.previous_period", "zh", value="23"))


# --- tables on paper and cards on phones -------------------------------------------------------------------
def test_a_printed_table_shows_every_cell_formatted_as_the_grid():
    from analytics.printed import printed_table

    frame = pd.DataFrame(
        {
            "name": ["a*b", "<b>x</b>"],
            "year": [2024, 2025],
            "gap": [0.123456, float("nan")],
            "p": [0.834, 0.996],
            "plain": [95.9, 6.0],
        },
        index=pd.Index(["r1", "r2"]),
    )
    shown = printed_table(frame, {"name": "指标", "gap": "差距"}, {"year": "%d", "gap": "%.4g", "p": "percent"})
    assert list(shown.columns) == ["指标", "year", "差距", "p", "plain"]
    assert shown.to_dict("list") == {
        "指标": ["a*b", "<b>x</b>"],  # text as read: html_table escapes it
        "year": ["2024", "2025"],
        "差距": ["0.1235", "—"],  # %.4g of 0.123456; a missing cell is a dash, never "nan"
        "p": ["83%", ">99%"],  # as the grid's percent, and percent() says >99% rather than 100%
        "plain": ["95.9", "6"],  # as number() writes figures
    }
    indexed = printed_table(frame, {}, columns=["plain"], index_label="")
    assert indexed.to_dict("list") == {"": ["r1", "r2"], "plain": ["95.9", "6"]}


def test_a_printed_table_is_one_html_table_whose_text_is_only_ever_text():
    from analytics.markup import html_table
    from analytics.printed import printed_table
    from tests.helpers import read_html

    hostile = '<img src=x onerror="alert(1)">&amp;'
    frame = pd.DataFrame({"name": [hostile, "c"], "value": [95.9, float("nan")]}, index=pd.Index(["r1", "r2"]))
    shown = html_table(printed_table(frame, {"name": "<指标>"}, index_label=""))
    assert shown == (
        '<table class="text-table"><thead><tr><th></th><th>&lt;指标&gt;</th><th>value</th></tr></thead>'
        "<tbody><tr><td>r1</td><td>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;</td><td>95.9</td></tr>"
        "<tr><td>r2</td><td>c</td><td>—</td></tr></tbody></table>"
    )
    # As a browser parses it: the table's own tags only, no attribute but its class, the text as it was.
    read = read_html(shown)
    assert {tag for tag, _ in read.tags} == {"table", "thead", "tbody", "tr", "th", "td"}
    assert [attrs for _, attrs in read.tags if attrs] == [[("class", "text-table")]]
    assert read.tables == [[["", "<指标>", "value"], ["r1", hostile, "95.9"], ["r2", "c", "—"]]]


def test_a_phone_card_holds_the_title_the_figures_and_a_link():
    from analytics.cards import phone_card
    from analytics.markup import html_cards
    from tests.helpers import read_html

    row = ASSESSMENT.set_index("id", drop=False).loc["a"]
    shown = html_cards([phone_card(card(row, "en"), "en", "/indicator?id=a&lang=en")])
    # The card test's figures: latest 16 in 2023, at least 20 by 2025, probability 50%.
    assert shown == (
        '<ul class="phone-cards"><li><strong>1. A</strong>\u2003🟠 At risk<br>'
        "Latest (2023): 16 organisations · Target 2025: at least 20 organisations · Probability: 50%<br>"
        '<a href="/indicator?id=a&amp;lang=en">Details and history</a></li></ul>'
    )
    read = read_html(shown)
    assert read.links == [("/indicator?id=a&lang=en", "Details and history")]


def test_phone_cards_are_one_html_list_whose_text_is_only_ever_text_and_whose_links_stay_in_the_app():
    from analytics.markup import PhoneCard, html_cards
    from tests.helpers import read_html

    hostile = '<img src=x onerror="alert(1)">&amp;'
    shown = html_cards(
        [
            PhoneCard(hostile, " <b>aside</b>", ("a & b", "<i>c</i>"), "/indicator?id=x&lang=en", "<详情>"),
            PhoneCard("2. plain"),
        ]
    )
    read = read_html(shown)
    assert {tag for tag, _ in read.tags} == {"ul", "li", "strong", "br", "a"}
    assert [attrs for _, attrs in read.tags if attrs] == [
        [("class", "phone-cards")],
        [("href", "/indicator?id=x&lang=en")],
    ]
    assert read.items == [hostile + " <b>aside</b>a & b<i>c</i><详情>", "2. plain"]
    assert read.links == [("/indicator?id=x&lang=en", "<详情>")]
    for elsewhere in ("javascript:alert(1)", "https://evil.example/", "//evil.example/x"):
        with pytest.raises(ValueError, match="a page of this app"):
            html_cards([PhoneCard("x", link=elsewhere, link_text="y")])


def test_the_overview_table_caps_progress_and_flags_it_where_baseline_and_target_are_close(tmp_path):
    from analytics.assess import assess
    from analytics.catalog import plan_catalog
    from analytics.store import Store
    from analytics.tables import overview_table

    store = Store(f"sqlite:///{tmp_path}/plan.db")
    assessment = assess(plan_catalog(store.catalog(), "p14"), store.observations(), as_of=2024)
    table = overview_table(assessment, "zh").set_index("id")
    # #25 good-air days: 91 in 2024 from 94.8 towards 95, (91 - 94.8) / (95 - 94.8) = -1900%: shown -100%,
    # flagged, since 0.2 points is within a year's noise. #2: (35 - 22) / (37 - 22) = 87%, shown as it is.
    assert table.loc["p14-25", "progress_shown"] == "-100%（仅供参考）"
    assert table.loc["p14-02", "progress_shown"] == "87%"


# --- a count's projection is a whole number of things, on screen and in the downloads ------------
def test_a_counts_projected_mean_is_shown_whole_and_a_levels_keeps_its_decimals():
    from analytics.export import assessment_handout_table

    # a cumulative count projected at a mean of 5.375 (band 5-6) and a level at 96.204 (band 96.03-96.38)
    rows = ASSESSMENT.iloc[[0, 0]].reset_index(drop=True)
    rows["kind"] = ["cumulative", "level"]
    rows["projected_value"], rows["projected_low"], rows["projected_high"] = (
        [5.375, 96.204],
        [5.0, 96.027],
        [6.0, 96.38],
    )
    assert overview_table(rows, "zh")["projection"].tolist() == ["5 (5-6)", "96.2 (96-96.4)"]
    handout = assessment_handout_table(rows, "en", as_of=2023)
    projected = handout[text("col.projected_value", "en")].tolist()
    assert projected == [5.0, 96.2]  # half up, as people round: 5.375 -> 5; 96.204 to one decimal
    rows["projected_value"] = [5.5, 96.25]
    assert overview_table(rows, "zh")["projection"].tolist()[0] == "6 (5-6)"  # 5.5 rounds half up to 6


def test_a_share_bar_is_an_accessible_progress_bar_clamped_to_its_range():
    from analytics.charts import COLOURS, share_bar

    half = share_bar(0.5, "时间<进度>")
    assert 'role="progressbar"' in half and 'aria-valuenow="50"' in half and "width:50%" in half
    assert 'aria-label="时间&lt;进度&gt;"' in half  # the label is escaped, never markup
    assert f"background:{COLOURS['observed']}" in half and "print-color-adjust:exact" in half
    # Beyond the ends, or not a number, the bar stays within its track: 100%, 0%, 0%.
    assert [re.search(r"width:([0-9.]+)%", share_bar(s, "x"))[1] for s in (1.3, -0.2, float("nan"))] == [
        "100",
        "0",
        "0",
    ]


def test_every_table_spells_a_unit_as_people_write_it():
    # The catalog's PM2.5 unit is typed µg/m3 (micro sign, plain 3); tables show μg/m³, as the cards do.
    pm25 = catalog_of(
        indicator(
            id="pm", name_en="PM2.5", unit="µg/m3", unit_en="µg/m3", kind="level", comparison="<=", target_value=28.0
        )
    )
    assessed = assess(pm25, observations_of("pm", {2020: 27.0, 2021: 25.0, 2022: 26.0}), as_of=2022)
    compared = comparison_table(compare(assessed, assessed), [""], "zh")
    assert compared["unit"].tolist() == ["μg/m³"]
    assert comparison_table(compare(assessed, assessed), [""], "en")["unit"].tolist() == ["μg/m³"]
    assert overview_table(assessed, "zh")["unit"].tolist() == ["μg/m³"]
