"""The closed-form drift fit equals statsmodels' WLS on a constant."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import projection


def test_fit_drifts_matches_statsmodels_on_random_series():
    rng = np.random.default_rng(7)
    frames, expected = [], {}
    for key in range(200):
        n = int(rng.integers(2, 7))
        rates = rng.normal(rng.normal(1, 2), abs(rng.normal(1, 1)), n)
        weights = rng.integers(1, 3, n).astype(float)  # a missing year makes a change span 2 years
        frames.append(pd.DataFrame({"key": f"s{key}", "rate": rates, "weight": weights}))
        expected[f"s{key}"] = projection.fit_drift_statsmodels(rates, weights)
    fits = projection.fit_drifts(pd.concat(frames, ignore_index=True))
    for key, reference in expected.items():
        fit = fits.loc[key]
        assert fit["n_changes"] == reference.n_changes
        assert fit["drift"] == pytest.approx(reference.drift, rel=1e-10, abs=1e-12)
        assert fit["drift_se"] == pytest.approx(reference.drift_se, rel=1e-8)
        assert fit["sigma"] == pytest.approx(reference.sigma, rel=1e-8)


def test_single_change_has_a_drift_but_no_spread():
    fits = projection.fit_drifts(pd.DataFrame({"key": ["a"], "rate": [2.0], "weight": [1.0]}))
    assert fits.loc["a", "drift"] == 2.0
    assert np.isnan(fits.loc["a", "sigma"]) and np.isnan(fits.loc["a", "drift_se"])


def test_constant_changes_have_zero_spread_not_nan():
    fits = projection.fit_drifts(pd.DataFrame({"key": ["a"] * 3, "rate": [0.1] * 3, "weight": [1.0] * 3}))
    assert fits.loc["a", "sigma"] == 0 and fits.loc["a", "drift_se"] == 0


def test_logit_scale_round_trips_and_respects_bounds():
    values = np.array([0.0, 12.5, 50.0, 99.0, 100.0])
    scaled = projection.to_model_scale(values, np.zeros(5), np.full(5, 100.0))
    back = projection.from_model_scale(scaled, np.zeros(5), np.full(5, 100.0))
    assert back == pytest.approx([0.1, 12.5, 50.0, 99.0, 99.9])  # clamped to [0.1%, 99.9%]
    unbounded = projection.from_model_scale(np.array([-3.0, 4.0]), np.zeros(2), np.full(2, np.nan))
    assert list(unbounded) == [0.0, 4.0]  # never below the lower bound


def test_probability_meeting_is_a_step_when_there_is_no_spread():
    p = projection.probability_meeting(np.array([5.0, 5.0]), np.zeros(2), np.array([5.0, 6.0]), np.array([3, 3]), downward=np.array([False, True]))
    assert list(p) == [1.0, 1.0]  # 5 >= 5, and 5 <= 6


def test_assessments_never_call_statsmodels_as_the_methodology_says(monkeypatch):
    # docs/methodology.md §3: production uses the closed form; statsmodels is the tests' reference.
    import statsmodels.api as sm

    from analytics import assess, load_catalog
    from analytics.scenario import Scenario, annual_change, what_it_takes

    def refuse(*args, **kwargs):
        raise AssertionError("statsmodels called")

    monkeypatch.setattr(sm, "WLS", refuse)
    monkeypatch.setattr(sm, "OLS", refuse)
    catalog, observations = load_catalog(), pd.read_csv("data/observations.csv")
    assert len(assess(catalog, observations, as_of=2024)) == len(catalog)
    change = annual_change(Scenario.of(1.5), catalog, observations, as_of=2024)
    assert len(assess(catalog, observations, as_of=2024, annual_change=change)) == len(catalog)
    assert len(what_it_takes(catalog, observations, as_of=2024)) == len(catalog)
    methodology = (Path(__file__).resolve().parent.parent / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert "they never call statsmodels" in methodology and "`statsmodels` WLS; for speed" not in methodology
