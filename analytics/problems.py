"""The one catalogue of what can be wrong with a file: every problem's code, level and message.

Each kind of problem is a subclass of :class:`Problem` with a ``code``; its message in zh
and en is the label ``problem.<code>`` (analytics/labels.py), and its ``level`` is
``error`` (the file is refused) or ``warning`` (kept once the analyst confirms). Defining
a subclass adds it to :data:`CATALOGUE`; tests/test_problems.py fails for any code
without a test that reaches it with a bad input. Errors a user can act on that are not
about a file's cells (an unknown plan, a database error) are :class:`~analytics.errors.PlanError`;
:class:`ValidationFailed` is the ``PlanError`` that carries a file's problems. The two
registries, :data:`CATALOGUE` here and :data:`analytics.errors.ERRORS`, never share a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from analytics.errors import ERRORS, Level, PlanError
from analytics.labels import text

CATALOGUE: dict[str, type[Problem]] = {}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is (1-based file row, column name) and what.

    ``values`` are the extra values of its message (a limit, the closest names, ...).
    """

    row: int | None
    column: str | None
    value: str
    values: tuple[tuple[str, object], ...] = ()
    code: ClassVar[str] = "problem"
    level: ClassVar[Level] = Level.ERROR

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.code in CATALOGUE or cls.code in ERRORS:
            raise TypeError(f"problem code {cls.code!r} is defined twice")
        CATALOGUE[cls.code] = cls

    @property
    def warning(self) -> bool:
        return self.level is Level.WARNING

    def message(self, lang: str) -> str:
        place = text(
            "problem.at_row_column" if self.column else "problem.at_row", lang, row=self.row, column=self.column
        )
        body = text(self.label_key(), lang, value=self.value, column=self.column or "", **dict(self.values))
        return place + body if self.row is not None else body

    def label_key(self) -> str:
        return f"problem.{self.code}"

    def record(self) -> dict:
        """The problem for a script: code, level, row, column, value and both messages."""
        return {
            "code": self.code,
            "level": str(self.level),
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message_zh": self.message("zh"),
            "message_en": self.message("en"),
        }


class ValidationFailed(PlanError):
    """Raised by callers that need an exception: carries every problem of the file."""

    key = "error.validation_failed"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(len(problems))

    def lines(self, limit: int = 100) -> list[str]:
        """One line per problem, Chinese then English: the first ``limit``, then how many more
        (a file of 300,000 bad rows printed 300,000 lines)."""
        shown = [f"{p.message('zh')} / {p.message('en')}" for p in self.problems[:limit]]
        more = len(self.problems) - limit
        return shown + (
            [f"{text('problem.more', 'zh', count=more)} / {text('problem.more', 'en', count=more)}"] if more > 0 else []
        )


def problem_table(problems: list[Problem], lang: str) -> pd.DataFrame:
    """``row, column, code, level, message`` for showing every problem together."""
    return pd.DataFrame(
        {
            "row": pd.array([p.row for p in problems], dtype="Int64"),
            "column": [p.column or "" for p in problems],
            "code": [p.code for p in problems],
            "level": [text(f"problem.level_{p.level}", lang) for p in problems],
            "message": [p.message(lang) for p in problems],
        }
    )


# --- reading the file ----------------------------------------------------------------------------
class TooLarge(Problem):
    code = "too_large"


class EmptyFile(Problem):
    code = "empty_file"


class NoDataRows(Problem):
    code = "no_data_rows"


class BinaryFile(Problem):
    code = "binary_file"


class UnreadableEncoding(Problem):
    code = "unreadable_encoding"


class NotATable(Problem):
    code = "not_a_table"


class UnknownSheet(Problem):
    code = "unknown_sheet"


class TooManyRows(Problem):
    """More rows than the limit, counted before any cell is parsed (an .xlsx is compressed)."""

    code = "too_many_rows"


class TooManyColumns(Problem):
    code = "too_many_columns"


class FormulaWithoutValue(Problem):
    """A workbook formula with no saved result (written by a program, never saved by Excel):
    reading it as blank would drop the figure silently. ``value`` is the cell, such as ``D5``."""

    code = "formula_without_value"


