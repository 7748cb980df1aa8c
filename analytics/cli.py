"""``python -m analytics``: the catalog and the assessment from a terminal or a script.

Errors are one line in Chinese and English on stderr with exit code 1, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import pandas as pd

from analytics.assess import assess
from analytics.catalog import CATALOG_COLUMNS, current_plan, latest_data_year, load_catalog, plan_catalog
from analytics.errors import AsOfOutOfRange, FileMissing, PlanError, UnknownPlan
from analytics.export import neutralise
from analytics.ingest import ValidationFailed, load_observations
from analytics.labels import both, text
from analytics.provenance import uses_illustrative
from analytics.scenario import InvalidAssumption, Scenario, describe, from_json, source_text
from analytics.scenario import UnknownIndicator as UnknownScenarioIndicator
from analytics.scenario import assumptions as scenario_assumptions
from analytics.store import Store, file_sha256

TABLE_COLUMNS = [
    "seq", "name", "unit", "baseline_value", "latest_year", "latest_value", "target_value",
    "gap", "progress", "probability", "projected_value", "status",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description="Plan monitoring: catalog and assessment.")
    commands = parser.add_subparsers(dest="command", required=True)

    catalog = commands.add_parser("catalog", help="list the indicators of a plan")
    catalog.add_argument("--plan", help="plan id (default: the current plan); 'all' for every plan")
    add_output_options(catalog)
    catalog.add_argument("--db", help="database URL (default: PLAN_DB_URL or the embedded SQLite file)")
    catalog.set_defaults(handler=run_catalog)

    assessment = commands.add_parser("assess", help="assess every indicator of a plan")
    source = assessment.add_mutually_exclusive_group()
    source.add_argument("--observations", type=Path, help="long-format CSV file: indicator,year,value (database not used)")
    source.add_argument("--db", help="database URL (default: PLAN_DB_URL or the embedded SQLite file)")
    assessment.add_argument("--as-of", type=int, help="assess with data up to this year (default: latest with data)")
    assessment.add_argument("--plan", help="plan id (default: the current plan)")
    add_scenario_options(assessment)
    add_output_options(assessment)
    assessment.set_defaults(handler=run_assess)
    add_data_commands(commands, catalog)
    from analytics.report import command as report_command  # issue 15

    report_command.add_arguments(commands.add_parser("report", help="the evaluation report as Word, PDF or Markdown"))
    return parser


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["json", "csv", "table"], default="table")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the table format")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except ValidationFailed as failure:
        for problem in failure.problems:
            print(f"{problem.message('zh')} / {problem.message('en')}", file=sys.stderr)
        return 1
    except PlanError as error:
        print(str(error), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{text('cli.io_error', 'zh', value=error)} / {text('cli.io_error', 'en', value=error)}", file=sys.stderr)
        return 1
    return 0


def choose_plan(catalog: pd.DataFrame, plan: str | None) -> str:
    plan = plan or current_plan(catalog)
    if plan not in set(catalog["plan"]):
        raise UnknownPlan(plan)
    return plan


def run_catalog(args: argparse.Namespace) -> None:
    catalog = Store(args.db).catalog()
    rows = catalog if args.plan == "all" else plan_catalog(catalog, choose_plan(catalog, args.plan))
    emit(rows.loc[:, list(CATALOG_COLUMNS)], args.format, lang=args.lang, table_columns=None)


def observations_for(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(catalog, observations) from a file plus the catalog in data/, or from the database."""
    if args.observations is None:
        store = Store(args.db)
        return store.catalog(), store.observations()
    if not args.observations.is_file():
        raise FileMissing(args.observations)
    catalog = load_catalog()
    plan = choose_plan(catalog, args.plan)
    result = load_observations(args.observations.read_bytes(), args.observations.name, catalog, plan=plan)
    if result.errors:
        raise ValidationFailed(result.errors)
    return catalog, result.observations


