"""Errors of account management a user can act on (bilingual, like :mod:`analytics.errors`).

No message ever holds a password or a password hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from analytics.errors import PlanError
from analytics.labels import text

if TYPE_CHECKING:
    from analytics.accounts.passwords import PasswordProblem


class AccountExists(PlanError):
    key = "accounts.error.exists"
    code = "account_exists"


class UnknownAccount(PlanError):
    key = "accounts.error.unknown"
    code = "account_unknown"


class EmailInUse(PlanError):
    key = "accounts.error.email_in_use"
    code = "account_email_in_use"


class InvalidAccountName(PlanError):
    key = "accounts.error.invalid_name"
    code = "account_invalid_name"


class ReservedAccountName(PlanError):
    key = "accounts.error.reserved_name"
    code = "account_reserved_name"


class DepartmentRequired(PlanError):
    """A department analyst needs its department; other roles must have none."""

    key = "accounts.error.department_required"
    code = "department_required"


class NoCredential(PlanError):
    """An account needs a password, an e-mail address for single sign-on, or both."""

    key = "accounts.error.no_credential"
    code = "no_credential"


class PasswordRejected(PlanError):
    """The proposed password breaks the policy; ``problems`` lists how (never the password)."""

    key = "accounts.error.password_rejected"
    code = "password_rejected"

    def __init__(self, problems: Iterable[PasswordProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__()

    def message(self, lang: str) -> str:
        separator = "；" if lang == "zh" else "; "
        return text(self.key, lang, value=separator.join(problem.message(lang) for problem in self.problems))


class LastAdmin(PlanError):
    """The change would leave no enabled admin (and so reopen the deprecated shared passcode)."""

    key = "accounts.error.last_admin"
    code = "last_admin"


class InvalidSetting(PlanError):
    """A yes/no setting holds something else."""

    key = "accounts.error.invalid_setting"
    code = "invalid_setting"
