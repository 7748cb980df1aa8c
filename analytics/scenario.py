"""What-if scenarios: assumptions about the pace of change, and the projections that follow.

A :class:`Scenario` holds a global pace factor, per-domain pace factors and per-indicator
assumed annual changes. :func:`annual_change` turns it into the ``annual_change`` Series that
:func:`analytics.assess.assess` takes: the scenario shifts each indicator's drift and keeps
the fitted uncertainty. The rules (written up in ``docs/methodology.md`` section 5):

* **pace** (0-2, 1 = the recent trend) acts in the direction that improves the indicator:
  the assumed change is ``trend + (pace - 1) * |trend| * s`` with ``s`` = +1 for "at least"
  and -1 for "at most" targets. For an improving trend that is ``pace * trend`` (150%: half
  as fast again, 0%: no further change; for PM2.5 a pace above 100% means falling faster);
  for a worsening trend it is ``(2 - pace) * trend``: 200% stops the worsening and 0% doubles
  it. "0% = no change" for every indicator would make pace 0 better than 100% for a worsening
  trend; this way raising the pace never lowers the probability of an "at least" target, nor
  raises the projected PM2.5.
* a domain's pace multiplies the global pace;
* an indicator's own assumption (in its unit per year) wins over any pace;
* maintain-type targets (target = baseline) have no trend to speed up: pace leaves them
  alone, and their own assumption moves the level held;
* counts (cumulative, new in period) never get a negative change.

Also here: "what it takes" (the change needed to meet each target, and to reach P >= 0.75),
the baseline-versus-scenario comparison, and the scenario's query-string and JSON forms.
Pure functions: no Streamlit, no I/O.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd
from scipy import stats

from analytics import projection
from analytics.assess import ON_TRACK_PROBABILITY, enough_for_probability, fitted_models, target_at_bound
from analytics.catalog import DOMAINS
from analytics.errors import PlanError
from analytics.labels import text
from analytics.tables import overview_table

MAX_PACE = 2.0
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
MAX_ASSUMPTIONS = 500  # a query string or stored scenario never carries more overrides than this
MAX_ABS_CHANGE = 1e9
NEED_DIGITS = 3  # "what it takes" is shown, and so rounded, to 3 significant figures


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
    ) -> "Scenario":
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
        """Global pace times the domain's pace."""
        return self.pace * dict(self.domain_pace).get(domain, 1.0)

    def replace(self, *, pace: float | None = None, domain: tuple[str, float] | None = None,
                assume: tuple[str, float | None] | None = None) -> "Scenario":
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
    """Per indicator (indexed by id): the fitted model and its trend in the indicator's unit.

    ``trend`` is the fitted drift expressed as the average change per year, in the unit,
    between the latest value and the target year (for 0-100 levels, whose model runs on
    the logit scale, the change the fitted drift makes over those years divided by them).
    Counts never fall, so their trend is at least 0. The model itself comes from
    :func:`analytics.assess.fitted_models` (the same fit :func:`assess` uses); added here are
    ``latest, n_points`` (aliases of its ``latest_value, n_observations``), ``trend`` and ``spread``
    (the forecast's standard deviation at the target year on the model scale).
    """
    _, frame = fitted_models(catalog, observations, as_of=as_of)
    frame = frame.set_index("id")
    frame = frame.assign(latest=frame["latest_value"], n_points=frame["n_observations"])
    lower, upper = frame["min_value"].to_numpy(float), frame["max_value"].to_numpy(float)
    bounded = frame["bounded"].to_numpy(bool)
    horizon = frame["horizon"].to_numpy(float)
    h = np.where(horizon > 0, horizon, np.nan)
    drift, model_latest = frame["drift"].to_numpy(float), frame["model_latest"].to_numpy(float)
    with np.errstate(invalid="ignore"):
        bounded_trend = (projection.from_model_scale(model_latest + drift * h, lower, upper)
                         - projection.from_model_scale(model_latest, lower, upper)) / h
    trend = np.where(bounded, bounded_trend, drift)
    trend = np.where(np.isnan(h) | (frame["kind"] == "qualitative").to_numpy(), np.nan, trend)
    return frame.assign(
        trend=trend,
        spread=projection.forecast_spread(frame["sigma"].to_numpy(float), frame["drift_se"].to_numpy(float), h),
    )


