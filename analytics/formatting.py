"""Numbers as people read them in a sentence or a table cell, and user text made safe for Markdown."""

from __future__ import annotations

import math
import re

from analytics.kinds import rules
from analytics.labels import is_one


def number(value: float | None, *, signed: bool = False) -> str:
    """``95.9``, ``0.88``, ``38.3``, ``6``: one decimal from 10 up, two below, no trailing zeros."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    decimals = 1 if abs(value) >= 10 else 2
    text = f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "+0") else text


COMPARISON_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def target_text(comparison: str, value: float | None) -> str:
    """A target as a table cell shows it, its sign as the comparison says: ``≥37``, ``>0``, ``≤27``."""
    return f"{COMPARISON_SIGNS[comparison]}{number(value)}"


def percent(share: float | None) -> str:
    """A share as a whole percentage: 0.183 -> ``18%``; near the ends ``>99%`` and ``<1%``, so a
    probability of 0.996 never reads as a certainty, nor 0.004 as none."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    shown = math.floor(share * 100 + 0.5)  # half up, as people round (62.5% -> 63%, not Python's 62%)
    if shown >= 100 and share < 1:
        return ">99%"
    if shown <= 0 < share:
        return "<1%"
    return f"{shown:d}%"


UNIT_SPELLINGS = {"µg/m3": "μg/m³", "μg/m3": "μg/m³", "ug/m3": "μg/m³", "µg/m³": "μg/m³"}
PERCENT_UNITS = ("%",)


def unit_text(unit: object) -> str:
    """A catalog unit as people write it: ``µg/m3`` -> ``μg/m³``; blank for none."""
    if unit is None or (isinstance(unit, float) and math.isnan(unit)):
        return ""
    unit = str(unit).strip()
    return UNIT_SPELLINGS.get(unit, unit)


def with_unit(shown: str, unit: object, lang: str) -> str:
    """A figure and its unit: ``95.9%``, ``31个`` in Chinese, ``16 organisations`` in English
    (no space before ``%`` in either language)."""
    unit = unit_text(unit)
    if not unit or shown == "—":
        return shown
    joiner = "" if lang == "zh" or unit in PERCENT_UNITS else " "
    return f"{shown}{joiner}{one_of(unit) if lang == 'en' and is_one(shown) else unit}"


def change_unit(unit: object, lang: str) -> str:
    """The unit of a change of the figure: a change of a percentage is in percentage points."""
    unit = unit_text(unit)
    if unit in PERCENT_UNITS:
        return "个百分点" if lang == "zh" else "percentage points"
    return unit


def with_change_unit(shown: str, unit: object, lang: str) -> str:
    """A change and its unit: ``0.3个百分点``, ``3个``, ``0.3 percentage points``."""
    unit = change_unit(unit, lang)
    if not unit or shown == "—":
        return shown
    if lang == "zh":
        return f"{shown}{unit}"
    return f"{shown} {one_of(unit) if is_one(shown) else unit}"


def one_of(unit: str) -> str:
    """An English unit after the figure 1: ``organisations`` -> ``organisation``, ``percentage points`` ->
    ``percentage point``, ``patents per 10,000 people`` -> ``patent per 10,000 people``; ``%`` as it is.

    The catalog's English units are plural nouns; the noun before any " per " is made singular."""
    head, per, rest = unit.partition(" per ")
    words = head.split(" ")
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "shes", "ches", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 2:
        last = last[:-1]
    return " ".join([*words[:-1], last]) + per + rest


def whole(value: float | None) -> str:
    """A count as a whole number: 37.33 -> ``37``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return str(int(math.floor(value + 0.5)))


def figure(value: float | None, kind: str) -> str:
    """A figure of an indicator of ``kind``: a count's whole (a projected mean of 5.375 -> ``5``),
    a level's :func:`number`."""
    return whole(value) if rules(kind).count else number(value)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def escape_markdown(value: object) -> str:
    """User text (a name typed in, a query parameter) shown literally inside Streamlit Markdown.

    Streamlit renders st.info/st.error/st.success/st.caption bodies as Markdown, so text from
    a person could otherwise become a link, an image or a formula; every Markdown
    character is backslash-escaped and line breaks are folded into spaces.
    """
    folded = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", folded)
