"""Print how long each group of tests took (unit, AppTest, PostgreSQL, browser) after the run.

Loaded by pytest.ini (``-p tests.group_times``). A test's group is its marker ``browser`` or
``postgres``, else ``apptest`` for the page tests (files named ``test_*page*.py``), else ``unit``. Times are the sum of each test's setup, call and
teardown: with several workers (pytest-xdist) they add up to more than the wall time.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

GROUPS = ("apptest", "postgres", "browser")
_seconds: dict[str, float] = defaultdict(float)
_counts: dict[str, int] = defaultdict(int)


def group_of(report: pytest.TestReport) -> str:
    for marker in ("browser", "postgres"):
        if marker in report.keywords:
            return marker
    test_file = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
    return "apptest" if test_file.startswith("test_") and "page" in test_file else "unit"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    group = group_of(report)
    _seconds[group] += report.duration
    if report.when == "call":
        _counts[group] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if not _counts:
        return
    parts = [f"{group} {_counts[group]} tests {_seconds[group]:.0f} s" for group in ("unit", *GROUPS) if _counts[group]]
    terminalreporter.write_line("time by group: " + ", ".join(parts))
