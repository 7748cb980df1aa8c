"""``report``: the evaluation report (中期/终期评估) or a one-page brief, as Word, PDF or Markdown.

Bad input (an unknown plan or scenario, an as-of year outside the plan, an output that cannot be
written) is one bilingual line on stderr, exit 1, and no file.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from analytics.cli.options import add_db, add_plan
from analytics.labels import both
from analytics.report.publish import build_from_store, generation_date, output_format, write_atomically
from analytics.report.render import FORMATS, render
from analytics.store import Store


def add_report_command(commands) -> None:
    parser = commands.add_parser(
        "report",
        help="the evaluation report as Word, PDF or Markdown",
        description="Write the plan's evaluation report (headline, one section per domain, the indicators that "
        "need attention with their charts, data notes, method) or, with --brief, a one-page brief, "
        "from the same figures as the dashboard.",
    )
    add_plan(parser)
    parser.add_argument("--as-of", type=int, help="figures up to this year (default: the latest year with data)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the report (default: zh)")
    parser.add_argument("--format", choices=FORMATS, help="file format (default: from the output's suffix, else docx)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--scenario", metavar="NAME", help="apply a scenario saved on /scenarios")
    parser.add_argument("--brief", action="store_true", help="a one-page brief instead of the full report")
    parser.add_argument(
        "--all-charts",
        action="store_true",
        help="full report: every indicator's chart, not only those off track or at risk",
    )
    parser.add_argument(
        "--date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="generation date printed in the title block (default: SOURCE_DATE_EPOCH, else today, UTC)",
    )
    add_db(parser)
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    report = build_from_store(
        Store(args.db),
        plan=args.plan,
        as_of=args.as_of,
        lang=args.lang,
        brief=args.brief,
        scenario_name=args.scenario,
        generated=generation_date(args.date),
        all_charts=args.all_charts,
    )
    write_atomically(args.output, render(report, output_format(args.output, args.format)))
    print(both("cli.written", file=args.output), file=sys.stderr)
    return 0
