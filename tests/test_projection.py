"""The closed forms equal their reference libraries: Theil-Sen (scipy), the Poisson GLM (statsmodels),
and the negative binomial predictive equals the gamma-Poisson mixture it stands for."""

import math
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

from analytics import counts, projection
from analytics.assess import fitted_models
from tests.helpers import catalog_of, indicator, observations_of


def test_vectorised_theil_sen_matches_scipy_on_random_series():
    rng = np.random.default_rng(7)
    frames, expected = [], {}
    for key in range(200):
        n = int(rng.integers(2, 7))
        years = np.sort(rng.choice(np.arange(2020, 2027), n, replace=False)).astype(float)  # gaps too
        values = rng.normal(30, 5) + rng.normal(1, 2) * (years - 2020) + rng.normal(0, 2, n)
        frames.append(pd.DataFrame({"key": f"s{key}", "year": years, "value": values}))
        expected[f"s{key}"] = projection.theil_sen_reference(years, values)
    slopes = projection.theil_sen(pd.concat(frames, ignore_index=True))
    for key, reference in expected.items():
        assert slopes[key] == pytest.approx(reference, rel=1e-10, abs=1e-12)


def test_vectorised_theil_sen_is_exactly_the_median_of_every_pairwise_slope(monkeypatch):
    # By hand: 10, 12, 11 over 2020, 2021, 2023 (a missing year): slopes 2, 1/3, -1/2 -> median 1/3.
    # 5, 5, 5, 6: slopes 0, 0, 1/3, 0, 1/2, 1 -> the mean of the middle two (0 + 1/3) / 2 = 1/6 (ties).
    # Two points 3 -> 8 two years apart: 2.5. One point: no slope, left out.
    points = pd.DataFrame(
        {
            "key": ["a"] * 3 + ["b"] * 4 + ["c"] * 2 + ["d"],
            "year": [2020, 2021, 2023, 2020, 2021, 2022, 2023, 2020, 2022, 2020],
            "value": [10.0, 12.0, 11.0, 5.0, 5.0, 5.0, 6.0, 3.0, 8.0, 4.0],
        }
    )
    slopes = projection.theil_sen(points.iloc[::-1])  # any row order
    assert slopes.to_dict() == {"c": 2.5, "b": 1 / 6, "a": 1 / 3}
    # Random series of 2 to 30 points with gaps and rounded (tied) values, in chunks of a few rows: the
    # same float as the median of the pairwise slopes (later - earlier) / (years apart), bit for bit.
    monkeypatch.setattr(projection, "THEIL_SEN_CHUNK", 500)
    rng = np.random.default_rng(5)
    frames, expected = [], {}
    for key in range(300):
        n = int(rng.integers(2, 31))
        years = np.sort(rng.choice(np.arange(1990, 2030), n, replace=False))
        values = np.round(rng.normal(50, 10, n) + rng.normal(0, 1) * (years - 1990), int(rng.integers(0, 3)))
        earlier, later = np.triu_indices(n, k=1)
        expected[f"s{key}"] = float(np.median((values[later] - values[earlier]) / (years[later] - years[earlier])))
        frames.append(pd.DataFrame({"key": f"s{key}", "year": years, "value": values}))
    assert projection.theil_sen(pd.concat(frames, ignore_index=True)).to_dict() == expected


def test_level_spread_is_the_change_variance_around_the_slope_with_a_rounding_floor():
    # 10, 12, 13 (whole numbers): Theil-Sen median(2, 1.5, 1) = 1.5; residual changes 0.5, -0.5:
    # sigma^2 = 0.5 / 1; se^2 = 0.5 / 2. Constant 5, 5, 5: the floor 2 * 1^2 / 12 = 1/6.
    points = pd.DataFrame(
        {"key": ["a"] * 3 + ["b"] * 3, "year": [2020, 2021, 2022] * 2, "value": [10.0, 12.0, 13.0, 5.0, 5.0, 5.0]}
    )
    fits = projection.fit_levels(points)
    assert fits.loc["a", "drift"] == 1.5 and fits.loc["a", "sigma"] == pytest.approx(np.sqrt(0.5))
    assert fits.loc["a", "drift_se"] == pytest.approx(np.sqrt(0.25))
    assert fits.loc["b", "sigma"] == pytest.approx(np.sqrt(1 / 6)) and fits.loc["b", "resolution"] == 1
    one_change = projection.fit_levels(pd.DataFrame({"key": ["c", "c"], "year": [2020, 2021], "value": [1.0, 2.0]}))
    assert one_change.loc["c", "drift"] == 1 and np.isnan(one_change.loc["c", "sigma"])


