"""Streamlit helpers the pages share: status words, notices, an indicator's card, downloads, tables that print.

Signing in and the permission of each write are in :mod:`dashboard.signin`."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics import cards
from analytics.cards import Card
from analytics.export import (
    Handout,
    assessment_handout_table,
    csv_bytes,
    excel_bytes,
    handout_csv,
    handout_excel,
    handout_title,
)
from analytics.markup import PhoneCard, html_cards, html_table
from analytics.printed import printed_table
from analytics.problems import problem_table
from dashboard import data, state
from dashboard.state import data_revision, lang, t

# The phone and print layout (shell_style): a static file, no reader's text in it; read once per process.
SHELL_CSS = (Path(__file__).resolve().parent / "static" / "shell.css").read_text(encoding="utf-8")
WIDE_GRID = "wide-grid-"  # the key prefix of a container whose wide table phones swap for its cards (shell.css)
PHONE_CARDS = "phone-cards-"
SCREEN_GRID = "screen-grid-"  # a table's canvas grid, hidden in print (shell.css) ...
PRINT_TABLE = "print-table-"  # ... where its text twin shows every row and column instead
SCREEN_ONLY = "screen-only-"  # what paper has no use for ("click a row"), hidden in print
PRINT_ONLY = "print-only-"  # what only paper shows (a domain's every theme), hidden on screen
WHOLE_TABLE = "whole-table-"  # a short table drawn whole as text, on screen and paper alike
# The uploader's button word and drag-over words in the page's language, for shell.css (file_uploader).
UPLOADER_STYLE = "<style>:root {{ --uploader-button: {button}; --uploader-drop: {drop}; }}</style>"
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
clock = time.monotonic  # the sign-in throttle's clock, read at each attempt (tests move it on instead of waiting)


def status_text(status: str, *, must_hold: bool = False, target_year: int | None = None) -> str:
    """``analytics.cards.status_text`` in the reader's language."""
    return cards.status_text(status, lang(), must_hold=must_hold, target_year=target_year)


def status_texts(statuses, must_hold, target_years) -> list[str]:
    return cards.status_texts(statuses, must_hold, target_years, lang())


def name(row) -> str:
    return cards.name(row, lang())


def unit(row) -> str:
    return cards.unit(row, lang())


def illustrative_notice(plan: str, as_of: int, ids=None) -> None:
    """The illustrative-data notice, when any figure of ``plan`` (or of ``ids`` only) up to ``as_of`` is."""
    if data.shows_illustrative(data_revision(), plan, as_of, None if ids is None else tuple(ids)):
        st.warning(t("notice.illustrative"), icon="⚠️")


def indicator_card(shown: Card, chart_spec: dict | None, *, details: st.Page | None = None) -> None:
    """Name, status, key figures, the chart (``chart_spec`` from ``data.chart_specs``) and the
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
            st.page_link(details, label=t("card.details"), icon="🔎", query_params={"id": shown.indicator_id})


def screen_only(name: str, *, when: bool = True):
    """A container for what shows on screen but not on paper (when ``when``; else an ordinary one)."""
    return st.container(key=(SCREEN_ONLY if when else "screen-and-paper-") + name)


def file_uploader(label: str, types: list[str], *, key: str, limit_bytes: int):
    """``st.file_uploader(label, type=types, key=key)`` in the reader's language; returns the uploaded file or None.

    Streamlit 1.67 draws the uploader's button ("Upload") and its limit line ("10MB per file • CSV, XLSX",
    the server's maxUploadSize, not ours) in English whatever the page's language, and has no parameter
    for either. So a caption above it says what to drop, which types and our limit (``limit_bytes``), and
    ``shell.css`` hides Streamlit's line and writes our word on the button, from ``--uploader-button``, and
    ours in place of "Drag and drop a file here" while a file is dragged over it, from ``--uploader-drop``.
    """
    st.html(UPLOADER_STYLE.format(button=css_string(t("uploader.button")), drop=css_string(t("uploader.drop_here"))))
    types_text = t("uploader.types_separator").join(kind.upper() for kind in types)
    st.caption(t("uploader.drop", types=types_text, limit_mb=f"{limit_bytes / (1024 * 1024):g}"))
    return st.file_uploader(label, type=types, key=key)


def problems_table(problems) -> None:
    """What is wrong with an uploaded file, one row a problem, under column labels in the reader's language."""
    table = problem_table(problems, lang())
    columns = {c: t(f"data.col_{c}") for c in ["row", "column", "level", "message", "code"]}
    st.dataframe(table.loc[:, list(columns)].rename(columns=columns), hide_index=True, width="stretch")


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string, safe inside a <style> element (our labels only, never user text)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", "\\a ")
    return f'"{escaped}"'


