"""Time the evaluation report: the full report with all 26 charts, and the one-page brief, as Word and PDF.

On the shipped demo data (a fresh SQLite database seeded from data/), as of 2024, in Chinese. The
first chart pays vl-convert's start-up (its JavaScript engine); "charts cold" empties the PNG
cache first, "charts cached" renders the second format of a report whose charts are drawn. Goal
(issue 15): full report under 5 s, brief under 1 s. Run: ``python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.report import charts, publish, render
from analytics.store import Store

ROUNDS = 3


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(build_report, brief: bool, all_charts: bool) -> tuple[dict[str, float], int]:
    """Fastest of ROUNDS for each step, and the number of charts."""
    results: dict[str, float] = {}
    for _ in range(ROUNDS):
        charts._cache.clear()
        started = time.perf_counter()
        report = build_report(brief, all_charts)
        build = time.perf_counter() - started
        docx = timed(lambda: render(report, "docx"))  # noqa: B023  (run at once; charts cold)
        pdf_cached = timed(lambda: render(report, "pdf"))  # noqa: B023
        charts._cache.clear()
        pdf_cold = timed(lambda: render(report, "pdf"))  # noqa: B023
        for key, value in (
            ("content", build),
            ("docx, charts cold", docx),
            ("pdf, charts cached", pdf_cached),
            ("pdf, charts cold", pdf_cold),
            ("content + docx", build + docx),
            ("content + pdf", build + pdf_cold),
        ):
            results[key] = min(results.get(key, float("inf")), value)
    return results, len(report.figures())


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/plan.db")

        def build_report(brief: bool, all_charts: bool = False):
            return publish.build_from_store(
                store,
                plan="p14",
                as_of=2024,
                lang="zh",
                brief=brief,
                scenario_name=None,
                generated=date(2026, 12, 1),
                all_charts=all_charts,
            )

        start_up = timed(lambda: charts.png(build_report(False).figures()[0].spec))
        print(f"vl-convert start-up and first chart: {start_up:.2f} s (once per process)")
        for label, brief, all_charts in (
            ("full report, every chart", False, True),
            ("full report, attention charts only", False, False),
            ("brief", True, False),
        ):
            results, figures = measure(build_report, brief, all_charts)
            print(
                f"{label} ({figures} charts), fastest of {ROUNDS}: "
                + ", ".join(f"{key} {value:.2f} s" for key, value in results.items())
            )


if __name__ == "__main__":
    main()
