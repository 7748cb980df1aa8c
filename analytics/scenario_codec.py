"""A scenario's query-string and JSON forms: written compactly, read robustly (bad parts ignored)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from analytics.catalog import DOMAINS
from analytics.errors import PlanError
from analytics.scenario_model import ID_PATTERN, MAX_ASSUMPTIONS, Scenario, _change, _pace

QUERY_PACE = "pace"
QUERY_DOMAIN_PREFIX = "pace."
QUERY_ASSUME = "assume"
QUERY_KEYS = (QUERY_PACE, QUERY_ASSUME, *(QUERY_DOMAIN_PREFIX + d for d in DOMAINS))


def _compact(value: float) -> str:
    return f"{value:.10g}"


def to_query(scenario: Scenario) -> dict[str, str]:
    """``{"pace": "150", "pace.product": "120", "assume": "p14-03:0.2,p14-26:-0.5"}``.

    Paces are percentages; only what differs from the baseline is written.
    """
    query = {}
    if scenario.pace != 1.0:
        query[QUERY_PACE] = _compact(scenario.pace * 100)
    for domain, factor in scenario.domain_pace:
        query[QUERY_DOMAIN_PREFIX + domain] = _compact(factor * 100)
    if scenario.assume:
        query[QUERY_ASSUME] = ",".join(f"{i}:{_compact(c)}" for i, c in scenario.assume)
    return query


def from_query(query: Mapping[str, object]) -> Scenario:
    """The scenario in a query string; anything malformed or out of range is ignored, never raised."""

    def first(value: object) -> str:
        if isinstance(value, (list, tuple)):
            value = value[-1] if value else ""
        return str(value)[:10_000]

    pace = _or_none(lambda: _pace(float(first(query[QUERY_PACE])) / 100)) if QUERY_PACE in query else None
    domains = {}
    for domain in DOMAINS:
        key = QUERY_DOMAIN_PREFIX + domain
        if key in query:
            factor = _or_none(lambda key=key: _pace(float(first(query[key])) / 100))
            if factor is not None:
                domains[domain] = factor
    overrides = {}
    if QUERY_ASSUME in query:
        for item in first(query[QUERY_ASSUME]).split(",")[:MAX_ASSUMPTIONS]:
            indicator_id, _, change = item.partition(":")
            indicator_id = indicator_id.strip()
            value = _or_none(lambda change=change: _change(change))
            if ID_PATTERN.match(indicator_id) and value is not None:
                overrides[indicator_id] = value
    return Scenario.of(1.0 if pace is None else pace, domains, overrides)


def _or_none(read):
    try:
        return read()
    except (PlanError, ValueError, TypeError, OverflowError):
        return None


def to_json(scenario: Scenario) -> str:
    """The stored form: ``{"pace": 1.5, "domain_pace": {...}, "assume": {...}}``."""
    return json.dumps(
        {"pace": scenario.pace, "domain_pace": dict(scenario.domain_pace), "assume": dict(scenario.assume)},
        ensure_ascii=False,
        sort_keys=True,
    )


def from_json(text: str) -> Scenario:
    """Read the stored form back; malformed parts are ignored, as in :func:`from_query`."""
    try:
        stored = json.loads(text)
    except (TypeError, ValueError):
        return Scenario()
    if not isinstance(stored, dict):
        return Scenario()
    pace = _or_none(lambda: _pace(stored.get("pace", 1.0)))
    domain_pace = stored.get("domain_pace")
    domain_pace = domain_pace if isinstance(domain_pace, dict) else {}
    assume = stored.get("assume")
    assume = assume if isinstance(assume, dict) else {}
    domains = {
        d: f
        for d, f in ((d, _or_none(lambda f=f: _pace(f))) for d, f in domain_pace.items())
        if d in DOMAINS and f is not None
    }
    overrides = {
        i: c
        for i, c in ((i, _or_none(lambda c=c: _change(c))) for i, c in list(assume.items())[:MAX_ASSUMPTIONS])
        if isinstance(i, str) and ID_PATTERN.match(i) and c is not None
    }
    return Scenario.of(1.0 if pace is None else pace, domains, overrides)
