"""What one cell of an analyst's file says: a name folded for comparison, a number, a year
header, the role of a column header (indicator, year, value, ...)."""
from __future__ import annotations

import re
import unicodedata

HEADER_ALIASES = {
    "indicator_id": ("indicator_id", "id", "编号", "指标编号"),
    "indicator": ("indicator", "指标", "指标名称", "name", "name_zh"),
    "seq": ("seq", "序号", "no", "no."),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值"),
    "note": ("note", "备注", "说明"),
    "source": ("source", "来源", "数据来源"),
    "unit": ("unit", "单位", "计量单位"),
}
YEAR_HEADER = re.compile(r"^(\d{4})(年|年度)?$")


def normalise_name(name: str) -> str:
    """Fold full-width characters, quotes, brackets and spaces so names compare equal."""
    folded = unicodedata.normalize("NFKC", str(name))
    folded = re.sub(r"[“”\"'‘’「」『』《》]", "", folded)
    folded = folded.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    return re.sub(r"\s+", "", folded).lower()


def parse_number(raw: object) -> float | None:
    """``96.3%``, ``96.3 %``, ``２８``, ``1,234`` -> float; None when not a number."""
    cleaned = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")
    cleaned = cleaned.removesuffix("%")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", cleaned):
        return None  # also refuses "nan", "inf" and "1_000", which float() would take
    return float(cleaned)


def header_year(header: str) -> int | None:
    """``2021``, ``2021年``, ``２０２１年`` -> 2021; None for any other header."""
    match = YEAR_HEADER.match(normalise_name(header))
    return int(match.group(1)) if match else None


def column_role(header: str) -> str | None:
    """Which known column a header names (``indicator``, ``year``, ``value``, ...), or None."""
    name = normalise_name(header)
    for role, aliases in HEADER_ALIASES.items():
        if name in {normalise_name(a) for a in aliases}:
            return role
    return None


def shown_number(number: float) -> str:
    """A number as a message shows it: 95.0 -> 95, 0.1 -> 0.1."""
    return f"{float(number):g}"
