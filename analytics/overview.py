"""Headline figures for the overview: statuses counted, time elapsed against distance covered,
the summary paragraph and the list of indicators needing attention (worst first), one sentence
per domain, and every indicator in one table, all labelled in one language, ready to draw."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.assess import Status, meets
from analytics.cards import ATTENTION_STATUSES, STATUS_ICONS, name, status_text, status_texts
from analytics.catalog import DOMAINS
from analytics.formatting import escape_markdown, percent
from analytics.kinds import kinds_where
from analytics.labels import text
from analytics.narrative import chance, figures
from analytics.review import provisional_year
from analytics.tables import overview_table

DOMAIN_NAMES_SHOWN = 2  # a domain's sentence names its worst two indicators needing attention
STATUS_ORDER = [
    Status.ACHIEVED,
    Status.MET_AT_RISK,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.NOT_ACHIEVED,
    Status.INSUFFICIENT_DATA,
]


def status_counts(assessment: pd.DataFrame) -> pd.DataFrame:
    """Counts per status (columns, in STATUS_ORDER) for every domain, in the dashboards' order
    (product, service, engineering, environment), and ``all`` (rows)."""
    numeric = assessment[assessment["status"] != Status.QUALITATIVE]
    by_domain = pd.crosstab(numeric["domain"], numeric["status"])
    menu_order = sorted(by_domain.index, key=lambda d: DOMAINS.index(d) if d in DOMAINS else len(DOMAINS))
    by_domain = by_domain.reindex(menu_order)
    by_domain.loc["all"] = by_domain.sum()
    return by_domain.reindex(columns=[str(s) for s in STATUS_ORDER], fill_value=0).astype(int)


def time_elapsed(assessment: pd.DataFrame, as_of: int) -> float:
    """Share of the plan period gone by at ``as_of`` (0 at the baseline year, 1 at the target)."""
    start, end = assessment["baseline_year"].min(), assessment["target_year"].max()
    if pd.isna(start) or end == start:
        return float("nan")
    return float(np.clip((as_of - start) / (end - start), 0, 1))


def distance_covered(assessment: pd.DataFrame) -> float:
    """Mean progress of the indicators that have a baseline-to-target distance, each capped to 0-1.

    Targets the baseline already met (maintain-type, PM2.5) have no distance and are left out.
    """
    met_at_baseline = ~assessment["kind"].isin(kinds_where(sums_additions=True)) & meets(
        assessment["baseline_value"], assessment["target_value"], assessment["comparison"]
    )
    numeric = assessment["status"] != Status.QUALITATIVE
    moving = assessment[~met_at_baseline & assessment["progress"].notna() & numeric]
    return float(moving["progress"].clip(0, 1).mean()) if len(moving) else float("nan")


def _parts(counts: pd.Series, lang: str) -> str:
    """ "已达标6项，存在风险2项": every status with indicators, in STATUS_ORDER."""
    parts = [
        text("summary.part", lang, status=text(f"summary.status.{s}", lang), n=int(counts[str(s)]))
        for s in STATUS_ORDER
        if counts.get(str(s), 0)
    ]
    return ("，" if lang == "zh" else ", ").join(parts)


def summary_sentence(assessment: pd.DataFrame, as_of: int, lang: str) -> str:
    """The overview's lead paragraph: the statuses counted, time elapsed and distance covered."""
    counts = status_counts(assessment)
    total = int(counts.loc["all"].sum()) if "all" in counts.index else 0
    lead = text(
        "summary.lead",
        lang,
        as_of=as_of,
        total=total,
        parts=_parts(counts.loc["all"], lang) if total else "—",
        elapsed=percent(time_elapsed(assessment, as_of)),
        covered=percent(distance_covered(assessment)),
    )
    qualitative = int((assessment["status"] == Status.QUALITATIVE).sum())
    return lead + (text("summary.qualitative", lang, n=qualitative) if qualitative else "")


def needing_attention(assessment: pd.DataFrame) -> pd.DataFrame:
    """The rows not achieved, off track, at risk or met but at risk: worst status first, then the
    least likely to meet the target, then plan order."""
    rows = assessment[assessment["status"].isin(ATTENTION_STATUSES)]
    rank = rows["status"].map({s: i for i, s in enumerate(ATTENTION_STATUSES)})
    return (
        rows.assign(_rank=rank, _p=rows["probability"].fillna(2.0))
        .sort_values(["_rank", "_p", "seq"])
        .drop(columns=["_rank", "_p"])
    )


def trend_arrow(change) -> str:
    """↑ rising, ↓ falling, → flat, from the actual yearly change; blank without one."""
    if change is None or pd.isna(change):
        return ""
    return "↑" if change > 1e-9 else "↓" if change < -1e-9 else "→"


def indicator_link(indicator_id: str, lang: str) -> str:
    return f"/indicator?id={indicator_id}" + ("&lang=en" if lang == "en" else "")


def pace_words(row, lang: str) -> str:
    """The second opinion: actual against required yearly change since the baseline, with its category."""
    ratio, category = row["pace_ratio"], row["pace_category"]
    if not category:
        return text("attention.no_pace", lang)
    words = text(f"pace_category.{category}", lang)
    if ratio is None or pd.isna(ratio) or not row["progress_reliable"]:
        # A baseline-to-target distance within a year's noise (#25: 0.2 points) makes the ratio meaningless.
        return text("attention.pace_category_only", lang, category=words)
    return text("attention.pace", lang, ratio=percent(ratio), category=words)