def shell_style() -> None:
    """The page's phone and print layout (``static/shell.css``), every run (app.py)."""
    st.html(f"<style>{SHELL_CSS}</style>")


def table(frame: pd.DataFrame, name: str, *, printed: pd.DataFrame | None = None, **options):
    """``st.dataframe(frame, **options)`` on screen, and the same rows as a plain text table in print.

    A canvas grid prints only the rows and columns in its view (a wide table loses columns on A4, a
    long one rows); its twin (one HTML table, cells escaped: ``analytics.markup.html_table``) shows every one, with the grid's labels
    and number formats, and only on paper (``shell.css``). ``name`` keys both containers;
    ``printed`` is the twin when the caller keeps it (``printed_twin`` of the same frame and options).
    Returns what ``st.dataframe`` returns (a selection, when ``on_select`` is given).
    """
    with st.container(key=SCREEN_GRID + name):
        shown = st.dataframe(frame, **options)
    with st.container(key=PRINT_TABLE + name):
        st.html(html_table(printed_twin(frame, **options) if printed is None else printed))
    return shown


def whole_table(frame: pd.DataFrame, name: str, **options) -> None:
    """A short table drawn whole, as text (one escaped HTML table: ``analytics.markup.html_table``), the
    same on screen and on paper. For a table of a few rows a canvas grid adds only a scroll box, a toolbar
    and a twin for paper, and costs the browser more to draw. ``options`` are ``st.dataframe``'s (labels,
    number formats, column order, the index hidden), read as :func:`printed_twin` reads them."""
    with st.container(key=WHOLE_TABLE + name):
        st.html(html_table(printed_twin(frame, **options)))


def printed_twin(frame: pd.DataFrame, **options) -> pd.DataFrame:
    """The text of ``st.dataframe(frame, **options)`` for paper: its columns in order under their labels,
    figures in their number formats (read from the ``st.column_config`` values), the index when shown."""
    config = options.get("column_config") or {}
    # A column configured as None is hidden on screen: on paper too.
    columns = [c for c in options.get("column_order") or frame.columns if not (c in config and config[c] is None)]
    labels: dict[str, str] = {}
    formats: dict[str, str | None] = {}
    for column in columns:
        given = config.get(column)
        if isinstance(given, str):
            labels[column] = given
        elif isinstance(given, dict):  # what st.column_config.* return: the label and the number format
            labels[column] = given.get("label") or column
            formats[column] = (given.get("type_config") or {}).get("format")
    index_label = None if options.get("hide_index") else str(frame.index.name or "")
    return printed_table(frame, labels, formats, columns=columns, index_label=index_label)


def phone_cards(cards: list[PhoneCard], *, key: str) -> None:
    """A wide table's rows as short cards (one escaped HTML list: ``analytics.markup.html_cards``), shown
    on phones only (``shell.css``) in place of the table in the ``WIDE_GRID`` container beside them."""
    with st.container(key=PHONE_CARDS + key):
        st.html(html_cards(cards))


