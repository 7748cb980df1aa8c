"""Time opening each page by its URL in Chromium, against a one-table Streamlit page served the same way.

Starts two servers exactly as the tests do (``streamlit run``, headless, on a fresh SQLite database
seeded from ``data/``): the app, and a one-table script. For each page, opens its URL in a new browser
context (no cache shared between visits) and times from navigation to the page drawn and its script
done: its title, or the table, shown and the script run over. Each page is opened ROUNDS times, the
pages taking turns; prints each page's median and its ratio to the one-table page's median (goal:
below 1.5x). Also the first visit after a start, which is the first visitor's wait: with ``streamlit run
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
        app, app_url, app_start = start(REPO / "serve.py", env)
        table, table_url, _ = start(one_table, env)
        try:
            time.sleep(WARM_WAIT)
            times: dict[str, list[float]] = {page: [] for page in ["(one table)", *PAGES]}
            for _ in range(ROUNDS):
                times["(one table)"].append(open_time(browser, f"{table_url}/"))
                for page in PAGES:
                    times[page].append(open_time(browser, f"{app_url}/{page}"))
        finally:
            stop(app)
            stop(table)
            browser.close()
    reference_times = times.pop("(one table)")
    reference, fastest_reference = statistics.median(reference_times), min(reference_times)
    print(f"opening a page by its URL in Chromium, median of {ROUNDS} (fastest in brackets)")
    print(f"  server up (health check answered):      {app_start:5.1f} s")
    for script, seconds in first.items():
        print(f"  first visit, {WARM_WAIT:.0f} s after `streamlit run {script}`: {seconds:5.1f} s  (overview)")
    print(f"  one-table page:          {reference * 1000:6.0f} ms ({fastest_reference * 1000:5.0f})")
    worst = 0.0
    for page, page_times in times.items():
        ratio = statistics.median(page_times) / reference
        worst = max(worst, ratio)
        print(
            f"  /{page:<22} {statistics.median(page_times) * 1000:6.0f} ms ({min(page_times) * 1000:5.0f})"
            f"  ratio {ratio:4.2f}x ({min(page_times) / fastest_reference:4.2f}x)"
        )
    print(f"goal: every ratio of medians < 1.5x; worst {worst:.2f}x (fastest in brackets)")


if __name__ == "__main__":
    main()
