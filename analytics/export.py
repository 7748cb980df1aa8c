"""Files for people to download: CSV and Excel with formula-like cells neutralised (reversibly:
the importer takes the apostrophe off again, so an export re-imports unchanged)."""
from __future__ import annotations

import io

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe.

    Numbers stay numbers (a negative gap is data, not a formula); only text is touched. Text
    that already starts with an apostrophe gets one more, so :func:`restore_text` gives
    back exactly the text that was exported.
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_text)
    safe.columns = [neutralise_text(c) for c in safe.columns]
    return safe


def neutralise_text(value):
    """``=SUM(A1)`` -> ``'=SUM(A1)``, ``'x`` -> ``''x``; other values unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith((*FORMULA_PREFIXES, "'")) else value


def restore_text(value: str) -> str:
    """The text :func:`neutralise_text` was given: one added apostrophe taken off again."""
    return value[1:] if value.startswith("'") and value[1:].startswith((*FORMULA_PREFIXES, "'")) else value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Chinese text correctly."""
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def excel_bytes(frame: pd.DataFrame, *, sheet_name: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise(frame).to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()
