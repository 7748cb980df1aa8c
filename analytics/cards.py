"""Indicator cards and status words, ready to draw: plain Python, no Streamlit.

A card holds one assessed indicator's texts in one language (title with its status, the key
figures, the sentence under them); the domain pages group cards by the catalog's theme and,
for a domain with many indicators, show one theme at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analytics.formatting import COMPARISON_SIGNS, escape_markdown, number, percent, unit_text, whole, with_unit
from analytics.kinds import rules
from analytics.labels import text
from analytics.markup import PhoneCard
from analytics.narrative import describe, is_count

STATUS_ICONS = {
    "achieved": "✅",
    "met_at_risk": "🟡",
    "on_track": "🟢",
    "at_risk": "🟠",
    "off_track": "🔴",
    "not_achieved": "❌",
    "insufficient_data": "⚪",
    "qualitative": "📝",
}
CARDS_AT_ONCE = 8  # a domain with more indicators shows them one theme at a time
ALL_THEMES = "all"


def status_text(status: str, language: str, *, must_hold: bool = False, target_year: int | None = None) -> str:
    """Icon and words, never colour alone: "✅ 已达标，需保持至2025年"."""
    words = text("status.must_hold", language, year=target_year) if must_hold else text(f"status.{status}", language)
    return f"{STATUS_ICONS[status]} {words}"


def status_texts(statuses, must_hold, target_years, language: str) -> list[str]:
    """:func:`status_text` of each row, from three equally long columns."""
    return [
        status_text(s, language, must_hold=bool(h), target_year=int(y) if pd.notna(y) else None)
        for s, h, y in zip(statuses, must_hold, target_years, strict=False)
    ]


def name(row: Mapping, language: str) -> str:
    return row["name_en"] if language == "en" else row["name_zh"]


def unit(row: Mapping, language: str) -> str:
    """The row's unit in ``language``, as people write it (``µg/m3`` -> ``μg/m³``, blank for none)."""
    return unit_text(row["unit_en"] if language == "en" else row["unit"])


@dataclass(frozen=True)
class Card:
    """One indicator's card, its texts in one language, ready to draw."""

    indicator_id: str
    theme: str  # "" when the catalog gives none
    theme_name: str
    status: str
    seq: int
    name: str  # as read (not escaped)
    status_label: str  # "🟢 进度正常", the status in words
    figures: tuple[tuple[str, str], ...]  # (label, value): latest, target, probability
    notes: str  # what the figures mean, and for a new-in-period indicator the previous period's total
    charted: bool

    @property
    def heading(self) -> str:
        """The plan number and name as text, "3. name" (a phone card escapes it as HTML)."""
        return f"{self.seq}. {self.name}"

    @property
    def title(self) -> str:
        """The heading in bold and the status after it, as Markdown with the name escaped."""
        status = f"\u2003{self.status_label}" if self.status_label else ""
        return f"**{self.seq}. {escape_markdown(self.name)}**{status}"


def card(row: Mapping, language: str, *, theme: str = "", theme_name: str = "") -> Card:
    """The card of one assessed indicator (a row of ``analytics.assess.assess``), in its catalog
    ``theme`` (named by its code when the catalog gives no name, 其他 / Other when it gives no theme)."""
    status = status_text(row["status"], language, must_hold=bool(row["must_hold"]), target_year=int(row["target_year"]))
    shown_unit = unit(row, language)
    latest_label = (
        text("card.latest", language, year=row["latest_year"])
        if pd.notna(row["latest_year"])
        else text("col.latest_value", language)
    )
    level = whole if is_count(row) else number
    joiner = " " if language == "en" else ""
    # A qualitative row (the 13th plan's) has no comparison: its target is a statement, not a figure.
    target = (
        f"{text('comparison.' + row['comparison'], language)}{joiner}"
        + with_unit(number(row["target_value"]), shown_unit, language)
        if row["comparison"] in COMPARISON_SIGNS
        else "—"
    )
    notes = describe(row, language)
    if rules(row["kind"]).sums_additions:
        notes += "  \n" + text("card.previous_period", language, value=number(row["baseline_value"]))
    return Card(
        indicator_id=row["id"],
        theme=theme,
        theme_name=theme_name or theme or text("domain.other_theme", language),
        status=row["status"],
        seq=int(row["seq"]),
        name=name(row, language),
        status_label=status,
        figures=(
            (latest_label, with_unit(level(row["latest_value"]), shown_unit, language)),
            (text("card.target", language, year=int(row["target_year"])), target),
            (text("col.probability", language), percent(row["probability"])),
        ),
        notes=notes,
        charted=row["status"] != "qualitative",
    )


