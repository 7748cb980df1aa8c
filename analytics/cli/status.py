"""``status --year YEAR``: the data-collection board of one year (which indicators of a plan have a
figure for it, which are missing, who is answerable and when each was last changed, Beijing time)."""

from __future__ import annotations

import argparse

from analytics.catalog import plan_catalog
from analytics.cli.options import add_db, add_format, add_lang, add_plan, choose_plan
from analytics.cli.output import emit
from analytics.collection import board_summary, collection_board
from analytics.labels import text
from analytics.store import Store

TABLE_COLUMNS = ["seq", "name", "unit", "department", "reported", "value", "changed_at"]


def add_status_command(commands) -> None:
    status = commands.add_parser(
        "status",
        help="which indicators have a figure for a year, which are missing, and when each changed",
        description="The data-collection board of one year: for each indicator of a plan, whether a figure for "
        "the year is stored, its value, the unit answerable (department, blank where the catalog names "
        "none) and when it was last changed (Beijing time, UTC+8). Writes nothing.",
    )
    status.add_argument("--year", type=int, required=True, metavar="YEAR", help="the year collected, e.g. 2025")
    add_plan(status)
    add_format(status, ["table", "json", "csv"], "output format; json and csv have every column")
    add_lang(status)
    add_db(status)
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> None:
    store = Store(args.db)
    catalog = store.catalog()
    plan = choose_plan(catalog, args.plan)
    board = collection_board(plan_catalog(catalog, plan), store.observations(), store.revisions(), year=args.year)
    summary = board_summary(board, args.year)
    if args.format == "table":
        print(
            text(
                "collection.summary",
                args.lang,
                year=args.year,
                expected=summary.expected,
                reported=summary.reported,
                missing=len(summary.missing),
            )
        )
        shown = board.assign(
            reported=[text("collection.yes" if r else "collection.no", args.lang) for r in board["reported"]]
        )
        emit(shown, "table", lang=args.lang, table_columns=TABLE_COLUMNS)
    else:
        emit(board, args.format, lang=args.lang, table_columns=None)
