"""What each role may do: the one permission rule, :func:`can`.

- **admin**: everything (accounts, plans, restore, every import, scenarios, reading);
- **department analyst** (责任单位): reads, saves scenarios, and imports figures only for the
  indicators its own department is responsible for (the catalog's ``department`` column);
- **viewer**: reads only.

Without an account (``None``) one may read unless the deployment makes reading need a login,
and may write nothing. A disabled account may do nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import pandas as pd

from analytics.labels import text

if TYPE_CHECKING:
    from analytics.accounts.repository import Account


class Role(StrEnum):
    ADMIN = "admin"
    DEPARTMENT_ANALYST = "department_analyst"
    VIEWER = "viewer"


class Action(StrEnum):
    IMPORT_FIGURES = "import_figures"
    RESTORE = "restore"
    ADD_PLAN = "add_plan"
    SAVE_SCENARIO = "save_scenario"
    MANAGE_ACCOUNTS = "manage_accounts"
    READ = "read"


# Actions each role may take outright; a department analyst's import is further checked per indicator.
ALLOWED_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.DEPARTMENT_ANALYST: frozenset({Action.READ, Action.SAVE_SCENARIO, Action.IMPORT_FIGURES}),
    Role.VIEWER: frozenset({Action.READ}),
}


@dataclass(frozen=True)
class Decision:
    """Allowed or not, with the label key that explains why (and the values its message needs).

    ``refused_indicators`` names, sorted, the indicators a department analyst may not import.
    """

    allowed: bool
    reason: str
    refused_indicators: tuple[str, ...] = ()
    values: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        """The reason in ``lang``: roles and actions by their labels, indicator lists joined."""
        return text(self.reason, lang, **{name: _shown(value, lang) for name, value in self.values.items()})


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Role):
        return text(f"accounts.role.{value.value}", lang)
    if isinstance(value, Action):
        return text(f"accounts.action.{value.value}", lang)
    if isinstance(value, tuple):
        return ("、" if lang == "zh" else ", ").join(str(item) for item in value)
    return value


def _allowed() -> Decision:
    return Decision(True, "accounts.decision.allowed")


def can(
    account: Account | None,
    action: Action,
    *,
    indicator_departments: Mapping[str, str | None] | None = None,
    read_requires_login: bool = False,
) -> Decision:
    """May ``account`` (``None``: not signed in) take ``action``?

    For :attr:`Action.IMPORT_FIGURES` by a department analyst, ``indicator_departments`` maps
    every indicator id in the file to the department responsible for it (blank: none); the
    import is allowed only when all of them are the analyst's own department. Departments
    compare in NFKC form, trimmed: full-width and half-width brackets are the same department.
    (A file with no indicator at all has nothing to refuse; the import itself rejects it.)
    """
    if account is None:
        if action is Action.READ and not read_requires_login:
            return _allowed()
        return Decision(False, "accounts.decision.sign_in_required")
    if account.disabled:
        return Decision(False, "accounts.decision.disabled", values={"name": account.name})
    if action not in ALLOWED_ACTIONS[account.role]:
        return Decision(False, "accounts.decision.role_refused", values={"role": account.role, "action": action})
    if action is Action.IMPORT_FIGURES and account.role is Role.DEPARTMENT_ANALYST:
        return _department_import(account, indicator_departments)
    return _allowed()


def _department_import(account: Account, indicator_departments: Mapping[str, str | None] | None) -> Decision:
    department = _department_key(account.department)
    if not department:
        return Decision(False, "accounts.decision.no_department", values={"name": account.name})
    if indicator_departments is None:
        return Decision(False, "accounts.decision.departments_unknown")
    refused = tuple(
        sorted(indicator for indicator, owner in indicator_departments.items() if _department_key(owner) != department)
    )
    if refused:
        return Decision(
            False,
            "accounts.decision.other_department",
            refused_indicators=refused,
            values={"department": account.department, "indicators": refused, "count": len(refused)},
        )
    return _allowed()


def _department_key(department: str | None) -> str:
    return unicodedata.normalize("NFKC", department or "").strip()


def indicator_departments(catalog: pd.DataFrame, indicator_ids: Iterable[str]) -> dict[str, str | None]:
    """The department (责任单位) responsible for each of ``indicator_ids``, from the catalog's
    ``department`` column: ``None`` where it is blank, where the indicator is not in the catalog,
    or for every indicator when the catalog has no such column (so only an admin may import them)."""
    column = catalog.get("department")
    owners = {} if column is None else dict(zip(catalog["id"], column, strict=True))
    return {indicator: _owner(owners.get(indicator)) for indicator in indicator_ids}


def _owner(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
