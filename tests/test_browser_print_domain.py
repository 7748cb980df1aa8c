"""A domain page on paper in a real browser (issue 14): printing 产品质量 prints every theme's indicators, each
once, though the screen shows one theme at a time.

Chromium through Playwright against ``streamlit run`` on the demo data; the expected indicators are read here
from data/catalog_p14.csv. Screenshots go to ``test-artifacts/screenshots`` (domain_print_zh.png,
domain_print_en.png, and the PDFs).
"""

from __future__ import annotations

import re
import subprocess

import pandas as pd
import pytest

from analytics.labels import text
from tests.conftest import REPO
from tests.helpers import wait_until_idle

pytestmark = pytest.mark.browser

CATALOG = pd.read_csv(REPO / "data" / "catalog_p14.csv", dtype=str, keep_default_na=False)


def card_titles(page, titles: list[str]) -> list[str]:
    """The card titles among ``titles`` ("3. name", in bold) that a person sees, in page order, with repeats; the
    attention list's bold links to the same indicators are not cards."""
    shown = page.locator("[data-testid='stMainBlockContainer'] strong").evaluate_all(
        "nodes => nodes.filter(n => n.checkVisibility() && !n.querySelector('a') && !n.closest('a'))"
        ".map(n => n.innerText.trim())"
    )
    return [title for title in shown if title in titles]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printing_a_domain_page_prints_every_theme_once(app_url, page, screenshot_dir, tmp_path, lang):
    product = CATALOG[CATALOG["domain"] == "product"]
    titles = [f"{int(seq)}. {name}" for seq, name in zip(product["seq"], product[f"name_{lang}"], strict=True)]
    assert len(titles) == 16
    page.goto(f"{app_url}/product" + ("?lang=en" if lang == "en" else ""))
    page.get_by_role("heading", level=1, name=text("domain.product", lang)).wait_for()
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    wait_until_idle(page)
    # On screen: one theme's cards (the one most needing attention: standards #8-11), no text twin.
    on_screen = card_titles(page, titles)
    assert 0 < len(on_screen) < 16 and len(set(on_screen)) == len(on_screen)
    assert not page.locator("[class*='st-key-print-only-themes_product']").is_visible()

    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    # On paper: every theme's heading and all 16 indicators, each once, in plan order within its theme.
    assert card_titles(page, titles) == [
        title
        for theme in product["theme"].unique()
        for title, t in zip(titles, product["theme"], strict=True)
        if t == theme
    ]
    for name in product.drop_duplicates("theme")[f"theme_{lang}"]:
        assert page.get_by_role("heading", level=4, name=re.compile("^" + re.escape(name))).is_visible(), name
    assert not page.get_by_role("radiogroup").filter(has_text=text("domain.all_themes", lang, count=16)).is_visible()
    assert not page.get_by_test_id("stExpander").is_visible()  # the what-if sliders: nothing to move on paper
    assert page.get_by_test_id("stVegaLiteChart").count() > 0  # in the page, for the screen ...
    assert not page.get_by_test_id("stVegaLiteChart").first.is_visible()  # ... not on paper
    page.screenshot(path=screenshot_dir / f"domain_print_{lang}.png", full_page=True)
    pdf = screenshot_dir / f"domain_print_{lang}.pdf"
    page.pdf(path=pdf, format="A4")
    printed = "".join(
        subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    assert [title for title in titles if "".join(title.split()) not in printed] == []


def test_a_domain_shown_whole_prints_its_cards_with_their_charts(app_url, page):
    service = CATALOG[CATALOG["domain"] == "service"]
    titles = [f"{int(seq)}. {name}" for seq, name in zip(service["seq"], service["name_zh"], strict=True)]
    page.goto(f"{app_url}/service")
    page.get_by_role("heading", name=text("domain.service", "zh")).wait_for()
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for()
    wait_until_idle(page)
    page.get_by_test_id("stVegaLiteChart").nth(len(titles) - 1).wait_for()
    page.emulate_media(media="print")
    page.wait_for_timeout(500)
    # Three indicators, all on screen: paper prints the same cards, charts and all, each once.
    assert card_titles(page, titles) == titles
    assert all(chart.is_visible() for chart in page.get_by_test_id("stVegaLiteChart").all())