def test_reported_resolution_reads_the_digits_given():
    values = pd.Series([12.0, 12.5, 98.25, 7.0, 3.1])
    keys = pd.Series(["a", "b", "b", "c", "d"])
    resolution = projection.reported_resolution(values, keys).to_dict()
    assert resolution == pytest.approx({"a": 1, "b": 0.01, "c": 1, "d": 0.1})


def test_count_fit_matches_a_statsmodels_poisson_glm_with_exposure():
    rng = np.random.default_rng(11)
    frames, expected = [], {}
    for key in range(60):
        m = int(rng.integers(2, 6))
        years = rng.integers(1, 3, m).astype(float)  # a missing year makes an addition span 2 years
        additions = rng.negative_binomial(2, 2 / (2 + rng.uniform(0.5, 5) * years)).astype(float)
        if additions.sum() == 0:
            additions[0] = 1.0
        frames.append(pd.DataFrame({"key": f"s{key}", "addition": additions, "years": years}))
        expected[f"s{key}"] = counts.fit_counts_statsmodels(additions, years)
    fits = counts.fit_counts(pd.concat(frames, ignore_index=True))
    for key, (rate, dispersion) in expected.items():
        fit = fits.loc[key]
        assert fit["total"] / fit["exposure"] == pytest.approx(rate, rel=1e-8)
        assert fit["dispersion_own"] == pytest.approx(dispersion, rel=1e-6, abs=1e-9)
        assert fit["rate"] == pytest.approx((fit["total"] + 0.5 * fit["dispersion"]) / fit["exposure"])
        assert fit["dispersion"] >= 1


def test_dispersion_is_pooled_across_count_series():
    # a: 0, 6, 0 -> own phi 6 (Pearson 12 on 2 dof); b: 2, 2, 2 -> own 0. Pooled 12 / 4 = 3.
    # Shrunk with 2 pseudo-changes at 3: a (2 * 3 + 2 * 6) / 4 = 4.5; b (6 + 0) / 4 = 1.5.
    additions = pd.DataFrame({"key": list("aaabbb"), "addition": [0.0, 6, 0, 2, 2, 2], "years": 1.0})
    fits = counts.fit_counts(additions)
    assert fits.loc["a", "dispersion"] == pytest.approx(4.5) and fits.loc["b", "dispersion"] == pytest.approx(1.5)


def test_negative_binomial_predictive_is_the_gamma_poisson_mixture():
    # phi = 1: lambda ~ Gamma(S + 1/2, rate Y); H | lambda ~ Poisson(h lambda). Integrate numerically.
    total, exposure, horizon = 7.0, 3.0, 2.0
    r, p = counts.predictive(horizon * (total + 0.5) / exposure, 1.0, horizon, exposure)
    assert r == pytest.approx(7.5) and p == pytest.approx(3 / 5)
    for k in range(8):
        mixture, _ = integrate.quad(
            lambda lam, k=k: (
                stats.poisson.pmf(k, horizon * lam) * stats.gamma.pdf(lam, total + 0.5, scale=1 / exposure)
            ),
            0,
            np.inf,
        )
        assert stats.nbinom.pmf(k, r, p) == pytest.approx(mixture, rel=1e-6)


def test_count_band_is_whole_and_never_zero_width():
    r, p = counts.predictive(np.array([0.05, 5.0, 0.0]), np.array([1.0, 2.0, 1.0]), 1.0, 4.0)
    low, high = counts.band_added(0.8, r, p)
    assert (low == np.round(low)).all() and (high >= low + 1).all()
    assert low[2] == 0 and high[2] == 1  # nothing expected: still one more addition allowed


