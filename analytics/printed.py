"""What paper shows in place of what a screen shows a part at a time: text, every row and every theme.

A canvas grid (st.dataframe) prints only the rows and columns in its view, so each leader page also
draws its tables as plain text tables that only print shows. This module makes those tables' cells
(:func:`printed_table`: the page's column labels, figures formatted as the grid formats them, missing
cells as a dash); ``analytics.markup.html_table`` draws them as one HTML table, every cell escaped.
That is the cheapest of the ways tried for the browser: ``st.table`` drew every cell as an element of
its own (338 on the overview, 542 on /scenarios), and a Markdown table was parsed on every open.
Likewise a domain page shows one theme's cards at a time: on paper every theme's cards are text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

from analytics import cards
from analytics.cards import Card
from analytics.formatting import escape_markdown, number, percent
from analytics.labels import text

MISSING = "—"


def cell(value: object, number_format: str | None = None) -> str:
    """One cell as text: ``number_format`` is the grid's ("%d", "%.4g", "%+.3g", "percent"); without one a
    figure reads as :func:`analytics.formatting.number` prints it (95.9, 0.88, 6) and anything else as text."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if number_format == "percent":
            return percent(float(value))
        if number_format and number_format.startswith("%"):
            return number_format % value
        return str(value) if isinstance(value, int) else number(float(value))
    return str(value)


def printed_table(
    frame: pd.DataFrame,
    labels: Mapping[str, str],
    formats: Mapping[str, str | None] | None = None,
    *,
    columns: Sequence[str] | None = None,
    index_label: str | None = None,
) -> pd.DataFrame:
    """``frame``'s ``columns`` (default: all) as text under their ``labels`` (default: the column's name),
    in order; with ``index_label`` the index comes first as a column of that name. The text is as read,
    not escaped: ``analytics.markup.html_table`` escapes it."""
    formats = formats or {}
    shown = list(columns) if columns is not None else list(frame.columns)
    texts = {labels.get(c, c): [cell(v, formats.get(c)) for v in frame[c].tolist()] for c in shown}
    if index_label is not None:
        texts = {index_label: [cell(v) for v in frame.index.tolist()], **texts}
    return pd.DataFrame(texts)


def card_text(shown: Card, language: str) -> str:
    """A card as Markdown for paper: its title, its figures on one line and what they mean (no link:
    paper has nothing to click)."""
    figures = text("card.separator", language).join(
        text("card.figure", language, label=escape_markdown(label), value=escape_markdown(value))
        for label, value in shown.figures
    )
    return f"{shown.title}  \n{figures}  \n{shown.notes}"


def themes_on_paper(shown_cards: tuple[Card, ...], language: str) -> tuple[tuple[str, str], ...]:
    """Every theme of a domain that the screen shows one theme at a time, in plan order: its heading (the
    theme button's text: name, count, the statuses needing attention) and its cards (:func:`card_text`),
    each a Markdown block. Empty when the screen shows every card at once: then paper prints those."""
    headings = dict(cards.theme_options(shown_cards, language))
    headings.pop(cards.ALL_THEMES, None)
    return tuple(
        (
            escape_markdown(heading),  # the theme's name is catalog text
            "\n\n".join(card_text(shown, language) for shown in cards.cards_of_theme(shown_cards, theme)),
        )
        for theme, heading in headings.items()
    )
