"""The /scenarios page and the what-if controls, through Streamlit's AppTest.

Demo data, as of 2024. At pace 200% four statuses change (hand-checked in tests/test_scenario.py
style): #18 Madrid trademarks, increments 2, 1, 2, 2 -> trend 1.75, x2 = 3.5 -> 7 + 3.5 = 10.5 against
10 with sd 0.559 (sigma^2 = 0.25, se^2 = 1/16, h = 1): P = P(T3 > -0.894) = 0.78 -> on track.
"""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.catalog import DOMAINS
from analytics.labels import text
from analytics.scenario import Scenario, from_json
from analytics.store import Store
from dashboard.scenarios import OVERRIDES
from tests.accounts_helpers import add_accounts, sign_in, use_cheap_hashes
from tests.conftest import switch


@pytest.fixture
def app(open_app, monkeypatch):
    """``app(page, query=..., passcode=...) -> AppTest``: new sessions on the test's copy of the demo database,
    which has the accounts of tests/accounts_helpers.py (li: a department analyst, who may save scenarios)."""
    use_cheap_hashes(monkeypatch)
    add_accounts(open_app.url)
    return open_app


def scenarios_page(app, **options) -> AppTest:
    at = app("scenarios", **options)
    assert not at.exception, at.exception
    return at


def open_overrides(at: AppTest) -> AppTest:
    """Open the per-indicator overrides, as a click on their expander does (its inputs are drawn only while open)."""
    at.session_state[OVERRIDES] = True
    return at.run()


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
        11: ("🔴 进度滞后", "🟠 存在风险"),
        14: ("🟠 存在风险", "🟢 进度正常"),
        19: ("🟠 存在风险", "🟢 进度正常"),
        22: ("🟠 存在风险", "🟢 进度正常"),
    }
    assert "5项指标的状态因情景而改变。" in [w.value for w in at.warning]
    # The assumption used is shown per indicator. #18: additions 2, 1, 2, 2 (S = 7 over 4 years, dispersion 1):
    # trend (7 + 1/2) / 4 = 1.875; step (10 - 0) / 5 = 2; at 200% c = 1.875 + 2 = 3.875. One year left, 3 to go:
    # NB with p = 0.8, r = 3.875 x 0.8 / 0.2 = 15.5: P0 = 0.8^15.5 = 0.031470, P1 = 15.5 x 0.2 x P0 = 0.097557,
    # P2 = 15.5 x 16.5 / 2 x 0.04 x P0 = 0.160968; P(>= 3) = 1 - 0.289995 = 0.710005: still at risk (< 0.75).
    row = comparison(at).set_index("seq").loc[18]
    assert row["annual_change_assumed"] == pytest.approx(3.875)
    assert row["assumption"] == "速度200%（近期趋势加减规划年均步幅）"
    assert row["probability_scenario"] == pytest.approx(0.710005, abs=1e-5)
    # Back to 100%: the URL is clean again.
    at.slider(key="scenario_w.pace").set_value(100).run()
    assert our_params(at) == {} and changed_rows(at) == {}


def test_an_indicator_assumption_wins_and_is_labelled_with_unit_and_trend(app):
    at = open_overrides(scenarios_page(app))
    box = at.number_input(key="scenario_w.assume.p14-03")
    # Theil-Sen slope of 94.4, 94.9, 95.3, 95.6, 95.9 is 0.3625, the pace around the median 95.3 (4.7 from
    # 100); with 4.1 left it slows over the one year left: 100 - 4.1 exp(-0.3625 / 4.7) = 96.2043, +0.304 a year.
    assert box.label == "3. 制造业产品质量平均合格率（%/年；近期趋势+0.3）" and box.value is None
    assert box.placeholder == "近期趋势 +0.3"
    pm25 = at.number_input(key="scenario_w.assume.p14-26")
    # PM2.5 27, 25, 24, 27, 26: the median of the ten pairwise slopes is (-0.25 + 0) / 2 = -0.125 (name escaped).
    assert pm25.label == r"26. 城市细颗粒物\(PM2\.5\)平均浓度（μg/m³/年，越低越好；近期趋势-0.12）"
    water = at.number_input(key="scenario_w.assume.p14-24")
    assert "保持水平每年变化" in water.label  # maintain-type: the assumption moves the level held
    box.set_value(0.05).run()
    assert our_params(at) == {"assume": "p14-03:0.05"}
    # Trend: 95.9 + 0.29 = 96.19, P(T3 > -0.19 / 0.108253) = 0.91, on track. Assumed +0.05: 95.95 misses 96
    # (it needs +0.1), P(T3 > 0.05 / 0.108253) = 0.34: at risk.
    assert changed_rows(at) == {3: ("🟢 进度正常", "🟠 存在风险")}
    at.number_input(key="scenario_w.assume.p14-03").set_value(None).run()
    assert our_params(at) == {}


