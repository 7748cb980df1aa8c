"""Issue 17 on the pages (AppTest): catalog text is shown literally, never as Markdown (defect 5),
and a database that cannot be reached is one bilingual error, never a traceback (defect 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analytics.store import Store
from tests.accounts_helpers import add_accounts, sign_in, use_cheap_hashes
from tests.conftest import REPO, open_app_on, switch
from tests.helpers import read_html

IMAGE = "![x](http://evil/x.png)"
LINK = "[click](http://evil)"
TAG = "<img src=http://evil/y.png onerror=alert(1)>"  # markup, for what is drawn as HTML
# escape_markdown backslash-escapes every Markdown character: what the rendered markdown must hold
IMAGE_ESCAPED = r"\!\[x\]\(http\://evil/x\.png\)"
LINK_ESCAPED = r"\[click\]\(http\://evil\)"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """The plan's catalog with an image, a link and an HTML tag in names, a link in a plan name, a unit
    and a theme."""
    folder = tmp_path_factory.mktemp("hostile")
    for path in (REPO / "data").glob("*.csv"):
        shutil.copy(path, folder)
    catalog = (folder / "catalog_p14.csv").read_text(encoding="utf-8")
    catalog = catalog.replace("制造业产品质量平均合格率", IMAGE + "合格率", 1)  # p14-03: a product card
    catalog = catalog.replace("城市细颗粒物", LINK + "细颗粒物", 1)  # p14-26: environment
    catalog = catalog.replace("基本药物抽检合格率", TAG + "抽检合格率", 1)  # p14-05: product
    catalog = catalog.replace("海盐县质量发展“十四五”规划（2021-2025年）", LINK + "规划")  # every p14 row
    catalog = catalog.replace(",质量奖,", f",{LINK}质量奖,")  # a product theme
    (folder / "catalog_p14.csv").write_text(catalog, encoding="utf-8")
    path = folder / "plan.db"
    Store(f"sqlite:///{path}", seed_dir=folder).engine.dispose()
    return path


def rendered(at) -> list[str]:
    """Every text the page renders as Markdown: bodies of markdown, captions, titles, alerts, and
    widget labels and segmented-control options."""
    texts = [
        e.value
        for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    ]
    for kind in ("number_input", "selectbox", "text_input", "checkbox", "button"):
        texts += [widget.label for widget in getattr(at, kind)]
    for group in at.button_group:  # the theme choice: its options are Markdown too
        texts += [group.label, *map(str, group.options)]
    return [str(t) for t in texts]


def assert_literal(texts: list[str], *escaped: str) -> None:
    joined = "\n".join(texts)
    assert "](http://evil" not in joined, [t for t in texts if "](http://evil" in t]
    for form in escaped:
        assert form in joined, f"{form} not rendered"


@pytest.mark.parametrize(
    "page, query, escaped",
    [
        ("product", {"theme": "product_quality"}, (IMAGE_ESCAPED, LINK_ESCAPED)),  # a card; the theme option
        ("environment", {}, (LINK_ESCAPED,)),
        ("data", {}, (LINK_ESCAPED,)),
        ("overview", {}, (LINK_ESCAPED,)),  # the plan's name in the title
    ],
)
def test_catalog_names_with_an_image_or_a_link_are_shown_literally(
    hostile_db, tmp_path, monkeypatch, apptest_environment, page, query, escaped
):
    opener = open_app_on(hostile_db, tmp_path, monkeypatch)
    at = opener(page, query=query)
    if page == "data":  # the upload section, which names the plan, is shown to a signed-in analyst
        use_cheap_hashes(monkeypatch)
        add_accounts(opener.url)
        at = sign_in(at, "data_signin", "wang")
    assert not at.exception
    assert_literal(rendered(at), *escaped)


def test_the_indicator_page_and_its_what_if_label_show_the_name_literally(
    hostile_db, tmp_path, monkeypatch, apptest_environment
):
    at = open_app_on(hostile_db, tmp_path, monkeypatch)("indicator", query={"id": "p14-03"})
    assert not at.exception
    texts = rendered(at)
    assert_literal(texts, IMAGE_ESCAPED)
    assert any(IMAGE_ESCAPED in label for label in (w.label for w in at.number_input))  # the override's label


def test_html_is_the_apps_own_style_and_bars_and_tables_and_cards_whose_catalog_text_is_only_text(
    hostile_db, tmp_path, monkeypatch, apptest_environment
):
    # HTML is not Markdown: what st.html draws is markup. So it carries the app's own style and bars, or
    # tables for paper and cards for phones (analytics.markup) whose every text is escaped: parsed as a
    # browser parses them, they hold their own tags and nothing else, their links stay in the app, and the
    # hostile names read as text. No code of the app may pass unsafe_allow_html.
    opener = open_app_on(hostile_db, tmp_path, monkeypatch)
    markup_tags = {"table", "thead", "tbody", "tr", "th", "td", "ul", "li", "strong", "br", "a"}
    markup_starts = ('<table class="text-table">', '<ul class="phone-cards">')
    for page in ("overview", "product", "scenarios", "indicator", "data"):
        bodies = [h.proto.body for h in opener(page).get("html")]
        markup = [read_html(b) for b in bodies if b.startswith(markup_starts)]
        others = [b for b in bodies if not b.startswith(markup_starts)]
        assert others and all(b.startswith(("<style>", '<div role="progressbar"')) for b in others), page
        assert not any("evil" in b for b in others), page
        for read in markup:
            assert {tag for tag, _ in read.tags} <= markup_tags, page
            attributes = [(tag, attrs) for tag, attrs in read.tags if attrs]
            assert attributes[0] in (("table", [("class", "text-table")]), ("ul", [("class", "phone-cards")])), page
            assert all(tag == "a" and [name for name, _ in attrs] == ["href"] for tag, attrs in attributes[1:]), page
            assert all(href.startswith("/indicator?id=") for href, _ in read.links), page
        if page in ("overview", "scenarios"):  # their tables and cards name all 26 indicators: the hostile too
            texts = [c for read in markup for table in read.tables for row in table for c in row]
            texts += [item for read in markup for item in read.items]
            for name in (TAG + "抽检合格率", IMAGE + "合格率", LINK + "细颗粒物"):
                assert sum(1 for t in texts if name in t) >= 2, (page, name)  # in a table and in a card
    code = [REPO / "app.py", *sorted((REPO / "dashboard").rglob("*.py"))]
    assert [p.name for p in code if "unsafe_allow_html" in p.read_text(encoding="utf-8")] == []


def test_a_database_that_cannot_be_reached_is_one_bilingual_error(monkeypatch, apptest_environment):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PLAN_DB_URL", "postgresql+psycopg://postgres@127.0.0.1:1/none")  # nothing listens on 1
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    [error] = at.error
    assert "打开数据库时数据库出错" in error.value and "Database error while opening the database" in error.value
    assert "Traceback" not in error.value and "OperationalError" not in error.value


@pytest.mark.postgres
def test_the_database_going_down_mid_session_shows_the_error_on_the_next_run(
    postgres_server, monkeypatch, apptest_environment
):
    from streamlit.testing.v1 import AppTest

    name = "mid_session_down"
    with postgres_server.admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    monkeypatch.setenv("PLAN_DB_URL", postgres_server.url(name))
    monkeypatch.setenv("PLAN_ADMIN_PASSCODE", "")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90).run()
    assert not at.exception and not at.error
    with postgres_server.admin() as conn:  # the server loses the database while the session is open
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    at = switch(at, "product")
    assert not at.exception
    [error] = at.error
    assert (
        "读取版本历史时数据库出错" in error.value and "Database error while reading the revision history" in error.value
    )
