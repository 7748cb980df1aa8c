"""Accounts in the database and on the command line (issue 17): the SQL repository behaves as the
in-memory one on SQLite and PostgreSQL, every change is an audit event without any password or
hash, and ``python -m analytics user ...`` creates the first admin from a password read safely."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from argon2 import PasswordHasher

from analytics.accounts import Role, Throttle, authenticate, change_password, create_account, update_account
from analytics.accounts import passwords as passwords_module
from analytics.accounts.errors import AccountExists, EmailInUse, LastAdmin, UnknownAccount
from analytics.store import Store
from tests.helpers import run_cli

MARKET = "县市场监督管理局"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """A cheap Argon2id (1 pass over 8 KiB): these tests are about storage, not hash strength."""
    monkeypatch.setattr(passwords_module, "DEFAULT_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_the_sql_repository_finds_names_and_emails_ignoring_case_and_width(db_url):
    repo = Store(db_url).accounts(actor="root")
    create_account(
        repo, name="Wang", display_name="王", role=Role.ADMIN, password="wang-password-1", email="Wang@Example.org"
    )
    create_account(
        repo, name="li", display_name="李", role=Role.DEPARTMENT_ANALYST, password="li-password-22", department=MARKET
    )
    assert repo.get_by_name("ＷＡＮＧ").name == "Wang"  # full-width capitals are the same name
    assert repo.get_by_email(" wang@EXAMPLE.org ").name == "Wang"
    assert repo.get_by_name("nobody") is None and repo.get_by_email("") is None
    assert [a.name for a in repo.list()] == ["li", "Wang"]  # ordered by name ignoring case
    assert repo.get_by_name("li").department == MARKET and repo.get_by_name("li").role is Role.DEPARTMENT_ANALYST
    assert repo.count_admins() == 1
    with pytest.raises(AccountExists):
        create_account(repo, name="WANG", display_name="", role=Role.VIEWER, password="another-pass-1")
    with pytest.raises(EmailInUse):
        create_account(repo, name="zhao", display_name="", role=Role.VIEWER, email="WANG@example.org")
    with pytest.raises(UnknownAccount):
        repo.update(replace(repo.get_by_name("li"), name="ghost"))


def test_each_change_is_an_event_naming_who_and_what_never_the_hash(db_url):
    store = Store(db_url)
    repo = store.accounts(actor="root")
    create_account(repo, name="wang", display_name="王", role=Role.ADMIN, password="wang-password-1")
    li = create_account(repo, name="li", display_name="李", role=Role.VIEWER, password="li-password-22")
    admin = store.accounts(actor="wang")
    update_account(admin, replace(li, role=Role.DEPARTMENT_ANALYST, department=MARKET))
    update_account(admin, replace(admin.get_by_name("li"), disabled=True))
    change_password(admin, "li", "li-new-password")
    events = store.account_events()
    assert events[["actor", "account", "event", "detail"]].values.tolist() == [  # newest first
        ["wang", "li", "password_changed", ""],
        ["wang", "li", "disabled", ""],
        ["wang", "li", "department", f" -> {MARKET}"],
        ["wang", "li", "role", "viewer -> department_analyst"],
        ["root", "li", "created", "viewer"],
        ["root", "wang", "created", "admin"],
    ]
    hashes = [a.password_hash for a in repo.list()]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(h in cell for h in hashes for cell in events.astype(str).to_numpy().ravel())


def test_the_last_admin_cannot_be_disabled_inside_one_transaction(db_url):
    repo = Store(db_url).accounts(actor="root")
    wang = create_account(repo, name="wang", display_name="王", role=Role.ADMIN, password="wang-password-1")
    with pytest.raises(LastAdmin), repo.transaction():
        update_account(repo, replace(wang, disabled=True))
    assert repo.count_admins() == 1 and not repo.get_by_name("wang").disabled


def test_a_stored_account_signs_in_and_a_disabled_one_does_not(db_url):
    repo = Store(db_url).accounts(actor="root")
    create_account(repo, name="wang", display_name="王", role=Role.ADMIN, password="wang-password-1")
    li = create_account(repo, name="li", display_name="李", role=Role.VIEWER, password="li-password-22")
    throttle = Throttle()
    assert authenticate(repo, throttle, "wang", "wang-password-1", "10.0.0.1").account.name == "wang"
    update_account(repo, replace(li, disabled=True))
    assert authenticate(repo, throttle, "li", "li-password-22", "10.0.0.2").reason == "accounts.signin.disabled"


# --- the command line -------------------------------------------------------------------------
def test_the_first_admin_is_created_on_the_command_line_and_listed_without_its_hash(tmp_path):
    db = f"sqlite:///{tmp_path}/plan.db"
    added = run_cli(
        "user",
        "add",
        "wang",
        "--role",
        "admin",
        "--display-name",
        "王主任",
        "--password-stdin",
        "--author",
        "ops",
        db=db,
        stdin="wang-password-1\n",
    )
    assert added.returncode == 0 and "已创建账号wang（admin）" in added.stdout, added.stderr
    listed = json.loads(run_cli("user", "list", "--format", "json", db=db).stdout)
    assert [(a["name"], a["role"], a["disabled"], a["sso_only"]) for a in listed] == [("wang", "admin", False, False)]
    assert "argon2" not in run_cli("user", "list", db=db).stdout
    assert Store(db).account_events()[["actor", "event"]].values.tolist() == [["ops", "created"]]
    store = Store(db)
    assert authenticate(store.accounts(actor="t"), Throttle(), "wang", "wang-password-1", None).ok


def test_passwords_are_typed_twice_with_getpass_and_a_mismatch_creates_nothing(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path}/plan.db"
    typed = iter(["wang-password-1", "wang-password-2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    refused = run_cli("user", "add", "wang", "--role", "admin", db=db)
    assert refused.returncode == 1 and "两次输入的密码不一致" in refused.stderr
    assert Store(db).accounts(actor="t").list() == []
    # and the policy applies: 9 characters is one too few (stdin)
    short = run_cli("user", "add", "wang", "--role", "admin", "--password-stdin", db=db, stdin="123456789\n")
    assert short.returncode == 1 and "至少需要10个字符" in short.stderr


def test_disable_enable_and_reset_password_from_the_command_line(tmp_path):
    db = f"sqlite:///{tmp_path}/plan.db"
    repo = Store(db).accounts(actor="root")
    create_account(repo, name="wang", display_name="王", role=Role.ADMIN, password="wang-password-1")
    create_account(repo, name="li", display_name="李", role=Role.VIEWER, password="li-password-22")
    assert run_cli("user", "disable", "li", db=db).returncode == 0
    assert repo.get_by_name("li").disabled
    last = run_cli("user", "disable", "wang", db=db)
    assert last.returncode == 1 and not repo.get_by_name("wang").disabled  # the last admin stays
    assert run_cli("user", "enable", "li", db=db).returncode == 0 and not repo.get_by_name("li").disabled
    assert run_cli("user", "set-role", "li", "department_analyst", "--department", MARKET, db=db).returncode == 0
    assert (repo.get_by_name("li").role, repo.get_by_name("li").department) == (Role.DEPARTMENT_ANALYST, MARKET)
    no_department = run_cli("user", "set-role", "li", "department_analyst", db=db)
    assert no_department.returncode == 1 and repo.get_by_name("li").department == MARKET  # refused, unchanged
    demoted = run_cli("user", "set-role", "wang", "viewer", db=db)
    assert demoted.returncode == 1 and repo.get_by_name("wang").role is Role.ADMIN  # the last admin
    reset = run_cli("user", "reset-password", "li", "--password-stdin", db=db, stdin="li-new-password\n")
    assert reset.returncode == 0, reset.stderr
    assert authenticate(repo, Throttle(), "li", "li-new-password", None).ok
    assert not authenticate(repo, Throttle(), "li", "li-password-22", None).ok
    unknown = run_cli("user", "reset-password", "ghost", "--password-stdin", db=db)
    assert unknown.returncode == 1 and "没有账号ghost" in unknown.stderr
