"""Errors a user can act on that are not about a file's cells (those are analytics.problems).

Each carries its label key and the values for its message; ``code`` is the key without its
group (``error.unknown_plan`` -> ``unknown_plan``).
"""
from __future__ import annotations

from analytics.labels import text


class PlanError(Exception):
    """Base class: ``str(error)`` is the message in both languages."""

    key = "cli.error"

    def __init__(self, value: object = "", **values: object) -> None:
        self.value = value
        self.values = {"value": value, **values}
        super().__init__(self.message("zh") + " / " + self.message("en"))

    def message(self, lang: str) -> str:
        return text(self.key, lang, **self.values)

    @property
    def code(self) -> str:
        return self.key.partition(".")[2]


class UnknownPlan(PlanError):
    key = "error.unknown_plan"


class FileMissing(PlanError):
    key = "error.file_not_found"


class DatabaseError(PlanError):
    """The database refused or failed: ``action`` says what was being done (open, write, read_...)."""

    key = "error.database_action"

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
