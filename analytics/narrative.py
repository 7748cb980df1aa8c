"""One sentence per indicator, generated from its assessment, in Chinese or English.

The sentence agrees with the status (a met target speaks of the chance of *staying* met), gives
every figure with its unit as people write it (``95.9%``, ``μg/m³``, a change of a percentage in
percentage points), counts as whole numbers ("37个左右"), the 80% band in words
("有八成把握在34～42个之间"), and never asks for "each year" when one year is left.
"""

from __future__ import annotations

import math

import pandas as pd

from analytics.assess import meets
from analytics.formatting import number, percent, whole, with_change_unit, with_unit
from analytics.kinds import kinds_where, rules
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


def is_count(row) -> bool:
    """Whole numbers that never fall (cumulative, new in period, milestone)."""
    return row["kind"] in kinds_where(count=True)


def row_unit(row, lang: str) -> str:
    return row["unit_en"] if lang == "en" else row["unit"]


def _direction(change, lang: str) -> str:
    return text("story.up" if (0 if _missing(change) else change) >= 0 else "story.down", lang)


def chance(probability, lang: str) -> str:
    """A probability in words: "约56%", "不足1%", "超过99%"."""
    shown = percent(probability)
    if shown.startswith("<"):
        return text("say.p_under", lang)
    if shown.startswith(">"):
        return text("say.p_over", lang)
    return text("say.p_about", lang, p=shown)


def figures(row, lang: str) -> dict[str, object]:
    """The figures a sentence (or the attention list) names, each with its unit."""
    unit, count = row_unit(row, lang), is_count(row)
    meets_target = lambda value: bool(meets([value], [row["target_value"]], [row["comparison"]])[0])  # noqa: E731
    level = lambda value: whole(value) if count else number(value)  # noqa: E731
    latest = _apart(row["latest_value"], row["target_value"], same_side=meets_target(row["latest_value"]))
    projected = row["projected_value"]
    if _missing(projected):
        shown_projection = "—"
    elif count:
        shown_projection = text("say.about", lang, value=with_unit(whole(projected), unit, lang))
    else:
        reaches = meets_target(projected)
        shown_projection = with_unit(_apart(projected, row["target_value"], same_side=reaches), unit, lang)
    change = lambda value: "—" if _missing(value) else with_change_unit(number(abs(value)), unit, lang)  # noqa: E731
    return {
        "latest_year": str(int(row["latest_year"])) if not _missing(row["latest_year"]) else "—",
        "latest": with_unit(latest, unit, lang),
        "target": with_unit(number(row["target_value"]), unit, lang),
        "target_year": str(int(row["target_year"])),
        "comparison": text(f"comparison.{row['comparison']}", lang),
        "projected": shown_projection,
        "low": level(row["projected_low"]),
        "high": with_unit(level(row["projected_high"]), unit, lang),
        "p": chance(row["probability"], lang),
        "gap": "—" if _missing(row["gap"]) else with_change_unit(level(row["gap"]), unit, lang),
        "actual": change(row["actual_annual_change"]),
        "direction": _direction(row["actual_annual_change"], lang),
        "required": change(row["required_annual_change"]),
        "required_direction": _direction(row["required_annual_change"], lang),
    }


def _need(row, values: dict[str, object], lang: str) -> str:
    """What it would take: the yearly change still needed, or, with one year left, the gap itself."""
    if _missing(row["gap"]) or row["gap"] <= 0 or _missing(row["required_annual_change"]):
        return ""
    years_left = int(row["target_year"]) - int(row["latest_year"])
    if years_left <= 1:
        return text("say.need_last_year", lang, gap=values["gap"], target_year=values["target_year"])
    return text(
        "say.need_years", lang, gap=values["gap"], direction=values["required_direction"], required=values["required"]
    )


def describe(row: pd.Series, lang: str = "zh") -> str:
    """What the figures of one assessed indicator mean, e.g. "近3年平均每年增加3个；按此趋势，……"."""
    if row["status"] == "qualitative":
        return text("story.qualitative", lang)
    if _missing(row["latest_value"]):
        return text("story.no_data", lang)
    values = figures(row, lang)
    values["n"] = max(int(row["n_observations"]) - int(rules(row["kind"]).baseline_is_observation), 0)
    values["points"] = _points(int(row["n_observations"]), lang)
    status, method = row["status"], row["method"]
    has_band = not (_missing(row["projected_low"]) or _missing(row["projected_high"]))
    if status == "achieved":
        if row["must_hold"] and not _missing(row["probability"]):
            return text("say.achieved_hold", lang, **values)
        return text("story.achieved_hold" if row["must_hold"] else "story.achieved", lang, **values)
    if status == "not_achieved":
        return text("story.not_achieved", lang, **values)
    if status == "met_at_risk":
        return text("say.met_at_risk" if has_band else "say.met_at_risk_held", lang, **values)
    if method == "maintain_frequency":
        return text("say.maintain", lang, **values)
    if status == "insufficient_data":
        key = "say.indicative" if method == "indicative_two_points" else "story.insufficient"
        return text(key, lang, **values)
    trend = text("say.trend", lang, **values) if values["n"] else ""
    reaches = bool(meets([row["projected_value"]], [row["target_value"]], [row["comparison"]])[0])
    relation = text("story.above" if reaches else "story.below", lang)
    projection = text("say.projection" if has_band else "say.projection_no_band", lang, relation=relation, **values)
    return trend + projection + _need(row, values, lang)