def test_milestone_probability_is_the_jeffreys_hazard():
    # k = 4 years not built, 1 left: 1 - (4.5 / 5) = 0.1; k = 1, 4 left: 1 - .75 * .8333 * .875 * .9.
    assert counts.milestone_probability(4, 1) == pytest.approx(0.1)
    assert counts.milestone_probability(1, 4) == pytest.approx(1 - 0.75 * (2.5 / 3) * (3.5 / 4) * 0.9)
    assert counts.milestone_probability(3, 0) == pytest.approx(0)


def test_probability_meeting_is_a_step_when_there_is_no_spread():
    p = projection.probability_meeting(
        np.array([5.0, 5.0]), np.zeros(2), np.array([5.0, 6.0]), np.array([3, 3]), downward=np.array([False, True])
    )
    assert list(p) == [1.0, 1.0]  # 5 >= 5, and 5 <= 6


def test_the_odd_first_of_three_changes_is_an_f_ratio_pooled_over_series():
    # Changes 8, 0.4, 0.6 (one year each): later b = 0.5, ss = 0.02; ratio (8 - 0.5)^2 / (1 + 1/2) / 0.02 = 1875.
    # A missing year: 2 over two years (rate 1, weight 2), then 0.4, 0.6: ratio 2 (1 - 0.5)^2 / (1 + 2/2) / 0.02
    # = 0.25 / 0.02 = 12.5. Two series are too few for the pooled test (at least 5): neither is odd.
    changes = pd.DataFrame(
        {"key": ["a"] * 3 + ["b"] * 3, "rate": [8, 0.4, 0.6, 1, 0.4, 0.6], "weight": [1, 1, 1, 2, 1, 1]}
    ).astype({"rate": float, "weight": float})
    fit = projection.odd_first_of_three(changes)
    assert fit["ratio"].tolist() == pytest.approx([1875, 12.5])
    assert fit["drift"].tolist() == pytest.approx([0.5, 0.5]) and fit["ssr"].tolist() == pytest.approx([0.02, 0.02])
    assert not fit["odd"].any()
    # Whole numbers 60, 61, 63, 65: later changes 2, 2 have ss = 0, but rounding alone makes 2 x 1^2 / 12 = 1/6:
    # ratio (1 - 2)^2 / 1.5 / (1/6) = 4, not odd (without the floor it would be infinite).
    whole = pd.DataFrame({"key": "c", "rate": [1.0, 2.0, 2.0], "weight": 1.0})
    assert projection.odd_first_of_three(whole, pd.Series({"c": 1 / 6}))["ratio"].tolist() == pytest.approx([4])
    # Five copies of "a" pass it: every one is odd. Series of two or four changes are not tested.
    five = pd.concat([changes[changes["key"] == "a"].assign(key=k) for k in "vwxyz"], ignore_index=True)
    assert projection.odd_first_of_three(five)["odd"].all()
    assert projection.odd_first_of_three(changes[~changes.index.isin([2, 5])]).empty


