"""What it takes: the annual change each indicator needs to meet its target, and to make it likely.

Both are changes a year from the latest value, as :func:`analytics.assess.assess` applies an
assumption, shown to 3 significant figures and rounded in the target's direction so that the
figure shown, typed back in, still reaches what the exact one does.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from analytics import counts as count_model
from analytics.assess import ON_TRACK_PROBABILITY, enough_for_probability, target_at_bound
from analytics.scenario_model import trends

NEED_DIGITS = 3  # "what it takes" is shown, and so rounded, to 3 significant figures
BISECTION_STEPS = 60


def _count_mean_needed(needed, dispersion, horizon, exposure, probability: float) -> np.ndarray:
    """The least expected additions over ``horizon`` that give P(additions >= needed) >= ``probability``.

    The negative binomial's ``p`` stays as fitted while its mean grows, so P rises with the mean
    and a bisection finds the threshold.
    """
    needed = np.asarray(needed, float)
    low, high = np.zeros_like(needed), np.maximum(needed, 1.0) * 20 + 20

    def chance(mean):
        r, p = count_model.predictive(mean, dispersion, horizon, exposure)
        return count_model.probability_adding(needed, r, p)

    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        enough = chance(middle) >= probability
        high, low = np.where(enough, middle, high), np.where(enough, low, middle)
    return np.where(needed <= 0, 0.0, high)


def what_it_takes(catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int) -> pd.DataFrame:
    """For each indicator: its recent trend, and the annual change needed to meet the target
    (``to_meet``: the central projection meets it) and to make it likely (``to_likely``:
    probability >= 0.75 with the fitted uncertainty kept).

    ``to_meet`` is (target - latest) / years left (for a count, the whole additions still needed
    over the years still unknown). ``to_likely``: for a level, in closed form on the t: P >= p
    exactly when the centre is at least ``target + t_p * spread`` ("at most": at most
    ``target - t_p * spread``), with ``t_p`` the p quantile on ``n_changes - 1`` degrees of freedom;
    blank where that centre lies past the level's bound (a censored level centred at the bound
    reaches it with P 0.5 at most). For a count, the least expected additions a year whose negative
    binomial gives P >= 0.75 (bisection; the fitted dispersion kept). A maintain-type target at the
    bound (hold 100%) is met only by holding the level there, whose chance is how often it held:
    ``to_likely`` is ``to_meet`` where that chance is at least 0.75, blank where not. Counts never
    need less than 0; a met count needs 0. Both are blank for milestones (built or not), once the
    target year is in, and ``to_likely`` also where no probability can be estimated. Columns:
    ``id, seq, name_zh, name_en, unit, unit_en, comparison, target_value, latest_value, trend,
    to_meet, to_likely``.
    """
    fitted = trends(catalog, observations, as_of=as_of)
    h = np.where(fitted["horizon"] > 0, fitted["horizon"], np.nan)
    lower, upper = fitted["min_value"].to_numpy(float), fitted["max_value"].to_numpy(float)
    sign = fitted["sign"].to_numpy(float)
    latest = fitted["latest"].to_numpy(float)
    target = fitted["target_value"].to_numpy(float)
    counts, met = fitted["counts"].to_numpy(bool), fitted["met"].to_numpy(bool)
    dof = np.maximum(fitted["n_changes"].to_numpy(float) - 1, 1)
    quantile = stats.t.ppf(ON_TRACK_PROBABILITY + 1e-9, dof)  # a hair above 0.75, never just below
    spread = fitted["spread"].to_numpy(float)
    spread = np.where(np.isfinite(spread) & (spread > 0), spread, np.where(np.isfinite(spread), 0.0, np.nan))

    with np.errstate(invalid="ignore"):
        to_meet = (target - latest) / h
        centre = target + sign * quantile * spread
        past_bound = (np.isfinite(upper) & (centre > upper + 1e-9)) | (np.isfinite(lower) & (centre < lower - 1e-9))
        level_likely = np.where(past_bound, np.nan, (centre - latest) / h)
    needed = count_model.needed_additions(target, latest, fitted["comparison"].to_numpy() == ">")
    mean_needed = _count_mean_needed(
        needed,
        fitted["dispersion"].to_numpy(float),
        np.nan_to_num(h, nan=1.0),
        fitted["exposure"].to_numpy(float),
        ON_TRACK_PROBABILITY + 1e-9,
    )
    with np.errstate(invalid="ignore"):
        count_meet, count_likely = np.maximum(needed, 0) / h, mean_needed / h
    to_meet = np.where(counts, np.where(met, 0.0, count_meet), to_meet)
    to_likely = np.where(counts, np.where(met, 0.0, count_likely), level_likely)
    held_enough = fitted["p_held"].to_numpy(float) >= ON_TRACK_PROBABILITY
    to_likely = np.where(target_at_bound(fitted), np.where(held_enough, to_meet, np.nan), to_likely)
    enough = enough_for_probability(fitted) & (fitted["n_changes"].to_numpy(float) >= 2)
    numeric = (
        (np.isfinite(fitted["trend"].to_numpy(float)) | fitted["maintain"].to_numpy(bool))
        & np.isfinite(latest)
        & np.isfinite(h)
        & ~fitted["milestone"].to_numpy(bool)
    )  # nothing is left to change once the year is in
    to_meet = np.where(numeric, to_meet, np.nan)
    to_likely = np.where(numeric & enough & (np.isfinite(spread) | counts), to_likely, np.nan)
    # Rounded in the target's direction to the figures shown, so typing the shown figure in
    # reaches the threshold (P >= 0.75 exactly, not 0.7499999 or 0.7485).
    result = fitted.assign(to_meet=round_toward(to_meet, sign), to_likely=round_toward(to_likely, sign))
    columns = [
        "seq",
        "name_zh",
        "name_en",
        "unit",
        "unit_en",
        "comparison",
        "target_value",
        "latest_value",
        "trend",
        "to_meet",
        "to_likely",
    ]
    return result.loc[:, columns].rename_axis("id").reset_index()


def round_toward(values, direction, digits: int = NEED_DIGITS) -> np.ndarray:
    """``values`` to ``digits`` significant figures, rounded up where ``direction`` > 0 and down
    where < 0 (the direction that helps the target), so the rounded figure still reaches what
    the exact one does: 1.493736 for ">=" -> 1.5, 0.103771 for "<=" -> 0.103."""
    values = np.asarray(values, dtype=float)
    direction = np.broadcast_to(np.asarray(direction, dtype=float), values.shape)
    rounded = []
    for value, way in zip(values.ravel(), direction.ravel(), strict=False):
        if not math.isfinite(value) or value == 0:
            rounded.append(value)
            continue
        step = 10.0 ** (math.floor(math.log10(abs(value))) - (digits - 1))
        units = math.ceil(value / step - 1e-9) if way >= 0 else math.floor(value / step + 1e-9)
        rounded.append(float(f"{units * step:.{digits}g}"))
    return np.array(rounded, dtype=float).reshape(values.shape)


def need_text(value: float) -> str:
    """A figure of "what it takes" as shown (and rounded): ``+1.5``, ``-0.159``, ``—``."""
    return "—" if value is None or not math.isfinite(value) else f"{value:+.{NEED_DIGITS}g}"
