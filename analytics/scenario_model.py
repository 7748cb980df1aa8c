"""What-if scenarios: assumptions about the pace of change, and the projections that follow.

A :class:`Scenario` holds an overall pace, per-domain paces and per-indicator assumed annual
changes. :func:`annual_change` turns it into the ``annual_change`` Series that
:func:`analytics.assess.assess` takes: the scenario replaces each indicator's trend and keeps the
fitted uncertainty. The rules (written up in ``docs/methodology.md`` section 5):

* **pace** (0-200%, 100% = the recent trend) adds to the recent trend, in the direction that
  improves the indicator, (pace - 100%) of **the plan's yearly step** (the baseline-to-target
  distance divided by the plan's years): ``trend + (pace - 1) * step * s`` with ``s`` = +1 for
  "at least" and -1 for "at most" targets. So a stalled indicator moves (200%: a full step a year
  more), and raising the pace never lowers the probability of meeting a target;
* a domain's pace, where set, **replaces** the overall pace for its indicators (they never multiply);
* an indicator's own assumption (in its unit per year) wins over any pace;
* maintain-type targets (target = baseline) have no step: pace leaves them alone, and their own
  assumption moves the level held; milestones are built or not and take no assumption;
* counts (cumulative, new in period) never get a negative change.

Pure functions: no Streamlit, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics import projection
from analytics.assess import fitted_models
from analytics.catalog import DOMAINS
from analytics.errors import PlanError
from analytics.kinds import kinds_where
from analytics.labels import text
from analytics.tables import overview_table

MAX_PACE = 2.0
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
MAX_ASSUMPTIONS = 500  # a query string or stored scenario never carries more overrides than this
MAX_ABS_CHANGE = 1e9


class InvalidAssumption(PlanError):
    """A pace or an assumed change that is not a number in range (``value`` is the text given)."""

    key = "error.scenario_invalid"


class UnknownDomain(PlanError):
    key = "error.scenario_domain"


class UnknownIndicator(PlanError):
    key = "error.scenario_indicator"


class UnknownScenario(PlanError):
    key = "error.scenario_unknown"


class ScenarioExists(PlanError):
    key = "error.scenario_exists"


class ScenarioNameInvalid(PlanError):
    key = "error.scenario_name"


@dataclass(frozen=True)
class Scenario:
    """Assumptions: ``pace`` (global factor), ``domain_pace`` and ``assume`` as sorted pairs.

    Build one with :meth:`of`, which checks every value; the pairs keep it hashable.
    """

    pace: float = 1.0
    domain_pace: tuple[tuple[str, float], ...] = field(default=())
    assume: tuple[tuple[str, float], ...] = field(default=())

    @classmethod
    def of(
        cls,
        pace: float = 1.0,
        domain_pace: Mapping[str, float] | None = None,
        assume: Mapping[str, float] | None = None,
    ) -> Scenario:
        """A checked scenario; raises :class:`InvalidAssumption` or :class:`UnknownDomain`."""
        pace = _pace(pace)
        domains = {}
        for domain, factor in (domain_pace or {}).items():
            if domain not in DOMAINS:
                raise UnknownDomain(domain)
            domains[domain] = _pace(factor)
        overrides = {}
        for indicator_id, change in (assume or {}).items():
            if not isinstance(indicator_id, str) or not ID_PATTERN.match(indicator_id):
                raise UnknownIndicator(indicator_id)
            overrides[indicator_id] = _change(change)
        if len(overrides) > MAX_ASSUMPTIONS:
            raise InvalidAssumption(f"{len(overrides)} > {MAX_ASSUMPTIONS}")
        return cls(
            pace=pace,
            domain_pace=tuple(sorted((d, f) for d, f in domains.items() if f != 1.0)),
            assume=tuple(sorted(overrides.items())),
        )

    @property
    def is_baseline(self) -> bool:
        """No assumption at all: the scenario is the baseline assessment."""
        return self.pace == 1.0 and not self.domain_pace and not self.assume

    def factor(self, domain: str) -> float:
        """The pace for a domain's indicators: the domain's own pace where set, else the overall pace.

        The two never multiply: a leader's 200% overall and 200% for a domain is 200%, not 400%.
        """
        return dict(self.domain_pace).get(domain, self.pace)

    def replace(
        self,
        *,
        pace: float | None = None,
        domain: tuple[str, float] | None = None,
        assume: tuple[str, float | None] | None = None,
    ) -> Scenario:
        """A copy with one value changed; ``assume=(id, None)`` removes that indicator's assumption."""
        domains, overrides = dict(self.domain_pace), dict(self.assume)
        if domain is not None:
            domains[domain[0]] = domain[1]
        if assume is not None:
            if assume[1] is None:
                overrides.pop(assume[0], None)
            else:
                overrides[assume[0]] = assume[1]
        return Scenario.of(self.pace if pace is None else pace, domains, overrides)


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise InvalidAssumption(value)
    try:
        number = float(str(value).strip().rstrip("%")) / (100 if str(value).strip().endswith("%") else 1)
    except (TypeError, ValueError):
        raise InvalidAssumption(value) from None
    if not math.isfinite(number):
        raise InvalidAssumption(value)
    return number


