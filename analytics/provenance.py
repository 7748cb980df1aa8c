"""Where figures come from: flags illustrative (demo) values so every view can say so."""

from __future__ import annotations

import pandas as pd

ILLUSTRATIVE_MARKERS = ("示意", "illustrative")


def is_illustrative(sources: pd.Series) -> pd.Series:
    return sources.fillna("").astype(str).str.contains("|".join(ILLUSTRATIVE_MARKERS), case=False)


def uses_illustrative(observations: pd.DataFrame, indicator_ids, *, as_of: int) -> bool:
    """Whether any observation of these indicators up to ``as_of`` is illustrative."""
    if "source" not in observations:
        return False
    shown = observations[observations["indicator_id"].isin(list(indicator_ids)) & (observations["year"] <= as_of)]
    return bool(is_illustrative(shown["source"]).any())