def test_a_bounded_path_keeps_its_pace_far_from_the_bound_and_slows_near_it():
    # 0-100, zone 30% of the range = 30 points from the bound the trend heads for.
    latest = np.array([60.0, 66.0, 66.0, 95.9, 20.0, 99.0, 50.0])
    drift = np.array([2.0, 2.0, 2.0, 0.3625, -5.0, 10.0, 0.0])
    horizon = np.array([2.0, 2.0, 4.0, 1.0, 3.0, 5.0, 3.0])
    path = projection.bounded_path(latest, drift, horizon, np.zeros(7), np.full(7, 100.0))
    expected = [
        64.0,  # 60 + 2 * 2 = 64: never within 30 of 100, full pace
        70.0,  # 66 has 34 of room: 4 at full pace take the 2 years, 70 exactly
        # 2 years to 70, then 2 in the zone: 70 + 30 (1 - exp(-2 * 2 / 30)) = 70 + 3.74480
        73.74480,
        100 - 4.1 * math.exp(-0.3625 / 30),  # in the zone from the start: 100 - 4.1 x 0.98799 = 95.94924
        20 * math.exp(-5 * 3 / 30),  # falling towards 0 with 20 of room: 20 exp(-0.5) = 12.13061
        100 - 1 * math.exp(-10 * 5 / 30),  # 99.81113: it approaches 100 but never passes it
        50.0,  # no trend, no move
    ]
    assert path == pytest.approx(expected, abs=1e-5)
    # A trend measured around 95 (5 from 100) is the pace at 95: the zone is those 5 points. From 95.9,
    # 0.3625 a year for one year: 100 - 4.1 exp(-0.3625 / 5) = 96.18673. Measured around 50, the zone
    # stays 30; a reference on the far side of the bound's zone (10, rising) changes nothing either.
    around_95 = projection.bounded_path(95.9, 0.3625, 1.0, 0.0, 100.0, reference=95.0)
    assert around_95 == pytest.approx(100 - 4.1 * math.exp(-0.3625 / 5))
    assert projection.bounded_path(95.9, 0.3625, 1.0, 0.0, 100.0, reference=50.0) == pytest.approx(path[3])
    assert projection.bounded_path(60.0, 2.0, 2.0, 0.0, 100.0, reference=10.0) == pytest.approx(64.0)
    # Without both bounds (or with none) the path is the straight line 30 + 2 * 3 = 36.
    assert projection.bounded_path(30.0, 2.0, 3.0, 0.0, math.nan) == pytest.approx(36.0)
    assert projection.bounded_path(99.0, 2.0, 3.0, math.nan, math.nan) == pytest.approx(105.0)