def run_assess(args: argparse.Namespace) -> None:
    catalog, observations = observations_for(args)
    plan = choose_plan(catalog, args.plan)
    indicators = plan_catalog(catalog, plan)
    as_of = args.as_of or latest_data_year(indicators, observations)
    first, last = int(indicators["baseline_year"].min()), int(indicators["target_year"].max())
    if not first <= as_of <= last:
        raise AsOfOutOfRange(as_of, low=first, high=last)
    scenario = scenario_from_args(args, indicators)
    table, columns = assess_scenario(scenario, indicators, observations, as_of=as_of, lang=args.lang, fmt=args.format)
    if uses_illustrative(observations, indicators["id"], as_of=as_of):
        notice = text("notice.illustrative", args.lang)
        print(notice, file=sys.stdout if args.format == "table" else sys.stderr)
    emit(table, args.format, lang=args.lang, table_columns=columns)


# --- what-if scenarios on `assess` (issue 6) ------------------------------------------------------
def add_scenario_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pace", help="scenario: pace of every indicator relative to its recent trend, 0-2 (1.5 or 150%%); "
                        "0 stops an improving trend, but doubles a worsening one (2 stops that)")
    parser.add_argument("--pace-domain", action="append", default=[], metavar="DOMAIN=FACTOR",
                        help="scenario: pace of one domain, multiplying --pace (repeatable)")
    parser.add_argument("--assume", action="append", default=[], metavar="ID_OR_SEQ=CHANGE",
                        help="scenario: assumed annual change of one indicator, in its unit (repeatable; wins over pace)")
    parser.add_argument("--scenario", metavar="NAME", help="start from a scenario saved in the database")


def scenario_from_args(args: argparse.Namespace, indicators: pd.DataFrame) -> Scenario:
    """The saved scenario named (if any) with the command line's assumptions on top."""
    saved = from_json(Store(args.db).load_scenario(args.scenario)) if args.scenario else Scenario()
    domains, assumed = dict(saved.domain_pace), dict(saved.assume)
    for item in args.pace_domain:
        domain, equals, factor = item.partition("=")
        if not equals:
            raise InvalidAssumption(item)
        domains[domain.strip()] = factor
    seqs = dict(zip(indicators["seq"].astype(str), indicators["id"]))
    for item in args.assume:
        key, equals, change = item.partition("=")
        key = key.strip()
        if not equals:
            raise InvalidAssumption(item)
        if key not in set(indicators["id"]) and key not in seqs:
            raise UnknownScenarioIndicator(key)
        assumed[key if key in set(indicators["id"]) else seqs[key]] = change
    return Scenario.of(saved.pace if args.pace is None else args.pace, domains, assumed)


def assess_scenario(scenario: Scenario, indicators: pd.DataFrame, observations: pd.DataFrame, *,
                    as_of: int, lang: str, fmt: str) -> tuple[pd.DataFrame, list[str]]:
    """The assessment under ``scenario``, with the assumption used per indicator when there is one."""
    if scenario.is_baseline:
        return assess(indicators, observations, as_of=as_of), TABLE_COLUMNS
    used = scenario_assumptions(scenario, indicators, observations, as_of=as_of).set_index("id")
    change = used["annual_change"]
    table = assess(indicators, observations, as_of=as_of, annual_change=change)
    source, factor = table["id"].map(used["source"]).fillna(""), table["id"].map(used["factor"])
    if fmt == "table":
        table["assumption"] = [source_text(s, f, lang) for s, f in zip(source, factor)]
        print(describe(scenario, lang))
    else:
        table["assumption"] = source
        table["pace_factor"] = factor
        print(describe(scenario, lang), file=sys.stderr)
    return table, TABLE_COLUMNS + ["annual_change_assumed", "assumption"]


def emit(frame: pd.DataFrame, fmt: str, *, lang: str, table_columns: list[str] | None) -> None:
    if fmt == "json":
        print(json.dumps([json_record(r) for r in frame.to_dict("records")], ensure_ascii=False, indent=1))
    elif fmt == "csv":
        sys.stdout.write(neutralise(frame).to_csv(index=False))
    else:
        print(terminal_table(frame, lang=lang, columns=table_columns))


def json_record(record: dict) -> dict:
    """Numbers as numbers, missing as null."""
    clean = {}
    for key, value in record.items():
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            clean[key] = None
        elif hasattr(value, "item"):
            clean[key] = value.item()
        else:
            clean[key] = value
    return clean


