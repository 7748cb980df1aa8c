"""Keyed's per-key sums, firsts, lasts, means and medians are pandas' groupby(sort=False), on any rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analytics.grouping import Keyed

rows = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.one_of(st.none(), st.integers(-50, 50).map(float))),
    max_size=30,
)


def frame_of(cells) -> pd.DataFrame:
    return pd.DataFrame(
        {"key": [key for key, _ in cells], "value": [np.nan if v is None else v / 4 for _, v in cells]},
        columns=["key", "value"],
    ).astype({"key": object, "value": float})


@given(rows)
def test_every_reduction_is_pandas_groupby_in_the_same_key_order(cells):
    frame = frame_of(cells)
    groups = Keyed.of(frame["key"])
    by_key = frame.groupby("key", sort=False)["value"]
    assert list(groups.keys) == list(by_key.size().index)
    np.testing.assert_array_equal(groups.size(), by_key.size().to_numpy())
    for mine, theirs in (
        (groups.sum(frame["value"]), by_key.sum()),
        (groups.first(frame["value"]), by_key.first()),
        (groups.last(frame["value"]), by_key.last()),
        (groups.mean(frame["value"]), by_key.mean()),
        (groups.median(frame["value"]), by_key.median()),
    ):
        np.testing.assert_allclose(mine, theirs.to_numpy(float), rtol=1e-12, equal_nan=True)


@given(rows)
def test_first_last_and_previous_rows_are_positions_within_each_key(cells):
    frame = frame_of(cells)
    groups = Keyed.of(frame["key"])
    positions = frame.reset_index().groupby("key", sort=False)["index"]
    np.testing.assert_array_equal(groups.first_rows(), positions.first().to_numpy())
    np.testing.assert_array_equal(groups.last_rows(), positions.last().to_numpy())
    previous = positions.shift(1).fillna(-1).astype(int).to_numpy()
    np.testing.assert_array_equal(groups.previous_rows(), previous)


def test_a_hand_counted_example():
    groups = Keyed.of(["x", "y", "x", "x", "y"])
    values = [1.0, 10.0, np.nan, 4.0, 20.0]
    assert list(groups.keys) == ["x", "y"]
    assert groups.size().tolist() == [3, 2]
    assert groups.sum(values).tolist() == [5.0, 30.0]  # the missing value counts as nothing
    assert groups.mean(values).tolist() == [2.5, 15.0]  # and is not counted
    assert groups.median(values).tolist() == [2.5, 15.0]
    assert groups.last(values).tolist() == [4.0, 20.0]
    assert groups.previous_rows().tolist() == [-1, -1, 0, 2, 1]
