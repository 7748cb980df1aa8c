"""Time opening each page by its URL in Chromium, against a one-table Streamlit page served the same way.

Starts two servers exactly as the tests do (``streamlit run``, headless, on a fresh SQLite database
seeded from ``data/``): the app, and a one-table script. For each page, opens its URL in a new browser
context (no cache shared between visits) and times from navigation to the page drawn and its script
done: its title, or the table, shown and the script run over. Each page is opened ROUNDS times, the
pages taking turns, and each open right after an open of the one-table page: the ratio of that pair
is the figure (goal: its median below 1.5x), so that the machine's speed, which drifts within a
run, is the same for both sides of each ratio. Also shows what Streamlit itself adds to any page
opened by a deeper URL than "/": its frontend first asks for ``/<page>/_stcore/health`` (in case the
app is served under that path), gets 404, waits 100 ms and asks ``/_stcore/health``; the one-table
page opened as ``/table`` of a two-page app pays that too. Also the first visit after a start, which is the first visitor's wait: with ``streamlit run
app.py`` (the warm-up starts with that visit) and ``streamlit run serve.py`` (it starts with the server),
the visitor coming WARM_WAIT seconds after the server answers. Run: ``python benchmarks/bench_open.py``.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402
from tests.helpers import streamlit_run, wait_until_healthy  # noqa: E402

ROUNDS = 7
WARM_WAIT = 15.0  # seconds between the server's start and the first visit (serve.py's warm-up takes ~3-8 s)
PAGES = [
    "",
    "product",
    "service",
    "engineering",
    "environment",
    "indicator?id=p14-03",
    "scenarios",
    "review-13th",
    "data",
    "report",
    "methodology",
]
ONE_TABLE = "import streamlit as st\n\nst.table({'year': [2023, 2024], 'value': [95.9, 96.2]})\n"
# The same table as the second page of a two-page app, opened by its URL /table.
ONE_TABLE_DEEP = """import streamlit as st


def home():
    st.write("home")


def table():
    st.table({"year": [2023, 2024], "value": [95.9, 96.2]})


st.navigation([st.Page(home, default=True), st.Page(table, url_path="table")]).run()
"""
DRAWN = "[data-testid='stMain'] h1, [data-testid='stTable']"
FINISHED = "[data-testid='stApp'][data-test-script-state='notRunning']"  # the script run has ended


def start(script: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str, float]:
    """A server for ``script``; returns it, its URL and the seconds it took to answer its health check."""
    port = free_port()
    started = time.perf_counter()
    process = streamlit_run(str(script), port, env={**os.environ, **env}, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_until_healthy(process, base, lambda: f"{script} exited")
    return process, base, time.perf_counter() - started


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def open_time(browser, url: str) -> float:
    """Seconds from navigating to ``url`` until the page is drawn and its script has finished."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(DRAWN, timeout=120_000)
        page.wait_for_selector(FINISHED, timeout=120_000)
        return time.perf_counter() - started
    finally:
        context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        one_table = Path(folder) / "one_table.py"
        one_table.write_text(ONE_TABLE, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        first = {}
        for n, script in enumerate(("app.py", "serve.py")):
            env = {"PLAN_DB_URL": f"sqlite:///{folder}/first{n}.db", "PLAN_ADMIN_PASSCODE": ""}
            server, url, _ = start(REPO / script, env)
            time.sleep(WARM_WAIT)
            first[script] = open_time(browser, f"{url}/")
            stop(server)
        env = {"PLAN_DB_URL": f"sqlite:///{folder}/plan.db", "PLAN_ADMIN_PASSCODE": ""}
        deep_table = Path(folder) / "one_table_deep.py"
        deep_table.write_text(ONE_TABLE_DEEP, encoding="utf-8")
        app, app_url, app_start = start(REPO / "serve.py", env)
        table, table_url, _ = start(one_table, env)
        deep, deep_url, _ = start(deep_table, env)
        try:
            time.sleep(WARM_WAIT)
            times: dict[str, list[float]] = {page: [] for page in PAGES}
            ratios: dict[str, list[float]] = {page: [] for page in PAGES}
            reference_times, deep_ratios = [], []
            for _ in range(ROUNDS):
                reference = open_time(browser, f"{table_url}/")
                deep_ratios.append(open_time(browser, f"{deep_url}/table") / reference)
                for page in PAGES:
                    reference = open_time(browser, f"{table_url}/")
                    seconds = open_time(browser, f"{app_url}/{page}")
                    reference_times.append(reference)
                    times[page].append(seconds)
                    ratios[page].append(seconds / reference)
        finally:
            for server in (app, table, deep):
                stop(server)
            browser.close()
    print(f"opening a page by its URL in Chromium: {ROUNDS} rounds, each page right after the one-table page")
    print(f"  server up (health check answered):      {app_start:5.1f} s")
    for script, seconds in first.items():
        print(f"  first visit, {WARM_WAIT:.0f} s after `streamlit run {script}`: {seconds:5.1f} s  (overview)")
    print(
        f"  one-table page:          {statistics.median(reference_times) * 1000:6.0f} ms (median of "
        f"{len(reference_times)}); the same table opened as /table of a two-page app: "
        f"{statistics.median(deep_ratios):4.2f}x (Streamlit's base-path probe)"
    )
    worst = 0.0
    for page, page_times in times.items():
        ratio = statistics.median(ratios[page])
        worst = max(worst, ratio)
        print(
            f"  /{page:<22} {statistics.median(page_times) * 1000:6.0f} ms  ratio {ratio:4.2f}x"
            f"  (pairs {min(ratios[page]):4.2f}-{max(ratios[page]):4.2f}x)"
        )
    print(f"goal: every median ratio < 1.5x; worst {worst:.2f}x")


if __name__ == "__main__":
    main()