def terminal_table(frame: pd.DataFrame, *, lang: str, columns: list[str] | None) -> str:
    shown = frame.copy()
    names = shown["name_en" if lang == "en" else "name_zh"].astype(str)
    shown["name"] = [n if len(n) <= 32 else n[:31] + "…" for n in names]
    if lang == "en" and "unit_en" in shown:
        shown["unit"] = shown["unit_en"]
    if "kind" in shown:
        shown["kind"] = [text(f"kind.{k}", lang) for k in shown["kind"]]
    if "status" in shown:
        shown["status"] = [text(f"status.{s}", lang) for s in shown["status"]]
    if "progress" in shown:
        shown["progress"] = [f"{p:.0%}" if pd.notna(p) else "" for p in shown["progress"]]
    if "probability" in shown:
        shown["probability"] = [f"{p:.0%}" if pd.notna(p) else "" for p in shown["probability"]]
    if "latest_year" in shown:
        shown["latest_year"] = shown["latest_year"].astype("Int64")
    columns = columns or ["id", "seq", "name", "unit", "kind", "comparison", "baseline_value", "target_value"]
    shown = shown.loc[:, columns]
    shown.columns = [text(f"col.{c}", lang) for c in columns]
    with pd.option_context("display.unicode.east_asian_width", True, "display.width", 250):
        return shown.to_string(index=False, na_rep="", float_format=lambda v: f"{v:.4g}")


# --- the data workflow: validate, import, history, restore, export, catalog import (issue 5) ---
DB_HELP = "database URL (default: PLAN_DB_URL or the embedded SQLite file)"
PLAN_HELP = ("plan whose indicator numbers and names the file uses (default: the current plan, the one with the "
             "latest target year); ids such as p14-03 are read whatever the plan")
TRUSTED = (
    "The command line runs where the database credentials are, so it is trusted: it does not ask for "
    "PLAN_ADMIN_PASSCODE (that guards the web page)."
)
HISTORY_COLUMNS = [
    "id", "created_at", "action", "author", "note", "file_name", "sha256", "row_count",
    "rows_new", "rows_changed", "rows_unchanged", "rows_removed", "restored_from",
]


def add_data_commands(commands, catalog: argparse.ArgumentParser) -> None:
    """``validate``, ``import``, ``history``, ``restore``, ``export`` and ``catalog import``."""
    validate = commands.add_parser("validate", help="check a CSV/Excel file of observations; exit 1 listing every problem")
    validate.add_argument("file", type=Path)
    validate.add_argument("--sheet", help="Excel sheet name (default: the first sheet)")
    validate.add_argument("--plan", help=PLAN_HELP)
    validate.add_argument("--db", help=DB_HELP + "; its catalog and data are checked against")
    validate.set_defaults(handler=run_validate)

    importing = commands.add_parser("import", help="validate a file, show what changes, commit it as one revision",
                                    description=TRUSTED)
    importing.add_argument("file", type=Path)
    importing.add_argument("--sheet", help="Excel sheet name (default: the first sheet)")
    importing.add_argument("--plan", help=PLAN_HELP)
    importing.add_argument("--db", help=DB_HELP)
    importing.add_argument("--author", default=default_author(), help="who commits (default: the login name)")
    importing.add_argument("--note", default="", help="why, or where the figures come from")
    importing.add_argument("--yes", action="store_true", help="confirm the warnings (such as a cumulative count that falls)")
    importing.set_defaults(handler=run_import)

    history = commands.add_parser("history", help="list every revision, newest first")
    history.add_argument("--db", help=DB_HELP)
    history.add_argument("--format", choices=["table", "csv", "json"], default="table")
    history.set_defaults(handler=run_history)

    restore = commands.add_parser("restore", help="make a revision's data current again (adds a new revision)",
                                  description=TRUSTED)
    restore.add_argument("revision", type=int)
    restore.add_argument("--db", help=DB_HELP)
    restore.add_argument("--author", default=default_author())
    restore.add_argument("--note", default="")
    restore.set_defaults(handler=run_restore)

    export = commands.add_parser("export", help="the observations at a revision as CSV or Excel (long format, re-importable)")
    export.add_argument("--revision", type=int, help="revision number (default: the latest)")
    export.add_argument("--db", help=DB_HELP)
    export.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    export.add_argument("--output", type=Path, help="file to write (default: standard output; required for xlsx)")
    export.set_defaults(handler=run_export)

    actions = catalog.add_subparsers(dest="catalog_action", required=False, metavar="{import}")
    catalog_import = actions.add_parser("import", help="validate a catalog CSV (a new plan) and add it as one revision",
                                        description=TRUSTED)
    catalog_import.add_argument("file", type=Path)
    catalog_import.add_argument("--db", help=DB_HELP)
    catalog_import.add_argument("--author", default=default_author())
    catalog_import.add_argument("--note", default="")
    catalog_import.set_defaults(handler=run_catalog_import)


