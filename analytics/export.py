"""Files for people to download: CSV and Excel with formula-like cells neutralised (reversibly:
the importer takes the apostrophe off again, so an export re-imports unchanged); and the pages'
downloads, shaped to hand on (a title block, headers in the reader's language, figures as shown)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from analytics.formatting import COMPARISON_SIGNS, whole
from analytics.kinds import rules
from analytics.labels import TEXTS, text
from analytics.review import verdict_notes

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


# --- tables to hand on: the page downloads ---------------------------------------------------------
# The CLI's ``export`` writes the raw rows above (it must re-import unchanged); a page's download is
# for a reader to pass on: a title block, headers in the reader's language, figures rounded as the
# page shows them, each in a column of its own.
ASSESSMENT_COLUMNS = (
    "seq",
    "name",
    "unit",
    "status",
    "baseline_value",
    "latest_value",
    "latest_year",
    "comparison",
    "target_value",
    "gap",
    "progress",
    "probability",
    "projected_value",
    "projected_low",
    "projected_high",
)
PERCENT_COLUMNS = ("progress", "probability", "probability_baseline", "probability_scenario")
HEADER_FILL = "DDEBF7"  # a pale blue, printable in black and white


@dataclass(frozen=True)
class Handout:
    """A table to pass on: ``title`` lines above it, headers already in the reader's language."""

    title: tuple[str, ...]
    table: pd.DataFrame


def shown_figure(value: float | None) -> float | None:
    """A figure rounded as :func:`analytics.formatting.number` shows it: one decimal from 10 up, two below."""
    if value is None or pd.isna(value):
        return None
    return round(float(value), 1 if abs(value) >= 10 else 2)


def shown_count_or_figure(value: float | None, kind: str) -> float | None:
    """A figure of an indicator of ``kind`` as the pages show it (:func:`analytics.formatting.figure`), as a
    number: a count's whole, a level's :func:`shown_figure`."""
    if value is None or pd.isna(value):
        return None
    return float(whole(value)) if rules(kind).count else shown_figure(value)


def shown_percent(share: float | None) -> float | None:
    """A share (0.88) as the whole percent the page's progress bars show (88)."""
    return None if share is None or pd.isna(share) else float(round(float(share) * 100))


def assessment_handout_table(
    assessment: pd.DataFrame,
    lang: str,
    *,
    as_of: int,
    extra: dict[str, list] | None = None,
    status_key: str = "status",
) -> pd.DataFrame:
    """An assessment as a reader's table: statuses in words, figures rounded as shown, one figure a
    column (the latest value and its year apart, the projection and its range apart), percentages as
    whole percents in columns that say so; ``extra`` columns (by label key) appended as given, then
    the note on each row that, as of its target year, is still a forecast (:func:`verdict_notes`)."""
    rows = assessment.reset_index(drop=True)
    columns = {
        "seq": rows["seq"].astype(int),
        "name": rows["name_en" if lang == "en" else "name_zh"],
        "unit": rows["unit_en" if lang == "en" else "unit"].fillna(""),
        "status": [text(f"status.{s}", lang) for s in rows[status_key]],
        "baseline_value": rows["baseline_value"].map(shown_figure),
        "latest_value": rows["latest_value"].map(shown_figure),
        "latest_year": rows["latest_year"].astype("Int64"),
        "comparison": [COMPARISON_SIGNS.get(c, "") for c in rows["comparison"]],
        "target_value": rows["target_value"].map(shown_figure),
        "gap": rows["gap"].map(shown_figure),
        "progress": rows["progress_capped"].map(shown_percent),  # capped to ±100%, as the pages show it
        "probability": rows["probability"].map(shown_percent),
        **{
            column: [shown_count_or_figure(v, k) for v, k in zip(rows[column], rows["kind"], strict=True)]
            for column in ("projected_value", "projected_low", "projected_high")
        },
    }
    columns |= dict(extra or {})
    columns["verdict_note"] = verdict_notes(rows, lang, as_of=as_of)
    frame = pd.DataFrame(columns)
    for column in frame.columns:
        if frame[column].dtype == object and column not in ("name", "unit", "status", "comparison"):
            numeric = pd.to_numeric(frame[column], errors="coerce")
            if numeric.notna().sum() == frame[column].notna().sum():
                frame[column] = numeric
    frame.columns = [header(c, lang) for c in frame.columns]
    return frame


def header(column: str, lang: str) -> str:
    """A column's header in ``lang``; percent columns say they are in percent."""
    label = text(f"col.{column}", lang) if f"col.{column}" in TEXTS else column
    return text("shell.percent_header", lang, label=label) if column in PERCENT_COLUMNS else label


def handout_title(
    *, title: str, plan_name: str, as_of: int, revision: int, illustrative: bool, exported: str, lang: str
) -> tuple[str, ...]:
    """The lines above a downloaded table: what it is, of which plan, year and data revision, when, and
    the illustrative-data flag when any figure in it is illustrative."""
    lines = [title, text("shell.export_title", lang, plan=plan_name, as_of=as_of, revision=revision)]
    if illustrative:
        lines.append(text("shell.export_illustrative", lang))
    lines.append(text("shell.export_exported", lang, time=exported))
    return tuple(lines)


def handout_csv(handout: Handout) -> bytes:
    """The title lines, an empty line, then the table; UTF-8 with a byte-order mark (Excel reads Chinese)."""
    lines = io.StringIO()
    csv.writer(lines, lineterminator="\n").writerows([[neutralise_text(line)] for line in handout.title] + [[]])
    return (lines.getvalue() + neutralise(handout.table).to_csv(index=False)).encode("utf-8-sig")


def display_width(value) -> int:
    """How many character widths a cell takes: a Chinese character counts as two."""
    shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in shown)


def handout_excel(handout: Handout, *, sheet_name: str) -> bytes:
    """One sheet: the title block (the first line bold), a styled header row frozen in view, the
    table's numbers as numbers, and every column as wide as its widest cell (within 8-60)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    start = len(handout.title) + 1  # the table's header row, 0-based, after an empty line
    table = neutralise(handout.table)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet_name[:31], startrow=start)
        sheet = writer.sheets[sheet_name[:31]]
        for n, line in enumerate(handout.title, start=1):
            sheet.cell(row=n, column=1, value=neutralise_text(line)).font = Font(bold=n == 1, size=14 if n == 1 else 11)
        edge = Side(style="thin", color="808080")
        for cell in sheet[start + 1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
            cell.border = Border(bottom=edge, top=edge)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.freeze_panes = sheet.cell(row=start + 2, column=1)
        for n, column in enumerate(table.columns, start=1):
            widest = max([display_width(column), *(display_width(v) for v in table[column])])
            sheet.column_dimensions[get_column_letter(n)].width = min(max(widest + 2, 8), 60)
    return buffer.getvalue()
