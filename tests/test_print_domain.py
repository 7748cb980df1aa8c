"""On paper a domain page shows every theme (issue 14): the product page shows one theme's cards at a time on
screen, and prints the cards of all its themes as text, each once.

The expected indicators come from data/catalog_p14.csv read here with pandas, not from the app's code.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analytics.cards import Card
from analytics.formatting import escape_markdown
from analytics.labels import text
from analytics.printed import card_text, themes_on_paper
from tests.conftest import REPO

CATALOG = pd.read_csv(REPO / "data" / "catalog_p14.csv", dtype=str, keep_default_na=False)


def block(at, key: str):
    """The container keyed ``key`` (its element id ends with the key)."""
    found = [node for node in _blocks(at.main) if _id(node).endswith("-" + key)]
    assert len(found) == 1, key
    return found[0]


def _id(node) -> str:
    """A container's element id: Streamlit ends a keyed container's with its key."""
    return getattr(node.proto, "id", "") if node.proto is not None else ""


def _blocks(node):
    for child in getattr(node, "children", {}).values():
        if hasattr(child, "children"):
            yield child
            yield from _blocks(child)


def numbered_names(markdown: str) -> list[tuple[int, str]]:
    """The "**3. name**" card titles in ``markdown``, as (number, name), in order."""
    return [(int(n), name) for n, name in re.findall(r"\*\*(\d+)\. (.+?)\*\*", markdown)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_product_page_prints_every_theme_once(open_app, lang):
    product = CATALOG[CATALOG["domain"] == "product"]
    assert len(product) == 16  # catalog_p14.csv: #1-13 and #16-18
    at = open_app("product", lang=lang)
    assert not at.exception
    paper = [m.value for m in block(at, "print-only-themes_product").markdown]
    # One heading per theme, in the order of each theme's first row: the theme button's text (name and count).
    themes = product.drop_duplicates("theme")
    names = themes["theme_en" if lang == "en" else "theme_zh"]
    counts = product.groupby("theme", sort=False).size()
    headings = [p.split("\n", 1)[0] for p in paper]
    expected_headings = [
        "#### " + escape_markdown(text("domain.theme_option", lang, name=name, count=counts[theme]))
        for theme, name in zip(themes["theme"], names, strict=True)
    ]
    assert len(headings) == len(expected_headings) == 5
    assert all(h.startswith(e) for h, e in zip(headings, expected_headings, strict=True))  # then attention marks
    assert [len(numbered_names(p)) for p in paper] == counts.loc[themes["theme"]].tolist() == [2, 4, 3, 4, 3]
    # Every one of the domain's 16 indicators on paper, once, in plan order within its theme.
    on_paper = [pair for p in paper for pair in numbered_names(p)]
    name_column = "name_en" if lang == "en" else "name_zh"
    expected = sorted(
        zip(product["seq"].astype(int), map(escape_markdown, product[name_column]), strict=True),
        key=lambda pair: (themes["theme"].tolist().index(product.set_index("seq").at[str(pair[0]), "theme"]), pair[0]),
    )
    assert on_paper == expected and len(set(on_paper)) == 16
    # On screen: the theme picker and the cards of one theme, in a container that paper leaves out.
    on_screen = block(at, "screen-only-cards_product")
    assert len(on_screen.button_group) == 1
    screen_titles = [m.value for m in on_screen.markdown if re.match(r"\*\*\d+\. ", m.value)]
    assert 0 < len(screen_titles) < 16


def test_a_domain_shown_whole_on_screen_prints_as_it_is(open_app):
    service = CATALOG[CATALOG["domain"] == "service"]
    at = open_app("service")
    assert not at.exception
    # Three indicators, no theme picker: the cards on screen are what paper prints, so no text twin.
    assert len(service) == 3 and not at.main.button_group
    assert not [node for node in _blocks(at.main) if "print-only-" in _id(node)]
    assert not [node for node in _blocks(at.main) if "screen-only-cards" in _id(node)]
    titles = [m.value for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]
    assert [int(t[2:].split(".", 1)[0]) for t in titles] == service["seq"].astype(int).tolist()


def made_card(seq: int, theme: str, status: str = "on_track") -> Card:
    return Card(
        indicator_id=f"x-{seq}",
        theme=theme,
        theme_name={"a": "甲类", "b": "乙类[b]"}[theme],
        status=status,
        seq=seq,
        name=f"指标{seq}",
        status_label="",
        figures=(("2024年实际", "5个"), ("2025年目标", "不低于6个"), ("达标概率", "28%")),
        notes="说明",
        charted=True,
    )


def test_card_text_is_the_cards_title_figures_and_notes():
    shown = made_card(3, "a")
    # card.figure "{label}：{value}" joined by card.separator "；"
    assert card_text(shown, "zh") == "**3. 指标3**  \n2024年实际：5个；2025年目标：不低于6个；达标概率：28%  \n说明"
    assert text("card.details", "zh") not in card_text(shown, "zh")  # nothing to click on paper


def test_themes_on_paper_heads_each_theme_with_its_count_and_attention_marks():
    # Nine cards (more than the eight shown at once): five of theme a (one off track), four of b.
    shown = tuple(made_card(n, "a", "off_track" if n == 2 else "on_track") for n in range(1, 6)) + tuple(
        made_card(n, "b") for n in range(6, 10)
    )
    themes = themes_on_paper(shown, "zh")
    # domain.theme_option "{name}（{count}）" + " 🔴1"; catalog text escaped for Markdown ("[b]").
    assert [heading for heading, _ in themes] == [escape_markdown("甲类（5） 🔴1"), escape_markdown("乙类[b]（4）")]
    assert [numbered_names(cards) for _, cards in themes] == [
        [(n, f"指标{n}") for n in range(1, 6)],
        [(n, f"指标{n}") for n in range(6, 10)],
    ]
    # Eight cards fit on a screen at once: nothing for paper to add.
    assert themes_on_paper(shown[:8], "zh") == ()


def test_paper_leaves_out_the_what_if_sliders_but_keeps_the_scenarios_notice(open_app):
    at = open_app("product", query={"pace": "150"})
    assert not at.exception
    sliders = block(at, "screen-only-scenario_product")
    assert len(sliders.expander) == 1 and len(sliders.slider) == 2  # the plan's pace and the domain's
    # The notice that the figures are a scenario's is outside it, so it prints.
    notices = [info.value for info in at.main.info if info.value.startswith(text("scenario.active", "zh", summary=""))]
    assert len(notices) == 1 and not [info for info in sliders.info if info.value in notices]
