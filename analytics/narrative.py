"""One sentence per indicator, generated from its assessment, in Chinese or English."""
from __future__ import annotations

import math

import pandas as pd

from analytics.assess import meets
from analytics.formatting import number, percent
from analytics.labels import text


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _apart(value: float, other: float, *, same_side: bool) -> str:
    """``value`` as :func:`number` prints it, with more decimals where it would otherwise read
    exactly as ``other`` although it is not on the same side of it (89.95 "reaches 90, short
    of the target of 90" becomes "89.95")."""
    shown = number(value)
    if same_side or _missing(value) or _missing(other) or shown != number(other):
        return shown
    for decimals in range(2, 10):
        shown = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
        if shown != number(other):
            return shown
    return shown


def _points(count: int, lang: str) -> str:
    return text("story.point_one" if count == 1 else "story.points", lang, n=count)


def describe(row: pd.Series, lang: str = "zh") -> str:
    """What the figures of one assessed indicator mean, e.g. "近4年平均每年增加0.38，……"."""
    if row["status"] == "qualitative":
        return text("story.qualitative", lang)
    if _missing(row["latest_value"]):
        return text("story.no_data", lang)
    values = {
        "latest_year": int(row["latest_year"]), "latest": number(row["latest_value"]),
        "target": number(row["target_value"]), "target_year": int(row["target_year"]),
        "n": max(int(row["n_observations"]) - (0 if row["kind"] == "new_in_period" else 1), 0),
        "actual": number(abs(row["actual_annual_change"])) if not _missing(row["actual_annual_change"]) else "—",
        "direction": text("story.up" if (row["actual_annual_change"] or 0) >= 0 else "story.down", lang),
        "projected": number(row["projected_value"]), "low": number(row["projected_low"]),
        "high": number(row["projected_high"]), "p": percent(row["probability"]),
        "required": number(abs(row["required_annual_change"])) if not _missing(row["required_annual_change"]) else "—",
        "required_direction": text("story.up" if (row["required_annual_change"] or 0) >= 0 else "story.down", lang),
        "comparison": text(f"comparison.{row['comparison']}", lang),
    }
    meets_target = lambda value: bool(meets([value], [row["target_value"]], [row["comparison"]])[0])  # noqa: E731
    values["latest"] = _apart(row["latest_value"], row["target_value"], same_side=meets_target(row["latest_value"]))
    values["points"] = _points(int(row["n_observations"]), lang)
    status, method = row["status"], row["method"]
    if status == "achieved":
        key = "story.achieved_hold" if row["must_hold"] else "story.achieved"
        return text(key, lang, **values)
    if status == "not_achieved":
        return text("story.not_achieved", lang, **values)
    if method == "maintain_frequency":
        return text("story.maintain", lang, **values)
    if status == "insufficient_data":
        key = "story.indicative" if method == "indicative_two_points" else "story.insufficient"
        return text(key, lang, **values)
    trend = text("story.trend", lang, **values) if values["n"] else ""
    reaches = meets_target(row["projected_value"])
    values["projected"] = _apart(row["projected_value"], row["target_value"], same_side=reaches)
    relation = text("story.above" if reaches else "story.below", lang)
    return trend + text("story.projection", lang, relation=relation, **values)
