"""Gap to target, progress, projection and status for every indicator of a catalog.

``assess(catalog, observations, as_of=YEAR)`` is pure: two DataFrames in, one out. Each kind
(:mod:`analytics.kinds`) has its model: counts the gamma-Poisson of :mod:`analytics.counts`,
milestones a yearly chance of completion, levels the robust censored trend of
:mod:`analytics.projection`. The statuses, methods and formulas are written up in
``docs/methodology.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from analytics import continuity, projection
from analytics import counts as count_model
from analytics.catalog import is_maintain_target, normalise_catalog
from analytics.grouping import Keyed
from analytics.kinds import kinds_where

ON_TRACK_PROBABILITY = 0.75
AT_RISK_PROBABILITY = 0.25
HOLD_PROBABILITY = 0.85  # a target met before the target year is "achieved" when it holds with at least this chance
MIN_POINTS_FOR_PROBABILITY = 3  # two yearly changes: the least from which a spread can be seen
TOLERANCE = 1e-9
PACE_CATEGORY_BOUNDS = (0.95, 0.60, 0.0)  # Eurostat / Open SDG: ratio of actual to required annual change
# Which kinds each model and rule applies to, read from analytics.kinds.RULES (never from a kind's name).
COUNT_KINDS = kinds_where(model="count")
SUM_KINDS = kinds_where(sums_additions=True)  # the target is on the sum of yearly additions
TOTAL_KINDS = kinds_where(model="count", sums_additions=False)  # running totals: additions are differences
LEVEL_KINDS = kinds_where(model="level")
MILESTONE_KINDS = kinds_where(model="milestone")
UNASSESSED_KINDS = kinds_where(numeric=False)
NOT_OBSERVED_BASELINE_KINDS = kinds_where(baseline_is_observation=False)


class Status(StrEnum):
    ACHIEVED = "achieved"
    MET_AT_RISK = "met_at_risk"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    INSUFFICIENT_DATA = "insufficient_data"
    QUALITATIVE = "qualitative"


class Method(StrEnum):
    ROBUST_DRIFT = "robust_drift"
    ROBUST_DRIFT_BOUNDED = "robust_drift_bounded"
    NEGATIVE_BINOMIAL = "negative_binomial"
    PERIOD_SUM = "period_sum"
    MILESTONE = "milestone"
    MAINTAIN_FREQUENCY = "maintain_frequency"
    INDICATIVE = "indicative_two_points"
    OBSERVED = "observed"
    NONE = "none"
    QUALITATIVE = "qualitative"


class PaceCategory(StrEnum):
    """Eurostat / Open SDG reading of actual against required annual change."""

    MET = "met"
    ON_PACE = "on_pace"  # >= 95% of the required pace
    MODERATE = "moderate"  # 60-95%
    INSUFFICIENT = "insufficient"  # 0-60%
    MOVING_AWAY = "moving_away"  # < 0


ASSESSMENT_COLUMNS = [
    "id",
    "plan",
    "seq",
    "name_zh",
    "name_en",
    "domain",
    "unit",
    "unit_en",
    "kind",
    "comparison",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "latest_year",
    "latest_value",
    "gap",
    "progress",
    "required_annual_change",
    "actual_annual_change",
    "projected_value",
    "projected_low",
    "projected_high",
    "probability",
    "status",
    "method",
    "n_observations",
    "must_hold",
    "annual_change_assumed",
    "final",
    "progress_capped",
    "progress_reliable",
    "pace_ratio",
    "pace_category",
    "trend",
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


@dataclass(frozen=True)
class SeriesPoints:
    """The :func:`achievement_points` as arrays, sorted by series then year: a point's series is
    its ``code``, a position in ``ids`` (the catalog's ids, sorted, so codes sort as the ids do).

    Built from integer codes (each distinct text id is looked up once), so that grouping, sorting
    and filtering 312,000 points is work on integers, not on strings.
    """

    ids: pd.Index
    code: np.ndarray
    year: np.ndarray
    value: np.ndarray
    achieved: np.ndarray

    def frame(self) -> pd.DataFrame:
        """``indicator_id, year, value, achieved``, as :func:`achievement_points` returns them."""
        return pd.DataFrame(
            {
                "indicator_id": pd.Series(self.ids.take(self.code), dtype=str),
                "year": self.year,
                "value": self.value,
                "achieved": self.achieved,
            }
        )


def _codes_of(ids: pd.Index, column: pd.Series) -> np.ndarray:
    """Each row's position in ``ids`` (-1 for an id not there), each distinct id of ``column`` looked up once."""
    codes, distinct = pd.factorize(column)
    return np.append(ids.get_indexer(distinct), -1)[codes]  # a missing id (code -1) takes the last place: -1


def _by_code(ids: pd.Index, row_code: np.ndarray, column: pd.Series, dtype=float) -> np.ndarray:
    """A catalog column as an array by series code (``row_code``: each catalog row's code)."""
    by_code = np.full(len(ids), np.nan, dtype=float) if dtype is float else np.empty(len(ids), dtype=dtype)
    by_code[row_code] = column.astype(float).to_numpy() if dtype is float else column.to_numpy(dtype=dtype)
    return by_code


def series_points(
    catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int, start_year: int | None = None
) -> SeriesPoints:
    """The :func:`achievement_points` as :class:`SeriesPoints`: the same points, in the same order."""
    row_code, ids = pd.factorize(catalog["id"], sort=True)
    code = _codes_of(ids, observations["indicator_id"])
    stored = (code >= 0) & (observations["year"] <= as_of).to_numpy(dtype=bool, na_value=False)
    baselines = (
        catalog["baseline_year"].notna()
        & catalog["baseline_value"].notna()
        & ~catalog["kind"].isin(NOT_OBSERVED_BASELINE_KINDS)
        & (catalog["baseline_year"] <= as_of)
    ).to_numpy(dtype=bool, na_value=False)
    # the baselines first, then the stored rows: a stored year replaces its baseline (the last one is kept)
    code = np.concatenate([row_code[baselines], code[stored]]).astype("int64")
    year = np.concatenate(
        [
            catalog["baseline_year"][baselines].astype(int).to_numpy(dtype="int64"),
            observations["year"][stored].astype(int).to_numpy(dtype="int64"),
        ]
    )
    value = np.concatenate(
        [
            catalog["baseline_value"][baselines].astype(float).to_numpy(dtype=float),
            observations["value"][stored].astype(float).to_numpy(dtype=float),
        ]
    )
    known = ~np.isnan(value)
    if not known.all():
        code, year, value = code[known], year[known], value[known]
    order = np.lexsort((year, code))  # stable: of one series and year, the last given stays last
    code, year, value = code[order], year[order], value[order]
    last = np.ones(len(code), dtype=bool)
    last[:-1] = (code[1:] != code[:-1]) | (year[1:] != year[:-1])

    kind = _by_code(ids, row_code, catalog["kind"], dtype=object)  # by series: each test once a series
    start = _by_code(ids, row_code, catalog["baseline_year"])[code]
    end = _by_code(ids, row_code, catalog["target_year"])[code]
    sums = np.isin(kind, SUM_KINDS)[code]
    in_period = np.isnan(start) | (year > start) | ((year == start) & ~sums)
    in_period &= np.isnan(end) | (year <= end)
    if start_year is not None:
        in_period &= (year >= start_year) | ~np.isin(kind, LEVEL_KINDS)[code]
    kept = last & in_period
    if not kept.all():
        code, year, value, sums = code[kept], year[kept], value[kept], sums[kept]
    achieved = value.copy()
    if sums.any():
        achieved[sums] = pd.Series(value[sums]).groupby(code[sums]).cumsum().to_numpy()
    return SeriesPoints(ids, code, year, value, achieved)


def achievement_points(
    catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int, start_year: int | None = None
) -> pd.DataFrame:
    """The points each indicator is judged on: ``indicator_id, year, value, achieved``, sorted by
    indicator and year.

    ``value`` is the observation; ``achieved`` is what is compared with the target: the
    value itself, or for ``new_in_period`` indicators the running sum of the yearly
    additions since the period began. The catalog baseline counts as the baseline-year
    observation unless one was stored (never for ``new_in_period``, whose printed
    baseline is the previous period's total). Years after an indicator's target year are
    left out: the target-year figure decides. ``start_year`` (optional) leaves out the
    points of a level before it (to see how much the start year moves the trend).
    """
    return series_points(catalog, observations, as_of=as_of, start_year=start_year).frame()


def _count_additions(points: SeriesPoints, kind: np.ndarray) -> pd.DataFrame:
    """``key, addition, years``: a cumulative total's yearly differences, a new-in-period year's figure
    (``key``: the series code of :class:`SeriesPoints`; ``kind``: each series' kind, by code).

    A missing year of a new-in-period count is simply absent (unknown, not zero); a cumulative
    difference across a missing year spans the years between.
    """
    cumulative = np.isin(kind, TOTAL_KINDS)[points.code]
    code, value, year = points.code[cumulative], points.value[cumulative], points.year[cumulative]
    previous = Keyed.of(code).previous_rows()
    later = np.flatnonzero(previous >= 0)
    differences = pd.DataFrame(
        {
            "key": code[later],
            "addition": np.maximum(value[later] - value[previous[later]], 0.0),  # a recorded drop adds nothing
            "years": (year[later] - year[previous[later]]).astype(float),
        }
    ).dropna()
    period = np.isin(kind, SUM_KINDS)[points.code]
    yearly = pd.DataFrame({"key": points.code[period], "addition": points.value[period], "years": 1.0})
    return pd.concat([differences, yearly], ignore_index=True).astype(
        {"key": "int64", "addition": float, "years": float}
    )


def fitted_models(
    catalog: pd.DataFrame,
    observations: pd.DataFrame,
    *,
    as_of: int,
    start_year: int | None = None,
    points_frame: bool = True,
) -> tuple[pd.DataFrame | None, pd.DataFrame]:
    """Every indicator's fitted model, shared by :func:`assess` and :mod:`analytics.scenario`.

    Returns ``(points, frame)``: the :func:`achievement_points` (None with ``points_frame=False``, for
    a caller that reads only the frame: the points are not turned into text for nothing), and the
    normalised catalog (one row per indicator, in catalog order) with ``n_observations, first_year,
    first_achieved, latest_year, latest_value, mean_addition, median_value`` (the level around which
    a 0-100 share's trend was measured, see ``projection.bounded_path``); the level fit ``n_changes,
    drift, drift_se, sigma, resolution`` (drift = Theil-Sen slope; for a 0-100 share the average change
    a year of its path, which slows near the bound, over the years left); the count fit ``rate,
    dispersion, exposure``
    (rate = posterior mean additions a year, which is also ``drift``); ``spread_factor``, by which a level's
    ``sigma`` and ``drift_se`` were scaled after the call's back-test (``projection.spread_factors``, 1 for most);
    and ``counts, milestone, bounded, maintain, at_bound, sign, met, horizon, step, trend, p_held``.
    ``horizon`` is the years still unknown: to the target year, or for a new-in-period count
    the years of the period not reported yet (missing ones included). ``step`` is the plan's own
    yearly step, |target - baseline| / years of the period. ``p_held`` is the rule of
    succession on how often the level met the target in the years after the baseline year.
    """
    cat = normalise_catalog(catalog)
    series = series_points(cat, observations, as_of=as_of, start_year=start_year)
    points = None  # the points as a frame: built for the continuity hook, else once the fits are done
    # --- continuity hook (issue 16): a row that carries on the previous plan's indicator fits its trend
    # on the predecessor's earlier years too (analytics/continuity.py).
    if start_year is None and (cat["continues"] != "").any():  # no row carries on another: nothing to add
        points = series.frame()
        hooked = continuity.with_earlier_points(points, cat, observations, as_of=as_of)
        if hooked is not points:  # earlier points were added: the series are read again from the frame
            points = hooked
            series = SeriesPoints(
                series.ids,
                _codes_of(series.ids, hooked["indicator_id"]),
                *(hooked[c].to_numpy() for c in ("year", "value", "achieved")),
            )
    # --- end of the continuity hook
    # Every per-series result is keyed by the series code, then placed on the catalog's rows by position.
    row_code = series.ids.get_indexer(cat["id"])
    by_indicator = Keyed.of(series.code)
    summary = pd.DataFrame(
        {
            "n_observations": by_indicator.size(),
            "first_year": series.year[by_indicator.first_rows()],
            "first_achieved": by_indicator.first(series.achieved),
            "latest_year": series.year[by_indicator.last_rows()],
            "latest_value": by_indicator.last(series.achieved),
            "mean_addition": by_indicator.mean(series.value),
            "median_value": by_indicator.median(series.value),
        },
        index=by_indicator.keys,
    )
    kind_of = _by_code(series.ids, row_code, cat["kind"], dtype=object)
    is_level_point = np.isin(kind_of, LEVEL_KINDS)[series.code]
    levels = pd.DataFrame(
        {
            "key": series.code[is_level_point],
            "year": series.year[is_level_point],
            "value": series.value[is_level_point],
        },
        copy=False,
    )
    lower_of, upper_of = (pd.Series(_by_code(series.ids, row_code, cat[c])) for c in ("min_value", "max_value"))
    level_fit, backtest = projection.fit_and_backtest_levels(levels, lower_of, upper_of)
    del levels
    count_fit = count_model.fit_counts(_count_additions(series, kind_of))

    def on_rows(fitted: pd.DataFrame) -> pd.DataFrame:
        return fitted.reindex(row_code).set_axis(cat.index)

    frame = cat.join(on_rows(summary)).join(on_rows(level_fit))
    frame = frame.join(on_rows(count_fit[["rate", "dispersion", "exposure"]]))
    kind = frame["kind"].to_numpy()
    is_count = np.isin(kind, COUNT_KINDS)
    count_changes = count_fit["n_changes"].reindex(row_code).to_numpy(float)
    n_changes = np.where(is_count, count_changes, frame["n_changes"].to_numpy(float))
    frame["n_changes"] = np.nan_to_num(n_changes, nan=0.0)

    lower, upper = frame["min_value"].to_numpy(float), frame["max_value"].to_numpy(float)
    latest = frame["latest_value"].to_numpy(float)
    target = frame["target_value"].to_numpy(float)
    is_level = np.isin(kind, LEVEL_KINDS)
    bounded = is_level & (np.isfinite(lower) | np.isfinite(upper))
    n_points = frame["n_observations"].fillna(0).to_numpy(float)
    maintain = is_maintain_target(frame).to_numpy()
    at_bound = is_level & ((np.isfinite(upper) & (target >= upper)) | (np.isfinite(lower) & (target <= lower)))

    def of_points(column: str, dtype=float) -> np.ndarray:
        """A column of ``frame`` spread over the points."""
        return _by_code(series.ids, row_code, frame[column], dtype=dtype)[series.code]

    # Maintain-type targets at the bound: how often the level held since the baseline year, with the rule
    # of succession. The baseline year is left out: it is why the target is "hold", not evidence that it holds.
    after_baseline = series.year > np.nan_to_num(of_points("baseline_year"), nan=-np.inf)
    # met, per point, under its indicator's comparison: the points of each comparison at once
    comparison_of, comparisons = pd.factorize(frame["comparison"])
    point_comparison = _by_code(series.ids, row_code, pd.Series(comparison_of))[series.code]
    target_of = of_points("target_value")
    held = np.zeros(len(series.code), dtype=bool)
    for number, comparison in enumerate(comparisons):
        at = point_comparison == number
        held[at] = meets(series.value[at], target_of[at], comparison)
    held &= after_baseline
    k_held = np.bincount(series.code, weights=held, minlength=len(series.ids))[row_code]
    n_held_years = np.bincount(series.code, weights=after_baseline, minlength=len(series.ids))[row_code]
    target_year = frame["target_year"].to_numpy(float)
    baseline_year = frame["baseline_year"].to_numpy(float)
    period_years = np.where(np.isfinite(baseline_year), target_year - baseline_year, np.nan)
    to_target = target_year - frame["latest_year"].to_numpy(float)
    reported = np.nan_to_num(count_changes, nan=0.0)
    sums = np.isin(kind, SUM_KINDS)
    horizon = np.where(sums & np.isfinite(period_years), period_years - reported, to_target)
    with np.errstate(invalid="ignore", divide="ignore"):
        step = np.abs(target - np.where(sums, 0.0, frame["baseline_value"].to_numpy(float))) / period_years
    drift = np.where(is_count, frame["rate"].to_numpy(float), frame["drift"].to_numpy(float))
    # The call's level series back-tested on their last points: where more miss their bands than the model
    # allows, every level's spread widens by the pooled factor for its horizon; where fewer, it narrows
    # (projection.spread_factors), never below the spread rounding alone makes (projection.above_rounding).
    spread_factor = projection.above_rounding(
        np.where(is_level, projection.spread_factors(backtest, horizon), 1.0), frame["sigma"], frame["resolution"]
    )
    # A 0-100 level's trend slows near the bound it heads for (projection.bounded_path); expressed as the
    # average change a year up to the target year.
    shares = bounded & np.isfinite(lower) & np.isfinite(upper)
    with np.errstate(invalid="ignore", divide="ignore"):
        path = projection.bounded_path(
            latest, drift, np.maximum(horizon, 0), lower, upper, frame["median_value"].to_numpy(float)
        )
        drift = np.where(shares & (horizon > 0), (path - latest) / horizon, drift)
    trend = np.where(np.isin(kind, MILESTONE_KINDS + UNASSESSED_KINDS) | ~(horizon > 0), np.nan, drift)
    frame = frame.assign(
        n_observations=n_points,
        drift=drift,
        sigma=frame["sigma"].to_numpy(float) * spread_factor,
        drift_se=frame["drift_se"].to_numpy(float) * spread_factor,
        spread_factor=spread_factor,
        counts=is_count,
        milestone=np.isin(kind, MILESTONE_KINDS),
        bounded=bounded,
        maintain=maintain,
        at_bound=at_bound,
        sign=np.where(np.isin(frame["comparison"].to_numpy(), ["<=", "<"]), -1.0, 1.0),
        met=meets(latest, target, frame["comparison"]),
        horizon=horizon,
        step=step,
        trend=trend,
        p_held=(k_held + 1) / (n_held_years + 2),
    )
    if points is None and points_frame:
        points = series.frame()
    return points, frame


def enough_for_probability(frame: pd.DataFrame) -> np.ndarray:
    """Whether a spread can be seen: three points (two changes), or two yearly additions."""
    return np.where(
        np.isin(frame["kind"].to_numpy(), SUM_KINDS),
        frame["n_changes"].to_numpy(float) >= 2,
        frame["n_observations"].to_numpy(float) >= MIN_POINTS_FOR_PROBABILITY,
    )


def target_at_bound(frame: pd.DataFrame) -> np.ndarray:
    """Maintain-type levels whose target is a bound itself (hold 100% of a 0-100 range)."""
    return frame["at_bound"].to_numpy(bool) & frame["maintain"].to_numpy(bool)


def is_final(frame: pd.DataFrame) -> np.ndarray:
    """A verdict, not a forecast: the target-year figure is in (for a new-in-period count, every
    year of the period), or a count has reached its target (a count cannot fall back)."""
    latest_year = frame["latest_year"].to_numpy(float)
    in_target_year = (latest_year == frame["target_year"].to_numpy(float)) & ~(frame["horizon"].to_numpy(float) > 0)
    return (in_target_year & np.isfinite(frame["latest_value"].to_numpy(float))) | (
        frame["counts"].to_numpy(bool) | frame["milestone"].to_numpy(bool)
    ) & frame["met"].to_numpy(bool)


def _count_predictive(frame, mean_added, horizon):
    """Probability, low and high of a count's total under the negative binomial of its additions."""
    latest, target = frame["latest_value"].to_numpy(float), frame["target_value"].to_numpy(float)
    comparison = frame["comparison"].to_numpy()
    r, p = count_model.predictive(
        mean_added, frame["dispersion"].to_numpy(float), horizon, frame["exposure"].to_numpy(float)
    )
    downward = np.isin(comparison, ["<=", "<"])
    needed = count_model.needed_additions(target, latest, comparison == ">")
    # "At most" T: P(total <= T) = 1 - P(additions >= floor(T - L) + 1) (strict "<": ceil(T - L)).
    ceiling = np.where(
        comparison == "<", np.ceil(target - latest - TOLERANCE), np.floor(target - latest + TOLERANCE) + 1
    )
    up = count_model.probability_adding(needed, r, p)
    down = 1 - count_model.probability_adding(ceiling, r, p)
    probability = np.where(downward, down, up)
    low, high = count_model.band_added(projection.INTERVAL_LEVEL, r, p)
    return probability, latest + low, latest + high


def count_predictive(catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int) -> pd.DataFrame:
    """Each count's predictive of the additions still to come, as :func:`assess` reads its band and
    probability from it: ``id, latest_value, r, p`` (the negative binomial of :func:`analytics.counts.predictive`),
    NaN for other kinds and for counts with no year left. For calibration checks that need the whole
    distribution, not only the band (the PIT coverage of ``benchmarks/bench_calibration.py``).
    """
    _, frame = fitted_models(catalog, observations, as_of=as_of, points_frame=False)
    ahead = np.maximum(frame["horizon"].to_numpy(float), 0.0)
    r, p = count_model.predictive(
        np.maximum(frame["drift"].to_numpy(float), 0.0) * ahead,
        frame["dispersion"].to_numpy(float),
        ahead,
        frame["exposure"].to_numpy(float),
    )
    modelled = frame["counts"].to_numpy(bool) & (ahead > 0)
    return pd.DataFrame(
        {
            "id": frame["id"].to_numpy(),
            "latest_value": frame["latest_value"].to_numpy(float),
            "r": np.where(modelled, r, np.nan),
            "p": np.where(modelled, p, np.nan),
        }
    )


def _pace_category(ratio: np.ndarray, met: np.ndarray) -> np.ndarray:
    on_pace, moderate, zero = PACE_CATEGORY_BOUNDS
    return np.select(
        [met, ratio >= on_pace, ratio >= moderate, ratio >= zero, ratio < zero],
        [
            PaceCategory.MET,
            PaceCategory.ON_PACE,
            PaceCategory.MODERATE,
            PaceCategory.INSUFFICIENT,
            PaceCategory.MOVING_AWAY,
        ],
        default="",
    ).astype(str)


def assess(
    catalog: pd.DataFrame,
    observations: pd.DataFrame,
    *,
    as_of: int,
    annual_change: pd.Series | None = None,
    start_year: int | None = None,
) -> pd.DataFrame:
    """Assess every indicator in ``catalog`` from ``observations`` up to ``as_of``.

    ``observations`` has columns ``indicator_id, year, value``. ``annual_change``
    (optional, indexed by indicator id, in the indicator's unit per year) replaces the
    fitted trend for a what-if scenario; the fitted uncertainty is kept (milestones are built
    or not, and take no assumed change). ``start_year`` fits levels from that year on only.
    ``catalog`` needs only the columns issue 3 documents (see ``catalog.REQUIRED_COLUMNS``);
    optional ones (``min_value``, ``max_value``, ``unit_en``, ...) are added blank.
    Returns one row per indicator with :data:`ASSESSMENT_COLUMNS`.
    """
    _, frame = fitted_models(catalog, observations, as_of=as_of, start_year=start_year, points_frame=False)

    kind = frame["kind"].to_numpy()
    comparison = frame["comparison"].to_numpy()
    target = frame["target_value"].to_numpy(float)
    latest = frame["latest_value"].to_numpy(float)
    lower, upper = frame["min_value"].to_numpy(float), frame["max_value"].to_numpy(float)
    n_points = frame["n_observations"].to_numpy(float)
    n_changes = frame["n_changes"].to_numpy(float)
    is_nip = np.isin(kind, SUM_KINDS)
    is_level = np.isin(kind, LEVEL_KINDS)
    is_milestone = frame["milestone"].to_numpy(bool)
    counts = frame["counts"].to_numpy(bool)
    maintain = frame["maintain"].to_numpy(bool)
    downward = frame["sign"].to_numpy(float) < 0
    sign = frame["sign"].to_numpy(float)
    met = frame["met"].to_numpy(bool)
    start = np.where(is_nip, 0.0, frame["baseline_value"].to_numpy(float))
    horizon = frame["horizon"].to_numpy(float)
    ahead = np.maximum(horizon, 0)
    final = is_final(frame)
    numeric = ~np.isin(kind, UNASSESSED_KINDS)

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
        # Second opinion: actual yearly change since the baseline against the plan's required one.
        since_baseline = frame["latest_year"].to_numpy(float) - frame["baseline_year"].to_numpy(float)
        elapsed = np.where(is_nip, n_changes, since_baseline)
        plan_years = frame["target_year"].to_numpy(float) - frame["baseline_year"].to_numpy(float)
        pace_ratio = np.where(
            (distance > TOLERANCE) & (elapsed > 0) & ~is_milestone,
            (sign * (latest - start) / elapsed) / (distance / plan_years),
            np.nan,
        )
    pace_category = np.where(numeric & np.isfinite(latest), _pace_category(pace_ratio, met), "")
    # Progress means little where the baseline-to-target distance is within a year's noise (#25: 0.2 points).
    noise = np.fmax(frame["sigma"].to_numpy(float), frame["resolution"].to_numpy(float))
    progress_reliable = (distance > TOLERANCE) & ~(is_level & (np.abs(distance) <= np.nan_to_num(noise, nan=0.0)))
    progress_capped = np.clip(progress, -1.0, 1.0)

    assumed = np.full(len(frame), np.nan)
    if annual_change is not None:
        assumed = frame["id"].map(annual_change).to_numpy(float)
        # Counts never fall: a negative assumption for them means no additions.
        assumed = np.where(counts, np.maximum(assumed, 0.0), assumed)
        assumed = np.where(np.isfinite(assumed) & np.isfinite(latest) & numeric & ~is_milestone, assumed, np.nan)
    override = np.isfinite(assumed)
    change = np.where(override, assumed, frame["drift"].to_numpy(float))

    # Levels: the latest value moved by the (robust or assumed) trend, a censored t around it; the
    # centre itself stops at a bound (a share does not keep its pace past 100).
    centre = projection.clip_to_bounds(latest + change * ahead, lower, upper)
    spread = projection.forecast_spread(frame["sigma"].to_numpy(float), frame["drift_se"].to_numpy(float), ahead)
    level_p = projection.probability_meeting(centre, spread, target, n_changes, downward=downward)
    level_low, level_high = projection.censored_band(centre, spread, n_changes, lower, upper)
    moved = projection.clip_to_bounds(np.where(override, centre, latest), lower, upper)  # a level held
    # A target at the bound (hold 100%) is met only by a level held there: the chance is how often it held,
    # and below the bound no more than that.
    at_bound = target_at_bound(frame)
    p_held = frame["p_held"].to_numpy(float)
    held_at_bound = override & at_bound & meets(moved, target, comparison)
    level_p = np.where(override & at_bound, np.minimum(level_p, p_held), level_p)

    # Counts: the negative binomial of the additions still to come.
    count_p, count_low, count_high = _count_predictive(frame, np.maximum(change, 0.0) * ahead, ahead)
    # Milestones: built, or a yearly chance of completion not yet come.
    milestone_p = count_model.milestone_probability(n_points - 1, ahead)

    enough_for_p = enough_for_probability(frame)
    method = np.select(
        [
            ~numeric,
            np.isnan(latest),
            final & (~(counts | is_milestone) | ~(ahead > 0)),  # a count reached early keeps its model
            is_milestone & (met | enough_for_p),
            maintain & at_bound & ~override & enough_for_p,
            n_changes < 1,  # only the baseline: nothing to extend (an assumption moves the indicative line)
            ~enough_for_p,  # an assumption moves the projection but cannot invent a spread
            held_at_bound,
            is_nip,
            counts,
            frame["bounded"].to_numpy(bool),
        ],
        [
            Method.QUALITATIVE,
            Method.NONE,
            Method.OBSERVED,
            Method.MILESTONE,
            Method.MAINTAIN_FREQUENCY,
            np.where(override, Method.INDICATIVE, Method.NONE),
            Method.INDICATIVE,
            Method.MAINTAIN_FREQUENCY,
            Method.PERIOD_SUM,
            Method.NEGATIVE_BINOMIAL,
            Method.ROBUST_DRIFT_BOUNDED,
        ],
        default=Method.ROBUST_DRIFT,
    )
    model_p = np.select([is_milestone, counts], [milestone_p, count_p], default=level_p)
    probability = np.select(
        [
            method == Method.OBSERVED,
            (counts | is_milestone) & met,
            method == Method.MAINTAIN_FREQUENCY,
            np.isin(method, [Method.NONE, Method.INDICATIVE, Method.QUALITATIVE]),
        ],
        [met.astype(float), 1.0, p_held, np.nan],
        default=model_p,
    )
    # Central projections and 80% bands.
    milestone_value = np.where(met | (milestone_p >= 0.5), np.fmax(latest, target), latest)
    projected = np.select(
        [is_milestone, counts], [milestone_value, latest + np.maximum(change, 0.0) * ahead], default=centre
    )
    central = (1 + projection.INTERVAL_LEVEL) / 2  # 0.9: the band's upper quantile
    low = np.select(
        [is_milestone, counts],
        [np.where(~met & (milestone_p >= central), target, latest), count_low],
        default=level_low,
    )
    high = np.select(
        [is_milestone, counts],
        [np.where(~met & (milestone_p > 1 - central), np.fmax(latest, target), latest), count_high],
        default=level_high,
    )
    no_band = np.isin(method, [Method.NONE, Method.INDICATIVE, Method.MAINTAIN_FREQUENCY, Method.QUALITATIVE])
    indicative = np.where(counts, latest + np.maximum(change, 0.0) * ahead, centre)
    projected = np.select(
        [
            np.isin(method, [Method.NONE, Method.QUALITATIVE]),
            method == Method.OBSERVED,
            method == Method.MAINTAIN_FREQUENCY,
            method == Method.INDICATIVE,
        ],
        [np.nan, latest, moved, np.where(is_milestone, np.nan, indicative)],
        default=projected,
    )
    low = np.where(method == Method.OBSERVED, latest, np.where(no_band, np.nan, low))
    high = np.where(method == Method.OBSERVED, latest, np.where(no_band, np.nan, high))

    status = np.select(
        [
            ~numeric,
            np.isnan(latest),
            final & met,
            final,
            met & (np.isnan(probability) | (probability >= HOLD_PROBABILITY)),
            met,
            np.isnan(probability),
            probability >= ON_TRACK_PROBABILITY,
            probability >= AT_RISK_PROBABILITY,
        ],
        [
            Status.QUALITATIVE,
            Status.INSUFFICIENT_DATA,
            Status.ACHIEVED,
            Status.NOT_ACHIEVED,
            Status.ACHIEVED,
            Status.MET_AT_RISK,
            Status.INSUFFICIENT_DATA,
            Status.ON_TRACK,
            Status.AT_RISK,
        ],
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
        must_hold=(status == Status.ACHIEVED) & is_level & ~final,
        annual_change_assumed=assumed,
        final=final,
        progress_capped=progress_capped,
        progress_reliable=progress_reliable,
        pace_ratio=pace_ratio,
        pace_category=pace_category,
    )
    return result.loc[:, ASSESSMENT_COLUMNS].reset_index(drop=True)


def start_year_sensitivity(
    catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int, later_start: int | None = None
) -> pd.DataFrame:
    """How much the start year moves each level's trend: fitted from the baseline year and from
    ``later_start`` (default: the year after the plan's earliest baseline, e.g. 2021 against a COVID 2020).

    Columns ``id, trend_from_baseline, trend_from_later, probability_from_baseline,
    probability_from_later, later_start``; counts and milestones get the same figures twice.
    """
    cat = normalise_catalog(catalog)
    if later_start is None:
        later_start = int(cat["baseline_year"].min()) + 1
    base = assess(cat, observations, as_of=as_of)
    later = assess(cat, observations, as_of=as_of, start_year=later_start)
    return pd.DataFrame(
        {
            "id": base["id"],
            "trend_from_baseline": base["trend"],
            "trend_from_later": later["trend"],
            "probability_from_baseline": base["probability"],
            "probability_from_later": later["probability"],
            "later_start": later_start,
        }
    )
