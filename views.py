"""Page sections and the figures they draw: the overview's figures, an indicator's card, a
domain's page, the history and review tables.

Streamlit layout only; every number comes from ``analytics`` through ``ui``. What a rerun would
otherwise recompute (cards, the overview's tables) is built once per data, year, scenario and
language, and shared.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd
import streamlit as st

import scenario_widgets
import ui
from analytics.formatting import number, percent
from analytics.labels import TEXTS, text
from analytics.narrative import describe
from analytics.overview import distance_covered, status_counts, time_elapsed
from analytics.tables import overview_table


@dataclass(frozen=True)
class Overview:
    """The overview's figures in one language, ready to draw. Shared (cache_resource): read only."""
    counts: pd.DataFrame  # statuses (columns) per domain and "all" (rows)
    by_domain: pd.DataFrame  # the same per domain, labelled for people
    elapsed: float
    covered: float
    table: pd.DataFrame  # every indicator, status with its icon
    export: pd.DataFrame  # the same for download, status in words

    def total(self, status: str) -> int:
        return int(self.counts.loc["all", status]) if "all" in self.counts.index else 0


def current_overview() -> Overview:
    """The selected plan at the selected year, under the what-if assumptions in force."""
    return overview(ui.data_revision(), ui.selected_plan(), ui.selected_as_of(), scenario_widgets.current_annual_change(),
                    ui.lang())


@st.cache_resource(show_spinner=False, max_entries=1000)
def overview(revision: int, plan: str, as_of: int, annual_change: tuple[tuple[str, float], ...], language: str) -> Overview:
    """Built once per data, year, scenario and language: counting, tabulating and labelling
    every indicator on each rerun cost the overview ~25 ms."""
    assessment = ui.assessment(revision, plan, as_of, annual_change)
    counts = status_counts(assessment)
    by_domain = counts.drop(index="all", errors="ignore")
    by_domain.index = [text(f"domain.{d}", language) for d in by_domain.index]
    by_domain.columns = [ui.status_text(s, language=language) for s in by_domain.columns]
    table = overview_table(assessment, language)
    return Overview(
        counts=counts, by_domain=by_domain, elapsed=time_elapsed(assessment, as_of), covered=distance_covered(assessment),
        table=table.assign(status=[ui.status_text(s, must_hold=h, target_year=y, language=language) for s, h, y in
                                   zip(assessment["status"], assessment["must_hold"], assessment["target_year"])]),
        export=table.assign(status=[text(f"status.{s}", language) for s in assessment["status"]]),
    )


@dataclass(frozen=True)
class Card:
    """One indicator's card, its texts in one language, ready to draw."""
    indicator_id: str
    theme: str  # "" when the catalog gives none
    theme_name: str
    status: str
    title: str  # "**3. name**\u2003🟢 status"
    figures: tuple[tuple[str, str], ...]  # (label, value): latest, target, probability
    notes: str  # what the figures mean, and for a new-in-period indicator the previous period's total
    charted: bool


def card(row: pd.Series | dict, language: str, *, theme: str = "", theme_name: str = "") -> Card:
    """The card of one assessed indicator (a row of ``ui.assessment``), in its catalog ``theme``
    (named by its code when the catalog gives no name, 其他 / Other when it gives no theme)."""
    status = ui.status_text(row["status"], must_hold=bool(row["must_hold"]), target_year=int(row["target_year"]),
                            language=language)
    unit = ui.unit(row, language)
    latest_label = (text("card.latest", language, year=row["latest_year"]) if pd.notna(row["latest_year"])
                    else text("col.latest_value", language))
    target = f"{text('comparison.' + row['comparison'], language)} {number(row['target_value'])} {unit}".strip()
    notes = describe(row, language)
    if row["kind"] == "new_in_period":
        notes += "  \n" + text("card.previous_period", language, value=number(row["baseline_value"]))
    return Card(
        indicator_id=row["id"], theme=theme, theme_name=theme_name or theme or text("domain.other_theme", language),
        status=row["status"],
        title=f"**{int(row['seq'])}. {ui.name(row, language)}**\u2003{status}",
        figures=((latest_label, f"{number(row['latest_value'])} {unit}".strip()),
                 (text("card.target", language, year=int(row["target_year"])), target),
                 (text("col.probability", language), percent(row["probability"]))),
        notes=notes, charted=row["status"] != "qualitative",
    )


