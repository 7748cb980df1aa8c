"""The /scenarios page and the what-if controls, through Streamlit's AppTest.

Demo data, as of 2024. At pace 200% four statuses change (hand-checked in tests/test_scenario.py
style): #18 Madrid trademarks, increments 2, 1, 2, 2 -> trend 1.75, x2 = 3.5 -> 7 + 3.5 = 10.5 against
10 with sd 0.559 (sigma^2 = 0.25, se^2 = 1/16, h = 1): P = P(T3 > -0.894) = 0.78 -> on track.
"""
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.scenario import Scenario, from_json
from analytics.store import Store
from tests.conftest import switch


@pytest.fixture
def app(open_app):
    """``app(page, query=..., passcode=...) -> AppTest``: new sessions on the test's copy of the demo database."""
    return open_app


def scenarios_page(app, **options) -> AppTest:
    at = app("scenarios", **options)
    assert not at.exception, at.exception
    return at


def comparison(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def changed_rows(at: AppTest) -> dict[int, tuple[str, str]]:
    table = comparison(at)
    marked = table[table["status_changed"] == "⚠️ 状态改变"]
    return {int(r.seq): (r.status_baseline, r.status_scenario) for r in marked.itertuples()}


def our_params(at: AppTest) -> dict:
    return {k: v for k, v in at.query_params.items() if k == "pace" or k.startswith("pace.") or k == "assume"}


def test_moving_the_pace_slider_changes_statuses_and_the_url(app):
    at = scenarios_page(app)
    assert changed_rows(at) == {} and our_params(at) == {}
    assert at.slider(key="scenario_w.pace").value == 100
    at.slider(key="scenario_w.pace").set_value(200).run()
    assert not at.exception
    assert our_params(at) == {"pace": "200"}
    assert changed_rows(at) == {
        9: ("🟠 存在风险", "🟢 进度正常"),
        14: ("🟠 存在风险", "🟢 进度正常"),
        18: ("🔴 进度滞后", "🟢 进度正常"),
        22: ("🟠 存在风险", "🟢 进度正常"),
    }
    assert "4项指标的状态因情景而改变。" in [w.value for w in at.warning]
    # The assumption used is shown per indicator: #18 at 2 x 1.75 a year.
    row = comparison(at).set_index("seq").loc[18]
    assert row["annual_change_assumed"] == pytest.approx(3.5) and row["assumption"] == "近期趋势×速度200%"
    assert row["probability_scenario"] == pytest.approx(0.781501, abs=1e-6)
    # Back to 100%: the URL is clean again.
    at.slider(key="scenario_w.pace").set_value(100).run()
    assert our_params(at) == {} and changed_rows(at) == {}


def test_an_indicator_assumption_wins_and_is_labelled_with_unit_and_trend(app):
    at = scenarios_page(app)
    box = at.number_input(key="scenario_w.assume.p14-03")
    # The fitted logit drift over 2024-2025, in points: +0.31 a year.
    assert box.label == "3. 制造业产品质量平均合格率（%/年；近期趋势+0.31）" and box.value is None
    assert box.placeholder == "近期趋势 +0.31"
    pm25 = at.number_input(key="scenario_w.assume.p14-26")
    assert pm25.label == r"26. 城市细颗粒物\(PM2\.5\)平均浓度（µg/m3/年，越低越好；近期趋势-0.25）"  # name escaped
    water = at.number_input(key="scenario_w.assume.p14-24")
    assert "保持水平每年变化" in water.label  # maintain-type: the assumption moves the level held
    box.set_value(0.05).run()
    assert our_params(at) == {"assume": "p14-03:0.05"}
    # 95.9 + 0.05 misses 96 (it needs +0.1): on track -> off track.
    assert changed_rows(at) == {3: ("🟢 进度正常", "🔴 进度滞后")}
    at.number_input(key="scenario_w.assume.p14-03").set_value(None).run()
    assert our_params(at) == {}


def test_a_link_with_query_params_reproduces_the_scenario(app):
    moved = scenarios_page(app)
    moved.slider(key="scenario_w.pace").set_value(200).run()
    moved.slider(key="scenario_w.pace.product").set_value(50).run()
    moved.number_input(key="scenario_w.assume.p14-26").set_value(-0.5).run()
    link = our_params(moved)
    assert link == {"pace": "200", "pace.product": "50", "assume": "p14-26:-0.5"}
    opened = app("overview", query=link)  # a new session, arriving on the overview
    assert any("整体速度200%" in i.value for i in opened.info)  # the overview says a scenario applies
    switch(opened, "scenarios")
    assert opened.slider(key="scenario_w.pace").value == 200
    assert opened.slider(key="scenario_w.pace.product").value == 50
    assert opened.number_input(key="scenario_w.assume.p14-26").value == -0.5
    pd.testing.assert_frame_equal(comparison(opened), comparison(moved))


def test_garbage_in_the_url_is_ignored_and_cleaned(app):
    at = scenarios_page(app, query={"pace": "abc", "pace.product": "999", "assume": "p14-03:x,<b>:1", "lang": "en"})
    assert at.slider(key="scenario_w.pace").value == 100
    assert our_params(at) == {} and at.query_params.get("lang") == "en"
    assert comparison(at)["status_changed"].eq("— unchanged").all()


def test_domain_page_slider_moves_its_cards_and_the_url(app):
    at = app("product")
    next(group for group in at.button_group if group.label == "主题").set_value("standards").run()  # #8-11
    title = r"**9. 主导制定“浙江制造”标准\(累计\)**"  # the name is catalog text: escaped for Markdown
    assert f"{title}\u2003🟠 存在风险" in [m.value for m in at.markdown]  # each card's title, then its status
    at.slider(key="scenario_w.pace.product").set_value(200).run()
    assert not at.exception and our_params(at) == {"pace.product": "200"}
    # 25 + 2 x 3 = 31 >= 28: at risk -> on track, and the page says a scenario applies.
    assert f"{title}\u2003🟢 进度正常" in [m.value for m in at.markdown]
    # ... exactly once (the notice used to be drawn twice on domain pages).
    assert sum("产品质量200%" in i.value for i in at.info) == 1
    # The scenario follows the reader to the overview, URL included.
    switch(at, "overview")
    assert our_params(at) == {"pace.product": "200"}


def test_indicator_controls_show_trend_and_what_it_takes(app):
    def page():  # PLAN_DB_URL names the test's database
        import streamlit as st

        from dashboard import scenarios

        scenarios.render_indicator_controls("p14-03")
        st.write(repr(scenarios.current_annual_change(notice=False)))

    at = AppTest.from_function(page, default_timeout=90)
    at.run()
    assert not at.exception
    caption = at.caption[0].value
    # Trend +0.310 a year; to meet 96 from 95.9 in one year: +0.1; for P >= 0.75: 0.143502, shown
    # rounded up to 3 figures, +0.144 (it used to show +0.14, which typed in falls short of 75%).
    assert caption == "近期趋势（每年）: +0.31 % · 预测达标所需年变化: +0.1 % · 概率≥75%所需年变化: +0.144 %"
    at.number_input(key="scenario_w.assume.p14-03").set_value(0.2).run()
    assert at.query_params == {"assume": "p14-03:0.2"}
    assert at.markdown[-1].value == "(('p14-03', 0.2),)"


def test_a_saved_scenario_reloads_identically(app):
    at = scenarios_page(app)
    at.slider(key="scenario_w.pace").set_value(150).run()
    at.number_input(key="scenario_w.assume.p14-03").set_value(0.05).run()
    before, params = comparison(at), our_params(at)
    at.text_input(key="scenario_w.name").input("快一半")
    at.text_input(key="scenario_w.author").input("李工")
    at.button(key="scenario_w.save").click().run()
    assert "已保存情景“快一半”。" in [s.value for s in at.success]
    saved = Store(app.url).scenarios()
    assert list(saved["name"]) == ["快一半"] and list(saved["author"]) == ["李工"]
    assert from_json(saved["assumptions"][0]) == Scenario.of(1.5, assume={"p14-03": 0.05})
    at.button(key="scenario_w.reset").click().run()
    assert at.slider(key="scenario_w.pace").value == 100 and our_params(at) == {}
    at.selectbox(key="scenario_w.chosen").select("快一半")
    at.button(key="scenario_w.load").click().run()
    assert not at.exception
    assert "已载入情景“快一半”。" in [s.value for s in at.success]
    assert at.slider(key="scenario_w.pace").value == 150
    assert at.number_input(key="scenario_w.assume.p14-03").value == 0.05
    assert our_params(at) == params
    pd.testing.assert_frame_equal(comparison(at), before)


def test_saving_and_deleting_need_the_passcode(app, passcode_clock):
    at = scenarios_page(app, passcode="海盐-2025")
    at.slider(key="scenario_w.pace").set_value(150).run()
    at.text_input(key="scenario_w.name").input("快一半")
    at.text_input(key="scenario_w.passcode").input("guess")
    at.button(key="scenario_w.save").click().run()
    assert any("口令错误" in e.value for e in at.error)
    assert Store(app.url).scenarios().empty
    passcode_clock.advance(1.0)  # the first wrong passcode blocks writes for 1 s
    at.text_input(key="scenario_w.passcode").input("海盐-2025")
    at.button(key="scenario_w.save").click().run()
    assert list(Store(app.url).scenarios()["name"]) == ["快一半"]
    at.button(key="scenario_w.delete").click().run()
    assert not at.exception and Store(app.url).scenarios().empty
    assert "已删除情景“快一半”。" in [s.value for s in at.success]


def test_page_reads_in_english(app):
    # Opened from a link (AppTest loses ?lang=en on a rerun after a page switch: app.py's
    # language control, not this page, so every English check here is on the first run).
    at = scenarios_page(app, query={"lang": "en", "pace": "200"})
    assert at.title[0].value == "What-if scenarios"
    assert at.slider(key="scenario_w.pace").label == "Overall pace (relative to the recent trend)"
    assert at.slider(key="scenario_w.pace").value == 200
    assert at.slider(key="scenario_w.pace.environment").label == (
        "Environmental quality: pace · Average urban fine-particulate (PM2.5) concentration: lower is better, "
        "so a higher pace means falling faster"
    )
    table = comparison(at).set_index("seq")
    assert set(table["status_changed"]) == {"⚠️ Status changed", "— unchanged"}
    assert table.loc[18, ["status_baseline", "status_scenario"]].tolist() == ["🔴 Off track", "🟢 On track"]
    assert "The scenario changes the status of 4 indicators." in [w.value for w in at.warning]


def test_a_scenario_name_typed_as_a_link_is_shown_as_text(app):
    # Streamlit renders st.success/st.error bodies as Markdown: the name must arrive escaped,
    # "\[官方数据下载\]\(https://evil\.example\)", so no live link is drawn.
    name = "[官方数据下载](https://evil.example)"
    escaped = r"\[官方数据下载\]\(https\://evil\.example\)"
    at = scenarios_page(app)
    at.slider(key="scenario_w.pace").set_value(150).run()
    at.text_input(key="scenario_w.name").input(name)
    at.button(key="scenario_w.save").click().run()
    assert [s.value for s in at.success] == [f"已保存情景“{escaped}”。"]
    assert list(Store(app.url).scenarios()["name"]) == [name]  # stored as typed
    at.button(key="scenario_w.save").click().run()  # again, without "replace": it exists
    assert [e.value for e in at.error] == [f"情景“{escaped}”已存在（可选择覆盖）"]
    at.selectbox(key="scenario_w.chosen").select(name)
    at.button(key="scenario_w.load").click().run()
    assert [s.value for s in at.success] == [f"已载入情景“{escaped}”。"]
    for element in [*at.success, *at.error]:
        assert "](" not in element.value.replace(r"\]\(", "")
