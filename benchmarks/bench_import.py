"""Import a province's data: 26 indicators for 400 regions, 30 years each (312,000 observations),
the regions' indicators added first as one plan of 10,400 indicators.

Prints, for the same long CSV file: ``pandas.read_csv`` (the baseline), validate
(``load_observations`` with the command line's limits), preview, and commit, in wall and CPU
seconds, with their ratios to the baseline; and the peak memory Python allocated while validating
and previewing (tracemalloc, a second pass) as a multiple of the file's DataFrame
(``memory_usage(deep=True)``).
Goals (issue 17): validate + preview under 5x read_csv, commit under 10 s, memory under 4x.

Run: ``python benchmarks/bench_import.py [--regions 400] [--db URL]`` (default: a new SQLite
file in a temporary folder; give a PostgreSQL URL of an empty database to measure it instead).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import load_catalog  # noqa: E402
from analytics.ingest import load_observations  # noqa: E402
from analytics.ingest.grid import CLI_LIMITS  # noqa: E402
from analytics.preview import preview  # noqa: E402
from analytics.store import Store  # noqa: E402

FIRST_YEAR, YEARS = 1996, 30  # 1996-2025: baseline year 1996, target year 2025
PLAN = "prov"


def province_catalog(regions: int) -> pd.DataFrame:
    """The 14th plan's 26 indicators once per region, as one plan over 30 years."""
    base = load_catalog().query("plan == 'p14'")
    parts = []
    for region in range(regions):
        part = base.assign(
            id=base["id"].str.replace("p14", f"r{region:03d}"),
            seq=base["seq"] + 26 * region,
            name_zh=base["name_zh"] + f"（{region:03d}区）",
            name_en=base["name_en"] + f" (r{region:03d})",
        )
        parts.append(part)
    catalog = pd.concat(parts, ignore_index=True)
    return catalog.assign(
        plan=PLAN,
        plan_name_zh="全省",
        plan_name_en="Province",
        baseline_year=FIRST_YEAR,
        target_year=FIRST_YEAR + YEARS - 1,
    )


def province_file(catalog: pd.DataFrame, seed: int = 1) -> bytes:
    """A long CSV (indicator, year, value) of every indicator's 30 years: values within bounds,
    counts that never fall."""
    rng = np.random.default_rng(seed)
    years = np.arange(FIRST_YEAR, FIRST_YEAR + YEARS)
    start = catalog["baseline_value"].to_numpy(dtype=float)
    step = np.abs(catalog["target_value"].to_numpy(dtype=float) - start) / YEARS
    values = start[:, None] + step[:, None] * np.arange(YEARS)[None, :] * rng.uniform(0.8, 1.2, (len(catalog), 1))
    upper = catalog["max_value"].fillna(np.inf).to_numpy()[:, None]
    values = np.round(np.clip(values, 0, upper), 2)
    frame = pd.DataFrame(
        {
            "indicator_id": np.repeat(catalog["id"].to_numpy(), YEARS),
            "year": np.tile(years, len(catalog)),
            "value": values.ravel(),
        }
    )
    return frame.to_csv(index=False).encode("utf-8")


def timed(function):
    """(result, wall seconds, CPU seconds of this process): on a shared machine the CPU time is
    what the code costs, the wall time what a user waits."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def line(label: str, wall: float, cpu: float, baseline: tuple[float, float] | None, goal: str = "") -> str:
    ratio = f"{wall / baseline[0]:6.1f}x {cpu / baseline[1]:6.1f}x" if baseline else " " * 15
    return f"{label:20s}{wall:8.2f} s {cpu:8.2f} s  {ratio}  {goal}".rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=400)
    parser.add_argument("--db", help="database URL of an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    url = args.db or f"sqlite:///{folder}/plan.db"
    catalog = province_catalog(args.regions)
    content = province_file(catalog)
    store = Store(url)
    _, plan_wall, _ = timed(lambda: store.add_plan(catalog, author="bench"))
    frame, *read_csv = timed(lambda: pd.read_csv(io.BytesIO(content)))
    frame_bytes = frame.memory_usage(deep=True).sum()
    stored_catalog, current = store.catalog(), store.observations()

    def validate():
        return load_observations(content, "province.csv", stored_catalog, plan=PLAN, current=current, limits=CLI_LIMITS)

    result, *validating = timed(validate)
    shown, *previewing = timed(lambda: preview(current, result.observations, stored_catalog, plan=PLAN))
    assert not result.errors, result.errors[:3]
    tracemalloc.start()  # a second pass, for memory only: tracing slows the code it measures
    preview(current, validate().observations, stored_catalog, plan=PLAN)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    revision, *committing = timed(lambda: store.commit_observations(result.observations, author="bench"))
    both = [validating[0] + previewing[0], validating[1] + previewing[1]]
    print(
        f"file: {len(frame):,} rows, {len(content) / 1024 / 1024:.1f} MB; plan of {len(catalog):,} indicators "
        f"added in {plan_wall:.1f} s; database {url.split(':')[0]}"
    )
    print(f"{'':20s}{'wall':>10s} {'CPU':>10s}  {'ratios to read_csv':>15s}")
    print(line("pandas.read_csv", *read_csv, None))
    print(line("validate", *validating, read_csv))
    print(line("preview", *previewing, read_csv))
    print(line("validate + preview", *both, read_csv, "(goal < 5x)"))
    print(line("commit", *committing, None, f"(goal < 10 s; revision {revision.id}, {revision.rows_new:,} rows new)"))
    print(
        f"peak memory         {peak / 1024 / 1024:8.0f} MB, {peak / frame_bytes:.1f}x the DataFrame's "
        f"{frame_bytes / 1024 / 1024:.0f} MB  (goal < 4x; validate + preview, tracemalloc)"
    )
    print(f"preview counts {shown.counts}, {len(result.warnings)} warnings")


if __name__ == "__main__":
    main()
