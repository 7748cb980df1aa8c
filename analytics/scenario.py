"""What-if scenarios: one import for the scenario model, "what it takes" and the scenario's URL/JSON forms.

The code lives by idea in :mod:`analytics.scenario_model` (the :class:`Scenario`, its rules and the
baseline-versus-scenario comparison), :mod:`analytics.scenario_need` (what it takes to meet each
target) and :mod:`analytics.scenario_codec` (query string and JSON); ``from analytics.scenario
import ...`` keeps working for all of them.
"""

from analytics.scenario_codec import (
    QUERY_ASSUME,
    QUERY_DOMAIN_PREFIX,
    QUERY_KEYS,
    QUERY_PACE,
    from_json,
    from_query,
    to_json,
    to_query,
)
from analytics.scenario_model import (
    ID_PATTERN,
    MAX_ABS_CHANGE,
    MAX_ASSUMPTIONS,
    MAX_PACE,
    InvalidAssumption,
    Scenario,
    ScenarioExists,
    ScenarioNameInvalid,
    UnknownDomain,
    UnknownIndicator,
    UnknownScenario,
    annual_change,
    assumptions,
    compare,
    describe,
    export_table,
    pace_sentence,
    source_text,
    trends,
)
from analytics.scenario_need import NEED_DIGITS, need_text, round_toward, what_it_takes

__all__ = [
    "ID_PATTERN",
    "MAX_ABS_CHANGE",
    "MAX_ASSUMPTIONS",
    "MAX_PACE",
    "NEED_DIGITS",
    "QUERY_ASSUME",
    "QUERY_DOMAIN_PREFIX",
    "QUERY_KEYS",
    "QUERY_PACE",
    "InvalidAssumption",
    "Scenario",
    "ScenarioExists",
    "ScenarioNameInvalid",
    "UnknownDomain",
    "UnknownIndicator",
    "UnknownScenario",
    "annual_change",
    "assumptions",
    "compare",
    "describe",
    "export_table",
    "from_json",
    "from_query",
    "need_text",
    "pace_sentence",
    "round_toward",
    "source_text",
    "to_json",
    "to_query",
    "trends",
    "what_it_takes",
]
