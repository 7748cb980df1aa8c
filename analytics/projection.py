"""Random walk with drift: the projection model behind every assessment.

A series is turned into yearly changes (a level's differences divided by the years
between observations, or a "new in period" indicator's yearly additions). The drift is
the weighted least-squares mean of those changes on a constant, weights being the years
each change spans -- exactly ``statsmodels.api.WLS(rates, ones, weights=years)`` -- and
the forecast ``h`` years ahead is

    mean = latest + drift * h
    var  = sigma^2 * h + h^2 * se(drift)^2          (shock variance + drift uncertainty)

with Student-t quantiles on ``n_changes - 1`` degrees of freedom. ``fit_drifts`` computes
the WLS fit for thousands of series at once in closed form; ``fit_drift_statsmodels`` is
the same model fitted by statsmodels for one series, and the tests hold the two equal.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

INTERVAL_LEVEL = 0.80
LOGIT_CLAMP = 0.001  # observed bounded values are clamped to [0.1%, 99.9%] of their range before the logit
EXACT_CLAMP = 1e-12  # a scenario's moved level: just inside the bounds, so the logit stays finite


@dataclass(frozen=True)
class DriftFit:
    """WLS fit of yearly changes on a constant."""

    n_changes: int
    drift: float
    drift_se: float
    sigma: float


def fit_drifts(changes: pd.DataFrame) -> pd.DataFrame:
    """Fit one drift per ``key`` from columns ``key, rate, weight``.

    Returns a frame indexed by key with ``n_changes, drift, drift_se, sigma``; ``drift_se``
    and ``sigma`` are NaN where fewer than two changes exist.
    """
    weighted = changes.assign(wr=changes["rate"] * changes["weight"])
    sums = weighted.groupby("key", sort=False).agg(
        n_changes=("rate", "size"), total_weight=("weight", "sum"), total_wr=("wr", "sum")
    )
    drift = sums["total_wr"] / sums["total_weight"]
    residual = changes["rate"] - changes["key"].map(drift).astype(float)
    ssr = (changes["weight"] * residual**2).groupby(changes["key"], sort=False).sum()
    dof = sums["n_changes"] - 1
    sigma2 = (ssr / dof).where(dof > 0)
    # Rounding noise on a constant series must read as "no variation", not as a tiny sigma.
    sigma2 = sigma2.where(sigma2 > 1e-18 * (1 + drift**2), 0.0).where(dof > 0)
    return pd.DataFrame(
        {
            "n_changes": sums["n_changes"],
            "drift": drift,
            "drift_se": np.sqrt(sigma2 / sums["total_weight"]),
            "sigma": np.sqrt(sigma2),
        }
    )


def fit_drift_statsmodels(rates: np.ndarray, weights: np.ndarray) -> DriftFit:
    """The reference fit of one series with statsmodels (used by tests and the benchmark).

    Imported here, not at the top: statsmodels takes over a second to import, which every
    command-line call and app start would otherwise pay for a function they never use.
    """
    import statsmodels.api as sm

    rates = np.asarray(rates, dtype=float)
    result = sm.WLS(rates, np.ones((len(rates), 1)), weights=np.asarray(weights, dtype=float)).fit()
    return DriftFit(
        n_changes=len(rates),
        drift=float(result.params[0]),
        drift_se=float(result.bse[0]),
        sigma=float(np.sqrt(result.scale)),
    )


def forecast_spread(sigma, drift_se, horizon):
    """Standard deviation of the change over ``horizon`` years (shocks plus drift error)."""
    return np.sqrt(sigma**2 * horizon + (horizon * drift_se) ** 2)


def t_quantile(n_changes, level: float = INTERVAL_LEVEL):
    """Two-sided ``level`` quantile of the Student t with ``n_changes - 1`` degrees of freedom."""
    dof = np.asarray(n_changes, dtype=float) - 1
    with np.errstate(invalid="ignore"):
        return np.where(dof >= 1, stats.t.ppf(0.5 + level / 2, np.maximum(dof, 1)), np.nan)


def probability_at_least(mean, spread, threshold, n_changes):
    """P(value >= threshold) under the t predictive distribution; a step when spread is 0."""
    mean, spread, threshold = (np.asarray(x, dtype=float) for x in (mean, spread, threshold))
    dof = np.maximum(np.asarray(n_changes, dtype=float) - 1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = (threshold - mean) / spread
        smooth = stats.t.sf(score, dof)
    step = np.where(mean >= threshold - 1e-9, 1.0, 0.0)
    return np.where(spread > 0, smooth, step)


def probability_meeting(mean, spread, threshold, n_changes, *, downward):
    """P(value >= threshold), or P(value <= threshold) where ``downward`` (PM2.5-style targets)."""
    flip = np.where(downward, -1.0, 1.0)
    return probability_at_least(flip * np.asarray(mean, float), spread, flip * np.asarray(threshold, float), n_changes)


def to_model_scale(values, lower, upper, *, clamp: float = LOGIT_CLAMP):
    """Logit of the position within [lower, upper] where both bounds exist, else unchanged.

    The position is first clamped to [``clamp``, 1 - ``clamp``]: the fitted statistics use
    :data:`LOGIT_CLAMP`; a scenario's moved level uses :data:`EXACT_CLAMP`, which only keeps the
    logit finite, so the level it gives back is the level assumed.
    """
    values, lower, upper = (np.asarray(x, dtype=float) for x in (values, lower, upper))
    bounded = np.isfinite(lower) & np.isfinite(upper)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.clip((values - lower) / (upper - lower), clamp, 1 - clamp)
        logit = np.log(share / (1 - share))
    return np.where(bounded, logit, values)


def from_model_scale(values, lower, upper):
    """Inverse of :func:`to_model_scale`; unbounded values are clipped at ``lower``."""
    values, lower, upper = (np.asarray(x, dtype=float) for x in (values, lower, upper))
    bounded = np.isfinite(lower) & np.isfinite(upper)
    with np.errstate(over="ignore", invalid="ignore"):
        share = 1 / (1 + np.exp(-values))
        back = lower + share * (upper - lower)
    unbounded = np.where(np.isfinite(lower), np.maximum(values, lower), values)
    return np.where(bounded, back, unbounded)
