"""A county leader's journey in a real browser (issue 14), at 1440 px and on a 390 px phone: the overview
opens on the summary and what needs attention, the list links to the indicator, and the screenshots in
docs/screenshots/ (overview.png, overview_phone.png, product.png, indicator_en.png) are taken here."""

from __future__ import annotations

import re

import pytest

from analytics.labels import text
from tests.conftest import REPO
from tests.helpers import wait_until_idle

pytestmark = pytest.mark.browser
DOCS = REPO / "docs" / "screenshots"


@pytest.mark.parametrize("width, name", [(1440, "overview.png"), (390, "overview_phone.png")])
def test_a_leader_sees_what_needs_attention_first(app_url, browser, width, name):
    page = browser.new_page(width=width, height=900)
    page.set_default_timeout(60_000)
    page.goto(app_url)
    page.get_by_role("heading", name=text("attention.title", "zh")).wait_for()
    wait_until_idle(page)
    assert page.get_by_text("截至2024年，26项指标中").is_visible()
    # The list is text: the first entry is the least likely indicator (demo data as of 2024: #7, P < 1%).
    first = page.get_by_role("link", name="7. 品牌企业和实施“浙江制造”标准企业销售额占规上企业销售额比例")
    assert first.is_visible()
    page.screenshot(path=DOCS / name, full_page=False)
    assert first.get_attribute("href").endswith("/indicator?id=p14-07")
    if width == 1440:
        page.goto(app_url + "/indicator?id=p14-07")  # where the link goes (Streamlit opens links in a new tab)
        page.get_by_text(text("indicator.second_opinion", "zh")).first.wait_for()
        wait_until_idle(page)
        page.goto(app_url + "/product")
        page.get_by_text("质量奖（2）").first.wait_for()
        wait_until_idle(page)
        page.screenshot(path=DOCS / "product.png", full_page=False)
        page.goto(app_url + "/indicator?id=p14-22&lang=en")
        page.get_by_text(text("indicator.second_opinion", "en")).first.wait_for()
        wait_until_idle(page)
        page.screenshot(path=DOCS / "indicator_en.png", full_page=False)


def test_the_overview_reads_in_english_and_for_the_13th_plan(app_url, browser, screenshot_dir):
    page = browser.new_page(width=1440, height=900, locale="en-GB")
    page.set_default_timeout(60_000)
    page.goto(app_url + "/?lang=en")
    page.get_by_role("heading", name=text("attention.title", "en")).wait_for()
    wait_until_idle(page)
    assert page.get_by_text("As of 2024, of the 26 indicators").is_visible()
    page.screenshot(path=screenshot_dir / "leader_overview_en.png", full_page=False)
    # The 13th plan: its own title, no "None" anywhere on the page.
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=re.compile("13th Five-Year Plan")).click()
    page.get_by_role("heading", name=re.compile("13th Five-Year Plan")).wait_for()
    wait_until_idle(page)
    assert "None" not in page.get_by_test_id("stMain").inner_text()
    page.screenshot(path=screenshot_dir / "leader_overview_p13.png", full_page=True)