@st.cache_resource(show_spinner=False, max_entries=1000)
def domain_cards(revision: int, plan: str, as_of: int, annual_change: tuple[tuple[str, float], ...],
                 domain: str, language: str) -> tuple[Card, ...]:
    """A domain's cards in plan order. Shared (cache_resource): building them every rerun
    (records, sentences, number formatting) cost a 16-card page ~10 ms."""
    table = ui.assessment(revision, plan, as_of, annual_change)
    catalog = ui.catalog(revision).set_index("id")
    theme_names = catalog["theme_en" if language == "en" else "theme_zh"]
    rows = table[table["domain"] == domain].sort_values("seq").to_dict("records")
    return tuple(card(row, language, theme=catalog.at[row["id"], "theme"], theme_name=theme_names[row["id"]]) for row in rows)


def indicator_card(shown: Card, chart_spec: dict | None, *, details: st.Page | None = None) -> None:
    """Name, status, key figures, the chart (``chart_spec`` from ``ui.chart_specs``) and the
    sentence of one indicator, with a link to its ``details`` page when given."""
    with st.container(border=True):
        st.markdown(shown.title)
        figures, chart = st.columns([5, 7])  # room for "at least 6 organisations" on one line
        for label, value in shown.figures:
            figures.metric(label, value)
        figures.caption(shown.notes)
        if chart_spec is not None:
            chart.vega_lite_chart(spec=chart_spec, width="stretch")
        if details is not None:
            st.page_link(details, label=text("card.details", ui.lang()), icon="🔎", query_params={"id": shown.indicator_id})


def indicator_page() -> st.Page:
    """The indicator page as registered in app.py: a link to a ``Page`` skips resolving its file each time."""
    return st.Page(ui.INDICATOR_PAGE, url_path=ui.INDICATOR_URL_PATH)


CARDS_AT_ONCE = 8  # a domain with more indicators shows them one theme at a time
ALL_THEMES = "all"
THEME_PARAM = "theme"  # ?theme=standards


def one_theme_at_a_time(cards: tuple[Card, ...], domain: str) -> tuple[Card, ...]:
    """The cards of the theme the reader picks (default: the first, in plan order), or all of them;
    every card when the domain has few indicators or one theme.

    The choice is kept in the URL as the theme's code, so a shared link, or the browser's back
    button, opens that theme in either language; and for the session, so coming back from an
    indicator's details by the menu finds the theme one left.
    """
    themes = {shown.theme: shown.theme_name for shown in cards}  # plan order
    if len(cards) <= CARDS_AT_ONCE or len(themes) < 2:
        st.query_params.pop(THEME_PARAM, None)  # say, left over from another plan
        return cards
    counts = Counter(shown.theme for shown in cards)
    labels = {theme: ui.t("domain.theme_option", name=name, count=counts[theme]) for theme, name in themes.items()}
    labels[ALL_THEMES] = ui.t("domain.all_themes", count=len(cards))
    widget = f"theme.{domain}"
    if st.query_params.get(THEME_PARAM) in labels:
        st.session_state[widget] = st.query_params[THEME_PARAM]
    elif st.session_state.get(widget) not in labels:
        st.session_state[widget] = next(iter(themes))
    # A click moves the URL first (the callback runs before the page): a valid URL wins above.
    chosen = st.segmented_control(ui.t("domain.theme"), list(labels), required=True, format_func=labels.get,
                                  help=ui.t("domain.theme_help"), key=widget, on_change=_theme_into_url, args=(widget,),
                                  persist_state="session")
    _theme_into_url(widget)
    return cards if chosen == ALL_THEMES else tuple(shown for shown in cards if shown.theme == chosen)


def _theme_into_url(widget: str) -> None:
    chosen = st.session_state[widget]
    if st.query_params.get(THEME_PARAM) != chosen:
        st.query_params[THEME_PARAM] = chosen


