"""The fixtures themselves: a real PostgreSQL server and a real browser against streamlit run."""

import http.server
import threading

import pytest
import sqlalchemy as sa


def test_postgres_databases_are_real_and_isolated(postgres_server, postgres_url):
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE t (x integer)"))
        conn.execute(sa.text("INSERT INTO t VALUES (42)"))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT x FROM t")).scalar() == 42
        assert conn.execute(sa.text("SHOW server_version")).scalar().startswith("1")
    engine.dispose()
    other = sa.create_engine(postgres_server.url("postgres"))
    with other.connect() as conn:
        assert conn.execute(sa.text("SELECT to_regclass('public.t')")).scalar() is None
    other.dispose()


@pytest.mark.browser
def test_browser_clicks_a_button_and_reads_chinese(streamlit_server, page, screenshot_dir, tmp_path):
    script = tmp_path / "tiny.py"
    script.write_text(
        "import streamlit as st\nst.title('质量发展')\nif st.button('开始'):\n    st.write('已点击：达标')\n",
        encoding="utf-8",
    )
    page.goto(streamlit_server(script=str(script)))
    page.get_by_role("button", name="开始").click()
    page.get_by_text("已点击：达标").wait_for()
    page.screenshot(path=screenshot_dir / "infra_tiny.png")


@pytest.fixture
def plain_site():
    """An empty page served on 127.0.0.1 by a thread: an origin to store things under."""

    class EmptyPage(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>empty</title>")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EmptyPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
def test_the_next_tests_person_finds_no_cookie_and_nothing_stored_of_the_last(browser, plain_site):
    before = browser.new_page()
    before.goto(plain_site)
    before.evaluate("localStorage.setItem('sidebarWidth', '300'); document.cookie = 'who=li; max-age=3600'")
    assert before.evaluate("localStorage.getItem('sidebarWidth')") == "300"
    assert [cookie["name"] for cookie in before.context.cookies()] == ["who"]

    browser.forget_people()  # what the fixture does when a test ends
    assert before.is_closed()
    after = browser.new_page()
    after.goto(plain_site)
    assert after.evaluate("localStorage.getItem('sidebarWidth')") is None
    assert after.evaluate("document.cookie") == ""
    assert after.context.cookies() == []
