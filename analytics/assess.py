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


def fitted_models(catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every indicator's fitted model, shared by :func:`assess` and :mod:`analytics.scenario`.

    Returns ``(points, frame)``: the :func:`achievement_points`, and the normalised catalog
    (one row per indicator, in catalog order) with ``n_observations, first_year,
    first_achieved, latest_year, latest_value, mean_addition`` and the drift fit
    (``n_changes, drift, drift_se, sigma``; counts' drift is never below 0), plus
    ``counts, bounded, maintain, sign, met, horizon, model_latest, model_target`` (the
    latest value and the target on the model scale, clamped as the fit was) and
    ``p_held``, the rule of succession on how often the level met the target.
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
    lower, upper = frame["min_value"].to_numpy(float), frame["max_value"].to_numpy(float)
    latest = frame["latest_value"].to_numpy(float)
    target = frame["target_value"].to_numpy(float)
    counts = np.isin(kind, ["cumulative", "new_in_period"])
    bounded = (kind == "level") & np.isfinite(lower) & np.isfinite(upper)
    n_points = frame["n_observations"].fillna(0).to_numpy(float)
    # Maintain-type targets: how often the level held, with the rule of succession.
    by_id = frame.set_index("id")
    held = meets(points["value"], points["indicator_id"].map(by_id["target_value"]), points["indicator_id"].map(by_id["comparison"]))
    held_count = pd.Series(held, index=points.index).groupby(points["indicator_id"]).sum()
    k_held = frame["id"].map(held_count).fillna(0).to_numpy(float)
    frame = frame.assign(
        n_observations=n_points,
        n_changes=frame["n_changes"].fillna(0).to_numpy(float),
        drift=np.where(counts, np.maximum(frame["drift"].to_numpy(float), 0.0), frame["drift"].to_numpy(float)),
        counts=counts,
        bounded=bounded,
        maintain=is_maintain_target(frame).to_numpy(),
        sign=np.where(np.isin(frame["comparison"].to_numpy(), ["<=", "<"]), -1.0, 1.0),
        met=meets(latest, target, frame["comparison"]),
        horizon=frame["target_year"].to_numpy(float) - frame["latest_year"].to_numpy(float),
        model_latest=np.where(bounded, projection.to_model_scale(latest, lower, upper), latest),
        model_target=np.where(bounded, projection.to_model_scale(target, lower, upper), target),
        p_held=(k_held + 1) / (n_points + 2),
    )
    return points, frame


def enough_for_probability(frame: pd.DataFrame) -> np.ndarray:
    """Whether a spread can be seen: three points (two changes), or two yearly additions."""
    return np.where(frame["kind"].to_numpy() == "new_in_period", frame["n_changes"].to_numpy(float) >= 2,
                    frame["n_observations"].to_numpy(float) >= MIN_POINTS_FOR_PROBABILITY)


def target_at_bound(frame: pd.DataFrame) -> np.ndarray:
    """Bounded levels whose target is a bound itself (100% of a 0-100 range): a logit cannot reach it."""
    lower, upper = frame["min_value"].to_numpy(float), frame["max_value"].to_numpy(float)
    target = frame["target_value"].to_numpy(float)
    return frame["bounded"].to_numpy(bool) & ((target <= lower) | (target >= upper))


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
    points, frame = fitted_models(catalog, observations, as_of=as_of)

    kind = frame["kind"].to_numpy()
    comparison = frame["comparison"].to_numpy()
    target = frame["target_value"].to_numpy(float)
    latest = frame["latest_value"].to_numpy(float)
    lower = frame["min_value"].to_numpy(float)
    upper = frame["max_value"].to_numpy(float)
    n_points = frame["n_observations"].to_numpy(float)
    n_changes = frame["n_changes"].to_numpy(float)
    is_nip = kind == "new_in_period"
    is_cumulative = kind == "cumulative"
    is_level = kind == "level"
    counts = frame["counts"].to_numpy(bool)
    bounded = frame["bounded"].to_numpy(bool)
    maintain = frame["maintain"].to_numpy(bool)
    downward = frame["sign"].to_numpy(float) < 0
    sign = frame["sign"].to_numpy(float)
    met = frame["met"].to_numpy(bool)
    start = np.where(is_nip, 0.0, frame["baseline_value"].to_numpy(float))
    horizon = frame["horizon"].to_numpy(float)
    ahead = np.maximum(horizon, 0)

    gap = np.where(np.isnan(latest), np.nan, np.maximum(sign * (target - latest), 0.0))
    distance = sign * (target - start)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Where the baseline already meets the target (or there is none), progress is 1 or 0.
        progress = np.where(distance > TOLERANCE, sign * (latest - start) / distance, met.astype(float))
        progress = np.where(np.isnan(latest), np.nan, progress)
        required = np.where(met, 0.0, np.where(horizon > 0, (target - latest) / horizon, np.nan))
        span = latest - frame["first_achieved"].to_numpy(float)
        years = frame["latest_year"].to_numpy(float) - frame["first_year"].to_numpy(float)
        actual = np.where(
            is_nip,
            np.where(n_points >= 1, frame["mean_addition"].to_numpy(float), np.nan),
            np.where(years > 0, span / years, np.nan),
        )

    # The projection's centre on the model scale: the latest value (clamped as in the fit) moved
    # by the fitted drift; counts and period sums project the latest total.
    model_latest = frame["model_latest"].to_numpy(float)
    centre = model_latest + frame["drift"].to_numpy(float) * ahead
    model_target = frame["model_target"].to_numpy(float)
    assumed = np.full(len(frame), np.nan)
    moved = latest
    if annual_change is not None:
        assumed = frame["id"].map(annual_change).to_numpy(float)
        # Counts never fall: a negative assumption for them means no additions.
        assumed = np.where(counts, np.maximum(assumed, 0.0), assumed)
        assumed = np.where(np.isfinite(assumed) & np.isfinite(latest) & (kind != "qualitative"), assumed, np.nan)
        # A scenario moves the real latest value; only the statistics stay on the clamped scale.
        with np.errstate(invalid="ignore"):
            moved = np.where(np.isfinite(assumed), latest + assumed * ahead, latest)
            moved = np.where(bounded, np.clip(moved, lower, upper), moved)
        exact = projection.to_model_scale(moved, lower, upper, clamp=projection.EXACT_CLAMP)
        centre = np.where(np.isfinite(assumed), np.where(bounded, exact, moved), centre)
        model_target = np.where(
            np.isfinite(assumed) & bounded,
            projection.to_model_scale(target, lower, upper, clamp=projection.EXACT_CLAMP),
            model_target,
        )
    override = np.isfinite(assumed)

    sigma = frame["sigma"].to_numpy(float)
    drift_se = frame["drift_se"].to_numpy(float)
    spread = projection.forecast_spread(sigma, drift_se, ahead)
    quantile = projection.t_quantile(n_changes)
    floor = np.where(counts, latest, lower)
    to_value = lambda v: np.fmax(np.where(bounded, projection.from_model_scale(v, lower, upper), v), floor)  # noqa: E731
    projected = to_value(centre)
    low, high = to_value(centre - quantile * spread), to_value(centre + quantile * spread)
    p_model = projection.probability_meeting(centre, spread, model_target, n_changes, downward=downward)
    # A count that already meets its target cannot fall below it again.
    p_model = np.where(counts & met, 1.0, p_model)
    p_held = frame["p_held"].to_numpy(float)
    # A target at the bound (100%) is met only by a level held there: below it, the chance can
    # be no more than that of a level held at the bound.
    at_bound = target_at_bound(frame)
    held_at_bound = override & at_bound & meets(moved, target, comparison)
    p_model = np.where(override & at_bound, np.minimum(p_model, p_held), p_model)

    enough_for_p = enough_for_probability(frame)
    observed_target_year = horizon <= 0
    method = np.select(
        [
            kind == "qualitative",
            np.isnan(latest),
            observed_target_year,
            maintain & ~override & enough_for_p,
            n_changes < 1,  # only the baseline: nothing to extend (an assumption moves the indicative line)
            ~enough_for_p,  # an assumption moves the projection but cannot invent a spread
            held_at_bound,
            is_nip,
            is_cumulative,
            bounded,
        ],
        [
            Method.QUALITATIVE, Method.NONE, Method.OBSERVED, Method.MAINTAIN_FREQUENCY,
            np.where(override, Method.INDICATIVE, Method.NONE),
            Method.INDICATIVE, Method.MAINTAIN_FREQUENCY, Method.PERIOD_SUM, Method.INCREMENTS, Method.DRIFT_LOGIT,
        ],
        default=Method.DRIFT,
    )
    probability = np.select(
        [method == Method.OBSERVED, method == Method.MAINTAIN_FREQUENCY, np.isin(method, [Method.NONE, Method.INDICATIVE, Method.QUALITATIVE])],
        [met.astype(float), p_held, np.nan],
        default=p_model,
    )
    no_band = np.isin(method, [Method.NONE, Method.INDICATIVE, Method.MAINTAIN_FREQUENCY, Method.QUALITATIVE])
    projected = np.select(
        [np.isin(method, [Method.NONE, Method.QUALITATIVE]), method == Method.OBSERVED, method == Method.MAINTAIN_FREQUENCY],
        [np.nan, latest, moved],
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
        n_observations=frame["n_observations"].astype(int),
        latest_year=frame["latest_year"].astype("Int64"),
        must_hold=met & is_level & (horizon > 0),
        annual_change_assumed=assumed,
    )
    return result.loc[:, ASSESSMENT_COLUMNS].reset_index(drop=True)
