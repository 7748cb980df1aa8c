"""The /report page under AppTest: the same choices as the command line, a preview, downloads built on click.

Fixtures (a database seeded with a small hand-made fixture, ``app``) come from tests/test_pages.py.
"""

from __future__ import annotations

import pytest

from analytics.labels import text
from analytics.report.markdown import escape
from tests.test_pages import app, seeded_db  # noqa: F401  (pytest fixtures)


def preview(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_previews_the_full_report_in_the_sidebar_language(app, lang):  # noqa: F811
    at = app("report", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == text("report.page", lang)
    shown = preview(at)
    # The fixture's latest year is 2023: a mid-term report, with figures up to 2023.
    assert text("report.value.as_of", lang, year=2023) in shown
    assert shown.startswith("# ") and escape(text("report.section.appendix", lang)) in shown
    # #2 县政府质量奖 grows 22 -> 25, 28, 31: its row shows 31 (2023) and (31 - 22) / (37 - 22) = 60%.
    row = next(line for line in shown.splitlines() if line.startswith("| 2 |"))
    assert escape(text("report.latest", lang, value="31", year=2023)) in row and "| 60% |" in row
    labels = [b.label for b in at.get("download_button")]
    assert labels == [text("report.ui.download", lang, format=f) for f in ("Word", "PDF", "Markdown")]


def test_brief_and_language_choices_change_the_preview(app):  # noqa: F811
    at = app("report")
    at.segmented_control(key="report_brief").set_value(True).run()
    assert not at.exception
    shown = preview(at)
    assert escape(text("report.section.attention_brief", "zh")) in shown
    assert escape(text("report.section.appendix", "zh")) not in shown  # the brief has no appendix
    at.segmented_control(key="report_lang").set_value("en").run()
    assert escape(text("report.section.attention_brief", "en")) in preview(at)
    assert at.title[0].value == text("report.page", "zh")  # the page itself stays in the sidebar's language


def test_files_are_built_only_when_a_download_is_clicked(app, monkeypatch):  # noqa: F811
    from dashboard import report

    built = []
    monkeypatch.setattr(report, "render", lambda shown, fmt: built.append(fmt) or b"")
    at = app("report")
    assert not at.exception
    assert len(at.get("download_button")) == 3
    assert built == []  # the page shows the preview; no Word, PDF or Markdown file was made