def cards_or_table(cards: list[PhoneCard], frame: pd.DataFrame, name: str, *, hint: str | None = None, **options):
    """A wide table that a phone shows as ``cards`` (:func:`phone_cards`) and a wider screen as the grid
    (:func:`table` of ``frame`` with ``options``, under ``hint``, a caption for the screen only).
    Returns what :func:`table` returns."""
    phone_cards(cards, key=name)
    with st.container(key=WIDE_GRID + name):  # hidden on phones, where the cards show
        if hint is not None:
            st.container(key=SCREEN_ONLY + name + "_hint").caption(hint)
        return table(frame, name, **options)


def readable_revisions(revisions: pd.DataFrame) -> pd.DataFrame:
    """Revisions as a reader sees them: times in Beijing time (the column's label says so, with
    ``shell.col_created_at``), and the seed's repository words ("system", the data/ folder) in words."""
    seeded = revisions["action"] == "seed"
    shown = revisions.assign(created_at=state.beijing_times(revisions["created_at"]))
    if "author" in shown:
        shown["author"] = shown["author"].where(shown["author"] != "system", t("shell.system_author"))
    if "note" in shown:
        shown["note"] = shown["note"].where(~seeded, t("shell.seed_note"))
    if "file_name" in shown:
        shown["file_name"] = shown["file_name"].map(lambda n: n.rsplit("/", 1)[-1] if isinstance(n, str) else n)
    return shown


def assessment_downloads(
    assessment: pd.DataFrame, file_stem: str, *, title_key: str, key: str, extra: dict[str, list] | None = None
) -> None:
    """CSV and Excel of an assessment of the sidebar's plan and year, to hand on: a title block (what,
    plan, year, data revision, the illustrative flag when any figure is), headers in the reader's
    language, figures rounded as the page shows them in columns of their own, Excel styled."""
    plan, as_of, revision, language = state.selected_plan(), state.selected_as_of(), data_revision(), lang()
    plan_rows = data.plan_table(revision).set_index("plan")
    plan_name = plan_rows.at[plan, "plan_name_en" if language == "en" else "plan_name_zh"]
    illustrative = data.shows_illustrative(revision, plan, as_of, tuple(assessment["id"]))
    title = t(title_key)

    def handout() -> Handout:
        exported = state.beijing_time(datetime.now(UTC))
        return Handout(
            handout_title(
                title=title,
                plan_name=plan_name,
                as_of=as_of,
                revision=revision,
                illustrative=illustrative,
                exported=exported,
                lang=language,
            ),
            assessment_handout_table(assessment, language, as_of=as_of, extra=extra),
        )

    csv_column, excel_column, _ = st.columns([1, 1, 3])
    csv_column.download_button(
        t("download.csv"), lambda: handout_csv(handout()), f"{file_stem}.csv", "text/csv", key=f"{key}_csv"
    )
    excel_column.download_button(
        t("download.excel"),
        lambda: handout_excel(handout(), sheet_name=title),
        f"{file_stem}.xlsx",
        EXCEL_MIME,
        key=f"{key}_xlsx",
    )


def download_buttons(
    frame: pd.DataFrame,
    file_stem: str,
    *,
    sheet_name: str,
    key: str,
    csv_label: str | None = None,
    excel_label: str | None = None,
) -> None:
    """CSV and Excel downloads of ``frame`` as it is, side by side, formula-like cells neutralised: for
    files that go back in (the template, a revision's rows); tables to hand on use ``assessment_downloads``.

    The files are written only when a button is clicked (``st.download_button`` takes a
    callable), so a page's reruns never pay for building an Excel workbook.
    """
    csv_column, excel_column, _ = st.columns([1, 1, 3])
    csv_column.download_button(
        csv_label or t("download.csv"), lambda: csv_bytes(frame), f"{file_stem}.csv", "text/csv", key=f"{key}_csv"
    )
    excel_column.download_button(
        excel_label or t("download.excel"),
        lambda: excel_bytes(frame, sheet_name=sheet_name),
        f"{file_stem}.xlsx",
        EXCEL_MIME,
        key=f"{key}_xlsx",
    )
