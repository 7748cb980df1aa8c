"""Errors a user can act on that are not about a file's cells (those are analytics.problems).

Each is raised once for a command or a page action and carries its label key and the values
for its message; its ``code`` is the key without its group (``error.unknown_plan`` ->
``unknown_plan``) and its level is always ``error``. Defining a subclass adds it to
:data:`ERRORS`, the errors' side of the catalogue (tests/test_errors.py fails for any code
without a test that raises it from a bad input).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from analytics.labels import text


class Level(StrEnum):
    """How bad a problem is: an error stops the write; a warning is written once confirmed."""

    ERROR = "error"
    WARNING = "warning"


ERRORS: dict[str, type[PlanError]] = {}


class PlanError(Exception):
    """Base class: ``str(error)`` is the message in both languages."""

    key = "cli.error"
    code: ClassVar[str] = "error"
    level: ClassVar[Level] = Level.ERROR

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # The code is the key without its first part ("error.unknown_plan" -> "unknown_plan") unless the
        # class names one itself (keys in another group, such as "accounts.error.exists").
        cls.code = cls.__dict__.get("code") or cls.key.partition(".")[2]
        if ERRORS.setdefault(cls.code, cls) is not cls:
            raise TypeError(f"error code {cls.code!r} is defined twice")

    def __init__(self, value: object = "", **values: object) -> None:
        self.value = value
        self.values = {"value": value, **values}
        super().__init__(self.message("zh") + " / " + self.message("en"))

    def message(self, lang: str) -> str:
        return text(self.key, lang, **self.values)


class UnknownPlan(PlanError):
    key = "error.unknown_plan"


class FileMissing(PlanError):
    key = "error.file_not_found"


class DatabaseError(PlanError):
    """The database refused or failed: ``action`` says what was being done (open, write, read_...)."""

    key = "error.database_failed"

    def message(self, lang: str) -> str:
        action = text(f"database.{self.values.get('action', 'open')}", lang)
        return text(self.key, lang, value=self.value, action=action)


class AsOfOutOfRange(PlanError):
    key = "error.as_of_out_of_range"


class UnknownRevision(PlanError):
    key = "error.unknown_revision"


class NothingChanged(PlanError):
    key = "error.nothing_changed"


class PlanExists(PlanError):
    key = "error.plan_exists"


# --- data workflow (issue 5) ---------------------------------------------------------------
class ConfirmationNeeded(PlanError):
    """An import has warnings and was not confirmed (``--yes``)."""

    key = "error.confirm_needed"


class XlsxNeedsOutput(PlanError):
    key = "error.xlsx_needs_output"