class HeaderOnOtherSheet(Problem):
    """The first sheet (notes, say) has no table header but another sheet has: name it."""

    code = "header_on_other_sheet"


class MissingColumn(Problem):
    code = "missing_column"


class IgnoredColumn(Problem):
    """A column of a wide table that is neither a year nor a known column: not read."""

    code = "ignored_column"
    level = Level.WARNING


# --- observations ---------------------------------------------------------------------------
class UnknownIndicatorName(Problem):
    """A name, number or id that is no indicator of the plan. Carries ``suggestions`` (the
    closest names) and ``plan`` (the plan they were sought in)."""

    code = "unknown_indicator"

    def label_key(self) -> str:
        return (
            "problem.unknown_indicator"
            if dict(self.values).get("suggestions")
            else "problem.unknown_indicator_no_match"
        )


class AmbiguousIndicator(Problem):
    code = "ambiguous_indicator"


class BadYear(Problem):
    code = "bad_year"


class NotANumber(Problem):
    code = "not_a_number"


class BlankIndicator(Problem):
    """A row with figures but no indicator (often a merged cell: only its first row holds the name)."""

    code = "blank_indicator"


class AmbiguousNumber(Problem):
    """A comma the file's decimal mark does not explain: ``1,234`` in a semicolon file with no
    other decimal commas (1.234 or 1234?), or ``3,35`` where commas group thousands."""

    code = "ambiguous_number"


class ExtremeNumber(Problem):
    """A number a float cannot hold: ``1e309`` (infinity) or ``1e-400`` (0)."""

    code = "extreme_number"


class PercentNotAllowed(Problem):
    """A ``%`` sign on a figure of an indicator whose unit is not %: ``5%`` of a count."""

    code = "percent_not_allowed"


class ImplausibleValue(Problem):
    """A value over 100 times the larger of the baseline and target, for an indicator without a
    maximum (with one, a value above it is ``value_out_of_range``). A warning, not an error: a
    real figure can be that large, so the analyst confirms it; a unit slip (99999 for 25.8) is
    caught before it is written."""

    code = "implausible_value"
    level = Level.WARNING


class YearOutOfRange(Problem):
    code = "year_out_of_range"


class ValueOutOfRange(Problem):
    code = "value_out_of_range"


class NegativeCount(Problem):
    code = "negative_count"


class ConflictingDuplicate(Problem):
    code = "conflicting_duplicate"


class RepeatedRow(Problem):
    """The same indicator, year and value twice: kept once."""

    code = "repeated_row"
    level = Level.WARNING


class CumulativeDecrease(Problem):
    """A cumulative count lower than an earlier year's (stored or in the same file)."""

    code = "cumulative_decrease"
    level = Level.WARNING


# --- a new plan's catalog ------------------------------------------------------------------------
class BadChoice(Problem):
    code = "bad_choice"


class DuplicateId(Problem):
    code = "duplicate_id"


class IdInUse(Problem):
    code = "id_in_use"


class MissingCell(Problem):
    code = "missing_cell"


class TargetBeforeBaseline(Problem):
    code = "target_before_baseline"


class BoundsReversed(Problem):
    code = "bounds_reversed"


class OutsideBounds(Problem):
    """A baseline or target outside the indicator's own min/max (0-100 for a % without bounds)."""

    code = "outside_bounds"


class DuplicateSeq(Problem):
    code = "duplicate_seq"


class ContinuesUnknown(Problem):
    """``continues`` names no indicator of another plan (issue 16)."""

    code = "continues_unknown"


class ContinuesUnitDiffers(Problem):
    """``continues`` names an indicator measured in another unit: not the same series."""

    code = "continues_unit_differs"


class NotAWholeNumber(Problem):
    """An indicator number (``seq``) that is not a whole number from 1 to 9999: ``2.5``, ``1e309``."""

    code = "not_a_whole_number"


class TooLong(Problem):
    """A text longer than the database column holds (an id over 64 characters)."""

    code = "too_long"