def test_the_overrides_are_drawn_while_open_and_open_when_one_is_in_force(app):
    at = scenarios_page(app)
    [expander] = [e for e in at.expander if e.label == text("scenario.overrides", "zh")]
    assert not expander.proto.expanded and len(at.number_input) == 0  # folded away: not drawn at all
    open_overrides(at)
    assert len(at.number_input) == 26  # the demo plan's 26 indicators are all quantitative
    at.number_input(key="scenario_w.assume.p14-03").set_value(0.05).run()
    at.session_state[OVERRIDES] = False  # closed by hand on the override it shows: it stays closed ...
    at.run()
    at.slider(key="scenario_w.pace").set_value(150).run()
    assert len(at.number_input) == 0 and our_params(at) == {"pace": "150", "assume": "p14-03:0.05"}
    # ... and the comparison still says which assumption is used: #3's own, the others' the pace.
    assumptions = comparison(at).set_index("seq")["assumption"]
    assert assumptions[3] == "逐项假设" and assumptions[18] == "速度150%（近期趋势加减规划年均步幅）"
    at = switch(at, "overview")
    at = switch(at, "scenarios")  # back: the override in force is shown, open
    assert at.number_input(key="scenario_w.assume.p14-03").value == 0.05
    linked = scenarios_page(app, query={"assume": "p14-26:-0.5"})  # a link with an override opens on it
    assert linked.number_input(key="scenario_w.assume.p14-26").value == -0.5


def test_a_link_with_query_params_reproduces_the_scenario(app):
    moved = scenarios_page(app)
    moved.slider(key="scenario_w.pace").set_value(200).run()
    moved.slider(key="scenario_w.pace.product").set_value(50).run()
    open_overrides(moved).number_input(key="scenario_w.assume.p14-26").set_value(-0.5).run()
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
    # Trend 0.3625 slowed to 0.304 for the one year left (100 - 4.1 exp(-0.3625 / 4.7) = 96.2043); to meet 96
    # from 95.9 in one year: +0.1; for P >= 0.75
    # the centre must reach 96 + t(0.75; 3) x sd = 96 + 0.76489 x 0.108253 = 96.0828: +0.1828, shown rounded
    # up to 3 figures, +0.183 (rounded to nearest it could fall short of 75%).
    assert caption == "近期趋势（每年）: +0.304 % · 预测达标所需年变化: +0.1 % · 概率≥75%所需年变化: +0.183 %"
    at.number_input(key="scenario_w.assume.p14-03").set_value(0.2).run()
    assert at.query_params == {"assume": "p14-03:0.2"}
    assert at.markdown[-1].value == "(('p14-03', 0.2),)"


def test_a_saved_scenario_reloads_identically(app):
    at = scenarios_page(app)
    at.slider(key="scenario_w.pace").set_value(150).run()
    open_overrides(at).number_input(key="scenario_w.assume.p14-03").set_value(0.05).run()
    before, params = comparison(at), our_params(at)
    at = switch(at, "data")  # saving is a write: on the analysts' page, of the scenario in force
    assert any(c.value.startswith("将保存当前情景：") for c in at.caption)
    sign_in(at, "data_signin", "li")
    at.text_input(key="scenario_w.name").input("快一半")
    at.button(key="scenario_w.save").click().run()
    assert "已保存情景“快一半”。" in [s.value for s in at.success]
    saved = Store(app.url).scenarios()
    assert list(saved["name"]) == ["快一半"] and saved[["author", "account"]].values.tolist() == [["李分析", "li"]]
    assert from_json(saved["assumptions"][0]) == Scenario.of(1.5, assume={"p14-03": 0.05})
    at = switch(at, "scenarios")
    at.button(key="scenario_w.reset").click().run()
    assert at.slider(key="scenario_w.pace").value == 100 and our_params(at) == {}
    at.session_state[OVERRIDES] = False  # closed: loading a scenario with an override opens it again
    at.run()
    assert len(at.number_input) == 0
    at.selectbox(key="scenario_w.chosen").select("快一半")
    at.button(key="scenario_w.load").click().run()
    assert not at.exception
    assert "已载入情景“快一半”。" in [s.value for s in at.success]
    assert at.slider(key="scenario_w.pace").value == 150
    assert at.number_input(key="scenario_w.assume.p14-03").value == 0.05
    assert our_params(at) == params
    pd.testing.assert_frame_equal(comparison(at), before)