def progress_words(row, lang: str) -> str:
    """The share of the baseline-to-target distance covered, capped to ±100% and explained where it means little."""
    if row["progress"] is None or pd.isna(row["progress"]):
        return text("attention.progress", lang, progress="—")
    capped = percent(row["progress_capped"])
    if not row["progress_reliable"]:
        return text("attention.progress_unreliable", lang, progress=capped)
    if row["progress_capped"] != row["progress"]:
        return text("attention.progress_capped", lang, progress=capped, raw=percent(row["progress"]))
    return text("attention.progress", lang, progress=capped)


def need_words(row, values: dict[str, object], lang: str) -> str:
    """The change still needed: a year's worth, or with one year left, in that year."""
    if int(row["target_year"]) - int(row["latest_year"]) <= 1:
        return text(
            "attention.need_last_year",
            lang,
            year=int(row["target_year"]),
            direction=values["required_direction"],
            required=values["required"],
        )
    return text("attention.need_years", lang, direction=values["required_direction"], required=values["required"])


def attention_entry(row, lang: str) -> str:
    """One line of the list, as Markdown: status, latest against target, gap, needed against achieved
    change, trend arrow, pace ratio and probability, the name linking to the indicator's page."""
    values = figures(row, lang)
    joiner = "" if lang == "zh" else " "
    actual = row["actual_annual_change"]
    values.update(
        icon=STATUS_ICONS[row["status"]],
        seq=int(row["seq"]),
        name=escape_markdown(name(row, lang)),
        link=indicator_link(row["id"], lang),
        status=text(f"status.{row['status']}", lang),
        target=f"{values['comparison']}{joiner}{values['target']}",
        arrow=trend_arrow(actual),
        actual_direction=values["direction"],
        pace=pace_words(row, lang),
        p=chance(row["probability"], lang),
        need=need_words(row, values, lang) if row["status"] != Status.MET_AT_RISK else "",
        progress=progress_words(row, lang),
    )
    key = "attention.entry_met" if row["status"] == Status.MET_AT_RISK else "attention.entry"
    return text(key, lang, **values)


def domain_sentences(assessment: pd.DataFrame, lang: str) -> list[str]:
    """One sentence per domain, in the menu's order: its statuses counted and what needs attention (Markdown)."""
    counts = status_counts(assessment).drop(index="all", errors="ignore")
    attention = needing_attention(assessment)
    sentences = []
    for domain in counts.index:
        row_counts = counts.loc[domain]
        names = [
            escape_markdown(f"{int(r['seq'])}. {name(r, lang)}")
            for r in attention[attention["domain"] == domain].to_dict("records")
        ]
        values = dict(
            domain=text(f"domain.{domain}", lang), total=int(row_counts.sum()), parts=_parts(row_counts, lang)
        )
        if names:
            first = ("、" if lang == "zh" else "; ").join(names[:DOMAIN_NAMES_SHOWN])
            sentences.append(text("summary.domain_attention", lang, n=len(names), names=first, **values))
        else:
            sentences.append(text("summary.domain", lang, **values))
    return sentences


@dataclass(frozen=True)
class OverviewFigures:
    """The overview's figures in one language. Shared between sessions by the app: read only."""

    counts: pd.DataFrame  # statuses (columns) per domain and "all" (rows), as ``status_counts``
    by_domain: pd.DataFrame  # the same per domain, labelled for people
    elapsed: float
    covered: float
    table: pd.DataFrame  # every indicator (``overview_table``), status with its icon
    summary: str  # the lead paragraph
    attention: tuple[tuple[str, str], ...]  # (indicator id, Markdown line), worst first
    domains: tuple[str, ...]  # one sentence per domain (Markdown)
    provisional: int | None  # the target year whose figures are not all in yet, as of the target year

    def total(self, status: str) -> int:
        return int(self.counts.loc["all", status]) if "all" in self.counts.index else 0


def overview_figures(assessment: pd.DataFrame, as_of: int, lang: str) -> OverviewFigures:
    """Everything the overview shows of one assessment at ``as_of``, in ``lang``."""
    counts = status_counts(assessment)
    by_domain = counts.drop(index="all", errors="ignore")
    by_domain.index = [text(f"domain.{d}", lang) for d in by_domain.index]
    by_domain.columns = [status_text(s, lang) for s in by_domain.columns]
    table = overview_table(assessment, lang)
    return OverviewFigures(
        counts=counts,
        by_domain=by_domain,
        elapsed=time_elapsed(assessment, as_of),
        covered=distance_covered(assessment),
        table=table.assign(
            status=status_texts(assessment["status"], assessment["must_hold"], assessment["target_year"], lang)
        ),
        summary=summary_sentence(assessment, as_of, lang),
        attention=tuple(
            (row["id"], attention_entry(row, lang)) for row in needing_attention(assessment).to_dict("records")
        ),
        domains=tuple(domain_sentences(assessment, lang)),
        provisional=provisional_year(assessment, as_of),
    )
