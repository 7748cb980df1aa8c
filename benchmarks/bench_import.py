"""Import a province's data: 26 indicators for 400 regions, 30 years each (312,000 observations),
the regions' indicators added first as one plan of 10,400 indicators.

Prints, for the same long CSV file: ``pandas.read_csv`` (the baseline), validate
(``load_observations`` of the file's path with the command line's limits, as ``import`` reads
it), preview, and commit, in wall and CPU seconds (the best of three runs, commit once), with
their ratios to the baseline; and memory as a multiple of the file's DataFrame
(``memory_usage(deep=True)``), measured in a fresh process after a warm-up on the file's first
2,000 rows (so code loaded once is not counted):

- peak RSS: the process's high-water mark (``/proc/self/status`` VmHWM, reset through
  ``/proc/self/clear_refs``) above its RSS before the step: what the machine must have,
  including memory the allocators keep after it is freed;
- live data: the peak of what Python and numpy hold (tracemalloc) plus Arrow's pool peak
  (pandas' strings): what the code itself holds at most.

Goals (issue 17): validate + preview under 5x read_csv, commit under 10 s, memory under 4x. The
parts of validate and preview are timed on their own too (reading the cells, parsing and checking
them; comparing, assessing the plan before and after, listing), to show where the time goes.

Run: ``python benchmarks/bench_import.py [--regions 400] [--db URL]`` (default: a new SQLite
file in a temporary folder; give a PostgreSQL URL of an empty database to measure it instead).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import load_catalog  # noqa: E402
from analytics.changes import compare_observations  # noqa: E402
from analytics.ingest import load_observations, parse_observations, read_table  # noqa: E402
from analytics.ingest.grid import CLI_LIMITS  # noqa: E402
from analytics.preview import listed, observations_after, preview, status_changes  # noqa: E402
from analytics.store import Store  # noqa: E402

MB = 1024 * 1024
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


def timed(function, runs: int = 3):
    """(result, wall seconds, CPU seconds of this process), the best of ``runs``: on a shared
    machine the CPU time is what the code costs, the wall time what a user waits."""
    best = None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        spent = (time.perf_counter() - wall, time.process_time() - cpu)
        best = spent if best is None else (min(best[0], spent[0]), min(best[1], spent[1]))
    return result, *best


def line(label: str, wall: float, cpu: float, baseline: tuple[float, float] | None, goal: str = "") -> str:
    ratio = f"{wall / baseline[0]:6.1f}x {cpu / baseline[1]:6.1f}x" if baseline else " " * 15
    return f"{label:20s}{wall:8.2f} s {cpu:8.2f} s  {ratio}  {goal}".rstrip()


def rss(field: str) -> int:
    """``VmRSS`` or ``VmHWM`` of this process, in bytes."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith(field + ":"))


def peak_rss_of(function) -> tuple[object, int]:
    """(result, bytes the process's peak RSS rose above its RSS before ``function``)."""
    gc.collect()
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # the peak (VmHWM) starts again from the current RSS
    before = rss("VmRSS")
    result = function()
    return result, rss("VmHWM") - before


PROXIES: list = []


def live_peak_of(function) -> tuple[object, int]:
    """(result, peak bytes Python and numpy held (tracemalloc) + the peak of what Arrow (pandas'
    strings) allocated meanwhile, through a fresh proxy pool set as the default)."""
    gc.collect()
    default = pa.default_memory_pool()
    proxy = pa.proxy_memory_pool(default)
    PROXIES.append(proxy)  # kept alive: buffers it gave out may be freed through it later
    pa.set_memory_pool(proxy)
    tracemalloc.start()
    try:
        result = function()
        python_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        pa.set_memory_pool(default)
    return result, python_peak + proxy.max_memory()


STEPS = ("read_csv", "validate", "preview", "validate + preview")


def measure_memory(folder: Path, url: str, step: str) -> dict[str, float]:
    """In this fresh process: the peak RSS and live data of one of :data:`STEPS` on ``folder``'s
    file, as multiples of the file's DataFrame, after a warm-up on its first 2,000 rows."""
    path = folder / "province.csv"
    store = Store(url)
    catalog, current = store.catalog(), store.observations()
    content = path.read_bytes()
    frame_bytes = int(pd.read_csv(io.BytesIO(content)).memory_usage(deep=True).sum())
    first_rows = b"".join(content.splitlines(keepends=True)[:2000])
    warm = load_observations(first_rows, "warm.csv", catalog, plan=PLAN, current=current, limits=CLI_LIMITS)
    preview(current, warm.observations, catalog, plan=PLAN)

    def validate():
        return load_observations(path, path.name, catalog, plan=PLAN, current=current, limits=CLI_LIMITS)

    incoming = validate().observations if step == "preview" else None
    run = {
        "read_csv": lambda: pd.read_csv(io.BytesIO(content)),
        "validate": validate,
        "preview": lambda: preview(current, incoming, catalog, plan=PLAN),
        "validate + preview": lambda: preview(current, validate().observations, catalog, plan=PLAN),
    }[step]
    _, peak = peak_rss_of(run)
    _, live = live_peak_of(run)
    return {"frame_mb": frame_bytes / MB, "rss": peak / frame_bytes, "live": live / frame_bytes}


