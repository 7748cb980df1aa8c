"""Time a domain page's rerun after a widget change, against a blank page's rerun, with AppTest.

Opens the app on a fresh SQLite database seeded from ``data/``, changes the as-of year back and
forth and times each rerun, on the overview, each domain page and a blank page of the same app (app.py's
sidebar and navigation, an empty page body: a copy of app.py in a temporary folder with one
extra page), the pages taking turns. Prints each page's ratio to the blank page, of the fastest
reruns and of the medians (target: below 3x), and for reference a blank one-widget script's
rerun and the first visit to a year (a cache miss: the year's assessment and charts are built).
Run: ``python benchmarks/bench_pages.py``.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from analytics.labels import text  # noqa: E402

ROUNDS = 30
# The product page shows one theme at a time (2 cards at first); ?theme=all draws all 16.
PAGES = [
    "dashboard/pages/overview.py",
    "dashboard/pages/product.py",
    "dashboard/pages/product.py?theme=all",
    "dashboard/pages/service.py",
    "dashboard/pages/engineering.py",
    "dashboard/pages/environment.py",
]


def _timed(at: AppTest) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return elapsed


def blank_reruns() -> list[float]:
    script = "import streamlit as st\nst.selectbox('year', [2023, 2024], key='year')\n"
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    times = []
    for round_ in range(ROUNDS):
        at.selectbox[0].set_value([2023, 2024][round_ % 2])
        times.append(_timed(at))
    return times


def app_with_blank_page(folder: Path) -> Path:
    """A copy of app.py with one more page, ``blank.py`` (empty), beside links to the real pages."""
    source = (REPO / "app.py").read_text(encoding="utf-8")
    anchor = re.search(r"navigation = st\.navigation\(\s*\[\n", source)
    if anchor is None:
        raise RuntimeError("app.py no longer lists its pages in one st.navigation call; update this benchmark")
    blank_page = '    st.Page("blank.py", title="blank", url_path="blank"),\n'
    with_blank = source[: anchor.end()] + blank_page + source[anchor.end() :]
    (folder / "app.py").write_text(with_blank, encoding="utf-8")
    (folder / "blank.py").write_text("", encoding="utf-8")
    (folder / "dashboard").symlink_to(REPO / "dashboard")
    return folder / "app.py"


def open_page(app: Path, page: str) -> AppTest:
    """``page`` is a file, with a query string for a page's choice: product.py?theme=all shows all 16 cards."""
    path, _, query = page.partition("?")
    at = AppTest.from_file(str(app), default_timeout=120)
    at.run()
    at.switch_page(path)
    for pair in filter(None, query.split("&")):
        key, _, value = pair.partition("=")
        at.query_params[key] = value
    return at.run()


def as_of_box(at: AppTest):
    return next(box for box in at.sidebar.selectbox if box.label == text("sidebar.as_of", "zh"))


def first_visit(at: AppTest) -> float:
    """Move to the year before the latest: its assessment is computed and cached here."""
    box = as_of_box(at)
    box.set_value(box.value - 1)
    return _timed(at)


def interleaved_reruns(pages: dict[str, AppTest]) -> dict[str, list[float]]:
    """Each round reruns every page once, in turn, after flipping its as-of year, so that a
    slow spell on the machine falls on all pages alike rather than on whichever ran then."""
    years = {page: [as_of_box(at).value, as_of_box(at).value + 1] for page, at in pages.items()}
    times = {page: [] for page in pages}
    for round_ in range(ROUNDS):
        for page, at in pages.items():
            as_of_box(at).set_value(years[page][round_ % 2])
            times[page].append(_timed(at))
    return times


def pace_moves(at: AppTest) -> list[float]:
    """Reruns after moving the page's overall pace slider to a pace not tried before: each one
    is a new scenario, so the assessment and the charts are built afresh (a cache miss)."""
    slider = lambda: at.slider(key="scenario_w.pace")  # noqa: E731
    times = []
    for pace in range(105, 205, 10)[:ROUNDS]:
        slider().set_value(pace)
        times.append(_timed(at))
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PLAN_DB_URL"] = f"sqlite:///{folder}/plan.db"
        os.environ["PLAN_WARM_UP"] = "0"  # reruns are timed here: no background thread competing
        app = app_with_blank_page(Path(folder))
        script = min(blank_reruns())
        pages = {page: open_page(app, page) for page in ["blank.py", *PAGES]}
        first_visits = {page: first_visit(at) for page, at in pages.items()}
        times = interleaved_reruns(pages)
        what_if = pace_moves(pages["dashboard/pages/product.py?theme=all"])
    blank = times.pop("blank.py")
    # The machine may be shared: the fastest of many reruns is the least disturbed measurement.
    print(f"reruns after an as-of change, fastest of {ROUNDS}, pages interleaved (median in brackets)")
    print(f"  blank one-widget script:          {script * 1000:7.1f} ms")
    print(f"  blank page of the app:            {min(blank) * 1000:7.1f} ms  ({statistics.median(blank) * 1000:.1f})")
    for page, page_times in times.items():
        fastest, median = min(page_times), statistics.median(page_times)
        print(
            f"  {page.removeprefix('dashboard/pages/'):<32} {fastest * 1000:7.1f} ms  ({median * 1000:.1f})"
            f"  ratio to blank {fastest / min(blank):5.2f}x ({median / statistics.median(blank):.2f}x)"
            f"  first visit to a year {first_visits[page] * 1000:.0f} ms"
        )
    print("target: ratio < 3x")
    print(
        f"product page (all 16 cards) after a new pace on its slider: fastest {min(what_if) * 1000:.0f} ms,"
        f" median {statistics.median(what_if) * 1000:.0f} ms of {len(what_if)} (each a new scenario)"
    )


if __name__ == "__main__":
    main()
