"""The account record, and where accounts are kept: a Protocol plus an in-memory store for tests.

The database implementation belongs to the store (one ``accounts`` table); it must behave as
:class:`InMemoryAccountRepository` does: names and e-mail addresses unique ignoring case.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from analytics.accounts.errors import AccountExists, EmailInUse, UnknownAccount
from analytics.accounts.roles import Role


@dataclass(frozen=True)
class Account:
    """One person's account. ``password_hash`` is an Argon2 hash ("" for single-sign-on only)
    and is left out of ``repr``/``str`` so it never reaches a log."""

    name: str
    display_name: str
    role: Role
    department: str | None
    email: str | None
    password_hash: str = field(repr=False)
    disabled: bool
    created_at: datetime


def normalise_name(name: str) -> str:
    """The form under which account names are unique and looked up: NFKC (full-width letters,
    as a Chinese input method types them, become ordinary ones), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def normalise_email(email: str) -> str:
    """E-mail addresses are unique and looked up in NFKC, trimmed and in lower case."""
    return unicodedata.normalize("NFKC", email).strip().lower()


class AccountRepository(Protocol):
    def get_by_name(self, name: str) -> Account | None:
        """The account whose name matches ``name`` ignoring case, or ``None``."""

    def get_by_email(self, email: str) -> Account | None:
        """The account with this e-mail address (ignoring case), or ``None``."""

    def add(self, account: Account) -> None:
        """Keep a new account; :class:`AccountExists` / :class:`EmailInUse` when taken."""

    def update(self, account: Account) -> None:
        """Replace the account with the same name; :class:`UnknownAccount` if there is none."""

    def list(self) -> list[Account]:
        """Every account, ordered by name."""

    def count_admins(self) -> int:
        """How many enabled accounts have the admin role."""


class InMemoryAccountRepository:
    """An :class:`AccountRepository` held in a dict (tests, and the reference behaviour)."""

    def __init__(self, accounts: tuple[Account, ...] = ()) -> None:
        self._accounts: dict[str, Account] = {}
        for account in accounts:
            self.add(account)

    def get_by_name(self, name: str) -> Account | None:
        return self._accounts.get(normalise_name(name))

    def get_by_email(self, email: str) -> Account | None:
        wanted = normalise_email(email)
        if not wanted:
            return None
        return next((a for a in self._accounts.values() if a.email and normalise_email(a.email) == wanted), None)

    def add(self, account: Account) -> None:
        if normalise_name(account.name) in self._accounts:
            raise AccountExists(account.name)
        self._check_email_free(account)
        self._accounts[normalise_name(account.name)] = account

    def update(self, account: Account) -> None:
        if normalise_name(account.name) not in self._accounts:
            raise UnknownAccount(account.name)
        self._check_email_free(account)
        self._accounts[normalise_name(account.name)] = account

    def list(self) -> list[Account]:
        return [self._accounts[key] for key in sorted(self._accounts)]

    def count_admins(self) -> int:
        return sum(1 for a in self._accounts.values() if a.role is Role.ADMIN and not a.disabled)

    def _check_email_free(self, account: Account) -> None:
        if not account.email:
            return
        holder = self.get_by_email(account.email)
        if holder is not None and normalise_name(holder.name) != normalise_name(account.name):
            raise EmailInUse(account.email)
