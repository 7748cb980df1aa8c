"""The dashboard's shell in a real browser (issue 14): a 390 px phone and A4 print.

Debian's Chromium through Playwright against ``streamlit run`` on a fresh database; screenshots go to
``test-artifacts/screenshots`` (phone_overview.png, phone_overview_cards.png, phone_scenarios.png, print_overview.png,
print_overview.pdf, print_overview_table.png and the PDFs of the tables on paper).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from analytics.assess import assess
from analytics.catalog import plan_catalog
from analytics.labels import text
from analytics.store import Store
from analytics.tables import overview_table
from tests.helpers import wait_until_idle

pytestmark = pytest.mark.browser

TITLE_ZH = text("overview.plan_title", "zh", plan="海盐县质量发展“十四五”规划（2021-2025年）")


@pytest.fixture
def phone(browser):
    """A 390 px wide phone (an iPhone 12-14's CSS width), touch, Chinese."""
    return browser.new_page(width=390, height=844, phone=True)


def wait_until_done(page) -> None:
    """Until Streamlit's script run has ended and every element (the page's style among them) is drawn."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    wait_until_idle(page)


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


def test_on_a_phone_the_overviews_all_indicators_table_is_cards(app_url, phone, screenshot_dir):
    phone.goto(app_url)
    heading = phone.get_by_role("heading", name=text("overview.all_indicators", "zh"))
    heading.wait_for()
    wait_until_done(phone)
    cards = phone.locator("[class*='st-key-phone-cards-overview']")
    heading.evaluate("node => node.scrollIntoView()")  # the table's heading at the top, its first cards below
    phone.screenshot(path=screenshot_dir / "phone_overview_cards.png", full_page=False)
    assert cards.is_visible() and not phone.locator("[class*='st-key-wide-grid-overview']").is_visible()
    # One card per indicator (26), each within the 390 px screen, with its status, figures and a link to its page.
    each = cards.locator("li")
    assert each.count() == 26
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in (c.bounding_box() for c in each.all()))
    first = each.first.inner_text()
    assert first.startswith("1. 省、市级政府质量奖获奖组织") and "达标概率：28%" in first  # demo data as of 2024
    links = [c.get_by_role("link", name=text("card.details", "zh")).get_attribute("href") for c in each.all()]
    assert [link.rsplit("=", 1)[-1] for link in links] == [f"p14-{n:02d}" for n in range(1, 27)]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_in_print_the_sidebar_is_hidden_and_the_content_full_width(app_url, page, screenshot_dir):
    page.goto(app_url)
    page.get_by_role("heading", name=TITLE_ZH).wait_for()
    wait_until_done(page)
    assert page.get_by_test_id("stSidebar").is_visible()
    wait_for_tables(page)  # on screen: a grid hidden for print before it is drawn never draws its canvas
    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    page.screenshot(path=screenshot_dir / "print_overview.png", full_page=True)
    assert not page.get_by_test_id("stSidebar").is_visible()
    assert not page.get_by_test_id("stHeader").is_visible()
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert main["x"] <= 1 and main["width"] >= 1400 - 2  # the whole width of the 1400 px window
    page.pdf(path=screenshot_dir / "print_overview.pdf", format="A4")


def printed_text(pdf: Path) -> str:
    """The text of a printed PDF (poppler's pdftotext), all whitespace removed: a cell wrapped on paper
    reads as one word again."""
    shown = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(shown.split())


def test_on_paper_every_table_shows_every_row_and_column(app_url, page, screenshot_dir, tmp_path):
    # The overview's figures as the engine computes them (the demo data as of 2024, the page's default year).
    store = Store(f"sqlite:///{tmp_path}/expected.db")
    assessment = assess(plan_catalog(store.catalog(), "p14"), store.observations(), as_of=2024)
    expected = overview_table(assessment, "zh")
    page.goto(app_url)
    page.get_by_role("heading", name=TITLE_ZH).wait_for()
    wait_until_done(page)
    assert not page.locator("[class*='st-key-print-table-']").first.is_visible()  # on screen: the grid only
    page.emulate_media(media="print")
    assert not page.locator("[class*='st-key-screen-grid-']").first.is_visible()
    twin = page.locator("[class*='st-key-print-table-overview']")
    twin.locator("table").wait_for()  # st.table's code arrives a moment after the script run
    assert twin.is_visible() and twin.locator("tbody tr").count() == 26
    page.screenshot(path=screenshot_dir / "print_overview_table.png", full_page=True)
    pdf = screenshot_dir / "print_overview_tables.pdf"
    page.pdf(path=pdf, format="A4")
    printed = printed_text(pdf)
    # Every indicator's name and its last column (the projection, "5.38 (5-6)") are on paper.
    missing = [
        (name, projection)
        for name, projection in zip(expected["name"], expected["projection"], strict=True)
        if "".join(name.split()) not in printed or "".join(projection.split()) not in printed
    ]
    assert missing == [] and len(expected) == 26
    # At the width of A4 within its margins (210 - 2 x 12 mm = 186 mm = 703 CSS px) the eleven columns fit,
    # and no cell's text runs out of its cell.
    page.set_viewport_size({"width": 703, "height": 1000})
    box = twin.locator("table").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 703
    assert twin.locator("th").count() == 11
    overflowing = twin.locator("td, th").evaluate_all("cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1)")
    assert overflowing == []
    page.set_viewport_size({"width": 1400, "height": 1000})
    # The scenario comparison prints its 26 rows whole too.
    page.emulate_media(media="screen")
    page.goto(f"{app_url}/scenarios?pace=150")
    page.locator("[class*='st-key-screen-grid-comparison']").wait_for()
    wait_until_done(page)
    page.emulate_media(media="print")
    twin = page.locator("[class*='st-key-print-table-comparison']")
    twin.locator("table").wait_for()
    assert twin.is_visible() and not page.locator("[class*='st-key-screen-grid-comparison']").is_visible()
    assert twin.locator("tbody tr").count() == 26
    page.pdf(path=screenshot_dir / "print_comparison.pdf", format="A4")
    # The 13th plan's review draws each category as a whole table, on screen and on paper alike, a phone's
    # included: there it scrolls within its box, never the page.
    page.emulate_media(media="screen")
    page.goto(f"{app_url}/review-13th")
    whole = page.locator("[class*='st-key-whole-table-review_3'] table")  # 工程质量: five rows
    whole.wait_for()
    wait_until_done(page)
    assert whole.locator("tbody tr").count() == 5 and page.locator("[data-testid='stDataFrame']").count() == 0
    page.emulate_media(media="print")
    assert whole.is_visible()
    page.pdf(path=screenshot_dir / "print_review.pdf", format="A4")
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 900})
    assert whole.is_visible() and page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1400, "height": 1000})