def test_saving_and_deleting_need_an_account_that_may_save_scenarios(app, passcode_clock):
    at = scenarios_page(app)
    at.slider(key="scenario_w.pace").set_value(150).run()
    at = switch(at, "data")
    assert not any(b.key == "scenario_w.save" for b in at.button)  # nobody signed in: no save control
    sign_in(at, "data_signin", "li", "guess")
    assert [e.value for e in at.error] == ["账号名或密码错误，请1秒后再试"]
    assert not any(b.key == "scenario_w.save" for b in at.button) and Store(app.url).scenarios().empty
    passcode_clock.advance(1.0)  # the first wrong password blocks this account and address for 1 s
    sign_in(at, "data_signin", "li")
    at.text_input(key="scenario_w.name").input("快一半")
    at.button(key="scenario_w.save").click().run()
    assert list(Store(app.url).scenarios()["name"]) == ["快一半"]
    at.button(key="scenario_w.delete").click().run()
    assert not at.exception and Store(app.url).scenarios().empty
    assert "已删除情景“快一半”。" in [s.value for s in at.success]


def test_the_scenarios_page_has_no_write_controls_or_passcode_notice(app):
    # Leader pages carry no analyst warnings or write buttons: saving and deleting live on /data.
    at = scenarios_page(app)
    assert [
        k
        for k in ("scenario_w.save", "scenario_w.delete", "scenario_w.passcode", "scenario_w.name")
        if k in at.session_state
    ] == []
    assert text("access.open", "zh") not in [i.value for i in at.info]
    assert [b.label for b in at.button] == [text("scenario.reset", "zh")]  # reset only (load: none saved yet)


def test_the_sliders_show_the_scenario_in_force_after_a_page_switch(app):
    # The trust bug of issue 14: 150% set here read 0% on 环境质量 and back, while 150% was in force.
    at = scenarios_page(app)
    at.slider(key="scenario_w.pace").set_value(150).run()
    at = switch(at, "environment")
    assert not at.exception
    assert at.slider(key="scenario_w.pace").value == 150
    assert at.slider(key="scenario_w.pace.environment").value == 100  # its own pace untouched: 100%
    at = switch(at, "scenarios")
    assert at.slider(key="scenario_w.pace").value == 150
    assert [at.slider(key=f"scenario_w.pace.{d}").value for d in DOMAINS] == [100] * len(DOMAINS)
    assert our_params(at) == {"pace": "150"}
    # Moved on the domain page, the move shows back here too.
    at = switch(at, "environment")
    at.slider(key="scenario_w.pace.environment").set_value(50).run()
    at = switch(at, "scenarios")
    assert at.slider(key="scenario_w.pace.environment").value == 50 and at.slider(key="scenario_w.pace").value == 150
    assert our_params(at) == {"pace": "150", "pace.environment": "50"}


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
    # #22: 87.5, 88.0, 88.6, 89.1, 89.5; Theil-Sen 0.5 around the median 88.6 (11.4 from 100), slowed with
    # 10.5 left: 100 - 10.5 exp(-0.5 / 11.4) = 89.9506, below 90: P(T3 > 0.0494 / 0.091287) = 0.31, at risk.
    # At 200%, + step (90 - 87.5) / 5 = 0.5: 89.5 + 0.9506 = 90.45, P(T3 > -4.94) = 0.99 (sd^2 = 0.02 / 3 x 1.25).
    assert table.loc[22, ["status_baseline", "status_scenario"]].tolist() == ["🟠 At risk", "🟢 On track"]
    assert "The scenario changes the status of 5 indicators." in [w.value for w in at.warning]


def test_a_scenario_name_typed_as_a_link_is_shown_as_text(app):
    # Streamlit renders st.success/st.error bodies as Markdown: the name must arrive escaped,
    # "\[官方数据下载\]\(https://evil\.example\)", so no live link is drawn.
    name = "[官方数据下载](https://evil.example)"
    escaped = r"\[官方数据下载\]\(https\://evil\.example\)"
    at = scenarios_page(app)
    at.slider(key="scenario_w.pace").set_value(150).run()
    at = switch(at, "data")
    sign_in(at, "data_signin", "li")
    at.text_input(key="scenario_w.name").input(name)
    at.button(key="scenario_w.save").click().run()
    assert [s.value for s in at.success] == [f"已保存情景“{escaped}”。"]
    assert list(Store(app.url).scenarios()["name"]) == [name]  # stored as typed
    at.button(key="scenario_w.save").click().run()  # again, without "replace": it exists
    assert [e.value for e in at.error] == [f"情景“{escaped}”已存在（可选择覆盖）"]
    at = switch(at, "scenarios")
    at.selectbox(key="scenario_w.chosen").select(name)
    at.button(key="scenario_w.load").click().run()
    assert [s.value for s in at.success] == [f"已载入情景“{escaped}”。"]
    for element in [*at.success, *at.error]:
        assert "](" not in element.value.replace(r"\]\(", "")
