"""The four domain pages (product, service, engineering, environment): one card per indicator,
one theme at a time for a domain with many (and on paper every theme, as text)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics import cards
from analytics.cards import Card
from analytics.formatting import escape_markdown
from analytics.overview import attention_entry, domain_sentences, needing_attention
from analytics.printed import themes_on_paper
from analytics.review import provisional_year
from dashboard import data, indicator, scenarios, state, widgets
from dashboard.data import AnnualChange
from dashboard.state import t

THEME_PARAM = "theme"  # ?theme=standards


@dataclass(frozen=True)
class DomainView:
    """What a domain page shows for one plan, year, scenario and language."""

    cards: tuple[Card, ...]  # in plan order
    specs: dict[str, dict]  # chart specs by indicator id
    provisional: int | None  # the target year whose figures are not all in yet, as of the target year
    sentence: str  # the domain's one sentence (Markdown)
    attention: str  # its indicators needing attention, worst first, as a numbered Markdown list ("" if none)
    on_paper: tuple[tuple[str, str], ...]  # every theme's heading and cards as text, when shown a theme at a time


@st.cache_resource(show_spinner=False, max_entries=1000)
def domain_view(
    revision: int, plan: str, as_of: int, annual_change: AnnualChange, domain: str, language: str
) -> DomainView:
    """A domain's cards, charts and attention text, in one lookup.

    Shared (cache_resource): read only. Building the cards every rerun (records, sentences,
    number formatting) cost a 16-card page ~10 ms, and the domain's sentence and attention list ~30 ms;
    each cached lookup costs ~1 ms (hashing its arguments). The specs of every theme are built at once
    (16 charts take ~5 ms, once), and so is the text of every theme for paper.
    """
    assessment = data.assessment(revision, plan, as_of, annual_change)
    shown = cards.domain_cards(assessment, data.catalog(revision), domain, language)
    charted = tuple(c.indicator_id for c in shown if c.charted)
    in_domain = assessment[assessment["domain"] == domain]
    worst = needing_attention(in_domain).to_dict("records")
    return DomainView(
        cards=shown,
        specs=data.chart_specs(revision, plan, as_of, annual_change, charted, language),
        provisional=provisional_year(in_domain, as_of),
        sentence=domain_sentences(in_domain, language)[0] if len(in_domain) else "",
        attention="\n".join(f"{n}. {attention_entry(row, language)}" for n, row in enumerate(worst, start=1)),
        on_paper=themes_on_paper(shown, language),
    )


def one_theme_at_a_time(shown_cards: tuple[Card, ...], domain: str) -> tuple[Card, ...]:
    """The cards of the theme the reader picks (default: the one with the most indicators needing
    attention, else the first in plan order), or all of them;
    every card when the domain has few indicators or one theme.

    The choice is kept in the URL as the theme's code, so a shared link, or the browser's back
    button, opens that theme in either language; and for the session, so coming back from an
    indicator's details by the menu finds the theme one left.
    """
    labels = cards.theme_options(shown_cards, state.lang())
    if not labels:
        st.query_params.pop(THEME_PARAM, None)  # say, left over from another plan
        return shown_cards
    widget = f"theme.{domain}"
    if st.query_params.get(THEME_PARAM) in labels:
        st.session_state[widget] = st.query_params[THEME_PARAM]
    elif st.session_state.get(widget) not in labels:
        # Open on what needs attention: the theme with the most indicators off track or at risk.
        st.session_state[widget] = cards.first_theme_needing_attention(shown_cards) or next(iter(labels))
    # A click moves the URL first (the callback runs before the page): a valid URL wins above.
    chosen = st.segmented_control(
        t("domain.theme"),
        list(labels),
        required=True,
        format_func=lambda theme: escape_markdown(labels[theme]),  # catalog text
        help=t("domain.theme_help"),
        key=widget,
        on_change=_theme_into_url,
        args=(widget,),
        persist_state="session",
    )
    _theme_into_url(widget)
    return cards.cards_of_theme(shown_cards, chosen)


def _theme_into_url(widget: str) -> None:
    chosen = st.session_state[widget]
    if st.query_params.get(THEME_PARAM) != chosen:
        st.query_params[THEME_PARAM] = chosen


def render(domain: str) -> None:
    st.title(t(f"domain.{domain}"))
    revision, plan, as_of, language = state.data_revision(), state.selected_plan(), state.selected_as_of(), state.lang()
    widgets.illustrative_notice(plan, as_of)
    with widgets.screen_only(f"scenario_{domain}"):  # sliders: paper has the scenario's notice below instead
        scenarios.render_domain_controls(domain)
    annual_change = scenarios.current_annual_change()  # says so once when a scenario is applied
    view = domain_view(revision, plan, as_of, annual_change, domain, language)
    if not view.cards:
        st.info(t("domain.empty"))
        return
    st.caption(cards.status_summary(view.cards, language))
    if view.provisional is not None:
        st.info(t("provisional.note", year=view.provisional), icon="⏳")
    # What needs attention first, as text (prints, reads aloud): the domain's sentence and its worst indicators.
    st.markdown(view.sentence)
    if view.attention:
        st.markdown(view.attention)
    details = indicator.page()
    # A leader printing the page for a meeting expects the whole domain on paper, not the theme picked on
    # screen: there the picker and its theme's cards give way to every theme's cards as text.
    with widgets.screen_only(f"cards_{domain}", when=bool(view.on_paper)):
        for shown in one_theme_at_a_time(view.cards, domain):
            widgets.indicator_card(shown, view.specs.get(shown.indicator_id), details=details)
    if view.on_paper:
        with st.container(key=widgets.PRINT_ONLY + f"themes_{domain}"):
            for heading, theme_cards in view.on_paper:
                st.markdown(f"#### {heading}\n\n{theme_cards}")
