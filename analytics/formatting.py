"""Numbers as people read them in a sentence or a table cell, and user text made safe for Markdown."""
from __future__ import annotations

import math
import re


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
    """0.183 -> ``18%``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{share:.0%}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def escape_markdown(value: object) -> str:
    """User text (a name typed in, a query parameter) shown literally inside Streamlit Markdown.

    Streamlit renders st.info/st.error/st.success/st.caption bodies as Markdown, so text from
    a person could otherwise become a link, an image or a formula; every Markdown
    character is backslash-escaped and line breaks are folded into spaces.
    """
    folded = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", folded)