def breakdown(path: Path, catalog: pd.DataFrame, current: pd.DataFrame, incoming: pd.DataFrame) -> dict[str, float]:
    """CPU seconds (best of three) of the parts of validate and preview, each run on its own."""
    table, _ = read_table(path, path.name, limits=CLI_LIMITS)
    changes = compare_observations(current, incoming)
    after = observations_after(current, changes)
    runs = {
        "validate: read the file's cells (read_table)": lambda: read_table(path, path.name, limits=CLI_LIMITS),
        "validate: parse and check them": lambda: parse_observations(table, catalog, plan=PLAN, current=current),
        "preview: compare with the stored rows": lambda: compare_observations(current, incoming),
        "preview: assess before and after (2 x plan)": lambda: status_changes(catalog, current, after, plan=PLAN),
        "preview: list the rows with their names": lambda: listed(changes, catalog),
    }
    return {label: timed(run)[2] for label, run in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=400)
    parser.add_argument("--db", help="database URL of an empty database (default: a new SQLite file)")
    parser.add_argument("--memory-of", type=Path, help=argparse.SUPPRESS)  # a fresh process's folder
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # and the step it measures
    args = parser.parse_args()
    if args.memory_of is not None:
        print(json.dumps(measure_memory(args.memory_of, args.db, args.step)))
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    url = args.db or f"sqlite:///{folder}/plan.db"
    catalog = province_catalog(args.regions)
    content = province_file(catalog)
    path = folder / "province.csv"
    path.write_bytes(content)
    store = Store(url)
    _, plan_wall, _ = timed(lambda: store.add_plan(catalog, author="bench"), runs=1)
    frame, *read_csv = timed(lambda: pd.read_csv(io.BytesIO(content)))
    stored_catalog, current = store.catalog(), store.observations()

    def validate():
        return load_observations(path, path.name, stored_catalog, plan=PLAN, current=current, limits=CLI_LIMITS)

    result, *validating = timed(validate)
    shown, *previewing = timed(lambda: preview(current, result.observations, stored_catalog, plan=PLAN))
    assert not result.errors, result.errors[:3]

    def memory_of(step: str, **environment: str) -> dict[str, float]:
        """One step's memory, in a fresh process: what one step leaves in the allocators is not the next's."""
        child = [sys.executable, __file__, "--memory-of", str(folder), "--db", url, "--step", step]
        run = subprocess.run(child, capture_output=True, text=True, check=True, env=os.environ | environment)
        return json.loads(run.stdout)

    parts = breakdown(path, stored_catalog, current, result.observations)
    memory = {step: memory_of(step) for step in STEPS}
    # Arrow's default pool (mimalloc) keeps pages numpy cannot reuse; on the C allocator they are shared
    system_pool = memory_of("validate", ARROW_DEFAULT_MEMORY_POOL="system")
    committing = timed(lambda: store.commit_observations(result.observations, author="bench"), runs=1)
    revision = committing[0]
    both = [validating[0] + previewing[0], validating[1] + previewing[1]]
    print(
        f"file: {len(frame):,} rows, {len(content) / MB:.1f} MB; plan of {len(catalog):,} indicators "
        f"added in {plan_wall:.1f} s; database {url.split(':')[0]}"
    )
    print(f"{'':20s}{'wall':>10s} {'CPU':>10s}  {'ratios to read_csv':>15s}")
    print(line("pandas.read_csv", *read_csv, None))
    print(line("validate", *validating, read_csv))
    print(line("preview", *previewing, read_csv))
    print(line("validate + preview", *both, read_csv, "(goal < 5x)"))
    print(
        line("commit", *committing[1:], None, f"(goal < 10 s; revision {revision.id}, {revision.rows_new:,} rows new)")
    )
    print("  where the time goes (CPU, each part timed on its own)")
    for label, cpu in parts.items():
        print(f"    {label:44s}{cpu:8.2f} s {cpu / read_csv[1]:6.1f}x")
    frame_mb = memory["read_csv"]["frame_mb"]
    print(f"memory, multiples of the file's DataFrame ({frame_mb:.1f} MB)   peak RSS   live data  (goal < 4x)")
    for step in STEPS:
        print(f"  {step:20s}{'':22s}{memory[step]['rss']:6.1f}x {memory[step]['live']:10.1f}x")
    print(f"  validate, ARROW_DEFAULT_MEMORY_POOL=system   {system_pool['rss']:6.1f}x {system_pool['live']:10.1f}x")
    print(f"preview counts {shown.counts}, {len(result.warnings)} warnings")


if __name__ == "__main__":
    main()
