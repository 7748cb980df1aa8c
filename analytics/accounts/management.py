"""Creating and changing accounts under the rules: valid names, a department for every department
analyst, passwords that meet the policy (stored only as hashes), and never zero enabled admins.

Zero admins matters twice: nobody could manage accounts, and the deprecated shared passcode
(``PLAN_ADMIN_PASSCODE``) would count as an admin again (see :mod:`.signin`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime

from analytics.accounts.errors import (
    DepartmentRequired,
    InvalidAccountName,
    LastAdmin,
    NoCredential,
    PasswordRejected,
    ReservedAccountName,
    UnknownAccount,
)
from analytics.accounts.passwords import hash_password, password_problems
from analytics.accounts.repository import Account, AccountRepository, normalise_email, normalise_name
from analytics.accounts.roles import Role

# Letters of any script, digits, and . _ - @ ; no spaces, at most 64 characters.
ACCOUNT_NAME = re.compile(r"[\w.@-]{1,64}")
# The name under which the deprecated shared passcode signs in; no real account may take it.
LEGACY_ADMIN_NAME = "passcode"


def create_account(
    repo: AccountRepository,
    *,
    name: str,
    display_name: str,
    role: Role,
    password: str | None = None,
    department: str | None = None,
    email: str | None = None,
    now: datetime | None = None,
) -> Account:
    """Check, hash the password, and add a new account; returns it.

    ``password=None`` makes a single-sign-on-only account, which then needs ``email``.
    """
    name = unicodedata.normalize("NFKC", name).strip()
    if not ACCOUNT_NAME.fullmatch(name):
        raise InvalidAccountName(name)
    if normalise_name(name) == LEGACY_ADMIN_NAME:
        raise ReservedAccountName(name)
    email = normalise_email(email) if email and email.strip() else None
    if password is None and email is None:
        raise NoCredential(name)
    if password is not None and (problems := password_problems(name, password)):
        raise PasswordRejected(problems)
    account = Account(
        name=name,
        display_name=display_name.strip() or name,
        role=role,
        department=_checked_department(name, role, department),
        email=email,
        password_hash="" if password is None else hash_password(password),
        disabled=False,
        created_at=now or datetime.now(UTC),
    )
    repo.add(account)
    return account


def update_account(repo: AccountRepository, account: Account) -> None:
    """Store a changed display name, role, department, e-mail or disabled flag, refusing to remove the last admin.

    The name, password hash and creation time stay as stored (passwords change through
    :func:`change_password`). The SQL store should run this in one transaction, so two admins
    demoting each other at once cannot both pass the last-admin check.
    """
    current = repo.get_by_name(account.name)
    if current is None:
        raise UnknownAccount(account.name)
    account = replace(
        account,
        name=current.name,
        display_name=account.display_name.strip() or current.name,
        department=_checked_department(account.name, account.role, account.department),
        email=normalise_email(account.email) if account.email and account.email.strip() else None,
        password_hash=current.password_hash,
        created_at=current.created_at,
    )
    if not account.password_hash and account.email is None:
        raise NoCredential(account.name)
    stays_admin = account.role is Role.ADMIN and not account.disabled
    if current.role is Role.ADMIN and not current.disabled and not stays_admin and repo.count_admins() <= 1:
        raise LastAdmin(account.name)
    repo.update(account)


def change_password(repo: AccountRepository, name: str, password: str) -> Account:
    """Give the account ``name`` a new password (checked against the policy); returns the stored account."""
    current = repo.get_by_name(name)
    if current is None:
        raise UnknownAccount(name)
    if problems := password_problems(current.name, password):
        raise PasswordRejected(problems)
    changed = replace(current, password_hash=hash_password(password))
    repo.update(changed)
    return changed


def _checked_department(name: str, role: Role, department: str | None) -> str | None:
    department = (department or "").strip() or None
    if role is Role.DEPARTMENT_ANALYST and department is None:
        raise DepartmentRequired(name)
    return department
