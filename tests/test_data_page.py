"""The /data page in Streamlit's AppTest: upload -> problems or preview -> commit -> history -> restore.

Writes need a signed-in account (issue 17): unless a test says otherwise it signs in as the admin
wang (tests/accounts_helpers.py), whose display name is what the history records as the author.

AppTest (Streamlit 1.67) drives ``st.file_uploader`` directly: ``at.file_uploader[0].set_value((name, bytes,
mime))`` hands the page real bytes, so the same path as a browser upload is exercised.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from tests.accounts_helpers import add_accounts, sign_in, use_cheap_hashes
from tests.conftest import switch

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
RAISE_2024 = "指标,年份,数值\n3,2024,96.5%\n".encode("gbk")  # p14-03: 95.9 -> 96.5, above the target 96


@pytest.fixture
def app(open_app, monkeypatch):
    """Sessions of the app on the test's own copy of the demo database, which has the accounts
    wang (admin), li (department analyst) and zhao (viewer)."""
    use_cheap_hashes(monkeypatch)
    add_accounts(open_app.url)
    return open_app


def open_data_page(app, *, account: str | None = "wang", **options) -> AppTest:
    """The /data page, signed in as ``account`` (none: ``None``)."""
    at = app("data", **options)
    if account is not None:
        sign_in(at, "data_signin", account)
    assert not at.exception
    return at


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, content, "application/octet-stream")).run()
    assert not at.exception
    return at


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_a_bad_file_shows_every_problem_together_and_writes_nothing(app):
    at = upload(open_data_page(app), "many_problems_gbk.csv", (DATA / "bad" / "many_problems_gbk.csv").read_bytes())
    problems = frame_with(at, "代码")
    assert list(problems["行"]) == [1, 2, 3, 4, 5]
    assert list(problems["代码"]) == [
        "ignored_column",
        "not_a_number",
        "unknown_indicator",
        "negative_count",
        "value_out_of_range",
    ]
    assert at.subheader[1].value == "发现4个错误、1个警告"
    assert [e.value for e in at.error] == ["请改正以上全部错误后重新上传；在此之前不会写入任何数据。"]
    assert not any(b.label == "提交为新版本" for b in at.button)
    assert Store(app.url).latest_revision() == 1


def test_a_png_renamed_csv_is_refused_in_english(app):
    at = upload(open_data_page(app, lang="en"), "chart.csv", (DATA / "bad" / "png_renamed.csv").read_bytes())
    problems = frame_with(at, "Code")
    assert list(problems["Code"]) == ["binary_file"]
    assert problems["Message"][0].startswith("File chart.csv is not a CSV or Excel (.xlsx) table")


def test_upload_preview_commit_then_dashboards_show_it_then_restore(app):
    at = upload(open_data_page(app), "raise.csv", RAISE_2024)
    changes = frame_with(at, "原值")
    assert changes[["序号", "年份", "原值", "新值", "变化"]].values.tolist() == [[3, 2024, "95.9", "96.5", "修改"]]
    statuses = frame_with(at, "提交后（2024年）")
    # worded as the dashboards word it: a met level target must hold through 2025
    assert statuses.values.tolist() == [[3, "制造业产品质量平均合格率", "🟢 进度正常", "✅ 已达标，需保持至2025年"]]
    at.text_input(key="note_0").input("县统计局")
    at.button(key="commit_0").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["已提交为版本2：新增0行，修改1行。各页面已显示新数据。"]
    store = Store(app.url)
    latest = store.revisions().iloc[0]
    assert latest[["id", "author", "account", "note", "file_name"]].tolist() == [
        2,
        "王主任",
        "wang",
        "县统计局",
        "raise.csv",
    ]
    assert at.file_uploader[0].value is None  # the uploader starts empty for the next file
    history = frame_with(at, "操作人")
    assert list(history["版本"]) == [2, 1] and list(history["操作"]) == ["导入", "初始数据"]
    assert list(history["操作人"]) == ["wang (王主任)", "系统"]  # the account, and the seed (the app itself) in words

    switch(at, "overview")
    overview = next(d.value for d in at.dataframe if "latest" in d.value.columns)
    row = overview[overview["seq"] == 3].iloc[0]
    assert (row["latest"], row["status"]) == ("96.5 (2024)", "✅ 已达标，需保持至2025年")

    switch(at, "data")
    at.selectbox(key="data_revision_pick").select(1).run()
    at.button(key="restore_button").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["已恢复：新版本3与版本1的数据相同。"]
    pd.testing.assert_frame_equal(
        store.observations().drop(columns="revision_id"), store.observations(revision=1).drop(columns="revision_id")
    )
    switch(at, "overview")
    overview = next(d.value for d in at.dataframe if "latest" in d.value.columns)
    assert overview[overview["seq"] == 3].iloc[0]["latest"] == "95.9 (2024)"


def test_warnings_must_be_confirmed_before_a_commit(app):
    at = upload(open_data_page(app), "decrease.csv", (DATA / "bad" / "cumulative_decrease.csv").read_bytes())
    assert list(frame_with(at, "代码")["级别"]) == ["警告", "警告"]
    at.button(key="commit_0").click().run()
    assert [e.value for e in at.error] == ["请先勾选确认警告。"] and Store(app.url).latest_revision() == 1
    at.checkbox(key="confirm_0").check().run()
    at.button(key="commit_0").click().run()
    assert Store(app.url).latest_revision() == 2


def test_a_multi_sheet_workbook_offers_a_sheet_picker(app):
    at = upload(open_data_page(app), "multi.xlsx", (DATA / "good" / "multi_sheet.xlsx").read_bytes())
    picker = at.selectbox(key="sheet_0")
    assert picker.options == ["说明", "数据"] and list(frame_with(at, "代码")["代码"]) == ["missing_column"] * 3
    picker.select("数据").run()
    assert frame_with(at, "原值")["新值"].tolist()[:2] == ["95.1", "95.4"]


def test_without_signing_in_the_page_says_so_and_offers_no_write(app):
    at = open_data_page(app, account=None)
    assert "修改数据需要先登录。" in [i.value for i in at.info]
    assert len(at.file_uploader) == 0
    assert not any(b.key in ("commit_0", "restore_button", "plan_add") for b in at.button)


def test_the_deprecated_passcode_signs_in_as_admin_only_until_an_admin_account_exists(open_app, passcode_clock):
    # open_app without the accounts: this install has only PLAN_ADMIN_PASSCODE, as before issue 17.
    at = open_app("data", passcode="海盐-2025")
    hint = "尚无管理员账号：可暂用共享口令登录，账号填 passcode，密码填口令（已弃用）。"
    assert hint in [c.value for c in at.caption]
    sign_in(at, "data_signin", "passcode", "guess")
    assert [e.value for e in at.error] == ["账号名或密码错误，请1秒后再试"] and len(at.file_uploader) == 0
    # Within the second after a failure even the right passcode is refused (the clock stands still).
    sign_in(at, "data_signin", "passcode", "海盐-2025")
    assert [e.value for e in at.error] == ["尝试过于频繁，请1秒后再试"] and len(at.file_uploader) == 0
    passcode_clock.advance(1.0)
    sign_in(at, "data_signin", "passcode", "海盐-2025")
    assert any("已弃用的共享口令" in w.value for w in at.warning)
    upload(at, "raise.csv", RAISE_2024)
    at.button(key="commit_0").click().run()
    assert [s.value for s in at.success] == ["已提交为版本2：新增0行，修改1行。各页面已显示新数据。"]
    assert Store(open_app.url).revisions().iloc[0][["author", "account"]].tolist() == ["passcode", "passcode"]
    # Once an admin account exists the passcode opens nothing, even in a session already signed in with it.
    add_accounts(open_app.url)
    at.run()
    assert len(at.file_uploader) == 0 and "修改数据需要先登录。" in [i.value for i in at.info]
    assert not any("passcode" in c.value for c in at.caption)  # and the form no longer mentions it


def test_a_commit_after_another_analysts_commit_is_refused_until_the_new_preview_is_seen(app):
    at = upload(open_data_page(app), "raise.csv", RAISE_2024)
    assert frame_with(at, "原值")[["原值", "新值"]].values.tolist() == [["95.9", "96.5"]]
    # Another analyst commits p14-03 2024 = 96.1 while this preview (against revision 1) is on screen.
    Store(app.url).commit_observations(
        pd.DataFrame({"indicator_id": ["p14-03"], "year": [2024], "value": [96.1]}), author="乙"
    )
    at.button(key="commit_0").click().run()
    assert [e.value for e in at.error] == [
        "未写入：预览之后数据已被他人更新（预览基于版本1，现在是版本2），未写入任何数据；请查看新的预览后再提交"
    ]
    assert Store(app.url).latest_revision() == 2
    assert frame_with(at, "原值")[["原值", "新值"]].values.tolist() == [["96.1", "96.5"]]  # the new preview
    at.button(key="commit_0").click().run()
    assert [s.value for s in at.success] == ["已提交为版本3：新增0行，修改1行。各页面已显示新数据。"]
    assert Store(app.url).observations().set_index(["indicator_id", "year"]).loc[("p14-03", 2024), "value"] == 96.5


def test_uploads_and_the_template_follow_the_plan_chosen_in_the_sidebar(app):
    from analytics.catalog_ingest import load_catalog_file

    p14 = (REPO / "data" / "catalog_p14.csv").read_text(encoding="utf-8")
    p15 = (
        p14.replace("p14", "p15")
        .replace(",2025,", ",2030,")
        .replace(",2020,", ",2025,")
        .replace("十四五", "十五五")
        .replace("2021-2025", "2026-2030")
    )
    indicators, problems = load_catalog_file(p15.encode(), "catalog_p15.csv")
    assert problems == []
    Store(app.url).add_plan(indicators, author="规划科")  # revision 2
    at = open_data_page(app)
    # the plan's name is catalog text: escaped for Markdown (2026\-2030)
    assert next(i.value for i in at.info if "规划" in i.value).startswith(
        "序号和指标名称按侧栏所选规划识别：海盐县质量发展“十五五”规划（2026\\-2030年）（p15）"
    )
    at.selectbox(key="plan").select("p14").run()
    assert next(i.value for i in at.info if "规划" in i.value).startswith(
        "序号和指标名称按侧栏所选规划识别：海盐县质量发展“十四五”规划（2021\\-2025年）（p14）"
    )
    # 2025 is p14's target year and p15's baseline year: number 3 must mean p14-03 here.
    upload(at, "one.csv", "指标,年份,数值\n3,2025,96\n".encode("gbk"))
    at.button(key="commit_0").click().run()
    assert not at.exception and Store(app.url).latest_revision() == 3
    assert Store(app.url).revision_rows(3)[["indicator_id", "year"]].values.tolist() == [["p14-03", 2025]]


def test_streamlit_refuses_huge_uploads_but_lets_ours_explain_files_just_over_5_mb():
    import tomllib

    from analytics.ingest import MAX_FILE_BYTES

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 10  # MB, Streamlit's own limit (default 200)
    assert config["server"]["maxUploadSize"] * 1024 * 1024 > MAX_FILE_BYTES  # 10 MB > 5 MB
    assert config["browser"]["gatherUsageStats"] is False and config["client"]["toolbarMode"] == "viewer"


def p15_catalog() -> bytes:
    """The 14th plan's catalog moved on five years: a well-formed 15th plan."""
    p14 = (REPO / "data" / "catalog_p14.csv").read_text(encoding="utf-8")
    return p14.replace("p14", "p15").replace(",2025,", ",2030,").replace(",2020,", ",2025,").encode("utf-8")


