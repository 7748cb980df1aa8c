"""Read an analyst's file into observations, collecting every problem before refusing.

The flow is ``read_table`` (bytes -> a frame of strings) -> ``parse_observations``
(strings -> typed observations + problems). Nothing here writes to the database.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from analytics.labels import text

MAX_FILE_BYTES = 5 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "gb18030")
HEADER_ALIASES = {
    "indicator": ("indicator", "indicator_id", "指标", "指标名称", "指标编号"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值"),
    "note": ("note", "备注", "说明"),
    "source": ("source", "来源", "数据来源"),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is (1-based file row, column) and what."""

    code: str
    row: int | None
    column: str | None
    value: str
    values: tuple[tuple[str, object], ...] = ()
    warning: bool = False

    def message(self, lang: str) -> str:
        return text(f"ingest.{self.code}", lang, row=self.row, column=self.column, value=self.value, **dict(self.values))


@dataclass(frozen=True)
class IngestResult:
    observations: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]


class ValidationFailed(Exception):
    """Raised by callers that need an exception: carries every problem of the file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{p.message('zh')} / {p.message('en')}" for p in problems))


def normalise_name(name: str) -> str:
    """Fold full-width characters, quotes, brackets and spaces so names compare equal."""
    folded = unicodedata.normalize("NFKC", str(name))
    folded = re.sub(r"[“”\"'‘’「」『』]", "", folded)
    folded = folded.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    return re.sub(r"\s+", "", folded).lower()


def parse_number(raw: str) -> float | None:
    """``96.3%``, ``96.3 %``, ``２８``, ``1,234`` -> float; None when not a number."""
    cleaned = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")
    cleaned = cleaned.removesuffix("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


def decode(content: bytes) -> str | None:
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_table(content: bytes, file_name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The file's cells as strings (header = first row), or the problems that stop reading."""
    if len(content) > MAX_FILE_BYTES:
        return None, [Problem("too_large", None, None, file_name, (("limit_mb", MAX_FILE_BYTES // (1024 * 1024)),))]
    if not content.strip():
        return None, [Problem("empty_file", None, None, file_name)]
    if b"\x00" in content[:4096]:
        return None, [Problem("binary_file", None, None, file_name)]
    decoded = decode(content)
    if decoded is None:
        return None, [Problem("unreadable_encoding", None, None, file_name)]
    try:
        table = pd.read_csv(io.StringIO(decoded), dtype=str, keep_default_na=False, sep=None, engine="python")
    except (pd.errors.ParserError, csv.Error) as error:
        return None, [Problem("not_a_table", None, None, f"{file_name}: {error}")]
    table.columns = [str(c).strip() for c in table.columns]
    return table, []


def indicator_lookup(catalog: pd.DataFrame, plan: str) -> dict[str, str]:
    """Every accepted way to name an indicator -> its id (ids of any plan; seq and name of ``plan``)."""
    lookup = {normalise_name(i): i for i in catalog["id"]}
    in_plan = catalog[catalog["plan"] == plan]
    lookup |= {str(int(s)): i for s, i in zip(in_plan["seq"], in_plan["id"]) if pd.notna(s)}
    lookup |= {normalise_name(n): i for n, i in zip(in_plan["name_zh"], in_plan["id"])}
    return lookup


def parse_observations(table: pd.DataFrame, catalog: pd.DataFrame, *, plan: str) -> IngestResult:
    """Typed ``indicator_id, year, value, note, source`` from a long-format table of strings."""
    problems: list[Problem] = []
    columns = {normalise_name(c): c for c in table.columns}
    found = {}
    for role, aliases in HEADER_ALIASES.items():
        match = next((columns[normalise_name(a)] for a in aliases if normalise_name(a) in columns), None)
        if match is not None:
            found[role] = match
        elif role in ("indicator", "year", "value"):
            problems.append(Problem("missing_column", 1, aliases[0], "/".join(aliases[:3])))
    if problems:
        return IngestResult(pd.DataFrame(), problems)
    lookup = indicator_lookup(catalog, plan)
    info = catalog.set_index("id")
    rows = []
    for position, record in enumerate(table.to_dict("records")):
        row = position + 2  # the header is file row 1
        raw_name = record[found["indicator"]]
        indicator_id = lookup.get(normalise_name(raw_name))
        if indicator_id is None:
            problems.append(Problem("unknown_indicator", row, found["indicator"], raw_name))
        year = parse_number(record[found["year"]])
        if year is None or year != int(year):
            problems.append(Problem("bad_year", row, found["year"], record[found["year"]]))
        value = parse_number(record[found["value"]])
        if value is None:
            problems.append(Problem("not_a_number", row, found["value"], record[found["value"]]))
        if indicator_id is None or year is None or value is None:
            continue
        meta = info.loc[indicator_id]
        first = int(meta["baseline_year"]) if pd.notna(meta["baseline_year"]) else int(meta["target_year"]) - 5
        if not first <= year <= int(meta["target_year"]):
            problems.append(Problem("year_out_of_range", row, found["year"], str(int(year)),
                                    (("low", first), ("high", int(meta["target_year"])))))
            continue
        rows.append({
            "indicator_id": indicator_id, "year": int(year), "value": value, "row": row,
            "note": record.get(found.get("note"), "") if "note" in found else "",
            "source": record.get(found.get("source"), "") if "source" in found else "",
        })
    observations = pd.DataFrame(rows, columns=["indicator_id", "year", "value", "note", "source", "row"])
    return IngestResult(observations.drop(columns="row"), problems)


def load_observations(content: bytes, file_name: str, catalog: pd.DataFrame, *, plan: str) -> IngestResult:
    table, problems = read_table(content, file_name)
    if table is None:
        return IngestResult(pd.DataFrame(columns=["indicator_id", "year", "value", "note", "source"]), problems)
    return parse_observations(table, catalog, plan=plan)
