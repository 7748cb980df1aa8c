"""Every kind has its rules in analytics.kinds, and the rest of the code reads them from there."""

import pytest

from analytics.catalog import KINDS
from analytics.kinds import RULES, Kind, kinds_where, rules


def test_every_kind_has_rules_and_the_catalog_accepts_it():
    assert set(RULES) == set(Kind) and set(KINDS) == {k.value for k in Kind}
    assert rules("milestone").model == "milestone" and rules("qualitative").numeric is False
    with pytest.raises(ValueError):
        rules("rainbow")


def test_the_rules_group_the_kinds_as_the_methodology_says():
    assert kinds_where(model="count") == ("cumulative", "new_in_period")
    assert kinds_where(count=True) == ("cumulative", "new_in_period", "milestone")  # cannot fall back
    assert kinds_where(sums_additions=True) == ("new_in_period",)
    assert kinds_where(baseline_is_observation=False) == ("new_in_period",)
    assert kinds_where(model="level") == ("level",)
