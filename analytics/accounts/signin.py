"""Signing in with a name and password, throttled per account and per address.

While no enabled admin account exists, the deprecated shared passcode (``PLAN_ADMIN_PASSCODE``)
still signs in, as an admin named ``passcode``: installs that only have the passcode keep working
until their first admin account is created, and from then on the passcode opens nothing.

Wrong names and wrong passwords get the same answer, and an unknown name still costs one Argon2
verification, so neither the message nor the time taken tells which accounts exist.
"""

from __future__ import annotations

import hmac
import math
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache

from analytics.accounts.management import LEGACY_ADMIN_NAME
from analytics.accounts.passwords import hash_password, needs_rehash, verify_password
from analytics.accounts.repository import Account, AccountRepository, normalise_name
from analytics.accounts.roles import Role
from analytics.accounts.throttle import Throttle
from analytics.labels import text

LEGACY_ADMIN = Account(
    name=LEGACY_ADMIN_NAME,
    display_name=LEGACY_ADMIN_NAME,
    role=Role.ADMIN,
    department=None,
    email=None,
    password_hash="",
    disabled=False,
    created_at=datetime(1970, 1, 1, tzinfo=UTC),
)


@dataclass(frozen=True)
class SignIn:
    """The outcome: the signed-in ``account``, or ``None`` with the reason and the seconds to wait.

    ``legacy`` is true when the deprecated shared passcode was used (pages should say it is deprecated).
    """

    account: Account | None
    reason: str
    wait_seconds: float = 0.0
    legacy: bool = False

    @property
    def ok(self) -> bool:
        return self.account is not None

    def message(self, lang: str = "zh") -> str:
        return text(self.reason, lang, seconds=math.ceil(self.wait_seconds))


def authenticate(
    repo: AccountRepository,
    throttle: Throttle,
    name: str,
    password: str,
    address: str | None,
    *,
    legacy_passcode: str | None = None,
) -> SignIn:
    """Check ``name`` and ``password`` from client ``address`` (``None`` when unknown).

    A throttled attempt, or one made while another attempt on the same account or from the
    same address is being checked, is refused before the password is looked at, so guessing
    cannot go faster than the back-off. A right password resets the account's back-off and,
    when the stored hash was made with other parameters than today's, stores a fresh hash.
    """
    with throttle.attempt(name, address) as wait:
        if wait > 0:
            return SignIn(None, "accounts.signin.throttled", wait)
        return _checked(repo, throttle, name, password, address, legacy_passcode)


def _checked(
    repo: AccountRepository,
    throttle: Throttle,
    name: str,
    password: str,
    address: str | None,
    legacy_passcode: str | None,
) -> SignIn:
    """The password check proper, with the attempt's throttle keys held."""
    if legacy_passcode and normalise_name(name) == LEGACY_ADMIN_NAME and repo.count_admins() == 0:
        if hmac.compare_digest(password.encode("utf-8"), legacy_passcode.encode("utf-8")):
            throttle.success(name)
            return SignIn(LEGACY_ADMIN, "accounts.signin.legacy", legacy=True)
        return SignIn(None, "accounts.signin.wrong", throttle.failure(name, address))
    account = repo.get_by_name(name)
    stored_hash = account.password_hash if account is not None and account.password_hash else _unmatchable_hash()
    if not verify_password(stored_hash, password) or account is None or not account.password_hash:
        return SignIn(None, "accounts.signin.wrong", throttle.failure(name, address))
    if account.disabled:
        return SignIn(None, "accounts.signin.disabled")
    throttle.success(name)
    if needs_rehash(account.password_hash):
        account = replace(account, password_hash=hash_password(password))
        repo.update(account)
    return SignIn(account, "accounts.signin.ok")


@cache
def _unmatchable_hash() -> str:
    """A hash of a random secret nobody knows: verified against when there is no real hash, to take as long."""
    return hash_password(secrets.token_urlsafe(32))
