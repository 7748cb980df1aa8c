"""Gap to target, progress, projection and status for every indicator of a catalog.

``assess(catalog, observations, as_of=YEAR)`` is pure: two DataFrames in, one out.
The statuses, methods and formulas are written up in ``docs/methodology.md``.
"""
from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from analytics import projection
from analytics.catalog import is_maintain_target, normalise_catalog

ON_TRACK_PROBABILITY = 0.75
AT_RISK_PROBABILITY = 0.25
MIN_POINTS_FOR_PROBABILITY = 3  # two yearly changes: the least from which a spread can be seen
TOLERANCE = 1e-9


class Status(StrEnum):
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    INSUFFICIENT_DATA = "insufficient_data"
    QUALITATIVE = "qualitative"


class Method(StrEnum):
    DRIFT = "drift"
    DRIFT_LOGIT = "drift_logit"
    INCREMENTS = "increments"
    PERIOD_SUM = "period_sum"
    MAINTAIN_FREQUENCY = "maintain_frequency"
    INDICATIVE = "indicative_two_points"
    OBSERVED = "observed"
    NONE = "none"
    QUALITATIVE = "qualitative"


ASSESSMENT_COLUMNS = [
    "id", "plan", "seq", "name_zh", "name_en", "domain", "unit", "unit_en", "kind", "comparison",
    "baseline_year", "baseline_value", "target_year", "target_value", "latest_year",
    "latest_value", "gap", "progress", "required_annual_change", "actual_annual_change",
    "projected_value", "projected_low", "projected_high", "probability", "status", "method",
    "n_observations", "must_hold", "annual_change_assumed",
]


def meets(values, targets, comparisons) -> np.ndarray:
    """Whether each value meets its target under its comparison (NaN never meets)."""
    values, targets = np.asarray(values, dtype=float), np.asarray(targets, dtype=float)
    comparisons = np.asarray(comparisons, dtype=object)
    return np.select(
        [comparisons == ">=", comparisons == ">", comparisons == "<=", comparisons == "<"],
        [values >= targets - TOLERANCE, values > targets, values <= targets + TOLERANCE, values < targets],
        default=False,
    )


def achievement_points(catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int) -> pd.DataFrame:
    """The points each indicator is judged on: ``indicator_id, year, value, achieved``.

    ``value`` is the observation; ``achieved`` is what is compared with the target: the
    value itself, or for ``new_in_period`` indicators the running sum of the yearly
    additions since the period began. The catalog baseline counts as the baseline-year
    observation unless one was stored (never for ``new_in_period``, whose printed
    baseline is the previous period's total).
    """
    info = catalog.set_index("id")[["kind", "baseline_year", "baseline_value"]]
    stored = observations.loc[
        observations["indicator_id"].isin(info.index) & (observations["year"] <= as_of),
        ["indicator_id", "year", "value"],
    ].astype({"indicator_id": str, "year": int, "value": float})
    baselines = catalog.loc[
        catalog["baseline_year"].notna()
        & catalog["baseline_value"].notna()
        & (catalog["kind"] != "new_in_period")
        & (catalog["baseline_year"] <= as_of),
        ["id", "baseline_year", "baseline_value"],
    ].set_axis(["indicator_id", "year", "value"], axis=1)
    points = (
        pd.concat([baselines, stored], ignore_index=True)
        .astype({"year": int, "value": float})
        .dropna(subset=["value"])
        .drop_duplicates(["indicator_id", "year"], keep="last")
    )
    kind = points["indicator_id"].map(info["kind"])
    start = points["indicator_id"].map(info["baseline_year"]).astype(float)
    in_period = start.isna() | (points["year"] > start) | ((points["year"] == start) & (kind != "new_in_period"))
    points = points[in_period].sort_values(["indicator_id", "year"]).reset_index(drop=True)
    running_sum = points.groupby("indicator_id")["value"].cumsum()
    points["achieved"] = np.where(points["indicator_id"].map(info["kind"]) == "new_in_period", running_sum, points["value"])
    return points


