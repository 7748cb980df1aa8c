"""Small builders for hand-computed test cases, and the one way tests run the command line and the app."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics.catalog import normalise_catalog


def indicator(**fields) -> dict:
    """One catalog row with sensible defaults: a ">=" level indicator, 2020 -> 2025."""
    row = {
        "id": "x",
        "plan": "t",
        "seq": 1,
        "name_zh": "测试",
        "name_en": "test",
        "domain": "product",
        "unit": "",
        "kind": "level",
        "comparison": ">=",
        "baseline_year": 2020,
        "baseline_value": 0.0,
        "target_year": 2025,
        "target_value": 1.0,
        "min_value": 0.0,
        "max_value": float("nan"),
    }
    row.update(fields)
    return row


def catalog_of(*rows: dict) -> pd.DataFrame:
    return normalise_catalog(pd.DataFrame(list(rows)))


def observations_of(indicator_id: str, values_by_year: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"indicator_id": indicator_id, "year": list(values_by_year), "value": list(values_by_year.values())}
    )


# --- the command line -------------------------------------------------------------------------
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CliResult:
    """What a run of ``python -m analytics`` gave: its exit code and its two outputs."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, db: str | None = None, stdin: str = "") -> CliResult:
    """Run ``python -m analytics ARGS`` in this process (``analytics.cli.main``), with
    ``PLAN_DB_URL`` set to ``db`` for the run and ``stdin`` as its standard input; a usage error
    (argparse's exit 2) is returned too."""
    from analytics.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    saved = os.environ.get("PLAN_DB_URL")
    if db is not None:
        os.environ["PLAN_DB_URL"] = db
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), _standard_input(stdin):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exit_:  # --help, or a usage error
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        if saved is None:
            os.environ.pop("PLAN_DB_URL", None)
        else:
            os.environ["PLAN_DB_URL"] = saved
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


@contextlib.contextmanager
def _standard_input(text: str):
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


def run_cli_process(*args: str, db: str | None = None, **popen) -> subprocess.CompletedProcess:
    """Run ``python -m analytics ARGS`` as a real process, as a script would."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if db is not None:
        env["PLAN_DB_URL"] = db
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=180,
        check=False,
        **popen,
    )


def streamlit_run(script: str, port: int, *options: str, **popen) -> subprocess.Popen:
    """``streamlit run SCRIPT`` on 127.0.0.1:``port`` in its own process group, headless, with no usage
    statistics and no file watcher; ``options`` are more command-line options, ``popen`` goes to Popen."""
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    command += ["--server.fileWatcherType", "none", *options]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, start_new_session=True, **popen)


def wait_until_healthy(process: subprocess.Popen, base: str, log_tail) -> None:
    """Wait up to 60 s for the server at ``base`` to answer its health check; if it exits first, fail with
    ``log_tail()``, the end of what it wrote."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log_tail()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("streamlit did not become healthy within 60 s")


def p15_catalog_csv() -> str:
    """The 14th plan's catalog copied as a 15th (2020 -> 2025 becomes 2025 -> 2030): 2025 is p14's
    target year and p15's baseline, so a bare number such as 3 depends on the plan chosen."""
    p14 = (REPO / "data" / "catalog_p14.csv").read_text(encoding="utf-8")
    return (
        p14.replace("p14", "p15")
        .replace(",2025,", ",2030,")
        .replace(",2020,", ",2025,")
        .replace("十四五", "十五五")
        .replace("14th", "15th")
        .replace("2021-2025", "2026-2030")
    )


def p15_catalog_file(folder: Path) -> Path:
    """``p15_catalog_csv()`` written as ``folder/catalog_p15.csv``."""
    path = folder / "catalog_p15.csv"
    path.write_text(p15_catalog_csv(), encoding="utf-8")
    return path


def wait_until_idle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished the current run and drawn every element: its status widget
    is gone, and so are the placeholders (``stSkeleton``) it shows while an element's code still loads,
    so that a check that something is absent cannot pass before it is drawn."""
    page.wait_for_timeout(300)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


def downloaded(page, button, *, clicks: int = 2, timeout: float = 20_000):
    """Click ``button`` (a download) once the page is idle and return the download. A file built when
    clicked is registered anew by every run of the page: a click that lands while a rerun replaces the
    button can be lost, and a person who sees nothing happen clicks again, so the test does too, once."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for click in range(clicks):
        wait_until_idle(page)
        try:
            with page.expect_download(timeout=timeout) as download:
                button.click()
            return download.value
        except PlaywrightTimeout:
            if click == clicks - 1:
                raise
    raise AssertionError("no click was made")


@dataclass
class ReadHtml:
    """What an HTML body holds as a browser parses it: each tag with its attributes, in order; each
    table's rows as cell texts, the header row first; each list item's text; each link's (href, text).
    Entities are decoded, as a browser shows them."""

    tags: list[tuple[str, list[tuple[str, str | None]]]]
    tables: list[list[list[str]]]
    items: list[str]
    links: list[tuple[str | None, str]]


def read_html(body: str) -> ReadHtml:
    from html.parser import HTMLParser

    read = ReadHtml([], [], [], [])
    open_tags: list[str] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            read.tags.append((tag, attrs))
            if tag == "table":
                read.tables.append([])
            elif tag == "tr":
                read.tables[-1].append([])
            elif tag in ("th", "td"):
                read.tables[-1][-1].append("")
            elif tag == "li":
                read.items.append("")
            elif tag == "a":
                read.links.append((dict(attrs).get("href"), ""))
            if tag != "br":
                open_tags.append(tag)

        def handle_endtag(self, tag):
            if tag in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(tag) :]

        def handle_data(self, data):
            if {"th", "td"} & set(open_tags):
                read.tables[-1][-1][-1] += data
            if "li" in open_tags:
                read.items[-1] += data
            if "a" in open_tags:
                href, shown = read.links[-1]
                read.links[-1] = (href, shown + data)

    Reader(convert_charrefs=True).feed(body)
    return read


def text_tables(at) -> list[pd.DataFrame]:
    """An AppTest page's tables drawn as text (``analytics.markup.html_table``: the twins for paper and
    the whole tables), in page order, read back as a browser reads them: labels as columns, cells as text."""
    tables = []
    for body in (h.proto.body for h in at.get("html")):
        if body.startswith('<table class="text-table">'):
            [rows] = read_html(body).tables
            tables.append(pd.DataFrame(rows[1:], columns=rows[0]))
    return tables


def phone_cards(at) -> list[ReadHtml]:
    """An AppTest page's lists of phone cards (``analytics.markup.html_cards``) read back, one per list."""
    return [read_html(h.proto.body) for h in at.get("html") if h.proto.body.startswith('<ul class="phone-cards">')]