def test_assessments_never_call_statsmodels_as_the_methodology_says(monkeypatch):
    # docs/methodology.md §3: production uses the closed forms; statsmodels is the tests' reference.
    import statsmodels.api as sm

    from analytics import assess, load_catalog
    from analytics.scenario import Scenario, annual_change, what_it_takes

    def refuse(*args, **kwargs):
        raise AssertionError("statsmodels called")

    for name in ("WLS", "OLS", "GLM"):
        monkeypatch.setattr(sm, name, refuse)
    catalog, observations = load_catalog(), pd.read_csv("data/observations.csv")
    assert len(assess(catalog, observations, as_of=2024)) == len(catalog)
    change = annual_change(Scenario.of(1.5), catalog, observations, as_of=2024)
    assert len(assess(catalog, observations, as_of=2024, annual_change=change)) == len(catalog)
    assert len(what_it_takes(catalog, observations, as_of=2024)) == len(catalog)
    methodology = (Path(__file__).resolve().parent.parent / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert "they never call statsmodels" in methodology


def test_a_back_test_holds_out_the_last_point_and_measures_its_miss_in_band_half_widths():
    # 10, 11, 12 then 14: fitted on 10, 11, 12 the slope is 1 with no deviation, so sigma^2 is the rounding
    # floor 2 * 1^2 / 12 = 1/6 (whole numbers), se(b)^2 = (1/6) / 2 = 1/12; one year ahead the centre is
    # 12 + 1 = 13 with spread sqrt(1/6 + 1/12) = 0.5, a t on 1 degree of freedom (two changes): half-width
    # 3.0777 * 0.5 = 1.5388, and 14 misses the centre by 1: 1 / 1.5388 = 0.6498 half-widths (inside).
    # Series with fewer than three changes are not back-tested.
    points = pd.DataFrame(
        {
            "key": ["a"] * 4 + ["b"] * 3,
            "year": [2020, 2021, 2022, 2023, 2020, 2021, 2022],
            "value": [10, 11, 12, 14, 1, 2, 3],
        }
    )
    no_bound = pd.Series(np.nan, index=["a", "b"])
    backtest = projection.backtest_misses(points, no_bound, no_bound)
    assert list(backtest.index) == ["a"]
    assert backtest.loc["a", "n_changes"] == 2
    assert backtest.loc["a", "miss"] == pytest.approx(1 / (stats.t.ppf(0.9, 1) * 0.5))
    assert backtest.loc["a", "miss"] == pytest.approx(0.6498, abs=1e-4)


def test_a_call_whose_base_year_is_odd_for_its_three_change_series_is_not_back_tested():
    # Five indexes 80, 88, 88.4, 89 (+k): changes 8, 0.4, 0.6; the later two average 0.5 with
    # ss = 0.1^2 + 0.1^2 = 0.02, and the first's ratio is (8 - 0.5)^2 / (1 + 1/2) / 0.02 = 1875 > 20 in every
    # series (the median too): the assessment fits them on 88, 88.4, 89. Held out, 80, 88, 88.4 would keep the
    # odd year in a spread of two changes, so nothing is back-tested. With 87.5 for 80 (first change 0.5, no
    # ratio above 20) all five are.
    def call(base):
        values = [[base + k, 88 + k, 88.4 + k, 89 + k] for k in range(5)]
        return pd.DataFrame(
            {
                "key": np.repeat([f"s{k}" for k in range(5)], 4),
                "year": [2020, 2021, 2022, 2023] * 5,
                "value": np.ravel(values),
            }
        )

    bound = pd.Series(np.nan, index=[f"s{k}" for k in range(5)])
    assert projection.backtest_misses(call(80.0), bound, bound).empty
    assert len(projection.backtest_misses(call(87.5), bound, bound)) == 5


def _backtest(misses, n_changes=3):
    return pd.DataFrame({"miss": misses, "n_changes": n_changes}, dtype=float)


def test_the_back_test_widens_no_band_while_its_misses_are_what_the_model_expects():
    # 10 series on 2 degrees of freedom, 2 of them 3 half-widths off. Beyond 1 half-width the model expects
    # 0.2 a series: P(2 or more of 10) = 1 - 0.8^10 - 10 * 0.2 * 0.8^9 = 0.624. Beyond 2 half-widths
    # (|t2| > 2 * 1.8856 = 3.771) it expects 2 * 0.5 * (1 - 3.771 / sqrt(3.771^2 + 2)) = 0.0636:
    # P(2 or more) = 1 - 0.9364^10 - 10 * 0.0636 * 0.9364^9 = 0.129. Neither is below 0.025: factor 1.
    assert projection.spread_factors(_backtest([0.5] * 8 + [3.0] * 2), [1, 2, 3]).tolist() == [1.0, 1.0, 1.0]
    # Fewer than five series back-tested: no test, factor 1, even where every one misses.
    assert projection.spread_factors(_backtest([9.0] * 4), [2]).tolist() == [1.0]
    # Nor too few misses: 10 series all 0.5 half-widths off, none beyond 1: P(0 of 10) = 0.8^10 = 0.107;
    # none beyond 2 either: P(0 of 10) = 0.9364^10 = 0.518. Neither is below 0.025: factor 1, not narrower.
    assert projection.spread_factors(_backtest([0.5] * 10), [1, 2]).tolist() == [1.0, 1.0]
    assert projection.spread_factors(_backtest([0.5] * 4), [1]).tolist() == [1.0]  # four series: no test


def test_the_back_test_narrows_every_band_of_a_call_whose_last_points_miss_too_rarely():
    # 20 series on 2 degrees of freedom: 16 are 0.4 half-widths off, 4 are 0.6. None misses its band, where
    # the model expects 0.2 a series: P(0 of 20) = 0.8^20 = 0.0115 < 0.025, so the call narrows.
    # Narrowed k times, the share beyond k is 1 for k < 0.4, 4/20 = 0.2 for 0.4 <= k < 0.6, 0 after: the
    # least k with m(k) + 1 * (M(k) - m(k)) = M(k) <= 0.2 is 0.4, which puts 16 of 20 (80%) back inside.
    # The back-test saw one year ahead, so the narrowing is not extrapolated: 0.4 for every horizon.
    assert 0.8**20 == pytest.approx(0.0115, abs=1e-4)
    factors = projection.spread_factors(_backtest([0.4] * 16 + [0.6] * 4), [1, 2, 3])
    np.testing.assert_allclose(factors, [0.4, 0.4, 0.4], rtol=1e-9)


def test_the_back_test_narrows_where_too_few_points_miss_by_twice_the_half_width():
    # 80 series on 2 degrees of freedom: 64 are 0.5 half-widths off, 16 are 1.5. Beyond 1 half-width: 16 of
    # 80, as expected (P(16 or fewer) = 0.57). Beyond 2 half-widths the model expects 0.0636 a series (see
    # above) and none is: P(0 of 80) = 0.9364^80 = 0.0052 < 0.025: the call narrows, to the least k with
    # M(k) <= 0.2: the share beyond k is 1 below 0.5, 16/80 = 0.2 from 0.5: k = 0.5.
    assert (1 - 2 * stats.t.sf(2 * stats.t.ppf(0.9, 2), 2)) ** 80 == pytest.approx(0.0052, abs=1e-4)
    factors = projection.spread_factors(_backtest([0.5] * 64 + [1.5] * 16), [1, 2])
    np.testing.assert_allclose(factors, [0.5, 0.5], rtol=1e-9)


def test_a_narrowing_factor_is_below_one_above_zero_and_the_same_for_every_horizon():
    # Property: misses from a lighter tail than the model's t (a normal at a third of the t2 half-width's
    # scale): the call narrows, by one factor in (0, 1) for every horizon, which puts 80% of them inside.
    rng = np.random.default_rng(4)
    misses = np.abs(rng.standard_normal(400)) / 3
    factors = projection.spread_factors(_backtest(misses), [1, 2, 3, 4])
    assert (factors > 0).all() and (factors < 1).all() and np.ptp(factors) == 0
    assert (misses <= factors[0]).mean() == pytest.approx(0.8, abs=1 / 400)


def test_the_back_test_widens_every_band_of_a_call_whose_last_points_miss_too_often():
    # 10 series on 2 degrees of freedom, 5 of them 3 half-widths off: beyond 2 half-widths the model
    # expects 0.0636 a series (above), P(5 or more of 10) = 1.9e-4 < 0.025: the call widens.
    # Widened k times, the misses beyond k are 5 of 10 for k < 3 and none from k = 3; the model's own
    # share beyond 3 half-widths (|t2| > 5.657) is 2 * 0.5 * (1 - 5.657 / sqrt(5.657^2 + 2)) = 0.0299.
    # So the least k with m(k) + h (M(k) - m(k)) <= 0.2 is 3 for every horizon: 0.0299 + h * 0 <= 0.2.
    assert 2 * stats.t.sf(3 * stats.t.ppf(0.9, 2), 2) == pytest.approx(0.0299, abs=1e-4)
    factors = projection.spread_factors(_backtest([0.5] * 5 + [3.0] * 5), [1, 2, 3])
    np.testing.assert_allclose(factors, [3.0, 3.0, 3.0], rtol=1e-6)


def test_the_back_test_factor_grows_with_the_years_ahead_and_is_never_below_one_for_too_many_misses():
    # Property: misses drawn from a heavier tail than the t the model assumes (a t on 2 degrees of freedom
    # scaled 2.5 times, for half-widths of a t2): each further year ahead brings as many excess misses, so
    # the factor never falls with the horizon, and it is at least 1.
    rng = np.random.default_rng(3)
    misses = np.abs(2.5 * rng.standard_t(2, 400)) / stats.t.ppf(0.9, 2)
    factors = projection.spread_factors(_backtest(misses), [1, 2, 3, 4])
    assert (factors >= 1).all() and (np.diff(factors) >= 0).all() and factors[-1] > factors[0]


def test_a_narrowing_never_takes_a_spread_below_the_rounding():
    # One decimal: the rounding's spread is sqrt(2 * 0.1^2 / 12) = 0.040825. Factor 0.4 on sigma 1 keeps 0.4;
    # on sigma 0.05 it would give 0.02, so it is 0.040825 / 0.05 = 0.8165; a widening (1.5) and a series with
    # no spread (NaN) keep their factor.
    factors = projection.above_rounding([0.4, 0.4, 1.5, 0.4], [1.0, 0.05, 0.05, np.nan], [0.1] * 4)
    np.testing.assert_allclose(factors, [0.4, math.sqrt(2 * 0.01 / 12) / 0.05, 1.5, 0.4], rtol=1e-12)
    assert factors[1] == pytest.approx(0.8165, abs=1e-4)


def test_a_call_whose_last_points_fall_on_their_held_out_centres_narrows_its_level_bands():
    # Twenty series 10.1, 12.1, 12.1, 14.1 (+k) as of 2023. Held out, 10.1, 12.1, 12.1: Theil-Sen slope
    # median(2, 1, 0) = 1, deviations of the changes 2 and 0 from it +1 and -1: sigma^2 = 2 on 1 degree of
    # freedom, se(b)^2 = 2 / 2 = 1; one year ahead the centre is 13.1, spread sqrt(2 + 1) = sqrt(3), and 14.1
    # misses it by 1 = 1 / (3.0777 * 1.7321) = 0.1876 half-widths. None of 20 outside its band, where the model
    # expects 0.2 a series: P(0 of 20) = 0.8^20 = 0.0115 < 0.025: the call narrows, by the least k with 20% or
    # fewer beyond it, 0.1876 (all twenty then lie on the band's edge). Fitted on all four points the spread
    # is 1.1726 (changes 2, 0, 2 around the slope 7/6: (0.833^2 + 1.167^2 + 0.833^2) / 2 = 1.375), far above
    # the rounding's 0.0408: every series' spread factor is 0.1876.
    rows = [indicator(id=f"s{k}", baseline_value=10.1 + k, target_value=16.0 + k) for k in range(20)]
    points = pd.concat([observations_of(f"s{k}", {2021: 12.1 + k, 2022: 12.1 + k, 2023: 14.1 + k}) for k in range(20)])
    _, frame = fitted_models(catalog_of(*rows), points, as_of=2023)
    expected = 1 / (stats.t.ppf(0.9, 1) * math.sqrt(3))
    assert expected == pytest.approx(0.1876, abs=1e-4)
    np.testing.assert_allclose(frame["spread_factor"], expected, rtol=1e-9)
    np.testing.assert_allclose(frame["sigma"], math.sqrt(1.375) * expected, rtol=1e-6)


def test_a_call_of_exact_straight_lines_keeps_the_rounding_spread():
    # Twenty series 10, 11, 12, 13 (+k): held out, 10, 11, 12 forecast 13 exactly (miss 0), so the back-test
    # alone would narrow to the least factor tried; but every spread is the rounding's already
    # (whole numbers: sqrt(2 / 12) = 0.408), and a narrowing never goes below it: factor 1.
    rows = [indicator(id=f"s{k}", baseline_value=10.0 + k, target_value=16.0 + k) for k in range(20)]
    points = pd.concat([observations_of(f"s{k}", {2021: 11 + k, 2022: 12 + k, 2023: 13 + k}) for k in range(20)])
    _, frame = fitted_models(catalog_of(*rows), points, as_of=2023)
    np.testing.assert_allclose(frame["sigma"], math.sqrt(2 / 12), rtol=1e-9)
    np.testing.assert_allclose(frame["spread_factor"], 1.0, rtol=1e-12)


def test_the_spread_factors_of_a_province_hold_little_memory():
    # 20,000 series in one call, 2,000 of them back-tested, every one missing by 2-4 half-widths (far more
    # than the 20% the model allows: the call widens). The factors tried are a grid and the 2,000 distinct
    # misses; working them out per series would hold a 20,000 x 2,000 table (320 MB of floats). Worked out
    # per distinct horizon (1-5 years) it holds well under 50 MB.
    backtest = pd.DataFrame({"miss": np.linspace(2.0, 4.0, 2000), "n_changes": 3.0})
    horizons = np.tile(np.arange(1.0, 6.0), 4000)
    tracemalloc.start()
    try:
        factors = projection.spread_factors(backtest, horizons)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert factors.shape == horizons.shape and np.all(factors > 1)
    assert np.all(np.diff(factors[:5]) >= 0)  # never narrower further ahead
    assert np.array_equal(factors[5:10], factors[:5])  # the same horizon, the same factor
    assert peak < 50 * 2**20, peak
