"""The report's content as plain data: a title block and a list of blocks, built from ``assess`` and friends.

Every figure comes from the functions the dashboard uses (``assess``, ``overview``, ``review``,
``scenario.what_it_takes``, ``charts.indicator_chart``) and every word from ``analytics.labels``,
so the renderers (Markdown, Word, PDF) only lay blocks out. Pure: the same inputs (data revision,
as-of year, language, scenario, generation date) give the same report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from analytics.assess import UNASSESSED_KINDS, Status, achievement_points, assess
from analytics.catalog import DOMAINS, plan_catalog, plans
from analytics.charts import indicator_chart
from analytics.errors import AsOfOutOfRange, UnknownPlan
from analytics.formatting import number, percent
from analytics.labels import text
from analytics.overview import STATUS_ORDER, distance_covered, time_elapsed
from analytics.provenance import uses_illustrative
from analytics.review import printed_target, review_summary, review_table
from analytics.scenario import Scenario, annual_change, describe, need_text, what_it_takes

# Statuses that get a paragraph and a chart in the full report, and a line in the brief.
ATTENTION = (Status.OFF_TRACK, Status.AT_RISK, Status.MET_AT_RISK, Status.NOT_ACHIEVED)
INTERVAL = 0.8  # the central share of the Poisson-binomial distribution given for the expected count
CHART_WIDTH = 480  # pixels at scale 1 (drawn at scale 2); Word and PDF place it 13-14 cm wide


# --- blocks ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: a section, 2: a sub-section (one indicator)


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # a smaller note (data caveat, figure reference)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths
    numeric: tuple[bool, ...]  # right-aligned columns


@dataclass(frozen=True, eq=False)
class Figure:
    key: str  # unique in the report, safe as a file name: "fig03-p14-07"
    caption: str
    spec: dict = field(repr=False)  # the dashboard's Vega-Lite spec, widened for print


Block = Heading | Paragraph | Table | Figure


@dataclass(frozen=True)
class ReportRequest:
    """What to build: the same choices on the command line and the /report page."""

    plan: str
    as_of: int
    lang: str = "zh"
    brief: bool = False
    scenario_name: str = ""  # the saved scenario applied, "" for the baseline
    generated: date = date(1970, 1, 1)
    all_charts: bool = False  # every indicator's chart, not only those needing attention


@dataclass(frozen=True)
class Report:
    title: str
    title_block: tuple[tuple[str, str], ...]  # (label, value) pairs under the title
    blocks: tuple[Block, ...]
    lang: str
    brief: bool
    generated: date

    def figures(self) -> list[Figure]:
        return [block for block in self.blocks if isinstance(block, Figure)]


# --- checks ----------------------------------------------------------------------------------------
def check_request(catalog: pd.DataFrame, request: ReportRequest) -> pd.DataFrame:
    """The plan's indicators; ``UnknownPlan`` or ``AsOfOutOfRange`` (bilingual) when the request is not possible."""
    indicators = plan_catalog(catalog, request.plan)
    if indicators.empty:
        raise UnknownPlan(request.plan)
    first, last = int(indicators["baseline_year"].min()), int(indicators["target_year"].max())
    if not first <= request.as_of <= last:
        raise AsOfOutOfRange(request.as_of, low=first, high=last)
    return indicators


# --- the figures behind the words --------------------------------------------------------------------
def expected_met(probabilities) -> tuple[float, int, int]:
    """Sum of the probabilities and the central 80% interval of the Poisson-binomial count.

    The interval is (the smallest k with P(K <= k) >= 10%, the smallest k with P(K <= k) >= 90%).
    """
    p = np.asarray([v for v in probabilities if v is not None and math.isfinite(v)], dtype=float)
    pmf = np.array([1.0])
    for share in p:
        pmf = np.convolve(pmf, [1.0 - share, share])
    cdf = np.cumsum(pmf)
    tail = (1.0 - INTERVAL) / 2
    low = int(np.searchsorted(cdf, tail - 1e-12))
    high = int(np.searchsorted(cdf, 1.0 - tail - 1e-12))
    return float(p.sum()), low, high


def counts_by_status(assessment: pd.DataFrame) -> list[tuple[str, int]]:
    """(status code, count) in the dashboards' order, then any other status present, never a zero."""
    counts = assessment["status"].value_counts()
    order = [str(s) for s in STATUS_ORDER] + sorted(set(counts.index) - {str(s) for s in STATUS_ORDER})
    return [(code, int(counts[code])) for code in order if counts.get(code, 0)]