def test_a_new_plan_is_checked_previewed_and_added_by_an_admin_only(app):
    assert not any(u.key == "plan_upload" for u in open_data_page(app, account="li").file_uploader)  # an analyst
    at = open_data_page(app)
    at.file_uploader(key="plan_upload").set_value(("catalog_p15.csv", p15_catalog(), "text/csv")).run()
    assert not at.exception
    assert "检查通过：规划p15，26个指标。" in [m.value for m in at.markdown]
    assert frame_with(at, "name_zh")["id"].tolist()[:2] == ["p15-01", "p15-02"]
    at.button(key="plan_add").click().run()
    assert [s.value for s in at.success] == ["已添加规划p15（26个指标），版本2。"]
    store = Store(app.url)
    assert store.latest_revision() == 2 and set(store.catalog()["plan"]) == {"p13", "p14", "p15"}


def test_an_impossible_catalog_is_refused_on_the_page_and_adds_nothing(app):
    at = open_data_page(app)
    content = (DATA / "bad" / "catalog_impossible.csv").read_bytes()
    at.file_uploader(key="plan_upload").set_value(("catalog_bad.csv", content, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["请改正以上全部错误后重新上传；在此之前不会写入任何数据。"]
    assert frame_with(at, "代码")["代码"].tolist()  # every problem listed, with its code
    assert not any(b.label.startswith("添加规划") for b in at.button)
    assert Store(app.url).latest_revision() == 1
