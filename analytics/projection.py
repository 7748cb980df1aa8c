"""The level model: a robust trend with random-walk error, censored at the level's bounds.

A level series (a rate, ratio, density, index) is fitted in its own unit:

* the **trend** b is the Theil-Sen slope, the median of the slopes between every pair of
  points: one odd year (a COVID base year, a one-off shock) moves it far less than the
  endpoint slope (latest - first) / years that a mean of yearly changes is;
* the **spread** comes from the yearly changes around b: sigma^2 = sum w (rate - b)^2 / (m - 1)
  over the m changes (weights w = years each spans), never below the variance that rounding
  to the reported digits alone makes, and se(b)^2 = sigma^2 / sum w. With four changes or more,
  the first (from an odd base year) is left out of sigma^2 where its w (rate - b)^2 is more than
  20 times the others' mean square (then over m - 1 changes, m - 2 degrees of freedom). With three
  changes one series cannot tell, but a base year odd for the whole plan shows in most of its series:
  where the median ratio of the series of one call exceeds 20 too (:func:`odd_first_of_three`), a
  series whose own first change is odd is fitted on its later points (trend and spread, 1 degree of freedom);
* ``h`` years ahead the level is  latest + b h  with variance  sigma^2 h + h^2 se(b)^2, a
  Student t on m - 1 degrees of freedom;
* a bounded level (0-100) is **censored**: what the t puts above 100 is mass at 100 (a level
  sitting at 100 keeps 100 inside its band, and the chance of "at least 100" is the chance the
  unbounded level reaches it); bands are the t band clipped to the bounds. Its trend slows only near
  the bound it heads for (:func:`bounded_path`, applied in :mod:`analytics.assess`): full pace while more
  than 30% of the range away (or than the room left at the series' median level, where the trend was
  measured), then a pace in proportion to the room left;
* a step in a year not yet observed shows only across the series of one call: each level series is
  back-tested on its last point (:func:`backtest_misses`), and where more of those points miss their bands
  than the model allows, every level spread of the call widens, more for more years ahead; where fewer miss
  than it allows (noise around a level, for which the random-walk error is too wide), every level spread
  narrows, by the factor the one year back-tested asks for (:func:`spread_factors`).

``fit_levels`` computes this for thousands of series at once; ``theil_sen_reference`` is the
same slope from ``scipy.stats.theilslopes`` for one series, and the tests hold them equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from analytics.grouping import Keyed

INTERVAL_LEVEL = 0.80
DAMPING_ZONE = 0.3  # a 0-100 level slows within this share of its range from the bound it heads for
MAX_DECIMALS = 4  # the reported precision is read up to 4 decimals
ODD_FIRST_CHANGE = 20.0  # a first change deviating more than this many times the others' mean square is odd
MIN_CHANGES_FOR_ODD_FIRST = 4  # with fewer, the others' mean square has one degree of freedom: too loose a test
POOLED_MIN_SERIES = 5  # the pooled test of an odd first change among three needs this many series
BACKTEST_MIN_CHANGES = 3  # a series is back-tested on its last point where the rest still has two changes
BACKTEST_TEST_LEVEL = 0.05  # the back-test scales the spread only where its misses (too many or few) are this unlikely
SPREAD_FACTOR_GRID = 400  # factors tried by spread_factors, geometrically (1 to the largest miss, or below 1)
BACKTEST_TEST_WIDTHS = (1.0, 2.0)  # misses counted beyond 1 and 2 half-widths of the band (each at half the level)
NARROWEST_FACTOR = 0.05  # spread_factors looks for a narrowing factor down to this (m(k), M(k) near 1 there)


def reported_resolution(values: pd.Series, keys: pd.Series) -> pd.Series:
    """Per key, the step of the figures as reported: 1 for whole numbers, 0.1 for one decimal, ..."""
    return pd.Series(10.0 ** -_decimals(values.to_numpy(float))).groupby(keys.to_numpy()).min()


def _decimals(values: np.ndarray) -> np.ndarray:
    """The decimals each figure is reported to (up to :data:`MAX_DECIMALS`)."""
    decimals = np.full(len(values), MAX_DECIMALS)
    for d in range(MAX_DECIMALS - 1, -1, -1):
        scaled = values * 10.0**d
        decimals = np.where(np.abs(scaled - np.round(scaled)) < 1e-6 * np.maximum(1, np.abs(scaled)), d, decimals)
    return decimals


def _resolution(groups: Keyed, values: np.ndarray) -> np.ndarray:
    """:func:`reported_resolution` per key of ``groups``."""
    step = np.full(len(groups.keys), np.inf)
    np.minimum.at(step, groups.code, 10.0 ** -_decimals(values).astype(float))
    return step


def theil_sen(points: pd.DataFrame) -> pd.Series:
    """Theil-Sen slope per ``key`` of columns ``key, year, value`` (the median pairwise slope).

    Exact and vectorised: the series of one length are stacked as rows of an array, the slopes of
    every pair of their points (earlier, later) come from broadcasting over the upper-triangle index
    pairs, and each row's median is the middle of its sorted slopes (the mean of the two middle ones for
    an even count, as ``Series.median``). Rows go through in chunks of at most :data:`THEIL_SEN_CHUNK`
    slopes, so the memory stays bounded: ~20 MB for 7,000 series of 30 points, where every pair as a
    frame row took ~470 MB. A pair of the same year has no slope, NaN values none either; a key
    with no pair of two years is left out.
    """
    groups = Keyed.of(points["key"])
    slopes = _theil_sen(groups, points["year"].to_numpy(float), points["value"].to_numpy(float))
    has_pair = _has_pair(groups, points["year"].to_numpy(float))
    return pd.Series(slopes[has_pair], index=groups.keys[has_pair])


def _has_pair(groups: Keyed, years: np.ndarray) -> np.ndarray:
    """Per key: whether it has two points of different years."""
    low, high = np.full(len(groups.keys), np.inf), np.full(len(groups.keys), -np.inf)
    np.fmin.at(low, groups.code, years)  # a missing year is no point of a pair
    np.fmax.at(high, groups.code, years)
    return high > low


def _theil_sen(groups: Keyed, years: np.ndarray, values: np.ndarray) -> np.ndarray:
    """:func:`theil_sen` per key of ``groups`` (NaN for a key with no slope)."""
    codes, keys = groups.code, groups.keys
    order = np.lexsort((years, codes))  # by key (first appearance), then year
    codes = codes[order]
    years, values = years[order], values[order]
    sizes = np.bincount(codes, minlength=len(keys))
    starts = np.cumsum(sizes) - sizes
    slopes = np.full(len(keys), np.nan)
    for size in np.unique(sizes[sizes >= 2]):
        series = np.flatnonzero(sizes == size)
        earlier, later = np.triu_indices(size, k=1)
        rows = max(1, THEIL_SEN_CHUNK // len(earlier))
        for first in range(0, len(series), rows):
            chunk = series[first : first + rows]
            at = starts[chunk][:, None] + np.arange(size)
            chunk_years, chunk_values = years[at], values[at]
            run = chunk_years[:, later] - chunk_years[:, earlier]
            pair_slopes = (chunk_values[:, later] - chunk_values[:, earlier]) / np.where(run > 0, run, np.nan)
            slopes[chunk] = _row_medians(pair_slopes)
    return slopes


THEIL_SEN_CHUNK = 1 << 18  # pairwise slopes held at once by theil_sen (2 MB a float array)


def _row_medians(table: np.ndarray) -> np.ndarray:
    """The median of each row's non-NaN values (NaN where there is none), as ``Series.median`` gives it."""
    table.sort(axis=1)  # NaN sort last
    count = np.count_nonzero(~np.isnan(table), axis=1)
    low = np.take_along_axis(table, np.maximum(count - 1, 0)[:, None] // 2, axis=1)[:, 0]
    high = np.take_along_axis(table, (count // 2)[:, None], axis=1)[:, 0]
    return np.where(count % 2 == 1, high, np.where(count > 0, (low + high) / 2, np.nan))


def theil_sen_reference(years, values) -> float:
    """The same slope for one series by ``scipy.stats.theilslopes`` (tests and benchmark)."""
    return float(stats.theilslopes(np.asarray(values, float), np.asarray(years, float)).slope)


def fit_levels(points: pd.DataFrame) -> pd.DataFrame:
    """Fit every level series of ``key, year, value`` (sorted by key, year).

    Returns a frame indexed by key with ``n_changes, drift, drift_se, sigma, resolution``:
    ``drift`` is the Theil-Sen slope; ``sigma`` and ``drift_se`` are NaN below two changes;
    ``n_changes`` counts the changes the spread is read from (one less where an odd first is left out),
    so the t has ``n_changes - 1`` degrees of freedom. Where an odd first of three changes is left out
    (the pooled test), the trend too is read from the later points. A key with one point has no row.
    """
    fit, _ = _fit_levels(LevelPoints.of(points))
    return fit


@dataclass(frozen=True)
class LevelPoints:
    """Level points of ``key, year, value`` as arrays, grouped by key (``groups``)."""

    groups: Keyed
    year: np.ndarray
    value: np.ndarray

    @classmethod
    def of(cls, points: pd.DataFrame) -> LevelPoints:
        return cls(Keyed.of(points["key"]), points["year"].to_numpy(float), points["value"].to_numpy(float))


@dataclass(frozen=True)
class Changes:
    """The yearly changes of level points: each change's series (``groups``, by order of its first change),
    ``rate`` a year and ``weight`` (years spanned)."""

    groups: Keyed
    rate: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, points: LevelPoints) -> Changes:
        code = points.groups.code
        previous = points.groups.previous_rows()
        later = np.flatnonzero(previous >= 0)  # the changes in the order of their later points
        earlier = previous[later]
        weight = points.year[later] - points.year[earlier]
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = (points.value[later] - points.value[earlier]) / weight
        known = ~np.isnan(rate) & ~np.isnan(weight)
        later, rate, weight = later[known], rate[known], weight[known]
        return cls(Keyed.of(code[later]), rate, weight)  # its keys: positions in the points' keys

    def frame(self, keys: pd.Index) -> pd.DataFrame:
        """``key, rate, weight``, as :func:`yearly_changes` returns them (``keys``: the points' keys)."""
        series = self.groups.keys.to_numpy()[self.groups.code]
        return pd.DataFrame({"key": keys.take(series), "rate": self.rate, "weight": self.weight})


def _fit_levels(points: LevelPoints) -> tuple[pd.DataFrame, OddFirstOfThree]:
    """:func:`fit_levels`, and the pooled odd-first test of its three-change series (for the back-test)."""
    changes = Changes.of(points)
    series = changes.groups.keys.to_numpy()  # per fitted key: its position in the points' keys
    drift = _theil_sen(points.groups, points.year, points.value)[series]
    resolution = _resolution(points.groups, points.value)[series]
    groups = changes.groups
    wr2 = changes.weight * (changes.rate - drift[groups.code]) ** 2
    n_changes, total_weight, ssr = groups.size(), groups.sum(changes.weight), groups.sum(wr2)
    first_wr2 = groups.first(wr2)
    # One odd base year: from four changes on, the first is left out of the spread where its squared
    # deviation is more than ODD_FIRST_CHANGE times the others' mean square (under normal changes, about a
    # 5% test: F(1, 2) exceeds 20 with chance 0.047).
    others = n_changes - 2
    with np.errstate(divide="ignore", invalid="ignore"):
        others_ms = np.where(others > 0, (ssr - first_wr2) / others, np.nan)
    odd_first = (n_changes >= MIN_CHANGES_FOR_ODD_FIRST) & (first_wr2 > ODD_FIRST_CHANGE * others_ms)
    ssr = np.where(odd_first, ssr - first_wr2, ssr)
    dof = n_changes - 1 - odd_first.astype(int)
    # With three changes one series cannot tell (F(1, 1) exceeds 20 with chance 0.14), but a base year odd
    # for the whole plan shows in most of its series: where the median series' first change is odd too,
    # each series whose own first change is, is fitted on its later points (trend and spread).
    floor = 2 * resolution**2 / 12  # as rounding_variance: two uniform errors a change
    later = _odd_first_of_three(changes, floor)
    odd_later = np.zeros(len(n_changes), dtype=bool)
    odd_later[later.fitted] = later.odd
    on_later = np.flatnonzero(odd_later)
    at = np.searchsorted(later.fitted, on_later)
    drift, ssr, weight = drift.copy(), ssr.astype(float), total_weight.copy()
    drift[on_later], ssr[on_later], weight[on_later] = later.drift[at], later.ssr[at], later.weight[at]
    dof = np.where(odd_later, 1, dof)
    left_out = odd_first | odd_later
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma2 = np.where(dof > 0, np.maximum(ssr / np.where(dof > 0, dof, np.nan), floor), np.nan)
        drift_se = np.sqrt(sigma2 / weight)
    frame = pd.DataFrame(
        {
            "n_changes": n_changes - left_out.astype(int),  # the changes the spread is read from
            "drift": drift,
            "drift_se": drift_se,
            "sigma": np.sqrt(sigma2),
            "resolution": resolution,
        },
        index=points.groups.keys.take(series),
    )
    return frame, later


def yearly_changes(points: pd.DataFrame) -> pd.DataFrame:
    """``key, rate, weight`` of every change of ``key, year, value`` (sorted by key, year): the change a
    year between consecutive points, and the years it spans."""
    level_points = LevelPoints.of(points)
    return Changes.of(level_points).frame(level_points.groups.keys)


def rounding_variance(points: pd.DataFrame) -> pd.Series:
    """Per key, the variance of a change that rounding to the reported step alone makes: 2 step^2 / 12."""
    return 2 * reported_resolution(points["value"], points["key"]) ** 2 / 12


@dataclass(frozen=True)
class OddFirstOfThree:
    """:func:`odd_first_of_three` as arrays over the three-change series ``fitted`` (positions in the
    changes' keys, ascending)."""

    fitted: np.ndarray
    drift: np.ndarray
    ssr: np.ndarray
    weight: np.ndarray
    ratio: np.ndarray
    odd: np.ndarray


def odd_first_of_three(changes: pd.DataFrame, floor: pd.Series | None = None) -> pd.DataFrame:
    """Per key with three changes: the fit on the later two, and whether the first is odd (pooled test).

    ``changes`` has ``key, rate, weight``. The later two give b = their weighted mean rate (the Theil-Sen
    slope of the points after the first), ss = sum w (rate - b)^2 on one degree of freedom, and the
    first's ratio w1 (rate1 - b)^2 / (1 + w1 / W) / ss, an F(1, 1) for normal changes, with ss never below
    ``floor`` (per key: the variance rounding alone makes, so two equal later changes of whole numbers do not
    make any first change odd). ``odd`` is true
    where that ratio and the median ratio of all such series (at least POOLED_MIN_SERIES) both exceed
    ODD_FIRST_CHANGE. Returns ``drift, ssr, weight, ratio, odd``, indexed by key.
    """
    groups = Keyed.of(changes["key"])
    given = Changes(groups, changes["rate"].to_numpy(float), changes["weight"].to_numpy(float))
    floors = np.zeros(len(groups.keys)) if floor is None else floor.reindex(groups.keys).fillna(0.0).to_numpy(float)
    fit = _odd_first_of_three(given, floors)
    columns = {"drift": fit.drift, "ssr": fit.ssr, "weight": fit.weight, "ratio": fit.ratio, "odd": fit.odd}
    return pd.DataFrame(columns, index=groups.keys.take(fit.fitted))


def _odd_first_of_three(changes: Changes, floor: np.ndarray) -> OddFirstOfThree:
    """:func:`odd_first_of_three` on :class:`Changes`, ``floor`` per key of ``changes.groups``."""
    groups = changes.groups
    three = groups.size() == 3
    fitted = np.flatnonzero(three)
    in_three = three[groups.code]
    first = groups.first_rows()[fitted]
    rest = in_three.copy()
    rest[first] = False
    rest_groups = Keyed(groups.keys, groups.code[rest])
    rate, weight = changes.rate, changes.weight
    rest_weight = rest_groups.sum(weight[rest])[fitted]
    with np.errstate(divide="ignore", invalid="ignore"):
        drift = rest_groups.sum(weight[rest] * rate[rest])[fitted] / rest_weight
        by_fitted = np.zeros(len(groups.keys))
        by_fitted[fitted] = drift
        ssr = rest_groups.sum(weight[rest] * (rate[rest] - by_fitted[groups.code[rest]]) ** 2)[fitted]
        spread = np.maximum(ssr, floor[fitted])
        deviation = weight[first] * (rate[first] - drift) ** 2 / (1 + weight[first] / rest_weight)
        ratio = deviation / spread
    ratio = np.where(np.isnan(ratio), 0.0, ratio)
    pooled = len(ratio) >= POOLED_MIN_SERIES and float(np.median(ratio)) > ODD_FIRST_CHANGE
    odd = pooled & (ratio > ODD_FIRST_CHANGE)
    return OddFirstOfThree(fitted, drift, ssr, rest_weight, ratio, odd)


def bounded_path(latest, drift, horizon, lower, upper, reference=np.nan, zone_share: float = DAMPING_ZONE):
    """Where a 0-100 level's trend takes it in ``horizon`` years: full pace far from the bound, slowing near it.

    The trend b is kept in full while the level is more than ``zone`` from the bound it heads for; within
    the zone the pace shrinks in proportion to the room left, dx/dt = b room / zone, so the level comes
    ever closer to the bound and never passes it: room(t) = room_0 exp(-|b| t / zone). ``zone`` is
    ``zone_share`` of the range (30 points of 0-100), or less where the trend itself was measured closer
    to the bound: b is the pace at ``reference`` (the series' median level), so the zone is at most the
    room left there (a pass rate rising 0.36 a year around 95 keeps that pace at 95, then slows).
    Levels without both bounds keep the straight line latest + b h.
    """
    latest, drift, h = (np.asarray(x, dtype=float) for x in (latest, drift, horizon))
    lower, upper, reference = (np.asarray(x, dtype=float) for x in (lower, upper, reference))
    rising = drift >= 0
    room = np.where(rising, upper - latest, latest - lower)
    zone = np.fmin(zone_share * (upper - lower), np.maximum(np.where(rising, upper - reference, reference - lower), 0))
    speed = np.abs(drift)
    with np.errstate(divide="ignore", invalid="ignore"):
        free = np.maximum(room - zone, 0.0)  # the distance covered at full pace
        free_years = np.where(speed > 0, free / speed, np.inf)
        slowed = np.minimum(room, zone) * -np.expm1(-speed * np.maximum(h - free_years, 0.0) / zone)
        moved = np.where(h <= free_years, speed * h, free + np.where(zone > 0, slowed, 0.0))
    path = latest + np.sign(drift) * np.minimum(moved, np.maximum(room, 0.0))
    return np.where(np.isfinite(lower) & np.isfinite(upper), path, latest + drift * h)


def forecast_spread(sigma, drift_se, horizon):
    """Standard deviation of the change over ``horizon`` years (shocks plus trend error)."""
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
        smooth = stats.t.sf((threshold - mean) / spread, dof)
    step = np.where(mean >= threshold - 1e-9, 1.0, 0.0)
    return np.where(spread > 0, smooth, step)


def probability_meeting(mean, spread, threshold, n_changes, *, downward):
    """P(value >= threshold), or P(value <= threshold) where ``downward`` (PM2.5-style targets).

    On a censored level this is exact at the bounds too: P(level >= 100) is the mass at 100.
    """
    flip = np.where(downward, -1.0, 1.0)
    return probability_at_least(flip * np.asarray(mean, float), spread, flip * np.asarray(threshold, float), n_changes)


def censored_band(centre, spread, n_changes, lower, upper, level: float = INTERVAL_LEVEL):
    """``(low, high)``: the band holding ``level`` of the t censored at the bounds (NaN bounds are none).

    The central band clipped to the bounds holds more than ``level`` once an end reaches a bound: the
    mass beyond that end sits at the bound, inside the band (a central 80% band clipped at 100 holds 90%).
    There the band is one-sided: from the other end's ``1 - level`` quantile up to (down to) the bound.
    """
    centre, spread = np.asarray(centre, float), np.asarray(spread, float)
    two_sided, one_sided = t_quantile(n_changes, level), t_quantile(n_changes, 2 * level - 1)
    low, high = centre - two_sided * spread, centre + two_sided * spread
    upper_reached = np.isfinite(upper) & (high >= upper)
    lower_reached = np.isfinite(lower) & (low <= lower)
    low = np.where(upper_reached & ~lower_reached, centre - one_sided * spread, low)
    high = np.where(lower_reached & ~upper_reached, centre + one_sided * spread, high)
    return clip_to_bounds(low, lower, upper), clip_to_bounds(high, lower, upper)


def clip_to_bounds(values, lower, upper):
    """``values`` kept within the bounds that exist (NaN bounds are no bound)."""
    values = np.asarray(values, dtype=float)
    low = np.where(np.isfinite(lower), lower, -np.inf)
    high = np.where(np.isfinite(upper), upper, np.inf)
    return np.clip(values, low, high)


def backtest_misses(points: pd.DataFrame, lower: pd.Series, upper: pd.Series) -> pd.DataFrame:
    """Per key of ``key, year, value`` (sorted by key, year): how far its last point falls from the
    forecast fitted without it, in half-widths of that forecast's 80% band (``miss``; above 1 is outside),
    and the ``n_changes`` that forecast's t was read from.

    Only series with at least :data:`BACKTEST_MIN_CHANGES` changes are back-tested (the rest then keeps
    two changes, the least a spread is read from). The held-out forecast is the one the assessment makes:
    the trend of :func:`fit_levels` (its pooled odd-first test included), bent near a bound by
    :func:`bounded_path`, kept within the bounds, with the t spread of :func:`forecast_spread`.
    ``lower`` and ``upper`` are the bounds per key (NaN: none).

    Where the call's base year is odd for its three-change series (the pooled test of
    :func:`odd_first_of_three` leaves it out of their fits), nothing is back-tested: held out, those series
    have two changes, from which an odd base year cannot be left out, so their misses would measure bands
    wider than the assessment's own (and ask to narrow bands already fitted without that year).
    """
    _, backtest = fit_and_backtest_levels(points, lower, upper)
    return backtest


def fit_and_backtest_levels(
    points: pd.DataFrame, lower: pd.Series, upper: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`fit_levels` and :func:`backtest_misses` of the same points, sharing their work."""
    level_points = LevelPoints.of(points)
    fit, odd_three = _fit_levels(level_points)
    return fit, _backtest_misses(level_points, odd_three, lower, upper)


def _backtest_misses(
    points: LevelPoints, odd_three: OddFirstOfThree, lower: pd.Series, upper: pd.Series
) -> pd.DataFrame:
    """:func:`backtest_misses`, given the pooled odd-first test of the same points' fit."""
    groups = points.groups
    tested = groups.size() >= BACKTEST_MIN_CHANGES + 1
    if not tested.any() or odd_three.odd.any():
        return pd.DataFrame({"miss": [], "n_changes": []}, dtype=float)
    last = groups.last_rows()[tested]
    held_rows = tested[groups.code]
    held_rows[last] = False
    held = LevelPoints(
        Keyed.of(groups.keys.take(groups.code[held_rows])), points.year[held_rows], points.value[held_rows]
    )
    fit, _ = _fit_levels(held)
    keys = fit.index
    of_fit = held.groups.keys.get_indexer(keys)  # each fitted key's position in the held points' keys
    held_last = held.groups.last_rows()[of_fit]
    final = last[groups.keys.take(np.flatnonzero(tested)).get_indexer(keys)]  # each fitted key's last point
    horizon = points.year[final] - held.year[held_last]
    low, high = lower.reindex(keys).to_numpy(float), upper.reindex(keys).to_numpy(float)
    latest, median = held.value[held_last], held.groups.median(held.value)[of_fit]
    centre = clip_to_bounds(bounded_path(latest, fit["drift"], horizon, low, high, median), low, high)
    spread = forecast_spread(fit["sigma"].to_numpy(float), fit["drift_se"].to_numpy(float), horizon)
    with np.errstate(divide="ignore", invalid="ignore"):
        miss = np.abs(points.value[final] - centre) / (t_quantile(fit["n_changes"]) * spread)
    return pd.DataFrame({"miss": miss, "n_changes": fit["n_changes"].to_numpy(float)}, index=keys).dropna()


def spread_factors(backtest: pd.DataFrame, horizons, level: float = INTERVAL_LEVEL) -> np.ndarray:
    """Per horizon: by how much the level series of one call scale their spread, from their back-tests.

    ``backtest`` is :func:`backtest_misses`. Under the model a last point misses its band with chance
    ``1 - level`` (0.2), and twice its half-width with the t's mass beyond (0.06-0.10 on 1-2 degrees of
    freedom), independently across series. The test is binomial and one-sided each way, at each width at
    half of :data:`BACKTEST_TEST_LEVEL`, on at least :data:`POOLED_MIN_SERIES` series:

    * where **more** miss than it allows at either width, the call's series meet something their own few
      changes cannot show (a level shift in a year not yet observed), and every level spread **widens** by a
      factor k > 1 (partial pooling of the volatility);
    * otherwise, where **fewer** miss than it allows at either width, the model's random-walk error is
      wider than the call's levels move (noise around a level, as for a pass rate near 100), and every level
      spread **narrows** by a factor k < 1;
    * otherwise k = 1.

    Scaled by k, the back-test misses a share M(k), of which m(k) is what the model itself expects (the t's
    mass beyond k half-widths); the difference M(k) - m(k) is one year's worth of error the model does not
    have (negative: that it has too much). Widening, each year ahead brings as much excess, so ``h`` years
    ahead k is the least for which  m(k) + h (M(k) - m(k)) <= 1 - level  (one year ahead: the factor that
    puts ``level`` of the last points back inside their bands), counting only the excess (k >= 1).
    Narrowing, the same formula is read one year ahead (h = 1) for every horizon: the back-test saw one year,
    and a shortfall of misses in it says nothing of the next. k < 1 then, and k > 0: m(k) and M(k) both
    tend to 1 as k goes to 0 (:func:`above_rounding` keeps each series above its rounding spread).
    """
    horizons = np.asarray(horizons, dtype=float)
    ones = np.ones_like(horizons)
    misses, dof = backtest["miss"].to_numpy(float), backtest["n_changes"].to_numpy(float) - 1
    if len(misses) < POOLED_MIN_SERIES:
        return ones
    dofs, counts = np.unique(dof, return_counts=True)
    half_width = stats.t.ppf(0.5 + level / 2, dofs)

    def expected_beyond(widths):  # the model's share of last points beyond ``widths`` half-widths
        beyond = 2 * stats.t.sf(np.asarray(widths, float)[:, None] * half_width[None, :], dofs[None, :])
        return (beyond * counts).sum(axis=1) / counts.sum()

    tests = np.asarray(BACKTEST_TEST_WIDTHS)
    seen, expected_share = (misses[None, :] > tests[:, None]).sum(axis=1), expected_beyond(tests)
    each_level = BACKTEST_TEST_LEVEL / len(tests)
    too_many = (stats.binom.sf(seen - 1, len(misses), expected_share) < each_level).any()
    too_few = (stats.binom.cdf(seen, len(misses), expected_share) < each_level).any()
    if too_many:
        low_end, high_end = 1.0, max(float(misses.max()), 1.0) + 1e-9
    elif too_few:
        low_end, high_end = NARROWEST_FACTOR, 1.0
    else:
        return ones
    # the factors tried: a geometric grid, and the misses in its range (where the share beyond steps down)
    inside = misses[(misses >= low_end) & (misses <= high_end)]
    grid = np.union1d(np.geomspace(low_end, high_end, SPREAD_FACTOR_GRID), inside)
    observed = 1 - np.searchsorted(np.sort(misses), grid, side="right") / len(misses)  # share beyond each
    expected = expected_beyond(grid)
    # widening counts only the excess; a narrowing factor is read one year ahead only: the back-test saw one
    ahead = np.maximum(np.nan_to_num(horizons, nan=1.0), 1.0) if too_many else ones
    # a factor per distinct horizon (a handful of years), spread back over the series
    distinct, each = np.unique(ahead, return_inverse=True)
    difference = np.maximum(observed - expected, 0.0) if too_many else observed - expected
    holds = expected[None, :] + distinct[:, None] * difference[None, :] <= 1 - level + 1e-12
    first = np.where(holds.any(axis=1), holds.argmax(axis=1), len(grid) - 1)
    return grid[first][each].reshape(horizons.shape)


def above_rounding(factors, sigma, resolution) -> np.ndarray:
    """The spread factors of :func:`spread_factors` per series, a narrowing never taking a series' ``sigma``
    below the variance rounding alone makes (2 step^2 / 12, as :func:`fit_levels` floors it): a call of
    series that never leave their straight lines has back-test misses of 0, which would otherwise narrow
    their bands to :data:`NARROWEST_FACTOR` of the rounding's. Widening factors are kept as they are.
    """
    factors, sigma, resolution = (np.asarray(x, dtype=float) for x in (factors, sigma, resolution))
    with np.errstate(divide="ignore", invalid="ignore"):
        lowest = np.sqrt(2 * resolution**2 / 12) / sigma  # NaN where there is no spread: the factor stays
    return np.where(factors < 1, np.fmin(np.fmax(factors, lowest), 1.0), factors)