def _pace(value: object) -> float:
    """A pace factor 0-2; ``"150%"`` is read as 1.5."""
    factor = _number(value)
    if not 0 <= factor <= MAX_PACE:
        raise InvalidAssumption(value)
    return factor


def _change(value: object) -> float:
    change = _number(value)
    if abs(change) > MAX_ABS_CHANGE:
        raise InvalidAssumption(value)
    return change


# --- the fitted trends ---------------------------------------------------------------------
def trends(catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int) -> pd.DataFrame:
    """Per indicator (indexed by id): the fitted model and its trend in the indicator's unit a year.

    ``trend`` is the change a year the baseline projection assumes up to the target year: the
    Theil-Sen slope of a level (for a 0-100 share, the bound-aware path's average over the years left),
    the expected additions a year of a count (never below 0); blank for milestones, qualitative
    rows and once the target year is in. The model itself comes from
    :func:`analytics.assess.fitted_models` (the same fit :func:`assess` uses); added here are
    ``latest, n_points`` (aliases of its ``latest_value, n_observations``) and ``spread`` (a level
    forecast's standard deviation at the target year).
    """
    _, frame = fitted_models(catalog, observations, as_of=as_of)
    frame = frame.set_index("id")
    horizon = frame["horizon"].to_numpy(float)
    h = np.where(horizon > 0, horizon, np.nan)
    return frame.assign(
        latest=frame["latest_value"],
        n_points=frame["n_observations"],
        spread=projection.forecast_spread(frame["sigma"].to_numpy(float), frame["drift_se"].to_numpy(float), h),
    )


