"""Signing in and what each role may do on every write path, through Streamlit's AppTest (issue 17).

The accounts (tests/accounts_helpers.py): wang (admin), li (department analyst of 县市场监督管理局),
zhao (viewer). Write paths: import (/data commit), restore, add a plan, saved scenarios, accounts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.accounts import Role, client_address, indicator_departments, trusted_proxies, update_account
from analytics.store import Store
from dashboard import data
from tests.accounts_helpers import MARKET, add_accounts, sign_in, use_cheap_hashes
from tests.conftest import switch

REPO = Path(__file__).resolve().parent.parent
RAISE_2024 = "指标,年份,数值\n3,2024,96.5%\n".encode("gbk")  # p14-03 only: 95.9 -> 96.5
TWO_INDICATORS = "指标,年份,数值\n3,2024,96.5%\n1,2024,7000\n".encode("gbk")  # p14-03 and p14-01


@pytest.fixture
def app(open_app, monkeypatch):
    use_cheap_hashes(monkeypatch)
    add_accounts(open_app.url)
    return open_app


def data_page(app, account: str | None) -> AppTest:
    at = app("data")
    if account is not None:
        sign_in(at, "data_signin", account)
    assert not at.exception, at.exception
    return at


def keys(elements) -> set[str]:
    return {e.key for e in elements if e.key}


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="upload_0").set_value((name, content, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


# --- what each role is shown ---------------------------------------------------------------------
# (role's account, may import, may add a plan, may restore, may save a scenario)
SHOWN = [
    (None, False, False, False, False),
    ("zhao", False, False, False, False),  # viewer: reads only
    ("li", True, False, False, True),  # department analyst
    ("wang", True, True, True, True),  # admin
]


@pytest.mark.parametrize("account, imports, adds_plan, restores, saves", SHOWN)
def test_each_role_is_shown_exactly_the_write_controls_it_may_use(app, account, imports, adds_plan, restores, saves):
    at = data_page(app, account)
    uploaders = keys(at.file_uploader)
    assert ("upload_0" in uploaders, "plan_upload" in uploaders, "restore_button" in keys(at.button)) == (
        imports,
        adds_plan,
        restores,
    )
    assert any("操作人" in d.value.columns for d in at.dataframe)  # everyone reads the history
    # Saving a scenario lives on /data too, behind the same sign-in.
    assert ("scenario_w.save" in keys(at.button), "scenario_w.name" in keys(at.text_input)) == (saves, saves)


def test_a_viewer_signed_in_sees_who_it_is_and_no_write_control_anywhere(app):
    at = data_page(app, "zhao")
    assert "已登录：赵查看（只读用户）" in [c.value for c in at.caption]
    assert not keys(at.file_uploader) and not {"commit_0", "restore_button", "plan_add"} & keys(at.button)
    at.button(key="data_signin_sign_out").click().run()
    assert "data_signin_name" in keys(at.text_input)  # signed out: the form again


# --- import: an analyst only for its own department's indicators ----------------------------------
def with_departments(monkeypatch, owners: dict[str, str]) -> None:
    """The catalog as the import page reads it, with the ``department`` column another change adds."""
    original = data.catalog
    monkeypatch.setattr(
        data, "catalog", lambda revision: original(revision).assign(department=lambda c: c["id"].map(owners))
    )


def test_an_analyst_imports_its_own_departments_indicators_and_none_of_anothers(app, monkeypatch):
    with_departments(monkeypatch, {"p14-03": MARKET, "p14-01": "县发展和改革局"})
    at = upload(data_page(app, "li"), "two.csv", TWO_INDICATORS)
    assert "commit_0" not in keys(at.button)
    # names only the refused indicator (escaped for Markdown: p14\-01 reads p14-01)
    assert [w.value for w in at.warning] == [r"不能执行：以下1项指标不属于县市场监督管理局负责，不能导入：p14\-01"]
    at = upload(data_page(app, "li"), "raise.csv", RAISE_2024)
    at.button(key="commit_0").click().run()
    assert not at.exception and Store(app.url).latest_revision() == 2
    assert Store(app.url).revisions().iloc[0][["author", "account"]].tolist() == ["李分析", "li"]


def test_without_a_department_column_an_analyst_imports_nothing_and_an_admin_everything(app):
    at = upload(data_page(app, "li"), "raise.csv", RAISE_2024)  # the stored catalog has no department yet
    assert "commit_0" not in keys(at.button)
    at = upload(data_page(app, "wang"), "raise.csv", RAISE_2024)
    at.button(key="commit_0").click().run()
    assert Store(app.url).latest_revision() == 2


def test_indicator_departments_read_the_catalog_column_and_treat_blank_or_missing_as_none():
    catalog = pd.DataFrame({"id": ["p14-01", "p14-02", "p14-03"], "department": [" 县统计局 ", "", None]})
    assert indicator_departments(catalog, ["p14-01", "p14-02", "p14-03", "p14-99"]) == {
        "p14-01": "县统计局",
        "p14-02": None,
        "p14-03": None,
        "p14-99": None,
    }
    assert indicator_departments(catalog.drop(columns="department"), ["p14-01"]) == {"p14-01": None}


# --- accounts: admins only -------------------------------------------------------------------------
def test_an_admin_adds_changes_and_disables_accounts_and_each_change_is_recorded(app):
    at = data_page(app, "wang")
    switch(at, "accounts")
    assert not at.exception, at.exception
    assert list(next(d.value for d in at.dataframe if "账号" in d.value.columns)["账号"]) == ["li", "wang", "zhao"]
    at.text_input(key="accounts_add_name").input("sun")
    at.text_input(key="accounts_add_display").input("孙科长")
    at.text_input(key="accounts_add_password").input("sun-password-44")
    at.button(key="accounts_add_submit").click().run()
    assert "已创建账号sun" in [s.value for s in at.success]
    at.selectbox(key="accounts_pick").select("sun").run()
    at.checkbox[0].check()
    at.button(key="accounts_change_sun_submit").click().run()
    assert not at.exception and "账号sun已更新" in [s.value for s in at.success]
    events = Store(app.url).account_events()
    assert events[["actor", "account", "event"]].values.tolist()[:2] == [
        ["wang", "sun", "disabled"],
        ["wang", "sun", "created"],
    ]
    # The last admin cannot disable itself: refused, nothing changed.
    at.selectbox(key="accounts_pick").select("wang").run()
    at.checkbox[0].check()
    at.button(key="accounts_change_wang_submit").click().run()
    assert any("唯一启用的管理员" in e.value for e in at.error)
    assert not Store(app.url).accounts(actor="t").get_by_name("wang").disabled


@pytest.mark.parametrize("account", ["li", "zhao"])
def test_analysts_and_viewers_cannot_manage_accounts(app, account):
    at = AppTest.from_file(str(REPO / "dashboard" / "pages" / "accounts.py"))  # the page, as if its URL were typed
    at.session_state["signed_in_account"] = account
    at.run()
    assert not at.exception, at.exception
    assert not at.dataframe and not keys(at.button) - {"accounts_signin_sign_out"}
    assert any("无权管理账号" in w.value for w in at.warning)


# --- sign-in state, lockout, single sign-on, read login ---------------------------------------------
def test_disabling_an_account_takes_effect_at_its_next_run(app):
    at = app("data")
    sign_in(at, "data_signin", "li")
    assert "scenario_w.save" in keys(at.button)
    repo = Store(app.url).accounts(actor="wang")
    update_account(repo, replace(repo.get_by_name("li"), disabled=True))
    at.run()
    assert "scenario_w.save" not in keys(at.button) and "data_signin_name" in keys(at.text_input)


def test_a_demoted_account_loses_the_write_at_once(app):
    at = upload(data_page(app, "li"), "raise.csv", RAISE_2024)
    repo = Store(app.url).accounts(actor="wang")
    update_account(repo, replace(repo.get_by_name("li"), role=Role.VIEWER, department=None))
    at.run()
    assert not keys(at.file_uploader) and Store(app.url).latest_revision() == 1


def test_one_accounts_lockout_leaves_other_accounts_signing_in(app, passcode_clock):
    li = app("data")
    for _ in range(3):
        sign_in(li, "data_signin", "li", "wrong-password")
    assert li.error[0].value.startswith("尝试过于频繁")  # the 2nd and 3rd tries come within li's back-off
    sign_in(li, "data_signin", "li")  # even the right password waits out the back-off
    assert "upload_0" not in keys(li.file_uploader)
    wang = app("data")  # another person, another account, at the same moment
    sign_in(wang, "data_signin", "wang")
    assert not wang.error and "upload_0" in keys(wang.file_uploader)
    passcode_clock.advance(1.0)  # li's one counted failure blocked it for 1 s
    sign_in(li, "data_signin", "li")
    assert "upload_0" in keys(li.file_uploader)


def test_behind_a_trusted_proxy_the_client_is_the_forwarded_address_and_otherwise_the_peer():
    proxies = trusted_proxies("10.0.0.1, ::1")
    assert client_address("10.0.0.1", "203.0.113.9, 198.51.100.7", proxies) == "198.51.100.7"  # the proxy's entry
    assert client_address("203.0.113.9", "1.2.3.4", proxies) == "203.0.113.9"  # an untrusted peer's header: ignored
    assert client_address("0:0:0:0:0:0:0:1", "198.51.100.7", proxies) == "198.51.100.7"  # ::1 written longhand
    assert client_address(None, "1.2.3.4", proxies) is None


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "plan",
    "client_secret": "s",
    "server_metadata_url": "https://idp.example/.well-known/openid",
}


def test_the_single_sign_on_button_appears_only_when_auth_is_configured(app):
    plain = app("data")
    assert "data_signin_sso" not in keys(plain.button)
    at = AppTest.from_file(str(plain._script_path), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.run()
    switch(at, "data")
    assert not at.exception, at.exception
    assert "data_signin_sso" in keys(at.button) and "data_signin_name" in keys(at.text_input)  # local too


def test_when_reading_needs_a_login_only_the_sign_in_form_shows_until_signed_in(app, monkeypatch):
    monkeypatch.setenv("PLAN_READ_REQUIRES_LOGIN", "true")
    at = app(None)
    assert "本系统要求登录后查看。" in [i.value for i in at.info] and not at.dataframe and not at.title
    assert "plan" not in keys(at.selectbox)  # not even the plans' names in the sidebar
    sign_in(at, "read_signin", "zhao")
    assert not at.exception and at.title and "plan" in keys(at.selectbox)  # the overview, for a viewer
