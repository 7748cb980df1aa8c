"""Build the charts of all 26 indicators of the 14th plan, against building each with Altair.

``analytics.charts.indicator_chart`` builds the chart layout with Altair once per (language,
unit) and then only fills in each indicator's data. The baseline, in the same process, builds
the same spec the way the app did before: the whole Altair chart for every indicator (the
layout function uncached). Prints both, the fastest of a few rounds, and their ratio.
Run: ``python benchmarks/bench_charts.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import (  # noqa: E402
    assess,
    charts,  # noqa: E402
    load_catalog,
)
from analytics.assess import achievement_points  # noqa: E402
from analytics.catalog import plan_catalog  # noqa: E402

ROUNDS = 5


def inputs() -> list[tuple[pd.Series, pd.DataFrame, dict]]:
    """Each indicator's assessed row, points, unit and range, from the seed data as of 2024."""
    catalog = plan_catalog(load_catalog(), "p14")
    observations = pd.read_csv(Path(__file__).resolve().parent.parent / "data" / "observations.csv")
    rows = assess(catalog, observations, as_of=2024).set_index("id", drop=False)
    points = achievement_points(catalog, observations, as_of=2024)
    bounds = catalog.set_index("id")[["min_value", "max_value"]]
    return [
        (
            rows.loc[i],
            points[points["indicator_id"] == i],
            {
                "unit_label": rows.at[i, "unit"],
                "min_value": bounds.at[i, "min_value"],
                "max_value": bounds.at[i, "max_value"],
            },
        )
        for i in rows.index
    ]


def build_all(cases, *, layout_each_time: bool) -> float:
    started = time.perf_counter()
    for row, points, options in cases:
        if layout_each_time:
            charts._layout.cache_clear()
        charts.indicator_chart(row, points, lang="zh", **options)
    return time.perf_counter() - started


def main() -> None:
    cases = inputs()
    charts._layout.cache_clear()
    build_all(cases, layout_each_time=False)  # the layouts of this language and these units, once
    cached = min(build_all(cases, layout_each_time=False) for _ in range(ROUNDS))
    each_time = min(build_all(cases, layout_each_time=True) for _ in range(ROUNDS))
    print(f"{len(cases)} charts, fastest of {ROUNDS} rounds")
    print(f"  Altair layout built for every chart (baseline): {each_time * 1000:8.1f} ms")
    print(f"  layout cached, data filled in:                  {cached * 1000:8.1f} ms")
    print(f"  ratio: {each_time / cached:.0f}x faster")


if __name__ == "__main__":
    main()
