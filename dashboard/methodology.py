"""The methodology page: ``docs/methodology.zh.md`` in Chinese, ``docs/methodology.md`` in English
(and whenever the Chinese file is missing), read on every run so edits show at once.

Only the part above the line ``<!-- developer notes -->`` is shown: below it the doc speaks to developers
(module names, commands), which the repository keeps and readers of the dashboard do not need."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import state

METHODOLOGY_FILE = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"
METHODOLOGY_TRANSLATIONS = {"zh": METHODOLOGY_FILE.with_name("methodology.zh.md")}
DEVELOPER_NOTES = "<!-- developer notes -->"


def readers_part(doc: str) -> str:
    """The part of a methodology doc above its developer-notes marker line (all of it when it has none)."""
    lines = doc.splitlines(keepends=True)
    for n, line in enumerate(lines):
        if line.strip() == DEVELOPER_NOTES:
            return "".join(lines[:n]).rstrip() + "\n"
    return doc


def methodology_text(lang: str) -> str | None:
    """The methodology in ``lang``, else in English; None when neither file exists."""
    translation = METHODOLOGY_TRANSLATIONS.get(lang)
    for path in ([translation] if translation else []) + [METHODOLOGY_FILE]:
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
    return None


def render() -> None:
    text = methodology_text(state.lang())
    if text is None:
        st.title(state.t("page.methodology"))
        st.error(state.t("methodology.missing"))
    else:
        st.markdown(readers_part(text))
