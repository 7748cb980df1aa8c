"""Helpers for page tests that sign in (issue 17): cheap password hashes, accounts in a test's
database, and typing a name and password into a page's sign-in form."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from analytics.accounts import Role, create_account
from analytics.accounts import passwords as passwords_module
from analytics.store import Store

MARKET = "县市场监督管理局"
PASSWORDS = {"wang": "wang-admin-pass-1", "li": "li-analyst-pass-2", "zhao": "zhao-viewer-pass-3"}


def use_cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap Argon2id (1 pass over 8 KiB): page tests are about permissions, not hash strength."""
    monkeypatch.setattr(passwords_module, "DEFAULT_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def add_accounts(url: str) -> None:
    """wang (admin), li (department analyst of the market bureau) and zhao (viewer), created by "ops"."""
    repo = Store(url).accounts(actor="ops")
    create_account(repo, name="wang", display_name="王主任", role=Role.ADMIN, password=PASSWORDS["wang"])
    create_account(
        repo,
        name="li",
        display_name="李分析",
        role=Role.DEPARTMENT_ANALYST,
        password=PASSWORDS["li"],
        department=MARKET,
    )
    create_account(repo, name="zhao", display_name="赵查看", role=Role.VIEWER, password=PASSWORDS["zhao"])


def sign_in(at, form: str, name: str, password: str | None = None):
    """Type ``name`` and its password (``PASSWORDS`` by default) into the form ``form`` and send it."""
    at.text_input(key=f"{form}_name").input(name)
    at.text_input(key=f"{form}_password").input(PASSWORDS.get(name, "") if password is None else password)
    return at.button(key=f"{form}_submit").click().run()
