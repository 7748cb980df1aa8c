"""The methodology page: ``docs/methodology.zh.md`` in Chinese, ``docs/methodology.md`` in English
(and whenever the Chinese file is missing), read on every run so edits show at once."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import state

METHODOLOGY_FILE = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"
METHODOLOGY_TRANSLATIONS = {"zh": METHODOLOGY_FILE.with_name("methodology.zh.md")}


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
        st.markdown(text)
