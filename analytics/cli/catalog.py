"""``catalog`` (list a plan's indicators) and ``catalog import`` (add a new plan's catalog file)."""
from __future__ import annotations

import argparse
from pathlib import Path

from analytics.catalog import CATALOG_COLUMNS, plan_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.cli.data import read_input
from analytics.cli.options import TRUSTED, add_author_and_note, add_db, add_format, add_lang, add_plan, choose_plan
from analytics.cli.output import emit
from analytics.labels import both
from analytics.problems import ValidationFailed
from analytics.store import Store, file_sha256


def add_catalog_commands(commands) -> None:
    catalog = commands.add_parser(
        "catalog", help="list the indicators of a plan, or import a new plan's catalog",
        description="List the indicators of a plan as stored in the database (every column of the catalog).",
    )
    add_plan(catalog, "plan id, e.g. p14 (default: the current plan); 'all' for every plan")
    add_format(catalog, ["table", "json", "csv"], "output format")
    add_lang(catalog)
    add_db(catalog)
    catalog.set_defaults(handler=run_catalog)

    actions = catalog.add_subparsers(dest="catalog_action", required=False, metavar="{import}",
                                     help="without a subcommand, catalog lists the catalog")
    catalog_import = actions.add_parser(
        "import", help="validate a catalog file (a new plan) and add it as one revision",
        description="Check a new plan's catalog (CSV or .xlsx with the columns of data/catalog_p14.csv); "
                    "add it as one revision when it has no problem, else list every problem and exit 1. " + TRUSTED,
    )
    catalog_import.add_argument("file", type=Path, help="the catalog file, e.g. catalog_p15.csv")
    add_db(catalog_import)
    add_author_and_note(catalog_import, "why, kept in the history")
    catalog_import.set_defaults(handler=run_catalog_import)


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
    revision = store.add_plan(indicators, author=args.author, note=args.note, file_name=args.file.name,
                              sha256=file_sha256(content))
    print(both("cli.plan_added", plan=", ".join(sorted(set(indicators["plan"]))), rows=len(indicators),
               revision=revision.id))
