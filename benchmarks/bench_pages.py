"""Time a domain page's rerun after a widget change, against a blank page's rerun, with AppTest.

Opens the app on a fresh SQLite database seeded from ``data/``, changes the as-of year back and
forth and times each rerun, on the product page and on a blank page of the same app (app.py's
sidebar and navigation, an empty page body: a copy of app.py in a temporary folder with one
extra page). Prints the ratio of the medians (target: below 3x), and for reference a blank
one-widget script's rerun and the first visit to a year (a cache miss).
Run: ``python benchmarks/bench_pages.py``.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from analytics.labels import text  # noqa: E402

ROUNDS = 20
DOMAIN_PAGES = ["pages/product.py", "pages/service.py", "pages/engineering.py", "pages/environment.py"]


def _app_navigation_only() -> None:
    """AppTest re-enables legacy pages/ discovery before each run; a real server turns it off once."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def _timed(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed


def blank_reruns() -> list[float]:
    at = AppTest.from_string("import streamlit as st\nst.selectbox('year', [2023, 2024], key='year')\n", default_timeout=60)
    at.run()
    times = []
    for round_ in range(ROUNDS):
        at.selectbox[0].set_value([2023, 2024][round_ % 2])
        times.append(_timed(at))
    return times


def app_with_blank_page(folder: Path) -> Path:
    """A copy of app.py with one more page, ``blank.py`` (empty), beside links to the real pages."""
    source = (REPO / "app.py").read_text(encoding="utf-8")
    anchor = "PAGES = [\n"
    if anchor not in source:
        raise RuntimeError("app.py no longer lists its pages in PAGES; update this benchmark")
    (folder / "app.py").write_text(source.replace(anchor, anchor + '    ("blank.py", "page.overview", "blank", "⬜"),\n'),
                                   encoding="utf-8")
    (folder / "blank.py").write_text("", encoding="utf-8")
    (folder / "pages").symlink_to(REPO / "pages")
    return folder / "app.py"


def page_reruns(app: Path, page: str) -> tuple[float, list[float]]:
    at = AppTest.from_file(str(app), default_timeout=120)
    at.run()
    at.switch_page(page).run()

    def as_of():
        return next(box for box in at.sidebar.selectbox if box.label == text("sidebar.as_of", "zh"))

    years = [as_of().value, as_of().value - 1]
    as_of().set_value(years[1])
    first_visit = _timed(at)  # this year's assessment is computed and cached here
    times = []
    for round_ in range(ROUNDS):
        as_of().set_value(years[round_ % 2])
        times.append(_timed(at))
    return first_visit, times


def main() -> None:
    _app_navigation_only()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PLAN_DB_URL"] = f"sqlite:///{folder}/plan.db"
        app = app_with_blank_page(Path(folder))
        script = min(blank_reruns())
        _, blank = page_reruns(app, "blank.py")
        pages = {page: page_reruns(app, page) for page in DOMAIN_PAGES}
    # The machine may be shared: the fastest of many reruns is the least disturbed measurement.
    print(f"reruns after an as-of change, fastest of {ROUNDS} (median in brackets)")
    print(f"  blank one-widget script:          {script * 1000:7.1f} ms")
    print(f"  blank page of the app:            {min(blank) * 1000:7.1f} ms  ({statistics.median(blank) * 1000:.1f})")
    for page, (first_visit, times) in pages.items():
        print(f"  {page:<32} {min(times) * 1000:7.1f} ms  ({statistics.median(times) * 1000:.1f})"
              f"  ratio to blank {min(times) / min(blank):5.2f}x ({statistics.median(times) / statistics.median(blank):.2f}x)"
              f"  first visit to a year {first_visit * 1000:.0f} ms")
    print("target: ratio < 3x")

if __name__ == "__main__":
    main()
