"""The kinds of indicator and each kind's rules, in one place.

A kind says how an indicator's yearly figures add up and so what its baseline means, how its
progress is measured and which model projects it. Adding a kind means adding a member here and
its :class:`KindRules` row; the assessment reads the rules, never the kind's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    CUMULATIVE = "cumulative"
    NEW_IN_PERIOD = "new_in_period"
    MILESTONE = "milestone"
    LEVEL = "level"
    QUALITATIVE = "qualitative"


@dataclass(frozen=True)
class KindRules:
    """How one kind is read, measured and projected."""

    baseline: str  # what the catalog baseline means
    progress: str  # how progress is measured
    projection: str  # the model that projects it, in words
    model: str = "level"  # which model fits it: "count", "milestone", "level" or "none"
    numeric: bool = True  # assessed at all (qualitative rows are recorded, not assessed)
    count: bool = False  # whole numbers that never fall: a reached target stays reached
    sums_additions: bool = False  # each year's figure is that year's addition; the target is on their sum
    baseline_is_observation: bool = True  # the catalog baseline counts as the baseline-year observation


RULES: dict[Kind, KindRules] = {
    Kind.CUMULATIVE: KindRules(
        baseline="the running total in the baseline year",
        progress="(latest - baseline) / (target - baseline)",
        projection="negative binomial (gamma-Poisson) predictive of the yearly additions",
        model="count",
        count=True,
    ),
    Kind.NEW_IN_PERIOD: KindRules(
        baseline="the previous period's total, for reference only (the running sum starts at 0)",
        progress="sum of the yearly additions so far / target",
        projection="negative binomial predictive of the additions of the years not yet reported",
        model="count",
        count=True,
        sums_additions=True,
        baseline_is_observation=False,
    ),
    Kind.MILESTONE: KindRules(
        baseline="0: not built yet",
        progress="1 once built, else 0",
        projection="a yearly chance of completion (Jeffreys Beta prior on the hazard)",
        model="milestone",
        count=True,
    ),
    Kind.LEVEL: KindRules(
        baseline="the level in the baseline year",
        progress="(latest - baseline) / (target - baseline), capped where the two are close",
        projection="robust (Theil-Sen) trend, random-walk error, censored at the bounds",
    ),
    Kind.QUALITATIVE: KindRules(
        baseline="none",
        progress="none",
        projection="none: recorded as printed",
        model="none",
        numeric=False,
    ),
}


def rules(kind: str) -> KindRules:
    """The rules of one kind (raises ``ValueError`` for an unknown kind)."""
    return RULES[Kind(kind)]


def kinds_where(**flags: object) -> tuple[str, ...]:
    """The kinds whose rules have every value given: ``kinds_where(count=True)``, ``kinds_where(model="count")``."""
    return tuple(k.value for k, r in RULES.items() if all(getattr(r, f) == v for f, v in flags.items()))
