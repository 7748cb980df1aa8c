"""The data workflow: ``validate``, ``import``, ``history``, ``restore`` and ``export`` (issue 5)."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

from analytics.audit import audit_headers, audit_table
from analytics.cli.options import (
    FILE_PLAN_HELP,
    TRUSTED,
    add_author_and_note,
    add_db,
    add_format,
    add_lang,
    add_plan,
    add_sheet,
    choose_plan,
)
from analytics.cli.output import print_json
from analytics.errors import ConfirmationNeeded, FileMissing, XlsxNeedsOutput
from analytics.export import csv_bytes, excel_bytes, neutralise
from analytics.ingest import IngestResult, load_observations
from analytics.ingest.grid import CHUNK_BYTES, Limits, cli_limits, too_large
from analytics.labels import both, text
from analytics.preview import preview
from analytics.problems import ValidationFailed
from analytics.store import Store

HISTORY_COLUMNS = [
    "id",
    "created_at",
    "action",
    "author",
    "note",
    "file_name",
    "sha256",
    "row_count",
    "rows_new",
    "rows_changed",
    "rows_unchanged",
    "rows_removed",
    "restored_from",
    "account",
]
FILE_HELP = (
    "CSV (UTF-8, UTF-16 with a BOM, GBK; , ; or tab) or .xlsx file, long (indicator,year,value[,note,"
    "source]) or wide (one row per indicator, one column per year)"
)


def add_data_commands(commands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check a CSV/Excel file of observations; exit 1 listing every problem",
        description="Check a file of observations against the database's catalog and data without writing "
        "anything. Exit 0 when it can be imported (warnings are listed), 1 when it has errors.",
    )
    validate.add_argument("file", type=Path, help=FILE_HELP)
    add_max_mb(validate)
    add_sheet(validate)
    add_plan(validate, FILE_PLAN_HELP)
    add_format(
        validate,
        ["text", "json"],
        "text: one line per problem in Chinese and English on stderr; json: "
        "a list of problems (code, level, row, column, value, message_zh, message_en) on stdout",
    )
    add_db(validate, "; its catalog and data are checked against")
    validate.set_defaults(handler=run_validate)

    importing = commands.add_parser(
        "import",
        help="validate a file, show what changes, commit it as one revision",
        description="Validate a file of observations, print the rows new, changed and unchanged and the "
        "statuses that change, then commit it as one revision. " + TRUSTED,
    )
    importing.add_argument("file", type=Path, help=FILE_HELP)
    add_max_mb(importing)
    add_sheet(importing)
    add_plan(importing, FILE_PLAN_HELP)
    add_db(importing)
    add_author_and_note(importing, "why, or where the figures come from, kept in the history")
    importing.add_argument(
        "--yes",
        action="store_true",
        help="confirm the warnings (such as a cumulative count that falls) and commit anyway",
    )
    importing.set_defaults(handler=run_import)

    history = commands.add_parser(
        "history",
        help="list every revision, newest first",
        description="List every revision of the database, newest first: who (the "
        "account, else the author text), when (the table in Beijing time), "
        "what (rows added, changed, removed) and why (the note); csv and "
        "json also give the file, its SHA-256 and the time in UTC.",
    )
    add_db(history)
    add_format(history, ["table", "csv", "json"], "output format")
    add_lang(history)
    history.set_defaults(handler=run_history)

    restore = commands.add_parser(
        "restore",
        help="make a revision's data current again (adds a new revision)",
        description="Make the data and catalog of an earlier revision current again. Nothing is deleted: the "
        "restore is a new revision, and can itself be undone. " + TRUSTED,
    )
    restore.add_argument("revision", type=int, help="the revision to bring back (see history)")
    add_db(restore)
    add_author_and_note(restore, "why, kept in the history")
    restore.set_defaults(handler=run_restore)

    export = commands.add_parser(
        "export",
        help="the observations at a revision as CSV or Excel (long format, re-importable)",
        description="Write the observations as they stood at a revision, in the long format that import reads "
        "back unchanged. Text cells that a spreadsheet would run as a formula are prefixed with '.",
    )
    export.add_argument("--revision", type=int, help="revision number (default: the latest)")
    add_db(export)
    add_format(export, ["csv", "xlsx"], "file format")
    export.add_argument(
        "--output", type=Path, metavar="FILE", help="file to write (default: standard output; required for xlsx)"
    )
    export.set_defaults(handler=run_export)


def add_max_mb(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-mb",
        type=positive_megabytes,
        metavar="MB",
        help="refuse a larger file before reading it (default: PLAN_CLI_LIMIT_MB, else 200; "
        "the web page's limit, PLAN_UPLOAD_LIMIT_MB, does not apply here)",
    )


def positive_megabytes(raw: str) -> float:
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = 0.0
    if not megabytes > 0 or megabytes == float("inf"):
        raise argparse.ArgumentTypeError(f"not a size in MB greater than 0: {raw!r}")
    return megabytes


def checked_path(path: Path, limits: Limits) -> Path:
    """``path``, refused before reading when missing or over ``limits`` (too large: a bilingual problem)."""
    if not path.is_file():
        raise FileMissing(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise ValidationFailed([too_large(size, path.name, limits)])
    return path


def read_input(path: Path) -> bytes:
    """The file's bytes, refused before reading when over the command line's limit (200 MB)."""
    return checked_path(path, cli_limits()).read_bytes()


def streamed_sha256(path: Path) -> str:
    """The SHA-256 of a file, read a megabyte at a time (what ``file_sha256`` gives of its bytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def print_problem_lines(problems) -> None:
    for line in ValidationFailed(problems).lines():
        print(line, file=sys.stderr)


def checked_file(args: argparse.Namespace, store: Store) -> tuple[pd.DataFrame, str, pd.DataFrame, IngestResult, int]:
    """(catalog, plan, current observations, result, revision checked against) of ``args.file``,
    read from its path in chunks within the command line's limits (``--max-mb``)."""
    limits = cli_limits(args.max_mb)
    path = checked_path(args.file, limits)
    revision = store.latest_revision()  # checked against and, for import, required unchanged at commit
    catalog, current = store.catalog(revision=revision), store.observations(revision=revision)
    plan = choose_plan(catalog, args.plan)
    result = load_observations(path, path.name, catalog, plan=plan, current=current, sheet=args.sheet, limits=limits)
    return catalog, plan, current, result, revision


def run_validate(args: argparse.Namespace) -> int:
    _, plan, _, result, _ = checked_file(args, Store(args.db))
    if args.format == "json":
        print_json([p.record() for p in result.problems])
        return 1 if result.errors else 0
    if result.errors:
        raise ValidationFailed(result.problems)
    print_problem_lines(result.warnings)
    print(both("cli.valid", file=args.file.name, rows=len(result.observations), plan=plan))
    return 0


def run_import(args: argparse.Namespace) -> None:
    store = Store(args.db)
    catalog, plan, current, result, validated_at = checked_file(args, store)
    if result.errors:
        raise ValidationFailed(result.problems)
    print_problem_lines(result.warnings)
    shown = preview(current, result.observations, catalog, plan=plan)
    print(both("cli.preview", **shown.counts))
    for row in shown.statuses.itertuples(index=False):
        print(
            " / ".join(
                text(
                    "cli.status_change",
                    lang,
                    seq=row.seq,
                    name=row.name_en if lang == "en" else row.name_zh,
                    before=text(f"status.{row.status_before}", lang),
                    after=text(f"status.{row.status_after}", lang),
                )
                for lang in ("zh", "en")
            )
        )
    if result.warnings and not args.yes:
        raise ConfirmationNeeded(len(result.warnings))
    revision = store.commit_observations(
        result.observations,
        author=args.author,
        note=args.note,
        file_name=args.file.name,
        sha256=streamed_sha256(args.file),
        expected_revision=validated_at,
    )
    print(both("cli.committed", revision=revision.id, plan=plan))


def run_history(args: argparse.Namespace) -> None:
    revisions = Store(args.db).revisions()
    table = revisions.loc[:, HISTORY_COLUMNS]
    table["created_at"] = pd.to_datetime(table["created_at"], utc=True).dt.strftime("%Y-%m-%d %H:%M:%S")
    table["restored_from"] = table["restored_from"].astype("Int64")
    if args.format == "json":
        print_json(table.to_dict("records"))
    elif args.format == "csv":
        sys.stdout.write(neutralise(table).to_csv(index=False))
    else:
        shown = audit_table(revisions, args.lang).rename(columns=audit_headers(args.lang))
        with pd.option_context(
            "display.unicode.east_asian_width", True, "display.width", 250, "display.max_colwidth", 40
        ):
            print(shown.to_string(index=False, na_rep=""))


def run_restore(args: argparse.Namespace) -> None:
    revision = Store(args.db).restore(args.revision, author=args.author, note=args.note)
    print(both("cli.restored", source=args.revision, revision=revision.id))


def run_export(args: argparse.Namespace) -> None:
    rows = Store(args.db).observations(revision=args.revision).drop(columns="revision_id")
    if args.format == "xlsx":
        if args.output is None:
            raise XlsxNeedsOutput()
        args.output.write_bytes(excel_bytes(rows, sheet_name="observations"))
    elif args.output is None:
        sys.stdout.write(neutralise(rows).to_csv(index=False))
        return
    else:
        args.output.write_bytes(csv_bytes(rows))
    print(both("cli.written", file=args.output), file=sys.stderr)
