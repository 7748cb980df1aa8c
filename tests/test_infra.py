"""The fixtures themselves: a real PostgreSQL server and a real browser against streamlit run."""

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