# --- a scenario as the assess() input --------------------------------------------------------
def assumptions(
    scenario: Scenario,
    catalog: pd.DataFrame,
    observations: pd.DataFrame,
    *,
    as_of: int,
    fitted: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """What the scenario assumes for each indicator it touches.

    Columns ``id, trend, factor, source, annual_change``: ``source`` is ``"pace"`` (the trend
    moved by ``factor``: trend + (factor - 1) x the plan's yearly step, in the improving direction)
    or ``"assumed"`` (the indicator's own assumption). Indicators the scenario leaves at their
    fitted trend are not listed, nor milestones (built or not: no annual change to assume).
    ``fitted`` is ``trends(catalog, observations, as_of=as_of)`` when the caller has it already
    (a slider's every move needs it).
    """
    fitted = trends(catalog, observations, as_of=as_of) if fitted is None else fitted
    factor = fitted["domain"].map(scenario.factor).astype(float)
    movable = ~fitted["kind"].isin(kinds_where(numeric=False)) & ~fitted["milestone"].astype(bool)
    paced = (factor != 1.0) & fitted["trend"].notna() & ~fitted["maintain"] & (fitted["step"] > 0) & movable
    trend = fitted["trend"]
    shifted = trend + (factor - 1.0) * fitted["step"] * fitted["sign"]
    rows = pd.DataFrame({"trend": trend, "factor": factor, "source": "pace", "annual_change": shifted})[paced]
    own = {i: c for i, c in scenario.assume if i in fitted.index and movable[i]}
    if own:
        assumed = pd.DataFrame(
            {
                "trend": trend.reindex(list(own)),
                "factor": np.nan,
                "source": "assumed",
                "annual_change": pd.Series(own, dtype=float),
            }
        )
        rows = pd.concat([rows.drop(index=list(own), errors="ignore"), assumed])
    counts = fitted["counts"].reindex(rows.index).astype(bool)
    rows["annual_change"] = np.where(counts, np.maximum(rows["annual_change"], 0.0), rows["annual_change"])
    order = {i: n for n, i in enumerate(fitted.index)}
    rows = rows.sort_index(key=lambda ids: ids.map(order))
    return rows.rename_axis("id").reset_index().astype({"trend": float, "factor": float, "annual_change": float})


def annual_change(
    scenario: Scenario,
    catalog: pd.DataFrame,
    observations: pd.DataFrame,
    *,
    as_of: int,
    fitted: pd.DataFrame | None = None,
) -> pd.Series:
    """The ``annual_change`` Series for :func:`analytics.assess.assess` (empty for the baseline)."""
    if scenario.is_baseline:
        return pd.Series(dtype=float)
    rows = assumptions(scenario, catalog, observations, as_of=as_of, fitted=fitted)
    return pd.Series(rows["annual_change"].to_numpy(float), index=rows["id"].to_numpy(), dtype=float)


# --- baseline versus scenario --------------------------------------------------------------
def compare(baseline: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Two assessments side by side, one row per indicator, ``status_changed`` marking every change.

    Columns: ``id, seq, name_zh, name_en, unit, unit_en, annual_change_assumed, must_hold,
    target_year, status_baseline, status_scenario, probability_baseline, probability_scenario,
    projected_baseline, projected_scenario, status_changed``.
    """
    keep = ["id", "seq", "name_zh", "name_en", "unit", "unit_en", "must_hold", "target_year"]
    figures = ["status", "probability", "projected_value"]
    merged = baseline.loc[:, keep + figures].merge(
        scenario.loc[:, ["id", "annual_change_assumed"] + figures], on="id", suffixes=("_baseline", "_scenario")
    )
    merged = merged.rename(
        columns={"projected_value_baseline": "projected_baseline", "projected_value_scenario": "projected_scenario"}
    )
    merged["status_changed"] = merged["status_baseline"] != merged["status_scenario"]
    order = [
        "id",
        "seq",
        "name_zh",
        "name_en",
        "unit",
        "unit_en",
        "annual_change_assumed",
        "must_hold",
        "target_year",
        "status_baseline",
        "status_scenario",
        "probability_baseline",
        "probability_scenario",
        "projected_baseline",
        "projected_scenario",
        "status_changed",
    ]
    return merged.loc[:, order]


# --- words ---------------------------------------------------------------------------------------
def describe(scenario: Scenario, lang: str) -> str:
    """One line for people: "整体速度150%；环境质量50%；1项逐项假设"."""
    parts = []
    if scenario.pace != 1.0:
        parts.append(text("scenario.summary_pace", lang, pace=f"{scenario.pace:.0%}"))
    for domain, factor in scenario.domain_pace:
        parts.append(text("scenario.summary_domain", lang, domain=text(f"domain.{domain}", lang), pace=f"{factor:.0%}"))
    if scenario.assume:
        parts.append(text("scenario.summary_assume", lang, n=len(scenario.assume)))
    return ("；" if lang == "zh" else "; ").join(parts)


def pace_sentence(pace: float, lang: str) -> str:
    """The pace lever in one sentence: "速度150%：每年在近期趋势之上，再向目标多走规划年均步幅的50%。"."""
    if math.isclose(pace, 1.0):
        return text("scenario.pace_sentence_trend", lang)
    key = "scenario.pace_sentence_faster" if pace > 1 else "scenario.pace_sentence_slower"
    return text(key, lang, pace=f"{pace:.0%}", extra=f"{abs(pace - 1):.0%}")


def source_text(source: str, factor: float, lang: str) -> str:
    """Where an indicator's assumption comes from: "速度150%（近期趋势加减规划年均步幅）" or "逐项假设"."""
    if source == "pace":
        return text("scenario.source_pace", lang, factor=f"{factor:.0%}")
    return text("scenario.source_assumed", lang) if source == "assumed" else ""


def export_table(assessment: pd.DataFrame, used: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scenario assessment to download: the overview's columns, statuses in words, and per
    indicator the assumed annual change and where it comes from (``used`` is :func:`assumptions`)."""
    by_id = used.set_index("id")
    return overview_table(assessment, lang).assign(
        status=[text(f"status.{s}", lang) for s in assessment["status"]],
        annual_change_assumed=assessment["annual_change_assumed"].to_numpy(),
        assumption=[
            source_text(by_id.loc[i, "source"], by_id.loc[i, "factor"], lang) if i in by_id.index else ""
            for i in assessment["id"]
        ],
    )
