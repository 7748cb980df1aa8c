"""The /scenarios page's per-indicator overrides in a real browser: drawn only while their expander is open
(a first open of the page sends none of the 26 inputs), opened by a click, and open when a link holds one."""

from __future__ import annotations

import pytest

from analytics.labels import text
from tests.helpers import wait_until_idle

pytestmark = pytest.mark.browser

OVERRIDE_3 = "3. 制造业产品质量平均合格率"  # the start of #3's input label (its unit and trend follow)


def overrides_expander(page):
    return page.get_by_test_id("stExpander").filter(has_text=text("scenario.overrides", "zh"))


def test_the_overrides_are_drawn_once_opened_and_a_typed_one_applies(app_url, page):
    page.goto(f"{app_url}/scenarios")
    page.get_by_role("heading", name=text("scenario.comparison", "zh")).wait_for()
    wait_until_idle(page)
    assert page.get_by_test_id("stNumberInput").count() == 0  # folded away: not sent at all
    overrides_expander(page).get_by_text(text("scenario.overrides", "zh")).click()
    page.get_by_test_id("stNumberInput").nth(25).wait_for()  # one for each of the 26 indicators
    wait_until_idle(page)
    assert page.get_by_test_id("stNumberInput").count() == 26
    box = page.get_by_role("spinbutton", name=OVERRIDE_3)
    box.fill("0.05")
    box.press("Enter")
    # +0.05 a year leaves #3 at 95.95, short of 96 (tests/test_scenario_page.py): one status changes.
    page.get_by_text(text("scenario.changed_count", "zh", n=1)).wait_for()
    assert "assume=p14-03" in page.url
    assert page.get_by_role("spinbutton", name=OVERRIDE_3).input_value() == "0.05"


def test_a_link_with_an_override_opens_on_it(app_url, page):
    page.goto(f"{app_url}/scenarios?assume=p14-03:0.05")
    page.get_by_text(text("scenario.changed_count", "zh", n=1)).wait_for()
    wait_until_idle(page)
    assert page.get_by_test_id("stNumberInput").count() == 26  # open, so what is in force is seen
    assert page.get_by_role("spinbutton", name=OVERRIDE_3).input_value() == "0.05"
