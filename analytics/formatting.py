"""Numbers as people read them in a sentence or a table cell."""
from __future__ import annotations

import math


def number(value: float | None, *, signed: bool = False) -> str:
    """``95.9``, ``0.88``, ``38.3``, ``6``: one decimal from 10 up, two below, no trailing zeros."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    decimals = 1 if abs(value) >= 10 else 2
    text = f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "+0") else text


def percent(share: float | None) -> str:
    """0.183 -> ``18%``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{share:.0%}"
