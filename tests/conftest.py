"""Shared fixtures: fresh databases (SQLite and a real PostgreSQL server), a running app, a browser.

A missing PostgreSQL or Chromium skips those tests on a developer's machine but fails them in CI
(CI=true or PLAN_REQUIRE_ALL=1): there a skip would hide exactly what CI is meant to prove.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import run_cli, streamlit_run, wait_until_healthy

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"

# A property's examples are judged by their results, never by how long one took or took to draw: on two busy
# cores the first example of a test can take ten times the later ones, and Hypothesis's default 200 ms deadline
# (or its too-slow health check) then fails a test whose every example holds.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


_TEST_RUNNER_MAIN = sys.modules.get("__main__")


@dataclass
class CarriedCaches:
    """Which template database the previous test's ``st.cache_data`` values were computed from, if it may pass them on.

    The app's data caches are keyed on the data revision (dashboard/data.py). A test on an untouched copy of a
    template computes exactly what the next test on another copy of that template would: that test inherits them
    (``inherited``) instead of recomputing every assessment. Every test takes the carried template away at its start
    (``test_runner_is_main``), so only directly consecutive tests share, and only :meth:`AppCaches.end` gives it
    back; a test that requests no ``shares_app_caches`` fixture starts with ``st.cache_data`` emptied instead.
    """

    template: Path | None = None
    inherited: Path | None = None


CARRIED = CarriedCaches()


@pytest.fixture
def shares_app_caches() -> None:
    """Requested by the fixtures built on :func:`app_on_a_copy`: their tests may inherit ``CARRIED`` caches."""


@pytest.fixture(autouse=True)
def test_runner_is_main(request, monkeypatch, tmp_path):
    """Keep pytest's own ``__main__``, no cache warm-up thread and a database of its own for every test.

    Streamlit's AppTest runs app.py as ``__main__``; a process a later test starts with the ``spawn``
    method would then run app.py again on start-up (and fail outside Streamlit) instead of the test's
    target. Restoring the runner's ``__main__`` keeps those processes what the test made them. The
    warm-up thread an AppTest run of app.py starts would outlive its test and open databases behind
    later tests' backs: tests/test_warmup.py turns it on where it is the subject. A test that names no
    database gets an empty one in its own directory, never the repo's ``instance/plan.db``, which two
    workers (or a developer's running app) would otherwise share. The app caches a previous test left are
    passed on only to a test that shares them (:class:`CarriedCaches`).
    """
    if _TEST_RUNNER_MAIN is not None:
        sys.modules["__main__"] = _TEST_RUNNER_MAIN
    CARRIED.inherited, CARRIED.template = CARRIED.template, None
    if CARRIED.inherited is not None and "shares_app_caches" not in request.fixturenames:
        import streamlit as st

        st.cache_data.clear()  # a test that does not expect them never meets the previous test's caches
        CARRIED.inherited = None
    monkeypatch.setenv("PLAN_WARM_UP", "0")
    monkeypatch.setenv("PLAN_DB_URL", f"sqlite:///{tmp_path}/default.db")
    yield


def require(condition: bool, reason: str) -> None:
    """Skip locally, fail in CI, when a tool the test needs is missing."""
    if condition:
        return
    if os.environ.get("CI") or os.environ.get("PLAN_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- databases ---------------------------------------------------------------------------------
@dataclass
class PostgresServer:
    port: int

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self):
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True)


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = postgres_bin()
    require(bin_dir is not None, "PostgreSQL server binaries not found (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="plan-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        account = pwd.getpwnam("postgres")
        os.chown(root, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = root / "data"

    def run(*command: str) -> None:
        subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=120)

    run(
        str(bin_dir / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    )
    run(
        str(bin_dir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "log"),
        "-w",
        "-t",
        "60",
        "-o",
        f"-h 127.0.0.1 -p {port} -k {root} -F",
        "start",
    )
    try:
        yield PostgresServer(port)
    finally:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty PostgreSQL database for one test."""
    name = f"test_{os.getpid()}_{time.monotonic_ns()}"
    with postgres_server.admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.url(name)
    with postgres_server.admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh empty database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/plan.db"
    request.applymarker(pytest.mark.postgres)
    return request.getfixturevalue("postgres_url")


# --- the app under Streamlit's AppTest ----------------------------------------------------------
@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """A SQLite file seeded from ``data/`` once per session, for tests to copy (seeding takes ~1 s)."""
    from analytics.store import Store

    path = tmp_path_factory.mktemp("demo") / "plan.db"
    Store(f"sqlite:///{path}").engine.dispose()
    return path


@pytest.fixture
def demo_db_url(demo_database, tmp_path) -> str:
    """The URL of this test's own copy (``tmp_path/demo.db``) of the seeded demo database: no seeding to wait for."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_database, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def apptest_environment():
    """Streamlit's caches emptied around the test: they are keyed on the data revision, and each
    test's database has its own revisions under the same numbers."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


# What the revision-keyed caches read (not accounts, not saved scenarios).
DATA_TABLES = ("indicators", "observations", "revisions")


def data_fingerprint(database: Path) -> list[list[tuple]]:
    """Every row of the data tables of a SQLite file (its write-ahead log included), sorted: equal means same data."""
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        return [sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in DATA_TABLES]


# Attributes a test may patch that no cached data depends on: a cheap password hash (tests/accounts_helpers.py)
# and the passcode gate's clock (``passcode_clock``).
HARMLESS_PATCHES = {("analytics.accounts.passwords", "DEFAULT_HASHER"), ("dashboard.widgets", "clock")}


def patched_attributes(monkeypatch: pytest.MonkeyPatch) -> set[tuple[str, str]]:
    """(module or object name, attribute) of every ``monkeypatch.setattr`` the test made so far.

    pytest keeps them to undo them, in an attribute it does not document: should it ever go, every test
    counts as patched and no cache is shared (slower, never wrong)."""
    made = getattr(monkeypatch, "_setattr", None)
    if made is None:
        return {("unknown", "unknown")}
    return {(getattr(target, "__name__", repr(target)), name) for target, name, _ in made} - HARMLESS_PATCHES


@dataclass
class AppCaches:
    """Streamlit's caches around one test whose app reads a copy (``copy``) of ``template``.

    ``st.cache_resource`` (the store's engine on the copy, the passcode gate, sign-in attempts) is emptied before
    and after. ``st.cache_data`` is kept from the previous test when that one left an untouched copy of the same
    template and patched nothing; it is emptied at the first session if this test changed its copy's data or
    patched a module before opening the app, and after the test unless it too leaves both untouched. (A test that
    builds an AppTest itself, not through the opener, after changing its data should open one session first.)
    """

    template: Path
    copy: Path
    monkeypatch: pytest.MonkeyPatch
    kept: bool = False

    def untouched(self) -> bool:
        return not patched_attributes(self.monkeypatch) and data_fingerprint(self.copy) == data_fingerprint(
            self.template
        )

    def start(self) -> None:
        import streamlit as st

        st.cache_resource.clear()
        self.kept = CARRIED.inherited == self.template
        if not self.kept:
            st.cache_data.clear()

    def first_session(self) -> None:
        import streamlit as st

        if self.kept and not self.untouched():
            st.cache_data.clear()
        self.kept = False

    def end(self) -> None:
        import streamlit as st

        st.cache_resource.clear()
        if self.copy.exists() and self.untouched():
            CARRIED.template = self.template
        else:
            st.cache_data.clear()


@dataclass
class FakeClock:
    """A clock that moves only when told to: ``advance(seconds)``."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def passcode_clock(monkeypatch) -> FakeClock:
    """The clock of the app's passcode gate, so a test can let the failure delay pass without sleeping."""
    from dashboard import widgets

    clock = FakeClock()
    monkeypatch.setattr(widgets, "clock", clock)
    return clock


def switch(at, page: str, **query: str):
    """Open ``dashboard/pages/{page}.py`` (with ``query`` in the URL) on the next run, and run it."""
    at.switch_page(f"dashboard/pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@dataclass
class AppOpener:
    """``open(page, lang=..., query=..., passcode=...)``: a new session of app.py, its first run on ``page``.

    Every session of one test shares the test's own copy of a seeded database (``url``).
    """

    url: str
    monkeypatch: pytest.MonkeyPatch
    caches: AppCaches | None = None  # told of the test's first session (see AppCaches.first_session)

    def __call__(
        self,
        page: str | None = "overview",
        *,
        lang: str = "zh",
        query: dict | None = None,
        passcode: str = "",
        timeout: float = 90,
    ):
        import streamlit as st
        from streamlit.testing.v1 import AppTest

        if self.caches is not None:
            self.caches.first_session()
            self.caches = None
        if passcode != os.environ.get("PLAN_ADMIN_PASSCODE", ""):
            self.monkeypatch.setenv("PLAN_ADMIN_PASSCODE", passcode)
            st.cache_resource.clear()  # the passcode gate is built once per process
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
        at.query_params.update({**({"lang": "en"} if lang == "en" else {}), **(query or {})})
        if page is None:
            return at.run()
        # Before the first run AppTest names a page by its file name, which is each page's url_path
        # except review_13th's (/review-13th): that one is reached after a first run.
        if page == "review_13th":
            at.run()
        return switch(at, page)


def open_app_on(database: Path, tmp_path: Path, monkeypatch, caches: AppCaches | None = None) -> AppOpener:
    copy = tmp_path / "plan.db"
    shutil.copy(database, copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("PLAN_DB_URL", url)
    monkeypatch.setenv("PLAN_ADMIN_PASSCODE", "")
    monkeypatch.setenv("PLAN_WARM_UP", "0")  # no background thread to outlive the test's caches (dashboard/warmup.py)
    return AppOpener(url, monkeypatch, caches)


def app_on_a_copy(template: Path, tmp_path: Path, monkeypatch):
    """Yield an :class:`AppOpener` on a copy of ``template``, with Streamlit's caches handled by :class:`AppCaches`."""
    caches = AppCaches(template, tmp_path / "plan.db", monkeypatch)
    caches.start()
    try:
        yield open_app_on(template, tmp_path, monkeypatch, caches)
    finally:
        caches.end()


@pytest.fixture
def open_app(demo_database, tmp_path, monkeypatch, shares_app_caches) -> Iterator[AppOpener]:
    """Sessions of the app on a copy of the demo database, writes open unless ``passcode`` is given."""
    yield from app_on_a_copy(demo_database, tmp_path, monkeypatch)


# --- the app in a real server ------------------------------------------------------------------
@pytest.fixture(scope="session")
def streamlit_server():
    """``start(env=None, script="app.py") -> base URL``; every server started is stopped at the end."""
    started: list[subprocess.Popen] = []

    def start(env: dict | None = None, script: str = "app.py") -> str:
        port = free_port()
        process = streamlit_run(
            script,
            port,
            # A real server warms its caches as deployed: the tests' PLAN_WARM_UP=0 is for in-process runs only.
            env={**{k: v for k, v in os.environ.items() if k != "PLAN_WARM_UP"}, **(env or {})},
            stderr=subprocess.PIPE,
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        wait_until_healthy(process, base, lambda: process.stderr.read().decode()[-2000:])
        return base

    yield start
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


# The shared server's one account, an admin made on the command line: for journeys that sign in to look
# at what a signed-in analyst sees, and never write.
SHARED_ADMIN, SHARED_ADMIN_PASSWORD = "li", "海盐-analyst-2025"


@pytest.fixture(scope="session")
def app_url(streamlit_server, tmp_path_factory):
    """The app on the seeded SQLite database, shared by the journeys that only read (each in a browser
    session of its own, as two people are); a journey that writes starts a server of its own."""
    url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'plan.db'}"
    made = run_cli(
        "user", "add", SHARED_ADMIN, "--role", "admin", "--password-stdin", db=url, stdin=SHARED_ADMIN_PASSWORD + "\n"
    )
    assert made.returncode == 0, made.stderr
    return streamlit_server({"PLAN_DB_URL": url, "PLAN_ADMIN_PASSCODE": ""})


# --- a real browser --------------------------------------------------------------------------
# What a test's people leave in a browser profile, cleared for every origin they opened once the test ends.
PERSONAL_STORAGE = "cookies,local_storage,indexeddb,service_workers,cache_storage,file_systems,websql"


@dataclass
class ChromiumProfiles:
    """Chromium kept for the whole session as one profile per kind of device, each a new person to every test.

    A fresh browser context compiles Streamlit's scripts (megabytes) anew for every page it opens, and the
    compiling was most of what the browser tests cost. A profile on disk keeps the compiled code in its cache:
    its pages open on 0.7x the machine's CPU time. What would let one test's person be seen by the next
    (cookies such as the sign-in's, Streamlit's saved sidebar and theme in local storage) is cleared by
    :meth:`forget_people` after each test; only the HTTP cache, which holds nothing of a person's, is kept.
    Pages ask for reduced motion, as some readers do, so that no animation is drawn while a test waits.
    """

    playwright: object
    root: Path
    profiles: dict = field(default_factory=dict)  # (locale, phone) -> BrowserContext
    pages: list = field(default_factory=list)
    origins: set[str] = field(default_factory=set)

    def new_page(self, *, width: int = 1400, height: int = 1000, locale: str = "zh-CN", phone: bool = False):
        """A new tab for a new person: ``width`` x ``height`` CSS pixels; ``phone`` is touch at twice the pixels."""
        context = self.profiles.get((locale, phone))
        if context is None:
            device = {"is_mobile": True, "has_touch": True, "device_scale_factor": 2} if phone else {}
            context = self.playwright.chromium.launch_persistent_context(
                str(self.root / f"{locale}{'-phone' if phone else ''}"),
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                locale=locale,
                reduced_motion="reduce",
                viewport={"width": width, "height": height},
                **device,
            )
            self.profiles[(locale, phone)] = context
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.set_default_timeout(30_000)
        page.on("framenavigated", lambda frame: self.origins.add(origin_of(frame.url)))
        self.pages.append(page)
        return page

    def forget_people(self) -> None:
        """Close every page a test opened and clear what its people stored in each profile."""
        for page in self.pages:
            if not page.is_closed():
                page.close()
        self.pages.clear()
        for context in self.profiles.values():
            cdp = context.new_cdp_session(context.pages[0])  # the blank tab a profile opens with, never closed
            for origin in self.origins - {""}:
                cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": PERSONAL_STORAGE})
            cdp.detach()
            context.clear_cookies()
        self.origins.clear()

    def close(self) -> None:
        for context in self.profiles.values():
            context.close()


def origin_of(url: str) -> str:
    """``scheme://host:port`` of an http(s) URL, else ``""``."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


@pytest.fixture(scope="session")
def chromium_profiles(tmp_path_factory) -> Iterator[ChromiumProfiles]:
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} not found (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        profiles = ChromiumProfiles(playwright, tmp_path_factory.mktemp("chromium"))
        yield profiles
        profiles.close()


@pytest.fixture
def browser(chromium_profiles) -> Iterator[ChromiumProfiles]:
    """``browser.new_page(...)``: new people for this test, forgotten when it ends."""
    yield chromium_profiles
    chromium_profiles.forget_people()


@pytest.fixture
def page(browser):
    return browser.new_page()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
