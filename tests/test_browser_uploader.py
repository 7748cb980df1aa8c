"""File uploaders as a person sees them in a real browser (issue 14): on the zh /data and /plans pages no English
of Streamlit's own ("Upload", "10MB per file • CSV, XLSX", "Drag and drop", "Browse files", "Limit"), but our
caption and our button word; on the en pages the same in English.

Chromium through Playwright against ``streamlit run``; /data's uploaders need a signed-in analyst: the shared
server's admin (tests/conftest.py). Screenshots go to ``test-artifacts/screenshots`` (data_upload_zh.png,
data_upload_en.png).
"""

from __future__ import annotations

import pytest

from analytics.labels import text
from tests.conftest import SHARED_ADMIN, SHARED_ADMIN_PASSWORD
from tests.helpers import wait_until_idle

pytestmark = pytest.mark.browser

# Streamlit 1.67's own uploader texts (FileUploader.js), and those of older versions a person may know.
STREAMLITS_ENGLISH = ("Upload", "per file", "Drag and drop", "Browse files", "Limit", "CSV, XLSX")


def seen_text(uploader) -> str:
    """The uploader's text a person sees: its inner text without its icons' ligature names ("upload" draws ⬆)."""
    return uploader.evaluate(
        """node => {
            const copy = node.cloneNode(true);
            copy.querySelectorAll("[data-testid='stIconMaterial']").forEach(icon => icon.remove());
            document.body.appendChild(copy);
            const seen = copy.innerText;
            copy.remove();
            return seen;
        }"""
    )


def button_word(uploader) -> str:
    """The word drawn on the uploader's button (our CSS writes it after Streamlit's hidden "Upload")."""
    shown = uploader.locator("button [data-testid='stMarkdownContainer']").evaluate(
        "node => getComputedStyle(node, '::after').content"
    )
    return shown.strip('"')


def check_uploader(uploader, lang: str, caption: str) -> None:
    assert uploader.is_visible()
    seen = seen_text(uploader)
    assert [english for english in STREAMLITS_ENGLISH if english in seen] == [], seen
    assert uploader.get_by_test_id("stFileUploaderDropzoneInstructions").is_hidden()
    assert button_word(uploader) == text("uploader.button", lang)
    assert uploader.locator("button").first.is_visible()
    # Our caption, just above the uploader, says which files and our limit.
    above = uploader.locator("xpath=ancestor::*[@data-testid='stElementContainer'][1]/preceding-sibling::*[1]")
    assert above.inner_text().strip() == caption


def test_the_data_pages_uploaders_read_in_the_pages_language(app_url, page, screenshot_dir):
    page.goto(f"{app_url}/data")
    page.get_by_role("heading", name=text("data.title", "zh")).wait_for()
    wait_until_idle(page)
    page.get_by_label(text("accounts.ui.name", "zh"), exact=True).first.fill(SHARED_ADMIN)
    page.get_by_label(text("accounts.ui.password", "zh"), exact=True).first.fill(SHARED_ADMIN_PASSWORD)
    # Other English of Streamlit's own: a text box's "Press Enter to apply", the menu's "View 3 more".
    assert page.get_by_test_id("InputInstructions").count() > 0
    assert not any(hint.is_visible() for hint in page.get_by_test_id("InputInstructions").all())
    assert "View" not in page.get_by_test_id("stSidebarNav").inner_text()
    page.get_by_role("button", name=text("accounts.ui.sign_in", "zh"), exact=True).click()
    for lang in ("zh", "en"):
        if lang == "en":
            page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
            page.get_by_role("heading", name=text("data.title", "en"), exact=True).wait_for()
        figures = page.get_by_test_id("stFileUploader").filter(has_text=text("data.file", lang))
        figures.wait_for()
        wait_until_idle(page)
        types = "CSV" + text("uploader.types_separator", lang) + "XLSX"
        check_uploader(figures, lang, text("uploader.drop", lang, types=types, limit_mb="5"))
        figures.scroll_into_view_if_needed()
        box = figures.bounding_box()
        page.screenshot(
            path=screenshot_dir / f"data_upload_{lang}.png",
            clip={"x": 0, "y": max(box["y"] - 260, 0), "width": 1400, "height": 460},
        )
        # The plan catalog's uploader, in its expander.
        page.get_by_text(text("data.plan_header", lang), exact=True).click()
        catalog = page.get_by_test_id("stFileUploader").filter(has_text=text("data.plan_file", lang))
        catalog.wait_for()
        check_uploader(catalog, lang, text("uploader.drop", lang, types="CSV", limit_mb="5"))
        page.get_by_text(text("data.plan_header", lang), exact=True).click()  # closed again


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_plans_pages_uploader_reads_in_the_pages_language(app_url, page, lang):
    page.goto(f"{app_url}/plans" + ("?lang=en" if lang == "en" else ""))
    page.get_by_role("heading", name=text("page.plans", lang)).wait_for()
    uploader = page.get_by_test_id("stFileUploader")
    uploader.wait_for()
    wait_until_idle(page)
    types = "CSV" + text("uploader.types_separator", lang) + "XLSX"
    check_uploader(uploader, lang, text("uploader.drop", lang, types=types, limit_mb="5"))
    # While a file is dragged over the box: our words, not "Drag and drop a file here".
    dragged = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['a'], 'x.csv', {type: 'text/csv'})); return d; }"
    )
    zone = uploader.get_by_test_id("stFileUploaderDropzone")
    zone.dispatch_event("dragenter", {"dataTransfer": dragged})
    overlay = zone.locator(":scope > div:not([data-testid])")
    overlay.wait_for()
    assert [english for english in STREAMLITS_ENGLISH if english in seen_text(uploader)] == []
    assert (
        overlay.evaluate("node => getComputedStyle(node, '::after').content") == f'"{text("uploader.drop_here", lang)}"'
    )
    zone.dispatch_event("dragleave", {"dataTransfer": dragged})
    # A select box's placeholder is ours too, not Streamlit's "Choose an option".
    placeholders = page.locator("input[placeholder]").evaluate_all("inputs => inputs.map(i => i.placeholder)")
    assert "Choose an option" not in placeholders and text("shell.choose", lang) in placeholders
