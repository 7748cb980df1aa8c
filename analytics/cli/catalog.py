"""``catalog`` (list a plan's indicators), ``catalog import`` (add a new plan's catalog file) and
``catalog check`` (a draft's problems and how realistic its targets are; writes nothing)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analytics.catalog import CATALOG_COLUMNS, plan_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.cli.data import read_input
from analytics.cli.options import TRUSTED, add_author_and_note, add_db, add_format, add_lang, add_plan, choose_plan
from analytics.cli.output import emit, json_record
from analytics.drafting import check_draft, read_draft
from analytics.labels import both, text
from analytics.problems import ValidationFailed
from analytics.store import Store, file_sha256


def add_catalog_commands(commands) -> None:
    catalog = commands.add_parser(
        "catalog",
        help="list the indicators of a plan, or import a new plan's catalog",
        description="List the indicators of a plan as stored in the database (every column of the catalog).",
    )
    add_plan(catalog, "plan id, e.g. p14 (default: the current plan); 'all' for every plan")
    add_format(catalog, ["table", "json", "csv"], "output format")
    add_lang(catalog)
    add_db(catalog)
    catalog.set_defaults(handler=run_catalog)

    actions = catalog.add_subparsers(
        dest="catalog_action",
        required=False,
        metavar="{import,check}",
        help="without a subcommand, catalog lists the catalog",
    )
    catalog_import = actions.add_parser(
        "import",
        help="validate a catalog file (a new plan) and add it as one revision",
        description="Check a new plan's catalog (CSV or .xlsx with the columns of data/catalog_p14.csv); "
        "add it as one revision when it has no problem, else list every problem and exit 1. " + TRUSTED,
    )
    catalog_import.add_argument("file", type=Path, help="the catalog file, e.g. catalog_p15.csv")
    add_db(catalog_import)
    add_author_and_note(catalog_import, "why, kept in the history")
    catalog_import.set_defaults(handler=run_catalog_import)

    check = actions.add_parser(
        "check",
        help="check a draft plan's catalog: its problems and how realistic each target is (writes nothing)",
        description="Check a draft plan's catalog before it is adopted, as import would, and for each row: the "
        "chance of reaching the draft target by its target year at the trend of the indicator it "
        "continues, the yearly change the target needs against the last five years' change, and a "
        "verdict (met / easy / effort / very_hard; see data/README.md). Nothing is added to the "
        "database. Exit 1 when the file has problems.",
    )
    check.add_argument("file", type=Path, help="the draft catalog file, e.g. catalog_p15.csv")
    add_format(check, ["table", "json"], "output format; json has every column and each problem's code")
    add_lang(check)
    add_db(check)
    check.set_defaults(handler=run_catalog_check)


def run_catalog(args: argparse.Namespace) -> None:
    catalog = Store(args.db).catalog()
    rows = catalog if args.plan == "all" else plan_catalog(catalog, choose_plan(catalog, args.plan))
    emit(rows.loc[:, list(CATALOG_COLUMNS)], args.format, lang=args.lang, table_columns=None)


def run_catalog_import(args: argparse.Namespace) -> None:
    store = Store(args.db)
    content = read_input(args.file)
    indicators, problems = load_catalog_file(content, args.file.name, existing=store.catalog())
    if problems:
        raise ValidationFailed(problems)
    revision = store.add_plan(
        indicators, author=args.author, note=args.note, file_name=args.file.name, sha256=file_sha256(content)
    )
    print(
        both(
            "cli.plan_added",
            plan=", ".join(sorted(set(indicators["plan"]))),
            rows=len(indicators),
            revision=revision.id,
        )
    )


CHECK_TABLE_COLUMNS = [
    "seq",
    "name",
    "unit",
    "baseline_value",
    "target_value",
    "required_annual_change",
    "recent_annual_change",
    "probability",
    "verdict",
]


def run_catalog_check(args: argparse.Namespace) -> int:
    store = Store(args.db)
    catalog = store.catalog()
    draft, problems = read_draft(read_input(args.file), args.file.name, catalog)
    checked = check_draft(draft, problems, catalog, store.observations(), lang=args.lang) if len(draft) else None
    if args.format == "json":
        rows = [] if checked is None else [json_record(r) for r in checked.to_dict("records")]
        print(
            json.dumps(
                {"rows": rows, "problems": [p.record() for p in problems], "added": False}, ensure_ascii=False, indent=1
            )
        )
    else:
        for problem in problems:
            print(f"{problem.message('zh')} / {problem.message('en')}", file=sys.stderr)
        if checked is not None:
            shown = checked.assign(verdict=[text(f"draft.verdict.{v}", args.lang) for v in checked["verdict"]])
            emit(shown, "table", lang=args.lang, table_columns=CHECK_TABLE_COLUMNS)
        print(text("draft.nothing_added", args.lang))
    return 1 if problems else 0