def _yearly_changes(points: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """``key, rate, weight`` per indicator on its model scale (see projection.py)."""
    info = catalog.set_index("id")
    kind = points["indicator_id"].map(info["kind"])
    lower = points["indicator_id"].map(info["min_value"])
    upper = points["indicator_id"].map(info["max_value"])
    cumulative = (kind == "cumulative").to_numpy()
    scaled = np.where(cumulative, points["value"], projection.to_model_scale(points["value"], lower, upper))
    grouped = pd.Series(scaled, index=points.index).groupby(points["indicator_id"])
    years = points.groupby("indicator_id")["year"].diff()
    rate = grouped.diff() / years
    differences = pd.DataFrame({"key": points["indicator_id"], "rate": rate, "weight": years}).dropna()
    additions = points.loc[kind == "new_in_period", ["indicator_id", "value"]].set_axis(["key", "rate"], axis=1)
    differences = differences[differences["key"].map(info["kind"]) != "new_in_period"]
    changes = pd.concat([differences, additions.assign(weight=1.0)], ignore_index=True)
    return changes.astype({"key": str, "rate": float, "weight": float})


def _logit_unclamped(values, lower, upper):
    """Logit of the position within [lower, upper], kept just inside the bounds (NaN elsewhere)."""
    values, lower, upper = (np.asarray(x, dtype=float) for x in (values, lower, upper))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.clip((values - lower) / (upper - lower), 1e-12, 1 - 1e-12)
        return np.log(share) - np.log1p(-share)


def assess(
    catalog: pd.DataFrame,
    observations: pd.DataFrame,
    *,
    as_of: int,
    annual_change: pd.Series | None = None,
) -> pd.DataFrame:
    """Assess every indicator in ``catalog`` from ``observations`` up to ``as_of``.

    ``observations`` has columns ``indicator_id, year, value``. ``annual_change``
    (optional, indexed by indicator id, in the indicator's unit per year) replaces the
    fitted drift for a what-if scenario; the fitted uncertainty is kept.
    ``catalog`` needs only the columns issue 3 documents (see ``catalog.REQUIRED_COLUMNS``);
    optional ones (``min_value``, ``max_value``, ``unit_en``, ...) are added blank.
    Returns one row per indicator with :data:`ASSESSMENT_COLUMNS`.
    """
    cat = normalise_catalog(catalog)
    points = achievement_points(cat, observations, as_of=as_of)
    by_indicator = points.groupby("indicator_id")
    summary = pd.DataFrame(
        {
            "n_observations": by_indicator.size(),
            "first_year": by_indicator["year"].first(),
            "first_achieved": by_indicator["achieved"].first(),
            "latest_year": by_indicator["year"].last(),
            "latest_value": by_indicator["achieved"].last(),
            "mean_addition": by_indicator["value"].mean(),
        }
    )
    fits = projection.fit_drifts(_yearly_changes(points, cat))
    frame = cat.join(summary, on="id").join(fits, on="id")

    kind = frame["kind"].to_numpy()
    comparison = frame["comparison"].to_numpy()
    target = frame["target_value"].to_numpy(float)
    latest = frame["latest_value"].to_numpy(float)
    latest_year = frame["latest_year"].to_numpy(float)
    target_year = frame["target_year"].to_numpy(float)
    lower = frame["min_value"].to_numpy(float)
    upper = frame["max_value"].to_numpy(float)
    n_points = frame["n_observations"].fillna(0).to_numpy(float)
    n_changes = frame["n_changes"].fillna(0).to_numpy(float)
    is_nip = kind == "new_in_period"
    is_cumulative = kind == "cumulative"
    is_level = kind == "level"
    bounded = is_level & np.isfinite(lower) & np.isfinite(upper)
    maintain = is_maintain_target(frame).to_numpy()
    downward = np.isin(comparison, ["<=", "<"])
    sign = np.where(downward, -1.0, 1.0)
    start = np.where(is_nip, 0.0, frame["baseline_value"].to_numpy(float))
    horizon = target_year - latest_year

    met = meets(latest, target, comparison)
    gap = np.where(np.isnan(latest), np.nan, np.maximum(sign * (target - latest), 0.0))
    distance = sign * (target - start)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Where the baseline already meets the target (or there is none), progress is 1 or 0.
        progress = np.where(distance > TOLERANCE, sign * (latest - start) / distance, met.astype(float))
        progress = np.where(np.isnan(latest), np.nan, progress)
        required = np.where(met, 0.0, np.where(horizon > 0, (target - latest) / horizon, np.nan))
        span = latest_year - frame["first_year"].to_numpy(float)
        actual = np.where(
            is_nip,
            np.where(n_points >= 1, frame["mean_addition"].to_numpy(float), np.nan),
            np.where(span > 0, (latest - frame["first_achieved"].to_numpy(float)) / span, np.nan),
        )

    # Drift on the model scale, optionally replaced by a scenario's annual change.
    drift = frame["drift"].to_numpy(float)
    assumed = np.full(len(frame), np.nan)
    if annual_change is not None:
        assumed = frame["id"].map(annual_change).to_numpy(float)
        # Counts never fall: a negative assumption for them means no additions.
        assumed = np.where(is_cumulative | is_nip, np.maximum(assumed, 0.0), assumed)
        assumed = np.where(np.isfinite(assumed) & np.isfinite(latest) & (kind != "qualitative"), assumed, np.nan)
        override = np.isfinite(assumed)
        h = np.where(horizon > 0, horizon, 1.0)
        # A bounded level moves from where the model sees it (the latest value clamped into
        # [0.1%, 99.9%] of its range); the end point goes onto the logit scale without that
        # clamp, so assuming the fitted trend (see scenario.trends) gives back the fitted drift.
        model_now = projection.to_model_scale(latest, lower, upper)
        moved = projection.from_model_scale(model_now, lower, upper) + assumed * h
        scaled_drift = (_logit_unclamped(moved, lower, upper) - model_now) / h
        drift = np.where(override, np.where(bounded, scaled_drift, assumed), drift)
    # Counts only ever grow: their yearly increments are never negative.
    drift = np.where(is_cumulative | is_nip, np.maximum(drift, 0.0), drift)

    sigma = frame["sigma"].to_numpy(float)
    drift_se = frame["drift_se"].to_numpy(float)
    spread = projection.forecast_spread(sigma, drift_se, np.maximum(horizon, 0))
    quantile = projection.t_quantile(n_changes)
    # Start of the projection on the model scale: levels project the latest level,
    # counts and period sums project the latest total.
    model_latest = np.where(bounded, projection.to_model_scale(latest, lower, upper), latest)
    model_target = np.where(bounded, projection.to_model_scale(target, lower, upper), target)
    centre = model_latest + drift * np.maximum(horizon, 0)
    floor = np.where(is_cumulative | is_nip, latest, lower)
    to_value = lambda v: np.fmax(np.where(bounded, projection.from_model_scale(v, lower, upper), v), floor)  # noqa: E731
    projected = to_value(centre)
    low, high = to_value(centre - quantile * spread), to_value(centre + quantile * spread)
    p_model = projection.probability_meeting(centre, spread, model_target, n_changes, downward=downward)
    # A count that already meets its target cannot fall below it again.
    p_model = np.where((is_cumulative | is_nip) & met, 1.0, p_model)

    # Maintain-type targets: how often the level held, with the rule of succession.
    by_id = frame.set_index("id")
    held = meets(points["value"], points["indicator_id"].map(by_id["target_value"]), points["indicator_id"].map(by_id["comparison"]))
    held_count = pd.Series(held, index=points.index).groupby(points["indicator_id"]).sum()
    k_held = frame["id"].map(held_count).fillna(0).to_numpy(float)
    p_maintain = (k_held + 1) / (n_points + 2)

    enough_for_p = np.where(is_nip, n_changes >= 2, n_points >= MIN_POINTS_FOR_PROBABILITY)
    observed_target_year = horizon <= 0
    method = np.select(
        [
            kind == "qualitative",
            np.isnan(latest),
            observed_target_year,
            maintain & ~np.isfinite(assumed),
            (n_changes < 1) & ~np.isfinite(assumed),
            ~enough_for_p,  # an assumption moves the projection but cannot invent a spread
            is_nip,
            is_cumulative,
            bounded,
        ],
        [
            Method.QUALITATIVE, Method.NONE, Method.OBSERVED, Method.MAINTAIN_FREQUENCY, Method.NONE,
            Method.INDICATIVE, Method.PERIOD_SUM, Method.INCREMENTS, Method.DRIFT_LOGIT,
        ],
        default=Method.DRIFT,
    )
    probability = np.select(
        [method == Method.OBSERVED, method == Method.MAINTAIN_FREQUENCY, np.isin(method, [Method.NONE, Method.INDICATIVE, Method.QUALITATIVE])],
        [met.astype(float), p_maintain, np.nan],
        default=p_model,
    )
    no_band = np.isin(method, [Method.NONE, Method.INDICATIVE, Method.MAINTAIN_FREQUENCY, Method.QUALITATIVE])
    projected = np.select(
        [np.isin(method, [Method.NONE, Method.QUALITATIVE]), method == Method.OBSERVED, method == Method.MAINTAIN_FREQUENCY],
        [np.nan, latest, latest],
        default=projected,
    )
    low = np.where(method == Method.OBSERVED, latest, np.where(no_band, np.nan, low))
    high = np.where(method == Method.OBSERVED, latest, np.where(no_band, np.nan, high))

    status = np.select(
        [
            kind == "qualitative",
            met,
            observed_target_year & ~np.isnan(latest),
            np.isnan(probability),
            probability >= ON_TRACK_PROBABILITY,
            probability >= AT_RISK_PROBABILITY,
        ],
        [Status.QUALITATIVE, Status.ACHIEVED, Status.NOT_ACHIEVED, Status.INSUFFICIENT_DATA, Status.ON_TRACK, Status.AT_RISK],
        default=Status.OFF_TRACK,
    )
    result = frame.assign(
        gap=gap,
        progress=progress,
        required_annual_change=required,
        actual_annual_change=actual,
        projected_value=projected,
        projected_low=low,
        projected_high=high,
        probability=probability,
        status=status.astype(str),
        method=method.astype(str),
        n_observations=frame["n_observations"].fillna(0).astype(int),
        latest_year=frame["latest_year"].astype("Int64"),
        must_hold=met & is_level & (horizon > 0),
        annual_change_assumed=assumed,
    )
    return result.loc[:, ASSESSMENT_COLUMNS].reset_index(drop=True)