def phone_card(shown: Card, language: str, link: str) -> PhoneCard:
    """A card for a list of cards on a phone (``analytics.markup``): its heading and status, its figures
    on one line, and a link to the indicator's page (``link``, a path of this app)."""
    figures = text("card.separator", language).join(
        text("card.figure", language, label=label, value=value) for label, value in shown.figures
    )
    return PhoneCard(shown.heading, "\u2003" + shown.status_label, (figures,), link, text("card.details", language))


def domain_cards(assessment: pd.DataFrame, catalog: pd.DataFrame, domain: str, language: str) -> tuple[Card, ...]:
    """A domain's cards in plan order, each filed under its catalog theme."""
    themes = catalog.set_index("id")
    theme_names = themes["theme_en" if language == "en" else "theme_zh"]
    rows = assessment[assessment["domain"] == domain].sort_values("seq").to_dict("records")
    return tuple(
        card(row, language, theme=themes.at[row["id"], "theme"], theme_name=theme_names[row["id"]]) for row in rows
    )


def status_summary(cards: tuple[Card, ...], language: str) -> str:
    """How many cards have each status, in the order of STATUS_ICONS: "✅ 已达标 3 · 🟢 进度正常 5"."""
    counts = Counter(shown.status for shown in cards)
    return " · ".join(f"{status_text(s, language)} {counts[s]}" for s in STATUS_ICONS if s in counts)


def theme_options(cards: tuple[Card, ...], language: str) -> dict[str, str]:
    """The themes a reader can pick, by code, labelled with their card counts, then "all";
    empty when every card fits on the page at once (few cards, or a single theme)."""
    themes = {shown.theme: shown.theme_name for shown in cards}  # plan order
    if len(cards) <= CARDS_AT_ONCE or len(themes) < 2:
        return {}
    counts = Counter(shown.theme for shown in cards)
    options = {
        theme: text("domain.theme_option", language, name=name, count=counts[theme])
        + attention_marks(cards_of_theme(cards, theme))
        for theme, name in themes.items()
    }
    options[ALL_THEMES] = text("domain.all_themes", language, count=len(cards))
    return options


ATTENTION_STATUSES = ("not_achieved", "off_track", "at_risk", "met_at_risk")  # worst first


def attention_marks(cards: tuple[Card, ...]) -> str:
    """The statuses that need attention among ``cards``, as icons with counts: " 🔴2 🟠1"; blank for none."""
    counts = Counter(shown.status for shown in cards)
    return "".join(f" {STATUS_ICONS[s]}{counts[s]}" for s in ATTENTION_STATUSES if counts[s])


def first_theme_needing_attention(cards: tuple[Card, ...]) -> str | None:
    """The theme with the most indicators needing attention (the first in plan order on a tie); None if none do."""
    counts = Counter(shown.theme for shown in cards if shown.status in ATTENTION_STATUSES)
    if not counts:
        return None
    most = max(counts.values())
    return next(shown.theme for shown in cards if counts.get(shown.theme) == most)


def cards_of_theme(cards: tuple[Card, ...], theme: str) -> tuple[Card, ...]:
    return cards if theme == ALL_THEMES else tuple(shown for shown in cards if shown.theme == theme)