def status_words(row, lang: str) -> str:
    if row["must_hold"]:
        return text("status.must_hold", lang, year=int(row["target_year"]))
    return text(f"status.{row['status']}", lang)


def _name(row, lang: str) -> str:
    return str(row["name_en"] if lang == "en" else row["name_zh"])


def _unit(row, lang: str) -> str:
    unit = row["unit_en"] if lang == "en" else row["unit"]
    return "" if unit is None or (isinstance(unit, float) and math.isnan(unit)) else str(unit)


def _target(row) -> str:
    if pd.isna(row["target_value"]):
        return "—"
    sign = "≤" if row["comparison"] in ("<=", "<") else "≥"
    return f"{sign}{number(row['target_value'])}"


def _latest(row, lang: str) -> str:
    if pd.isna(row["latest_year"]):
        return text("report.none", lang)
    return text("report.latest", lang, value=number(row["latest_value"]), year=int(row["latest_year"]))


def _projected(row, lang: str) -> str:
    if pd.isna(row["projected_value"]):
        return text("report.none", lang)
    if pd.isna(row["projected_low"]) or row["projected_low"] == row["projected_high"]:
        return number(row["projected_value"])
    return text(
        "report.range",
        lang,
        value=number(row["projected_value"]),
        low=number(row["projected_low"]),
        high=number(row["projected_high"]),
    )


def _heading(n: int, key: str, lang: str, **values) -> Heading:
    numerals = text("report.numerals", lang).split(",")
    return Heading(text("report.heading", lang, n=numerals[n - 1], title=text(key, lang, **values)), 1)


# --- building --------------------------------------------------------------------------------------
def build(
    catalog: pd.DataFrame,
    observations: pd.DataFrame,
    request: ReportRequest,
    *,
    revision: int,
    scenario: Scenario | None = None,
) -> Report:
    """The report asked for, from the catalog and observations at data ``revision``."""
    lang = request.lang
    indicators = check_request(catalog, request)
    scenario = scenario or Scenario()
    overrides = None if scenario.is_baseline else annual_change(scenario, indicators, observations, as_of=request.as_of)
    assessment = assess(indicators, observations, as_of=request.as_of, annual_change=overrides)
    plan_row = plans(indicators).iloc[0]
    plan_name = str(plan_row["plan_name_en" if lang == "en" else "plan_name_zh"])
    target_year = int(plan_row["target_year"])
    final = request.as_of >= target_year
    title_key = "report.title.brief" if request.brief else ("report.title.final" if final else "report.title.midterm")
    title_block = [
        (text("report.field.plan", lang), plan_name),
        (text("report.field.as_of", lang), text("report.value.as_of", lang, year=request.as_of)),
        (text("report.field.generated", lang), request.generated.isoformat()),
        (text("report.field.revision", lang), text("report.value.revision", lang, revision=revision)),
        (
            text("report.field.scenario", lang),
            text("report.value.baseline", lang)
            if scenario.is_baseline
            else text("report.value.scenario", lang, name=request.scenario_name, summary=describe(scenario, lang)),
        ),
    ]
    context = _Context(lang, request, indicators, observations, assessment, scenario, target_year, final)
    blocks = _brief_blocks(context) if request.brief else _full_blocks(context, revision)
    return Report(
        text(title_key, lang, plan=plan_name), tuple(title_block), tuple(blocks), lang, request.brief, request.generated
    )


@dataclass(frozen=True)
class _Context:
    lang: str
    request: ReportRequest
    indicators: pd.DataFrame
    observations: pd.DataFrame
    assessment: pd.DataFrame
    scenario: Scenario
    target_year: int
    final: bool


