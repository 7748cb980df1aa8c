"""File uploaders speak the page's language (issue 14): Streamlit 1.67 draws an uploader's button ("Upload") and
its limit line ("10MB per file • CSV, XLSX") in English with no parameter to change them, so each of ours has a
caption in the page's language saying which types and our limit, and sets the button's word for shell.css.
The browser test (tests/test_browser_uploader.py) proves what a person sees; this one what the page sends.
"""

from __future__ import annotations

import re

import pytest

from analytics.labels import text
from dashboard.widgets import css_string
from tests.accounts_helpers import add_accounts, sign_in, use_cheap_hashes


@pytest.fixture
def app(open_app, monkeypatch):
    use_cheap_hashes(monkeypatch)
    add_accounts(open_app.url)
    return open_app


def button_words(at) -> list[str]:
    """The words the page's style elements set for the uploader button (``--uploader-button: "…"``)."""
    bodies = [element.proto.body for element in at.get("html")]
    return [word for body in bodies for word in re.findall(r'--uploader-button: "([^"]*)"', body)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_pages_uploaders_say_types_and_our_limit_in_the_pages_language(app, lang):
    at = app("data", lang=lang)
    sign_in(at, "data_signin", "wang")
    assert not at.exception
    assert [u.label for u in at.file_uploader] == [text("data.file", lang), text("data.plan_file", lang)]
    # Figures: CSV or Excel, under PLAN_UPLOAD_LIMIT_MB (default 5 MB); a plan's catalog: CSV, 5 MB.
    figures = text("uploader.drop", lang, types="CSV" + text("uploader.types_separator", lang) + "XLSX", limit_mb="5")
    catalog = text("uploader.drop", lang, types="CSV", limit_mb="5")
    captions = [c.value for c in at.caption]
    assert figures in captions and catalog in captions
    assert ("CSV或XLSX" in figures) if lang == "zh" else ("a CSV or XLSX file" in figures and "5 MB" in figures)
    assert (
        button_words(at)
        == [text("uploader.button", lang)] * 2
        == [("选择文件" if lang == "zh" else "Choose a file")] * 2
    )


def test_the_caption_gives_the_limit_the_page_enforces(app, monkeypatch):
    monkeypatch.setenv("PLAN_UPLOAD_LIMIT_MB", "2.5")
    at = app("data")
    sign_in(at, "data_signin", "wang")
    expected = text("uploader.drop", "zh", types="CSV或XLSX", limit_mb="2.5")
    assert expected in [c.value for c in at.caption] and "每个文件不超过2.5 MB" in expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plans_pages_uploader_too(open_app, lang):
    at = open_app("plans", lang=lang)
    assert not at.exception
    assert [u.label for u in at.file_uploader] == [text("draft.upload", lang)]
    types = "CSV" + text("uploader.types_separator", lang) + "XLSX"
    assert text("uploader.drop", lang, types=types, limit_mb="5") in [c.value for c in at.caption]
    assert button_words(at) == [text("uploader.button", lang)]
    assert f'--uploader-drop: "{text("uploader.drop_here", lang)}"' in at.get("html")[-1].proto.body


def test_a_css_string_cannot_end_its_string_or_its_style_element():
    assert css_string("选择文件") == '"选择文件"'
    # A quote and a backslash are escaped; "<" becomes the CSS escape \3c (so "</style>" cannot occur).
    assert css_string('a"b\\c</style>') == '"a\\"b\\\\c\\3c /style>"'


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_draft_file_that_cannot_be_read_lists_its_problems_under_labels_in_the_pages_language(open_app, lang):
    at = open_app("plans", lang=lang)
    at.file_uploader[0].set_value(("draft.csv", b"a,b\n1,2\n", "text/csv")).run()
    assert not at.exception
    problems = at.dataframe[0].value
    assert list(problems.columns) == [
        text(f"data.col_{c}", lang) for c in ("row", "column", "level", "message", "code")
    ]
    assert len(problems) > 0 and ("行" in problems.columns) == (lang == "zh")