def domain_page(domain: str) -> None:
    st.title(ui.t(f"domain.{domain}"))
    revision, plan, as_of, language = ui.data_revision(), ui.selected_plan(), ui.selected_as_of(), ui.lang()
    ui.illustrative_notice(plan, as_of)
    scenario_widgets.render_domain_controls(domain)
    annual_change = scenario_widgets.current_annual_change()  # says so once when a scenario is applied
    cards = domain_cards(revision, plan, as_of, annual_change, domain, language)
    if not cards:
        st.info(ui.t("domain.empty"))
        return
    counts = Counter(shown.status for shown in cards)
    st.caption(" · ".join(f"{ui.status_text(s)} {counts[s]}" for s in ui.STATUS_ICONS if s in counts))
    cards = one_theme_at_a_time(cards, domain)
    specs = ui.chart_specs(revision, plan, as_of, annual_change, tuple(c.indicator_id for c in cards if c.charted), language)
    details = indicator_page()
    for shown in cards:
        indicator_card(shown, specs.get(shown.indicator_id), details=details)


def history_table(history: pd.DataFrame, *, running_sum: bool) -> None:
    """An indicator's observations, illustrative ones marked in their own column."""
    shown = history.assign(
        illustrative=[ui.t("history.illustrative_mark") if flag else "" for flag in history["illustrative"]]
    )
    columns = ["year", "value", "running_sum", "note", "source", "revision_id", "illustrative"]
    if not running_sum:
        columns.remove("running_sum")
    labels = {"revision_id": ui.t("history.revision")} | {c: ui.t(f"history.{c}") for c in columns if c != "revision_id"}
    st.dataframe(
        shown, hide_index=True, width="stretch", column_order=columns,
        column_config={
            **{c: st.column_config.Column(labels[c]) for c in columns},
            "year": st.column_config.NumberColumn(labels["year"], format="%d"),
            "revision_id": st.column_config.NumberColumn(labels["revision_id"], format="%d"),
        },
    )


def revisions_table(touched: pd.DataFrame) -> None:
    """The revisions that wrote an indicator's figures, newest first."""
    shown = touched.assign(action=[ui.t(f"history.action.{a}") if f"history.action.{a}" in TEXTS else a
                                   for a in touched["action"]])
    labels = {"id": ui.t("history.revision"), "created_at": ui.t("history.created_at"), "action": ui.t("history.action"),
              "author": ui.t("history.author"), "note": ui.t("history.revision_note"),
              "file_name": ui.t("history.file_name"), "years": ui.t("history.years")}
    st.dataframe(
        shown, hide_index=True, width="stretch", column_order=list(labels),
        column_config={
            **{c: st.column_config.Column(label) for c, label in labels.items()},
            "id": st.column_config.NumberColumn(labels["id"], format="%d"),
            "created_at": st.column_config.DatetimeColumn(labels["created_at"], format="YYYY-MM-DD HH:mm"),
        },
    )


def review_table(rows: pd.DataFrame) -> None:
    """Rows of a finished plan's review (``analytics.review.review_table``), as the plan prints them."""
    def achieved(row) -> str:
        if row["kind"] == "qualitative":
            return ui.t("review.achieved.qualitative")
        if row["achieved"] is None:
            return ui.t("review.achieved.missing")
        return ui.t("review.achieved.yes" if row["achieved"] else "review.achieved.no")

    def reported(row) -> str:
        if row["reported_achieved"] is None:
            return ui.t("review.reported.blank")
        return ui.t("review.reported.yes" if row["reported_achieved"] else "review.reported.no", value=row["reported_outcome"])

    shown = rows.assign(
        name=[ui.name(row) for _, row in rows.iterrows()],
        achieved=[achieved(row) for _, row in rows.iterrows()],
        reported=[reported(row) for _, row in rows.iterrows()],
        note_type=[ui.t(f"note_type.{n or 'plain'}") if k != "qualitative" else "—" for n, k in zip(rows["note_type"], rows["kind"])],
    )
    columns = {"name": "review.col.name", "target_text": "review.col.target", "result_text": "review.col.result",
               "achieved": "review.col.achieved", "reported": "review.col.reported", "note_type": "review.col.note_type"}
    st.dataframe(shown, hide_index=True, width="stretch", column_order=list(columns),
                 column_config={c: st.column_config.Column(ui.t(key)) for c, key in columns.items()})