def headline(context: _Context) -> list[Paragraph]:
    """Counts by status, the expected number met with its 80% range, time against distance."""
    lang, table = context.lang, context.assessment
    counts = [
        text("report.headline.count", lang, status=text(f"status.{code}", lang), n=n)
        for code, n in counts_by_status(table)
    ]
    separator = "，" if lang == "zh" else ", "
    paragraphs = [text("report.headline.counts", lang, total=len(table), counts=separator.join(counts))]
    if context.final:
        paragraphs.append(text("report.headline.review", lang))
    elif table["probability"].notna().any():
        expected, low, high = expected_met(table["probability"])
        paragraphs.append(
            text(
                "report.headline.expected",
                lang,
                year=context.target_year,
                expected=math.floor(expected + 0.5),
                low=low,
                high=high,
            )
        )
    if not context.final:
        left_out = int(table["probability"].isna().sum())
        if left_out == len(table):
            paragraphs.append(text("report.headline.nothing_estimable", lang))
        elif left_out:
            paragraphs.append(text("report.headline.expected_left_out", lang, n=left_out))
        if not context.scenario.is_baseline:
            paragraphs.append(
                text(
                    "report.headline.scenario",
                    lang,
                    name=context.request.scenario_name,
                    summary=describe(context.scenario, lang),
                )
            )
    elapsed, covered = time_elapsed(table, context.request.as_of), distance_covered(table)
    if math.isfinite(elapsed) and math.isfinite(covered):
        paragraphs.append(
            text(
                "overview.ahead" if covered >= elapsed else "overview.behind",
                lang,
                as_of=context.request.as_of,
                elapsed=percent(elapsed),
                covered=percent(covered),
            )
        )
    joiner = "" if lang == "zh" else " "
    return [Paragraph(joiner.join(paragraphs))]


def domain_table(rows: pd.DataFrame, context: _Context) -> Table:
    """序号, 指标, 单位, 基期值, 目标值, 最新值（年份）, 完成进度, 状态, 2025年预计, 达标可能性."""
    lang = context.lang
    header = tuple(
        text(f"report.col.{c}", lang, year=context.target_year)
        for c in (
            "seq",
            "name",
            "unit",
            "baseline",
            "target",
            "latest",
            "progress",
            "status",
            "projected",
            "probability",
        )
    )
    body = tuple(
        (
            str(int(row["seq"])),
            _name(row, lang),
            _unit(row, lang),
            number(row["baseline_value"]),
            _target(row),
            _latest(row, lang),
            percent(row["progress"]),
            status_words(row, lang),
            _projected(row, lang),
            percent(row["probability"]),
        )
        for _, row in rows.iterrows()
    )
    return Table(
        header,
        body,
        widths=(0.45, 2.7, 0.95, 0.75, 0.75, 1.5, 0.8, 1.4, 1.8, 0.9),
        numeric=(True, False, False, True, True, True, True, False, True, True),
    )


def attention_rows(assessment: pd.DataFrame) -> pd.DataFrame:
    """Off-track, at-risk and not-achieved indicators, least likely first (then by number)."""
    rows = assessment[assessment["status"].isin([str(s) for s in ATTENTION])]
    return rows.assign(_p=rows["probability"].fillna(-1.0)).sort_values(["_p", "seq"]).drop(columns="_p")


def attention_paragraph(row, needs: pd.Series, context: _Context) -> str:
    """Gap, the change needed against the change achieved, and what it takes to make the target likely."""
    lang, unit = context.lang, _unit(row, context.lang)
    # A difference of percentages is in percentage points (个百分点), as an official text writes it.
    change_unit = text("report.percentage_points", lang) if row["unit"] == "%" else unit
    parts = [
        text(
            "report.attention.gap",
            lang,
            year=int(row["latest_year"]),
            latest=number(row["latest_value"]),
            unit=unit,
            change_unit=change_unit,
            target=_target(row),
            gap=number(row["gap"]),
            progress=percent(row["progress"]),
        )
    ]
    if pd.notna(row["required_annual_change"]) and pd.notna(row["actual_annual_change"]):
        parts.append(
            text(
                "report.attention.change",
                lang,
                required=need_text(row["required_annual_change"]),
                actual=number(row["actual_annual_change"], signed=True),
                change_unit=change_unit,
            )
        )
    if pd.notna(needs.get("to_likely")):
        parts.append(
            text(
                "report.attention.likely",
                lang,
                to_likely=need_text(needs["to_likely"]),
                unit=unit,
                change_unit=change_unit,
                probability=percent(row["probability"]),
                target_year=int(row["target_year"]),
                projected=number(row["projected_value"]),
            )
        )
    elif row["status"] != Status.NOT_ACHIEVED:
        parts.append(text("report.attention.not_likely", lang, probability=percent(row["probability"])))
    return ("" if lang == "zh" else " ").join(parts)


