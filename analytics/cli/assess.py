"""``assess``: every indicator of a plan assessed at a year, from the database or a file,
optionally under a what-if scenario (--pace, --pace-domain, --assume, --scenario)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analytics.assess import assess
from analytics.catalog import latest_data_year, plan_catalog
from analytics.cli.data import read_input
from analytics.cli.options import add_db, add_format, add_lang, add_plan, add_sheet, choose_plan
from analytics.cli.output import emit
from analytics.errors import AsOfOutOfRange
from analytics.ingest import load_observations
from analytics.labels import text
from analytics.problems import ValidationFailed
from analytics.provenance import uses_illustrative
from analytics.review import provisional_line
from analytics.scenario import InvalidAssumption, Scenario, describe, from_json, source_text
from analytics.scenario import UnknownIndicator as UnknownScenarioIndicator
from analytics.scenario import assumptions as scenario_assumptions
from analytics.store import Store

TABLE_COLUMNS = [
    "seq",
    "name",
    "unit",
    "baseline_value",
    "latest_year",
    "latest_value",
    "target_value",
    "gap",
    "progress",
    "probability",
    "projected_value",
    "status",
]


def add_assess_command(commands) -> None:
    assessment = commands.add_parser(
        "assess",
        help="assess every indicator of a plan",
        description="Assess every indicator of a plan: latest value, gap to target, progress, projection to the "
        "target year with its probability of meeting the target, and status. The catalog always comes "
        "from the database; the observations too, unless --observations names a file.",
    )
    assessment.add_argument(
        "--observations",
        type=Path,
        metavar="FILE",
        help="CSV or Excel file of observations (long or wide, as for validate) to assess "
        "instead of the database's; the database's catalog names the indicators",
    )
    add_sheet(assessment)
    add_db(assessment)
    assessment.add_argument(
        "--as-of",
        type=int,
        metavar="YEAR",
        help="assess with the data up to this year (default: the latest year with data)",
    )
    add_plan(assessment)
    add_scenario_options(assessment)
    add_format(assessment, ["table", "json", "csv"], "output format; json and csv have every column")
    add_lang(assessment)
    assessment.set_defaults(handler=run_assess)


def add_scenario_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pace",
        metavar="FACTOR",
        help="scenario: pace of every indicator relative to its recent trend, 0-2 (1.5 or "
        "150%%); 0 stops an improving trend, but doubles a worsening one (2 stops that)",
    )
    parser.add_argument(
        "--pace-domain",
        action="append",
        default=[],
        metavar="DOMAIN=FACTOR",
        help="scenario: pace of one domain, multiplying --pace (repeatable)",
    )
    parser.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="ID_OR_SEQ=CHANGE",
        help="scenario: assumed annual change of one indicator, in its unit (repeatable; wins over pace)",
    )
    parser.add_argument("--scenario", metavar="NAME", help="start from a scenario saved in the database")


def observations_for(args: argparse.Namespace, store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(catalog, observations): the database's catalog, with the observations of the file if one is given."""
    catalog = store.catalog()
    if args.observations is None:
        return catalog, store.observations()
    content = read_input(args.observations)
    plan = choose_plan(catalog, args.plan)
    result = load_observations(content, args.observations.name, catalog, plan=plan, sheet=args.sheet)
    if result.errors:
        raise ValidationFailed(result.errors)
    return catalog, result.observations


def run_assess(args: argparse.Namespace) -> None:
    store = Store(args.db)
    catalog, observations = observations_for(args, store)
    plan = choose_plan(catalog, args.plan)
    indicators = plan_catalog(catalog, plan)
    as_of = args.as_of or latest_data_year(indicators, observations)
    first, last = int(indicators["baseline_year"].min()), int(indicators["target_year"].max())
    if not first <= as_of <= last:
        raise AsOfOutOfRange(as_of, low=first, high=last)
    scenario = scenario_from_args(args, indicators, store)
    table, columns = assess_scenario(scenario, indicators, observations, as_of=as_of, lang=args.lang, fmt=args.format)
    if uses_illustrative(observations, indicators["id"], as_of=as_of):
        notice = text("notice.illustrative", args.lang)
        print(notice, file=sys.stdout if args.format == "table" else sys.stderr)
    provisional = provisional_line(table, args.lang, as_of=as_of)  # issue 16: a forecast is not a verdict
    if provisional:
        print(provisional, file=sys.stdout if args.format == "table" else sys.stderr)
    emit(table, args.format, lang=args.lang, table_columns=columns)


def scenario_from_args(args: argparse.Namespace, indicators: pd.DataFrame, store: Store) -> Scenario:
    """The saved scenario named (if any) with the command line's assumptions on top."""
    saved = from_json(store.load_scenario(args.scenario)) if args.scenario else Scenario()
    domains, assumed = dict(saved.domain_pace), dict(saved.assume)
    for item in args.pace_domain:
        domain, equals, factor = item.partition("=")
        if not equals:
            raise InvalidAssumption(item)
        domains[domain.strip()] = factor
    seqs = dict(zip(indicators["seq"].astype(str), indicators["id"], strict=False))
    for item in args.assume:
        key, equals, change = item.partition("=")
        key = key.strip()
        if not equals:
            raise InvalidAssumption(item)
        if key not in set(indicators["id"]) and key not in seqs:
            raise UnknownScenarioIndicator(key)
        assumed[key if key in set(indicators["id"]) else seqs[key]] = change
    return Scenario.of(saved.pace if args.pace is None else args.pace, domains, assumed)


def assess_scenario(
    scenario: Scenario, indicators: pd.DataFrame, observations: pd.DataFrame, *, as_of: int, lang: str, fmt: str
) -> tuple[pd.DataFrame, list[str]]:
    """The assessment under ``scenario``, with the assumption used per indicator when there is one."""
    if scenario.is_baseline:
        return assess(indicators, observations, as_of=as_of), TABLE_COLUMNS
    used = scenario_assumptions(scenario, indicators, observations, as_of=as_of).set_index("id")
    change = used["annual_change"]
    table = assess(indicators, observations, as_of=as_of, annual_change=change)
    source, factor = table["id"].map(used["source"]).fillna(""), table["id"].map(used["factor"])
    if fmt == "table":
        table["assumption"] = [source_text(s, f, lang) for s, f in zip(source, factor, strict=False)]
        print(describe(scenario, lang))
    else:
        table["assumption"] = source
        table["pace_factor"] = factor
        print(describe(scenario, lang), file=sys.stderr)
    return table, TABLE_COLUMNS + ["annual_change_assumed", "assumption"]
