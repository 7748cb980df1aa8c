"""The app's own HTML: tables for paper and cards for phones, each one element, every text escaped.

What only paper or only a phone shows is still drawn, hidden, on every open of a desktop page. Drawn
as Markdown, the browser parsed it each time; drawn as HTML, the browser's script time of opening
/scenarios fell by 13% for its tables and by a further 8% for its cards (medians of ten opens taking
turns with the Markdown version). HTML is markup, though, so every label, cell and card text goes
through ``html.escape`` here and nowhere else: catalog and user text is only ever text, and the only
tags are this module's own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

TABLE_CLASS = "text-table"
CARDS_CLASS = "phone-cards"


def html_table(printed: pd.DataFrame) -> str:
    """A table of text (``analytics.printed.printed_table``) as one HTML table: a header row of its
    labels, then one row per row."""

    def row(tag: str, cells: Sequence[object]) -> str:
        return "<tr>" + "".join(f"<{tag}>{html.escape(str(value))}</{tag}>" for value in cells) + "</tr>"

    header = row("th", list(printed.columns))
    body = "".join(row("td", values) for values in printed.itertuples(index=False, name=None))
    return f'<table class="{TABLE_CLASS}"><thead>{header}</thead><tbody>{body}</tbody></table>'


@dataclass(frozen=True)
class PhoneCard:
    """One row of a wide table as a phone shows it: the ``heading`` in bold, an ``aside`` after it on the
    same line (a status, a target), then ``lines``, and a link to a page of this app when given."""

    heading: str
    aside: str = ""
    lines: tuple[str, ...] = ()
    link: str | None = None  # a path of this app ("/indicator?id=p14-03"), never another site
    link_text: str = ""


def html_cards(cards: Sequence[PhoneCard]) -> str:
    """``cards`` as one HTML list, one item a card."""
    return f'<ul class="{CARDS_CLASS}">' + "".join(_card_item(card) for card in cards) + "</ul>"


def _card_item(card: PhoneCard) -> str:
    first = f"<strong>{html.escape(card.heading)}</strong>"
    if card.aside:
        first += html.escape(card.aside)
    parts = [first, *(html.escape(line) for line in card.lines)]
    if card.link is not None:
        if not card.link.startswith("/") or card.link.startswith("//"):
            raise ValueError(f"a card links to a page of this app, not to {card.link!r}")
        parts.append(f'<a href="{html.escape(card.link)}">{html.escape(card.link_text)}</a>')
    return "<li>" + "<br>".join(parts) + "</li>"
