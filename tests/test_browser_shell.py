"""The dashboard's shell in a real browser (issue 14): a 390 px phone and A4 print.

Debian's Chromium through Playwright against ``streamlit run`` on a fresh database; screenshots go to
``test-artifacts/screenshots`` (phone_overview.png, phone_scenarios.png, print_overview.png, print_overview.pdf).
"""

from __future__ import annotations

import pytest

from analytics.labels import text

pytestmark = pytest.mark.browser

TITLE_ZH = text("overview.plan_title", "zh", plan="海盐县质量发展“十四五”规划（2021-2025年）")


@pytest.fixture
def phone(browser):
    """A 390 px wide phone (an iPhone 12-14's CSS width), touch, Chinese."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def wait_until_done(page) -> None:
    """Until Streamlit's script run has ended."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")


def wait_for_tables(page) -> None:
    """Until every table's grid is drawn (its canvas comes a moment after the script run ends)."""
    page.wait_for_function(
        "[...document.querySelectorAll(\"[data-testid='stDataFrame']\")].every(table => table.querySelector('canvas'))"
    )
    page.wait_for_timeout(1500)


def line_tops(page, element, part: str) -> set[float]:
    """The distinct tops of the line boxes ``part`` of ``element``'s text is drawn on: one when unbroken."""
    return set(
        element.evaluate(
            """(node, part) => {
            const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
            for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                const at = t.data.indexOf(part);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(t, at); range.setEnd(t, at + part.length);
                return [...range.getClientRects()].map(r => Math.round(r.top));
            }
            return null;
        }""",
            part,
        )
    )


def test_on_a_phone_the_counts_are_three_to_a_row_and_titles_break_between_words(app_url, phone, screenshot_dir):
    phone.goto(app_url)
    title = phone.get_by_role("heading", name=TITLE_ZH)
    title.wait_for()
    wait_until_done(phone)
    phone.screenshot(path=screenshot_dir / "phone_overview.png", full_page=True)
    # The seven status counts: three to a row (3 + 3 + 1), all within the 390 px screen.
    row = phone.locator("[data-testid='stHorizontalBlock']").filter(has=phone.get_by_test_id("stMetric")).first
    boxes = [m.bounding_box() for m in row.get_by_test_id("stMetric").all()]
    assert len(boxes) == 7
    assert len({round(b["y"]) for b in boxes}) == 3 and len({round(b["x"]) for b in boxes}) == 3
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)
    # The plan's title may wrap, but only between words: each word stays on one line.
    for word in ("海盐县质量发展", "十四五", "实施监测"):
        assert len(line_tops(phone, title, word)) == 1, word
    # No horizontal scrolling of the page itself.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_on_a_phone_the_scenario_comparison_is_cards(app_url, phone, screenshot_dir):
    phone.goto(f"{app_url}/scenarios?pace=150")
    phone.get_by_role("heading", name=text("page.scenarios", "zh")).wait_for()
    wait_until_done(phone)
    cards = phone.locator("[class*='st-key-phone-cards-']")
    cards.first.scroll_into_view_if_needed()
    phone.screenshot(path=screenshot_dir / "phone_scenarios.png", full_page=True)
    assert cards.first.is_visible()
    assert not phone.locator("[class*='st-key-wide-grid']").first.is_visible()
    # 26 indicators, one card each, every card within the screen's width.
    each = cards.first.locator("li")
    assert each.count() == 26
    assert all(b["x"] + b["width"] <= 390 for b in (c.bounding_box() for c in each.all()))


def test_in_print_the_sidebar_is_hidden_and_the_content_full_width(app_url, page, screenshot_dir):
    page.goto(app_url)
    page.get_by_role("heading", name=TITLE_ZH).wait_for()
    wait_until_done(page)
    assert page.get_by_test_id("stSidebar").is_visible()
    page.emulate_media(media="print")
    wait_for_tables(page)
    page.screenshot(path=screenshot_dir / "print_overview.png", full_page=True)
    assert not page.get_by_test_id("stSidebar").is_visible()
    assert not page.get_by_test_id("stHeader").is_visible()
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert main["x"] <= 1 and main["width"] >= 1400 - 2  # the whole width of the 1400 px window
    page.pdf(path=screenshot_dir / "print_overview.pdf", format="A4")
