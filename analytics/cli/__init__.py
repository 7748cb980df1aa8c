"""``python -m analytics``: the parser and ``main``, which runs one command and turns every
error a user can act on into one bilingual line on stderr with exit code 1 (no traceback).

Commands live by group: ``catalog`` (list, import), ``assess`` (with scenarios),
``data`` (validate, import, history, restore, export), ``report``, ``status`` (the collection
board) and ``user`` (accounts); ``options`` defines the options they share once, ``output`` the
formats they print.
"""

from __future__ import annotations

import argparse
import os
import sys

from analytics.cli.assess import add_assess_command
from analytics.cli.catalog import add_catalog_commands
from analytics.cli.data import add_data_commands
from analytics.cli.report import add_report_command
from analytics.cli.status import add_status_command
from analytics.cli.users import add_user_commands
from analytics.errors import PlanError
from analytics.labels import both
from analytics.problems import ValidationFailed

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analytics",
        description="Monitor a plan's indicators from a terminal or a script: list the catalog, assess every "
        "indicator (with what-if scenarios), and check, import, list, restore and export data. "
        "Errors are one line in Chinese and English on stderr, with exit code 1.",
    )
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="COMMAND",
        help="one of these; python -m analytics COMMAND --help shows its options",
    )
    add_catalog_commands(commands)
    add_assess_command(commands)
    add_data_commands(commands)
    add_report_command(commands)
    add_user_commands(commands)
    add_status_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.handler(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handling below
    except BrokenPipeError:
        quiet_stdout()
        return 0
    except ValidationFailed as failure:
        for line in failure.lines():
            print(line, file=sys.stderr)
        return 1
    except PlanError as error:
        print(str(error), file=sys.stderr)
        return 1
    except OSError as error:
        print(both("cli.io_error", value=error), file=sys.stderr)
        return 1
    return code or 0


def quiet_stdout() -> None:
    """The reader of our output has gone (``| head``): stop writing, as Unix tools do.

    Standard output is pointed at /dev/null so the interpreter's final flush does not fail again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture output in memory)
        pass
