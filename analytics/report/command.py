"""``python -m analytics report``: the evaluation report as a Word, PDF or Markdown file.

Bad input (an unknown plan or scenario, an as-of year outside the plan) is one bilingual line on
stderr, exit 1, and no file. The file is written to a temporary file in the target's folder and
moved into place, so a failed write never leaves a partial file behind.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from analytics.catalog import current_plan, latest_data_year, plan_catalog
from analytics.errors import PlanError, UnknownPlan
from analytics.labels import both
from analytics.report.content import ReportRequest, build
from analytics.report.render import FORMATS, render
from analytics.scenario import Scenario, from_json
from analytics.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plan", help="plan id (default: the current plan)")
    parser.add_argument("--as-of", type=int, help="figures up to this year (default: the latest year with data)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the report (default: zh)")
    parser.add_argument("--format", choices=FORMATS, help="file format (default: from the output's suffix, else docx)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--scenario", metavar="NAME", help="apply a scenario saved on /scenarios")
    parser.add_argument("--brief", action="store_true", help="a one-page brief instead of the full report")
    parser.add_argument("--all-charts", action="store_true",
                        help="full report: every indicator's chart, not only those off track or at risk")
    parser.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="generation date printed in the title block (default: SOURCE_DATE_EPOCH, else today, UTC)")
    parser.add_argument("--db", help="database URL (default: PLAN_DB_URL or the embedded SQLite file)")
    parser.set_defaults(handler=_handle)


def generation_date(given: date | None = None) -> date:
    """The date given, else SOURCE_DATE_EPOCH (reproducible builds), else today in UTC."""
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.date()


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = args.output.suffix.lower().lstrip(".")
    return {"markdown": "md"}.get(suffix, suffix) if suffix in FORMATS + ("markdown",) else "docx"


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, then move it into place; no partial file on failure."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_from_store(store: Store, *, plan: str | None, as_of: int | None, lang: str, brief: bool,
                     scenario_name: str | None, generated: date, all_charts: bool = False):
    """The report at the store's latest revision (one snapshot for catalog, data and revision number)."""
    revision = store.latest_revision()
    catalog, observations = store.catalog(revision=revision), store.observations(revision=revision)
    plan = plan or current_plan(catalog)
    indicators = plan_catalog(catalog, plan)
    if indicators.empty:
        raise UnknownPlan(plan)
    scenario = from_json(store.load_scenario(scenario_name)) if scenario_name else Scenario()
    request = ReportRequest(plan=plan, as_of=as_of or latest_data_year(indicators, observations), lang=lang,
                            brief=brief, scenario_name=scenario_name or "", generated=generated,
                            all_charts=all_charts)
    return build(catalog, observations, request, revision=revision, scenario=scenario)


def run(args: argparse.Namespace) -> int:
    """Build and write the report; 0, or 1 with one bilingual line on stderr."""
    try:
        report = build_from_store(Store(args.db), plan=args.plan, as_of=args.as_of, lang=args.lang, brief=args.brief,
                                  scenario_name=args.scenario, generated=generation_date(args.date),
                                  all_charts=args.all_charts)
        content = render(report, output_format(args))
    except PlanError as error:
        print(str(error), file=sys.stderr)
        return 1
    try:
        write_atomically(args.output, content)
    except OSError as error:
        print(both("report.error.write", value=args.output, reason=error.strerror or error), file=sys.stderr)
        return 1
    print(both("cli.written", file=args.output), file=sys.stderr)
    return 0


def _handle(args: argparse.Namespace) -> None:
    """The ``analytics.cli`` handler: its exit code is the process's."""
    code = run(args)
    if code:
        raise SystemExit(code)
