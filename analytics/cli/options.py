"""The options several commands share, each defined once: --db, --plan, --format, --lang,
--sheet, --author and --note, and the plan a command works on."""

from __future__ import annotations

import argparse
import getpass

import pandas as pd

from analytics.catalog import current_plan
from analytics.errors import UnknownPlan

DB_HELP = (
    "database URL, e.g. sqlite:///instance/plan.db or postgresql+psycopg://user@host/db "
    "(default: $PLAN_DB_URL, else the embedded SQLite file instance/plan.db)"
)
PLAN_HELP = "plan id, e.g. p14 (default: the current plan, the one with the latest target year)"
FILE_PLAN_HELP = (
    "plan whose indicator numbers and names the file uses (default: the current plan, the one with "
    "the latest target year); ids such as p14-03 are read whatever the plan"
)
TRUSTED = (
    "The command line runs where the database credentials are, so it is trusted: it does not ask for "
    "PLAN_ADMIN_PASSCODE (that guards the web page)."
)


def add_db(parser: argparse.ArgumentParser, more: str = "") -> None:
    parser.add_argument("--db", metavar="URL", help=DB_HELP + more)


def add_plan(parser: argparse.ArgumentParser, help_text: str = PLAN_HELP) -> None:
    parser.add_argument("--plan", metavar="PLAN", help=help_text)


def add_format(parser: argparse.ArgumentParser, choices: list[str], help_text: str) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help=f"{help_text} (default: {choices[0]})")


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=["zh", "en"],
        default="zh",
        help="language of the table format's headers, names and statuses (default: zh)",
    )


def add_sheet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sheet", metavar="NAME", help="Excel sheet to read (default: the first sheet)")


def add_author_and_note(parser: argparse.ArgumentParser, note_help: str) -> None:
    parser.add_argument(
        "--author", default=default_author(), help="who makes the change, kept in the history (default: the login name)"
    )
    parser.add_argument("--note", default="", help=note_help)


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def choose_plan(catalog: pd.DataFrame, plan: str | None) -> str:
    """``plan``, or the current plan when none is given; ``UnknownPlan`` if the catalog lacks it."""
    plan = plan or current_plan(catalog)
    if plan not in set(catalog["plan"]):
        raise UnknownPlan(plan)
    return plan