def default_author() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def read_input(path: Path) -> bytes:
    if not path.is_file():
        raise FileMissing(path)
    return path.read_bytes()


def checked_file(args: argparse.Namespace, store: Store):
    """(catalog, plan, current observations, IngestResult) of ``args.file``; all problems printed."""
    from analytics.ingest import load_observations

    content = read_input(args.file)
    revision = store.latest_revision()  # checked against and, for import, required unchanged at commit
    catalog, current = store.catalog(revision=revision), store.observations(revision=revision)
    plan = choose_plan(catalog, args.plan)
    result = load_observations(content, args.file.name, catalog, plan=plan, current=current, sheet=args.sheet)
    if result.errors:
        raise ValidationFailed(result.problems)
    for problem in result.warnings:
        print(f"{problem.message('zh')} / {problem.message('en')}", file=sys.stderr)
    return catalog, plan, current, result, content, revision


def run_validate(args: argparse.Namespace) -> None:
    _, plan, _, result, _, _ = checked_file(args, Store(args.db))
    print(both("cli.valid", file=args.file.name, rows=len(result.observations), plan=plan))


def run_import(args: argparse.Namespace) -> None:
    from analytics.errors import ConfirmationNeeded
    from analytics.preview import preview

    store = Store(args.db)
    catalog, plan, current, result, content, validated_at = checked_file(args, store)
    shown = preview(current, result.observations, catalog, plan=plan)
    print(both("cli.preview", **shown.counts))
    for row in shown.statuses.itertuples(index=False):
        print(" / ".join(
            text("cli.status_change", lang, seq=row.seq, name=row.name_en if lang == "en" else row.name_zh,
                 before=text(f"status.{row.status_before}", lang), after=text(f"status.{row.status_after}", lang))
            for lang in ("zh", "en")
        ))
    if result.warnings and not args.yes:
        raise ConfirmationNeeded(len(result.warnings))
    revision = store.commit_observations(result.observations, author=args.author, note=args.note,
                                         file_name=args.file.name, sha256=file_sha256(content),
                                         expected_revision=validated_at)
    print(both("cli.committed", revision=revision.id, plan=plan))


def run_history(args: argparse.Namespace) -> None:
    table = Store(args.db).revisions().loc[:, HISTORY_COLUMNS]
    table["created_at"] = pd.to_datetime(table["created_at"], utc=True).dt.strftime("%Y-%m-%d %H:%M:%S")
    table["restored_from"] = table["restored_from"].astype("Int64")
    if args.format == "json":
        print(json.dumps([json_record(r) for r in table.to_dict("records")], ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(neutralise(table).to_csv(index=False))
    else:
        shown = table.assign(sha256=table["sha256"].str[:12])
        with pd.option_context("display.unicode.east_asian_width", True, "display.width", 250,
                               "display.max_colwidth", 40):
            print(shown.to_string(index=False, na_rep=""))


def run_restore(args: argparse.Namespace) -> None:
    revision = Store(args.db).restore(args.revision, author=args.author, note=args.note)
    print(both("cli.restored", source=args.revision, revision=revision.id))


def run_export(args: argparse.Namespace) -> None:
    from analytics.errors import XlsxNeedsOutput
    from analytics.export import csv_bytes, excel_bytes

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


def run_catalog_import(args: argparse.Namespace) -> None:
    from analytics.catalog_ingest import load_catalog_file

    store = Store(args.db)
    content = read_input(args.file)
    indicators, problems = load_catalog_file(content, args.file.name, existing=store.catalog())
    if problems:
        raise ValidationFailed(problems)
    revision = store.add_plan(indicators, author=args.author, note=args.note, file_name=args.file.name,
                              sha256=file_sha256(content))
    print(both("cli.plan_added", plan=", ".join(sorted(set(indicators["plan"]))), rows=len(indicators),
               revision=revision.id))
