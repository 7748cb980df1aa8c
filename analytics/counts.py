"""The count models: a gamma-Poisson predictive for yearly additions, and a one-off milestone.

**Counts** (cumulative totals and "new in period" sums) grow by whole yearly additions a_k, each
spanning y_k years (a cumulative total's difference over a missing year spans two). With S = sum a_k
and Y = sum y_k, the additions are Poisson with rate lambda per year, over-dispersed by phi:

* phi is the Pearson dispersion sum (a_k - lambda_hat y_k)^2 / (lambda_hat y_k) / (m - 1), with
  lambda_hat = S / Y, pooled with the other count series of the same call (partial pooling:
  ``PRIOR_DOF`` pseudo-changes at the pooled dispersion) and never below 1 (Poisson);
* lambda has the gamma posterior of the quasi-Poisson counts S / phi under the Jeffreys prior:
  Gamma(S / phi + 1/2, rate Y / phi), mean (S + phi / 2) / Y. A count that added nothing still gets
  a chance of adding some (more where additions come in lumps), and equal additions leave a spread;
* the additions H of the next h years are negative binomial with mean mu = h (S + phi / 2) / Y and
  variance phi mu (1 + h / Y) (future noise plus the uncertainty of lambda). With phi = 1 this is
  exactly the gamma-Poisson mixture NB(r = S + 1/2, p = Y / (Y + h)).

Bands are whole numbers from the latest total upwards; P(total >= target) is an exact tail sum.
``fit_counts_statsmodels`` is the same lambda_hat and phi from a statsmodels Poisson GLM.

**Milestones** (a one-off build, 0 -> 1) are built or not. Each year not built is one year a
yearly chance of completion q did not come; with the Jeffreys Beta(1/2, 1/2) prior and k such years,
P(built within h more years) = 1 - B(1/2, 1/2 + k + h) / B(1/2, 1/2 + k).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special, stats

from analytics.grouping import Keyed

PRIOR_SHAPE = 0.5  # Jeffreys prior on a Poisson rate
PRIOR_DOF = 2.0  # how many changes' worth the pooled dispersion counts for in each series


def fit_counts(additions: pd.DataFrame) -> pd.DataFrame:
    """Fit every count series from ``key, addition, years`` (one row per yearly addition).

    Returns, indexed by key: ``n_changes, total, exposure, rate, dispersion, dispersion_own``;
    ``rate`` is the posterior mean (S + phi / 2) / Y, ``dispersion`` the pooled phi (>= 1).
    """
    groups = Keyed.of(additions["key"])
    addition, years = additions["addition"].to_numpy(float), additions["years"].to_numpy(float)
    n_changes, total, exposure = groups.size(), groups.sum(addition), groups.sum(years)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw_rate = total / exposure
        expected = years * raw_rate[groups.code]
        pearson = groups.sum(np.where(expected > 0, (addition - expected) ** 2 / expected, 0.0))
    dof = np.where(raw_rate > 0, n_changes - 1, 0)
    pooled = max(float(pearson[dof > 0].sum() / dof[dof > 0].sum()), 1.0) if (dof > 0).any() else 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        own = np.where(dof > 0, pearson / dof, np.nan)
    dispersion = np.maximum((PRIOR_DOF * pooled + dof * np.nan_to_num(own)) / (PRIOR_DOF + dof), 1.0)
    return pd.DataFrame(
        {
            "n_changes": n_changes,
            "total": total,
            "exposure": exposure,
            "rate": (total + PRIOR_SHAPE * dispersion) / exposure,
            "dispersion": dispersion,
            "dispersion_own": own,
        },
        index=groups.keys,
    )


def fit_counts_statsmodels(additions, years) -> tuple[float, float]:
    """``(lambda_hat, phi)`` of one series from a statsmodels Poisson GLM with exposure (Pearson scale)."""
    import statsmodels.api as sm

    additions, years = np.asarray(additions, float), np.asarray(years, float)
    result = sm.GLM(additions, np.ones((len(additions), 1)), family=sm.families.Poisson(), exposure=years).fit()
    return float(np.exp(result.params[0])), float(result.pearson_chi2 / result.df_resid)


def predictive(mean, dispersion, horizon, exposure):
    """The negative binomial ``(r, p)`` of the additions over ``horizon`` years (r = 0 where mean is 0)."""
    mean, dispersion = np.asarray(mean, float), np.asarray(dispersion, float)
    inflation = dispersion * (1 + np.asarray(horizon, float) / np.asarray(exposure, float))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = mean / (inflation - 1)
        p = 1 / inflation
    return r, p


def probability_adding(needed, r, p):
    """P(additions >= needed) for whole ``needed`` (<= 0 is certain); r = 0 adds nothing."""
    needed, r, p = (np.asarray(x, float) for x in (needed, r, p))
    with np.errstate(invalid="ignore"):
        tail = stats.nbinom.sf(np.maximum(needed, 1) - 1, np.where(r > 0, r, 1), p)
    tail = np.where(r > 0, tail, 0.0)
    return np.where(needed <= 0, 1.0, np.where(np.isfinite(r) & np.isfinite(p), tail, np.nan))


def cdf_added(added, r, p):
    """P(additions <= ``added``) for whole ``added`` (0 below 0; r = 0 adds nothing; NaN where r, p are)."""
    added, r, p = (np.asarray(x, float) for x in (added, r, p))
    with np.errstate(invalid="ignore"):
        cdf = stats.nbinom.cdf(np.maximum(added, 0), np.where(r > 0, r, 1), p)
    cdf = np.where(r > 0, cdf, 1.0)
    return np.where(np.isfinite(r) & np.isfinite(p), np.where(added < 0, 0.0, cdf), np.nan)


def quantile_added(level, r, p):
    """The ``level`` quantile of the additions (0 where nothing is expected)."""
    r, p = np.asarray(r, float), np.asarray(p, float)
    with np.errstate(invalid="ignore"):
        q = stats.nbinom.ppf(level, np.where(r > 0, r, 1), p)
    return np.where(r > 0, q, np.where(np.isfinite(r), 0.0, np.nan))


def band_added(level, r, p):
    """Whole ``(low, high)`` additions holding the predictive mass closest to ``level``.

    Starts from the central quantiles and drops an end value while the rest still holds ``level``
    (a discrete band from the central quantiles alone covers well above ``level``), then drops the
    lighter end once more where the band's mass comes closer to ``level`` (a band of whole numbers
    cannot hold exactly 80%). The band always allows one more addition: ``high >= low + 1``, as a
    count can always grow.
    """
    r, p = np.asarray(r, float), np.asarray(p, float)
    positive = np.where(r > 0, r, 1)
    low = quantile_added((1 - level) / 2, r, p)
    high = quantile_added((1 + level) / 2, r, p)

    def mass(a, b):
        return np.where(r > 0, stats.nbinom.cdf(b, positive, p) - stats.nbinom.cdf(a - 1, positive, p), 1.0)

    high = np.where((high - 1 > low) & (mass(low, high - 1) >= level), high - 1, high)
    low = np.where((low + 1 < high) & (mass(low + 1, high) >= level), low + 1, low)
    # The smallest band of at least ``level`` may hold far more (rare additions: 0 or 1 more holds 92%);
    # dropping the lighter end is taken where the band then holds closer to ``level``.
    lighter_high = mass(high, high) <= mass(low, low)
    trimmed_low, trimmed_high = np.where(lighter_high, low, low + 1), np.where(lighter_high, high - 1, high)
    closer = (high - low >= 2) & (np.abs(mass(trimmed_low, trimmed_high) - level) < np.abs(mass(low, high) - level))
    low, high = np.where(closer, trimmed_low, low), np.where(closer, trimmed_high, high)
    return low, np.maximum(high, low + 1)


def needed_additions(target, latest, strict):
    """Whole additions needed: ceil(target - latest), one more for a strict ">" target."""
    gap = np.asarray(target, float) - np.asarray(latest, float)
    return np.where(strict, np.floor(gap + 1e-9) + 1, np.ceil(gap - 1e-9))


def milestone_probability(years_not_built, horizon):
    """P(a milestone not built after ``years_not_built`` years is built within ``horizon`` more)."""
    k, h = np.asarray(years_not_built, float), np.asarray(horizon, float)
    b = 0.5 + np.maximum(k, 0)
    with np.errstate(invalid="ignore"):
        stays = np.exp(special.betaln(0.5, b + np.maximum(h, 0)) - special.betaln(0.5, b))
    return 1 - stays
