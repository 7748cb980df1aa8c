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
from analytics.catalog import CATALOG_COLUMNS, current_plan, load_catalog, plan_catalog
from analytics.errors import AsOfOutOfRange, FileMissing, PlanError, UnknownPlan
from analytics.export import neutralise
from analytics.ingest import ValidationFailed, load_observations
from analytics.labels import text
from analytics.provenance import uses_illustrative
from analytics.store import Store

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
    add_output_options(assessment)
    assessment.set_defaults(handler=run_assess)
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


def default_as_of(catalog: pd.DataFrame, observations: pd.DataFrame) -> int:
    """The latest year with an observation of the plan, else its baseline year."""
    years = observations.loc[observations["indicator_id"].isin(catalog["id"]), "year"]
    return int(years.max()) if len(years) else int(catalog["baseline_year"].min())


def run_assess(args: argparse.Namespace) -> None:
    catalog, observations = observations_for(args)
    plan = choose_plan(catalog, args.plan)
    indicators = plan_catalog(catalog, plan)
    as_of = args.as_of or default_as_of(indicators, observations)
    first, last = int(indicators["baseline_year"].min()), int(indicators["target_year"].max())
    if not first <= as_of <= last:
        raise AsOfOutOfRange(as_of, low=first, high=last)
    table = assess(indicators, observations, as_of=as_of)
    if uses_illustrative(observations, indicators["id"], as_of=as_of):
        notice = text("notice.illustrative", args.lang)
        print(notice, file=sys.stdout if args.format == "table" else sys.stderr)
    emit(table, args.format, lang=args.lang, table_columns=TABLE_COLUMNS)


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
        return shown.to_string(index=False, na_rep="", float_format=lambda v: f"{v:.6g}")