def chart_spec(row, points: pd.DataFrame, context: _Context) -> dict:
    """The dashboard's chart of one indicator, at a fixed width for print."""
    spec = indicator_chart(
        row,
        points,
        lang=context.lang,
        unit_label=_unit(row, context.lang),
        min_value=row.get("min_value"),
        max_value=row.get("max_value"),
    )
    spec["width"] = CHART_WIDTH
    spec["height"] = 220
    spec["background"] = "white"
    return spec


def _full_blocks(context: _Context, revision: int) -> list[Block]:
    lang, assessment = context.lang, context.assessment
    blocks: list[Block] = [_heading(1, "report.section.overall", lang), *headline(context)]
    needs = what_it_takes(context.indicators, context.observations, as_of=context.request.as_of).set_index("id")
    points = achievement_points(context.indicators, context.observations, as_of=context.request.as_of)
    points_of = dict(tuple(points.groupby("indicator_id")))
    bounds = context.indicators.set_index("id")[["min_value", "max_value"]]
    section, figure = 1, 0
    for domain in domains_of(assessment):
        rows = assessment[assessment["domain"] == domain]
        section += 1
        blocks.append(_heading(section, f"domain.{domain}", lang))
        blocks.append(domain_table(rows, context))
        attention = attention_rows(rows)
        charted = rows if context.request.all_charts else attention
        for _, row in pd.concat([attention, charted[~charted["id"].isin(attention["id"])]]).iterrows():
            figure += 1
            if row["id"] in set(attention["id"]):
                item = text(
                    "report.attention.item",
                    lang,
                    seq=int(row["seq"]),
                    name=_name(row, lang),
                    status=status_words(row, lang),
                )
                blocks.append(Heading(item, 2))
                blocks.append(Paragraph(attention_paragraph(row, needs.loc[row["id"]], context)))
            indicator_points = points_of.get(row["id"], pd.DataFrame({"year": [], "achieved": []}))
            spec = chart_spec(row.combine_first(bounds.loc[row["id"]]), indicator_points, context)
            blocks.append(
                Figure(
                    f"fig{figure:02d}-{row['id']}", text("report.figure", lang, n=figure, name=_name(row, lang)), spec
                )
            )
    if context.final:
        section += 1
        blocks.append(_heading(section, "report.section.review", lang))
        blocks.extend(review_blocks(context))
    section += 1
    blocks.append(_heading(section, "report.section.data", lang))
    blocks.extend(data_notes(context, revision))
    blocks.append(Heading(text("report.section.appendix", lang), 1))
    blocks.extend(
        Paragraph(text(f"report.method.{key}", lang))
        for key in ("kinds", "progress", "projection", "status", "expected", "scenario")
    )
    return blocks


def review_blocks(context: _Context) -> list[Block]:
    """The plan's results table in its own style: target as printed, result (with {} <> marks), 完成/未完成."""
    lang = context.lang
    table = review_table(context.indicators, context.observations)
    summary = review_summary(table)
    not_achieved = int(sum(a is False for a in table["achieved"]))
    blocks: list[Block] = [
        Paragraph(
            text(
                "report.review.summary",
                lang,
                quantitative=summary.quantitative,
                achieved=summary.achieved,
                not_achieved=not_achieved,
                qualitative=summary.qualitative,
            )
        )
    ]
    has_category = bool(table["category_zh"].str.len().gt(0).any())
    has_printed = bool(table["reported_outcome"].str.len().gt(0).any())
    header = [text("report.col.seq", lang)]
    header += [text("report.col.category", lang)] if has_category else []
    header += [
        text("report.col.name", lang),
        text("report.col.plan_target", lang),
        text("report.col.result", lang, year=context.target_year),
        text("report.col.outcome", lang),
    ]
    header += [text("report.col.printed_outcome", lang)] if has_printed else []
    rows = []
    for _, row in table.iterrows():
        unit = _unit(row, lang)
        target = printed_target(row.to_dict(), lang) if row["target_text"] else f"{_target(row)}{unit}"
        result = row["result_text"] or (
            text("report.none", lang) if pd.isna(row["result_value"]) else f"{number(row['result_value'])}{unit}"
        )
        verdict = {True: "report.done", False: "report.not_done"}.get(row["achieved"])
        if verdict is None:
            verdict = "report.qualitative" if row["kind"] in UNASSESSED_KINDS else "report.no_result"
        cells = [str(int(row["seq"]))]
        cells += [str(row["category_en" if lang == "en" else "category_zh"])] if has_category else []
        cells += [_name(row, lang), target, result, text(verdict, lang)]
        cells += [row["reported_outcome"] or text("report.none", lang)] if has_printed else []
        rows.append(tuple(cells))
    widths = (0.5,) + ((1.2,) if has_category else ()) + (3.4, 1.2, 1.2, 1.2) + ((1.0,) if has_printed else ())
    numeric = (
        (True,) + ((False,) if has_category else ()) + (False, True, True, False) + ((False,) if has_printed else ())
    )
    blocks.append(Table(tuple(header), tuple(rows), widths, numeric))
    if table["note_type"].str.len().gt(0).any():
        blocks.append(Paragraph(text("review.marks", lang), note=True))
    return blocks


