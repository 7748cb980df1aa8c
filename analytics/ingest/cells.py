"""What one cell of an analyst's file says: a name folded for comparison, a number, a year
header, the role of a column header (indicator, year, value, ...)."""

from __future__ import annotations

import math
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


# quotes go, full-width and square brackets become round ones (one str.translate)
NAME_FOLD = str.maketrans({q: None for q in "“”\"'‘’「」『』《》"} | {"【": "(", "】": ")", "[": "(", "]": ")"})


def normalise_name(name: str) -> str:
    """Fold full-width characters, quotes, brackets and spaces so names compare equal."""
    folded = unicodedata.normalize("NFKC", str(name)).translate(NAME_FOLD)
    return "".join(folded.split()).lower()  # split() cuts at every Unicode space, as a regex \s+ does


# Joins names for normalise_names: a starter that NFKC composes with nothing, neither a space nor a
# letter nor ignored by casing, so no step reads across it (and no name read from a file holds one).
NAME_SEPARATOR = "\x00"
SPACES = re.compile(r"\s+")  # a str pattern's \s is str.isspace(): what split() cuts at


def normalise_names(names: list[str]) -> list[str]:
    """:func:`normalise_name` of each name, in one pass over their joined text (a catalog's 10,000
    names in a few calls, not 40,000): NFKC, the folding table, removing spaces and ``lower()`` each
    act on a character or within a run the separator ends, so the joined text splits back into
    each name normalised. Names holding the separator are normalised one by one."""
    texts = [str(name) for name in names]
    joined = NAME_SEPARATOR.join(texts)
    if joined.count(NAME_SEPARATOR) != max(len(texts) - 1, 0):
        return [normalise_name(text) for text in texts]
    folded = unicodedata.normalize("NFKC", joined)
    for character, replacement in NAME_FOLD.items():  # NAME_FOLD as str.replace calls: a C scan each
        folded = folded.replace(chr(character), replacement or "")
    return SPACES.sub("", folded).lower().split(NAME_SEPARATOR) if texts else []


NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
COMMA_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,234 and 1,234.5
DOT_GROUPED = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")  # 1.234 and 1.234,5 (a decimal-comma file)
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")  # 33,5
PERCENT = re.compile(r"\s*%$")
DOT_DECIMAL = "."  # ``1,234.5`` is 1234.5; ``3,35`` is refused
COMMA_DECIMAL = ","  # ``33,5`` is 33.5; ``1.234,5`` is 1234.5; ``1.234`` is refused
UNSURE = "?"  # both or neither seen: every number with a comma is refused


def folded_number_text(raw: object) -> str | None:
    """``raw`` with full-width forms folded (``９６．３％`` -> ``96.3%``) and outer spaces removed;
    None when it holds a superscript, a circled digit or another sign NFKC would turn into a digit
    (``9⁵`` is not 95)."""
    text = str(raw)
    if any(unicodedata.category(ch) == "No" for ch in text):
        return None
    return unicodedata.normalize("NFKC", text).strip()


def has_percent(raw: object) -> bool:
    """Whether a cell is written as a percentage (``96.3%``, ``96.3 %``, ``９６％``)."""
    folded = folded_number_text(raw)
    return folded is not None and folded.endswith("%")


def decimal_mark(cells: list[str], delimiter: str | None) -> str:
    """How a file writes decimals, from its delimiter and its value cells' pattern.

    A comma-separated file cannot use a decimal comma (``1,234`` is grouped). Otherwise (``;``
    or tab CSV, text cells of a workbook) a comma after which the digits are not a group of
    three (``33,5``) or a dot-grouped number (``1.234,5``) shows a decimal comma, and two groups
    (``1,234,567``) or a grouped number with a decimal dot (``1,234.5``) show grouping commas.
    When both or neither show, the file's decimal mark is unknown (:data:`UNSURE`).
    """
    if delimiter == ",":
        return DOT_DECIMAL
    decimal = grouped = False
    for raw in cells:
        if "," not in raw:
            continue
        text = PERCENT.sub("", folded_number_text(raw) or "")
        if COMMA_GROUPED.fullmatch(text):
            grouped |= text.count(",") > 1 or "." in text
        elif DECIMAL_COMMA.fullmatch(text) or DOT_GROUPED.fullmatch(text):
            decimal = True
        if decimal and grouped:
            return UNSURE
    return COMMA_DECIMAL if decimal else DOT_DECIMAL if grouped else UNSURE


def parse_number(raw: object, mark: str = DOT_DECIMAL) -> float | None:
    """``96.3%``, ``96.3 %``, ``２８``, ``1,234`` -> float; None when not a number.

    ``mark`` is the file's decimal mark (:func:`decimal_mark`). Refused: spaces inside a number
    (``9 5.5``), superscripts (``9⁵``), a comma the mark does not explain (``3,35`` with
    :data:`DOT_DECIMAL`), and numbers a float cannot hold (``1e309``, ``1e-400``).
    """
    text = folded_number_text(raw)
    if text is None:
        return None
    text = PERCENT.sub("", text)
    if mark == COMMA_DECIMAL:
        if DOT_GROUPED.fullmatch(text) and "," not in text:
            return None  # 1.234 with a decimal comma: 1.234 or 1234?
        if DOT_GROUPED.fullmatch(text) or DECIMAL_COMMA.fullmatch(text):
            text = text.replace(".", "").replace(",", ".")
    elif mark == DOT_DECIMAL and COMMA_GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if not NUMBER.fullmatch(text):
        return None  # also refuses "nan", "inf" and "1_000", which float() would take
    number = float(text)
    mantissa = re.split(r"[eE]", text)[0]
    if not math.isfinite(number) or (number == 0 and re.search(r"[1-9]", mantissa)):
        return None  # 1e309 would be stored as infinity, 1e-400 as 0
    return number


def why_not_a_number(raw: object, mark: str) -> str:
    """Why :func:`parse_number` refused ``raw``: ``ambiguous`` (a comma the decimal mark does not
    explain), ``extreme`` (too large or small for a float) or ``not_a_number``."""
    text = PERCENT.sub("", folded_number_text(raw) or "")
    if any(p.fullmatch(text) for p in (COMMA_GROUPED, DOT_GROUPED, DECIMAL_COMMA)):
        return "ambiguous"
    return "extreme" if NUMBER.fullmatch(text) else "not_a_number"


def parse_year(raw: object) -> int | None:
    """``2021``, ``2021年``, ``2021年度``, ``２０２１`` -> 2021; None for anything else (``2.021e3``)."""
    text = folded_number_text(raw)
    match = YEAR_HEADER.match(text) if text is not None else None
    return int(match.group(1)) if match else None


def header_year(header: str) -> int | None:
    """``2021``, ``2021年``, ``２０２１年`` -> 2021; None for any other header."""
    return parse_year(normalise_name(header))


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