# --- a scenario as the assess() input --------------------------------------------------------
def assumptions(scenario: Scenario, catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int,
                fitted: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the scenario assumes for each indicator it touches.

    Columns ``id, trend, factor, source, annual_change``: ``source`` is ``"pace"`` (the trend
    moved by ``factor``) or ``"assumed"`` (the indicator's own assumption). Indicators the
    scenario leaves at their fitted trend are not listed. ``fitted`` is ``trends(catalog,
    observations, as_of=as_of)`` when the caller has it already (a slider's every move needs it).
    """
    fitted = trends(catalog, observations, as_of=as_of) if fitted is None else fitted
    factor = fitted["domain"].map(scenario.factor).astype(float)
    paced = (
        (factor != 1.0) & fitted["trend"].notna() & ~fitted["maintain"] & (fitted["kind"] != "qualitative")
    )
    trend = fitted["trend"]
    shifted = trend + (factor - 1.0) * trend.abs() * fitted["sign"]
    rows = pd.DataFrame({"trend": trend, "factor": factor, "source": "pace", "annual_change": shifted})[paced]
    own = {i: c for i, c in scenario.assume if i in fitted.index and fitted.loc[i, "kind"] != "qualitative"}
    if own:
        assumed = pd.DataFrame({
            "trend": trend.reindex(list(own)), "factor": np.nan, "source": "assumed",
            "annual_change": pd.Series(own, dtype=float),
        })
        rows = pd.concat([rows.drop(index=list(own), errors="ignore"), assumed])
    counts = fitted["counts"].reindex(rows.index).astype(bool)
    rows["annual_change"] = np.where(counts, np.maximum(rows["annual_change"], 0.0), rows["annual_change"])
    order = {i: n for n, i in enumerate(fitted.index)}
    rows = rows.sort_index(key=lambda ids: ids.map(order))
    return rows.rename_axis("id").reset_index().astype({"trend": float, "factor": float, "annual_change": float})


def annual_change(scenario: Scenario, catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int,
                  fitted: pd.DataFrame | None = None) -> pd.Series:
    """The ``annual_change`` Series for :func:`analytics.assess.assess` (empty for the baseline)."""
    if scenario.is_baseline:
        return pd.Series(dtype=float)
    rows = assumptions(scenario, catalog, observations, as_of=as_of, fitted=fitted)
    return pd.Series(rows["annual_change"].to_numpy(float), index=rows["id"].to_numpy(), dtype=float)


# --- what it takes --------------------------------------------------------------------------
def what_it_takes(catalog: pd.DataFrame, observations: pd.DataFrame, *, as_of: int) -> pd.DataFrame:
    """For each indicator: its recent trend, and the annual change needed to meet the target
    (``to_meet``: the central projection meets it) and to make it likely (``to_likely``:
    probability >= 0.75 with the fitted uncertainty kept).

    Both are changes from the latest value, as :func:`analytics.assess.assess` applies an
    assumption. ``to_meet`` is (target - latest) / years left. ``to_likely`` is in closed form
    on the t distribution: P >= p exactly when the projection's centre (model scale) is at
    least ``target + t_p * spread`` ("at most": at most ``target - t_p * spread``), with ``t_p``
    the p quantile on ``n_changes - 1`` degrees of freedom; the centre is then expressed as a
    change per year in the indicator's unit. A target at the bound (100%) is met only by
    holding the level there, whose chance is how often it held: ``to_likely`` is ``to_meet``
    where that chance is at least 0.75, and blank (no change can make it likely) where not.
    Counts never need less than 0. Both are blank once the target year is observed;
    ``to_likely`` also where no probability can be estimated (too few points). Columns:
    ``id, seq, name_zh, name_en, unit, unit_en, comparison, target_value, latest_value, trend,
    to_meet, to_likely``.
    """
    fitted = trends(catalog, observations, as_of=as_of)
    h = np.where(fitted["horizon"] > 0, fitted["horizon"], np.nan)
    lower, upper = fitted["min_value"].to_numpy(float), fitted["max_value"].to_numpy(float)
    bounded = fitted["bounded"].to_numpy(bool)
    sign = fitted["sign"].to_numpy(float)
    latest = fitted["latest"].to_numpy(float)
    target = fitted["target_value"].to_numpy(float)
    counts, met = fitted["counts"].to_numpy(bool), fitted["met"].to_numpy(bool)
    dof = np.maximum(fitted["n_changes"].to_numpy(float) - 1, 1)
    quantile = stats.t.ppf(ON_TRACK_PROBABILITY + 1e-9, dof)  # a hair above 0.75, never just below
    spread = fitted["spread"].to_numpy(float)
    spread = np.where(np.isfinite(spread) & (spread > 0), spread, np.where(np.isfinite(spread), 0.0, np.nan))

    def change_to(level):
        with np.errstate(invalid="ignore"):
            change = (level - latest) / h
        change = np.where(counts, np.maximum(change, 0.0), change)
        return np.where(counts & met, 0.0, change)

    to_meet = change_to(target)
    centre = np.where(bounded, projection.to_model_scale(target, lower, upper, clamp=projection.EXACT_CLAMP), target)
    centre = centre + sign * quantile * spread
    to_likely = change_to(np.where(bounded, projection.from_model_scale(centre, lower, upper), centre))
    held_enough = fitted["p_held"].to_numpy(float) >= ON_TRACK_PROBABILITY
    to_likely = np.where(target_at_bound(fitted), np.where(held_enough, to_meet, np.nan), to_likely)
    enough = enough_for_probability(fitted) & (fitted["n_changes"].to_numpy(float) >= 2)
    numeric = ((fitted["kind"] != "qualitative").to_numpy() & np.isfinite(latest)
               & np.isfinite(h))  # nothing is left to change once the target year is observed
    to_meet = np.where(numeric, to_meet, np.nan)
    to_likely = np.where(numeric & enough & np.isfinite(spread), to_likely, np.nan)
    # Rounded in the target's direction to the figures shown, so typing the shown figure in
    # reaches the threshold (P >= 0.75 exactly, not 0.7499999 or 0.7485).
    result = fitted.assign(to_meet=round_toward(to_meet, sign), to_likely=round_toward(to_likely, sign))
    columns = ["seq", "name_zh", "name_en", "unit", "unit_en", "comparison", "target_value", "latest_value",
               "trend", "to_meet", "to_likely"]
    return result.loc[:, columns].rename_axis("id").reset_index()


def round_toward(values, direction, digits: int = NEED_DIGITS) -> np.ndarray:
    """``values`` to ``digits`` significant figures, rounded up where ``direction`` > 0 and down
    where < 0 (the direction that helps the target), so the rounded figure still reaches what
    the exact one does: 1.493736 for ">=" -> 1.5, 0.103771 for "<=" -> 0.103."""
    values = np.asarray(values, dtype=float)
    direction = np.broadcast_to(np.asarray(direction, dtype=float), values.shape)
    rounded = []
    for value, way in zip(values.ravel(), direction.ravel()):
        if not math.isfinite(value) or value == 0:
            rounded.append(value)
            continue
        step = 10.0 ** (math.floor(math.log10(abs(value))) - (digits - 1))
        units = math.ceil(value / step - 1e-9) if way >= 0 else math.floor(value / step + 1e-9)
        rounded.append(float(f"{units * step:.{digits}g}"))
    return np.array(rounded, dtype=float).reshape(values.shape)


def need_text(value: float) -> str:
    """A figure of "what it takes" as shown (and rounded): ``+1.5``, ``-0.159``, ``—``."""
    return "—" if value is None or not math.isfinite(value) else f"{value:+.{NEED_DIGITS}g}"


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
    merged = merged.rename(columns={"projected_value_baseline": "projected_baseline",
                                    "projected_value_scenario": "projected_scenario"})
    merged["status_changed"] = merged["status_baseline"] != merged["status_scenario"]
    order = ["id", "seq", "name_zh", "name_en", "unit", "unit_en", "annual_change_assumed", "must_hold", "target_year",
             "status_baseline", "status_scenario", "probability_baseline", "probability_scenario",
             "projected_baseline", "projected_scenario", "status_changed"]
    return merged.loc[:, order]


# --- the query string and JSON ---------------------------------------------------------------
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
            factor = _or_none(lambda: _pace(float(first(query[key])) / 100))
            if factor is not None:
                domains[domain] = factor
    overrides = {}
    if QUERY_ASSUME in query:
        for item in first(query[QUERY_ASSUME]).split(",")[:MAX_ASSUMPTIONS]:
            indicator_id, _, change = item.partition(":")
            indicator_id = indicator_id.strip()
            value = _or_none(lambda: _change(change))
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
        ensure_ascii=False, sort_keys=True,
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
    domain_pace = stored.get("domain_pace") if isinstance(stored.get("domain_pace"), dict) else {}
    assume = stored.get("assume") if isinstance(stored.get("assume"), dict) else {}
    domains = {d: f for d, f in ((d, _or_none(lambda f=f: _pace(f))) for d, f in domain_pace.items()) if d in DOMAINS and f is not None}
    overrides = {
        i: c for i, c in ((i, _or_none(lambda c=c: _change(c))) for i, c in list(assume.items())[:MAX_ASSUMPTIONS])
        if isinstance(i, str) and ID_PATTERN.match(i) and c is not None
    }
    return Scenario.of(1.0 if pace is None else pace, domains, overrides)


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


def source_text(source: str, factor: float, lang: str) -> str:
    """Where an indicator's assumption comes from: "近期趋势×速度150%" or "逐项假设"."""
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
        assumption=[source_text(by_id.loc[i, "source"], by_id.loc[i, "factor"], lang) if i in by_id.index else ""
                    for i in assessment["id"]],
    )