def data_notes(context: _Context, revision: int) -> list[Paragraph]:
    """Sources, the illustrative flag, the revision and as-of year, the scenario applied."""
    lang, as_of = context.lang, context.request.as_of
    used = context.observations[
        context.observations["indicator_id"].isin(context.indicators["id"]) & (context.observations["year"] <= as_of)
    ]
    sources = list(dict.fromkeys(s.strip() for s in used.get("source", pd.Series(dtype=str)).fillna("") if s.strip()))
    separator = "；" if lang == "zh" else "; "
    notes = [
        Paragraph(
            text("report.data.sources", lang, sources=separator.join(sources))
            if sources
            else text("report.data.no_sources", lang)
        )
    ]
    illustrative = uses_illustrative(context.observations, context.indicators["id"], as_of=as_of)
    notes.append(Paragraph(text("report.data.illustrative" if illustrative else "report.data.official", lang)))
    notes.append(Paragraph(text("report.data.revision", lang, revision=revision, as_of=as_of)))
    if context.scenario.is_baseline:
        notes.append(Paragraph(text("report.data.baseline", lang)))
    else:
        notes.append(
            Paragraph(
                text(
                    "report.data.scenario",
                    lang,
                    name=context.request.scenario_name,
                    summary=describe(context.scenario, lang),
                )
            )
        )
    return notes


def _brief_blocks(context: _Context) -> list[Block]:
    """One A4 page: the headline, the attention list (worst first) and the counts by domain."""
    lang, assessment = context.lang, context.assessment
    blocks: list[Block] = [*headline(context), Heading(text("report.section.attention_brief", lang), 1)]
    attention = attention_rows(assessment)
    if attention.empty:
        blocks.append(Paragraph(text("report.attention.none", lang)))
    else:
        header = tuple(
            text(f"report.col.{c}", lang) for c in ("seq", "name", "status", "latest", "target", "probability")
        )
        rows = tuple(
            (
                str(int(r["seq"])),
                _name(r, lang),
                status_words(r, lang),
                _latest(r, lang),
                _target(r),
                percent(r["probability"]),
            )
            for _, r in attention.iterrows()
        )
        blocks.append(Table(header, rows, (0.45, 5.0, 1.1, 1.5, 0.75, 0.9), (True, False, False, True, True, True)))
    blocks.append(Heading(text("report.section.by_domain", lang), 1))
    blocks.append(domain_counts_table(assessment, lang))
    return blocks


def domain_counts_table(assessment: pd.DataFrame, lang: str) -> Table:
    """Rows: domains then 合计; columns: every status present (dashboard order), then the total."""
    codes = [code for code, _ in counts_by_status(assessment)]
    header = (
        text("report.col.domain", lang),
        *(text(f"status.{c}", lang) for c in codes),
        text("report.col.total", lang),
    )
    rows = []
    for domain in [*domains_of(assessment), None]:
        part = assessment if domain is None else assessment[assessment["domain"] == domain]
        name = text("report.col.total", lang) if domain is None else text(f"domain.{domain}", lang)
        rows.append((name, *(str(int((part["status"] == c).sum())) for c in codes), str(len(part))))
    return Table(header, tuple(rows), (1.6,) + (1.0,) * (len(codes) + 1), (False,) + (True,) * (len(codes) + 1))


def domains_of(assessment: pd.DataFrame) -> list[str]:
    """The plan's domains in the dashboards' order (a catalog's domain is always one of DOMAINS)."""
    return [d for d in DOMAINS if d in set(assessment["domain"])]
