"""The what-if controls the domain and indicator pages share, and the /scenarios page.

The scenario in force is one :class:`analytics.scenario.Scenario` kept in
``st.session_state["scenario"]`` (so it survives page switches) and mirrored into the URL
query string (``?pace=150&pace.environment=50&assume=p14-03:0.05``), so a copied link
reproduces the view. A session's first run reads it from the URL; bad values there are
ignored. Widgets are seeded from it before they are drawn and write back through their
``on_change`` callbacks, which run before the page does.

``current_annual_change()`` gives the assumptions in force as the hashable tuple that
``dashboard.data.assessment`` takes; ``render_domain_controls(domain)`` and
``render_indicator_controls(indicator_id)`` draw the controls of a domain or one indicator;
``render()`` draws ``/scenarios``; ``saved_scenarios_admin()`` is the save and delete section of ``/data``
(leader pages carry no write controls).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics import cards, export
from analytics import scenario as scenarios
from analytics.accounts import Account, Action
from analytics.catalog import DOMAINS, is_maintain_target, plan_catalog
from analytics.errors import PlanError
from analytics.formatting import escape_markdown, number, percent
from analytics.labels import text
from analytics.markup import PhoneCard
from analytics.scenario import QUERY_KEYS, Scenario, from_json, from_query, to_json, to_query
from analytics.tables import comparison_table, what_it_takes_table
from dashboard import data, signin, state, widgets
from dashboard.data import AnnualChange
from dashboard.state import lang, t

PAGE = "dashboard/pages/scenarios.py"

STATE = "scenario"
FLASH = "scenario_flash"
WIDGET = "scenario_w."
# The per-indicator overrides' expander: its 26 inputs are drawn only while it is open (a first open of
# /scenarios drew them folded away, ~40 of the page's ~100 elements); and the overrides it last showed open.
OVERRIDES = WIDGET + "overrides"
OVERRIDES_SHOWN = "scenario_overrides_shown"
MAX_INPUT = 1e6


# --- the scenario in force ---------------------------------------------------------------------
def current() -> Scenario:
    """The scenario in force: the session's, or on its first run the one in the URL."""
    if STATE not in st.session_state:
        st.session_state[STATE] = from_query(st.query_params.to_dict())
    return st.session_state[STATE]


def _set(scenario: Scenario) -> None:
    st.session_state[STATE] = scenario


def mirror_url() -> None:
    """Write the scenario in force into the URL, on every page (app.py, each run), so a link holds it."""
    _mirror_url(current())


def _mirror_url(scenario: Scenario) -> None:
    """Write the scenario's query parameters (only ours; other parameters are left alone)."""
    wanted = to_query(scenario)
    for key in QUERY_KEYS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


@st.cache_data(show_spinner=False)
def _annual_change(revision: int, plan: str, as_of: int, scenario_json: str) -> AnnualChange:
    catalog = plan_catalog(data.catalog(revision), plan)
    change = scenarios.annual_change(
        from_json(scenario_json),
        catalog,
        data.observations(revision),
        as_of=as_of,
        fitted=_trends(revision, plan, as_of),
    )
    return tuple((str(i), float(c)) for i, c in change.items())


@st.cache_data(show_spinner=False)
def _assumptions(revision: int, plan: str, as_of: int, scenario_json: str) -> pd.DataFrame:
    catalog = plan_catalog(data.catalog(revision), plan)
    return scenarios.assumptions(
        from_json(scenario_json),
        catalog,
        data.observations(revision),
        as_of=as_of,
        fitted=_trends(revision, plan, as_of),
    )


@st.cache_data(show_spinner=False)
def _trends(revision: int, plan: str, as_of: int) -> pd.DataFrame:
    return scenarios.trends(plan_catalog(data.catalog(revision), plan), data.observations(revision), as_of=as_of)


@st.cache_data(show_spinner=False)
def _what_it_takes(revision: int, plan: str, as_of: int) -> pd.DataFrame:
    return scenarios.what_it_takes(plan_catalog(data.catalog(revision), plan), data.observations(revision), as_of=as_of)


@st.cache_data(show_spinner=False)
def _lower_is_better(revision: int, plan: str, domain: str, language: str) -> str:
    """The names of a domain's "at most" indicators (PM2.5), for its slider's label."""
    catalog = plan_catalog(data.catalog(revision), plan)
    lower_better = catalog[(catalog["domain"] == domain) & catalog["comparison"].isin(["<=", "<"])]
    return "、".join(cards.name(row, language) for _, row in lower_better.iterrows())


def warm(revision: int, plan: str, as_of: int) -> None:
    """Fill the /scenarios caches of a plan and year, the baseline's tables in both languages (dashboard.warmup)."""
    _trends(revision, plan, as_of)
    _what_it_takes(revision, plan, as_of)
    for language in ("zh", "en"):
        comparison_view(revision, plan, as_of, to_json(Scenario()), language)
        what_it_takes_view(revision, plan, as_of, language)


def _choice() -> tuple[int, str, int]:
    return state.data_revision(), state.selected_plan(), state.selected_as_of()


def current_annual_change(*, notice: bool = True) -> AnnualChange:
    """Pairs of (indicator id, assumed annual change); empty when no scenario is applied.

    Also keeps the URL in step with the scenario and, when one is applied, says so on the
    page (with a link to adjust it), so scenario figures are never mistaken for the baseline.
    """
    scenario = current()
    _mirror_url(scenario)
    if scenario.is_baseline:
        return ()
    if notice:
        st.info(t("scenario.active", summary=scenarios.describe(scenario, lang())), icon="🎚️")
        st.page_link(PAGE, label=t("scenario.edit"), icon="🎚️", query_params=to_query(scenario))
    return _annual_change(*_choice(), to_json(scenario))


# --- widgets -----------------------------------------------------------------------------------
def _on_pace(key: str) -> None:
    _set(current().replace(pace=st.session_state[key] / 100))


def _on_domain(key: str, domain: str) -> None:
    _set(current().replace(domain=(domain, st.session_state[key] / 100)))


def _on_assume(key: str, indicator_id: str) -> None:
    _set(current().replace(assume=(indicator_id, st.session_state[key])))


def _reset() -> None:
    _set(Scenario())


def _seed(key: str, value) -> None:
    """Give a widget the scenario's value before it is drawn, on every run (so loads and links show).

    Unconditionally: Streamlit keys a widget's state to its page too, so after a page switch the key
    can still read the other page's value while the widget drawn here would start at its default (0%).
    """
    st.session_state[key] = value


def _percent(factor: float) -> int:
    return int(round(factor * 100))


def pace_slider() -> None:
    key = WIDGET + "pace"
    _seed(key, _percent(current().pace))
    st.slider(
        t("scenario.pace_global"),
        0,
        200,
        step=5,
        format="%d%%",
        key=key,
        help=t("scenario.pace_help"),
        on_change=_on_pace,
        args=(key,),
    )


def domain_slider(domain: str) -> None:
    key = WIDGET + "pace." + domain
    _seed(key, _percent(dict(current().domain_pace).get(domain, 1.0)))
    label = t("scenario.pace_domain", domain=t(f"domain.{domain}"))
    revision, plan, _ = _choice()
    names = _lower_is_better(revision, plan, domain, lang())
    if names:
        label = f"{label} · {t('scenario.pace_lower_better', names=names)}"
    st.slider(
        label,
        0,
        200,
        step=5,
        format="%d%%",
        key=key,
        help=t("scenario.pace_help"),
        on_change=_on_domain,
        args=(key, domain),
    )


@dataclass(frozen=True)
class OverrideField:
    """The texts of one indicator's override input: its label (unit and trend), placeholder and help."""

    indicator_id: str
    label: str
    placeholder: str
    help: str


def override_field(row, maintain: bool, trend: float, language: str) -> OverrideField:
    """One indicator's override texts: "maintain" and "at most" indicators say what the change moves."""
    unit = cards.unit(row, language) or "—"
    lower = row["comparison"] in ("<=", "<")
    label_key = (
        "scenario.override_label_maintain"
        if maintain
        else "scenario.override_label_lower"
        if lower
        else "scenario.override_label"
    )
    trend_text = number(trend, signed=True) if pd.notna(trend) else text("scenario.no_trend", language)
    label = text(
        label_key,
        language,
        seq=int(row["seq"]),
        name=escape_markdown(cards.name(row, language)),
        unit=escape_markdown(unit),
        trend=trend_text,
    )
    return OverrideField(
        str(row["id"]),
        label,
        text("scenario.override_placeholder", language, trend=trend_text),
        text("scenario.override_help", language, trend=trend_text),
    )


@st.cache_resource(show_spinner=False, max_entries=100)
def override_fields(
    revision: int, plan: str, as_of: int, language: str
) -> tuple[tuple[str, tuple[OverrideField, ...]], ...]:
    """Per domain (in order, those with any), its quantitative indicators' override texts by 序号.

    Built once per data, year and language: labelling the 26 inputs row by row cost /scenarios ~60 ms a run.
    """
    catalog = plan_catalog(data.catalog(revision), plan)
    catalog = catalog[catalog["kind"] != "qualitative"].sort_values("seq")
    maintain = is_maintain_target(catalog)
    trends = _trends(revision, plan, as_of)["trend"]
    grouped = []
    for domain in DOMAINS:
        rows = catalog[catalog["domain"] == domain]
        fields = tuple(
            override_field(row, bool(maintain[index]), trends.get(row["id"]), language)
            for index, row in rows.iterrows()
        )
        if fields:
            grouped.append((domain, fields))
    return tuple(grouped)


def indicator_input(field: OverrideField) -> None:
    """The override of one indicator's assumed annual change, labelled with its unit and trend."""
    key = WIDGET + "assume." + field.indicator_id
    _seed(key, dict(current().assume).get(field.indicator_id))
    st.number_input(
        field.label,
        min_value=-MAX_INPUT,
        max_value=MAX_INPUT,
        value=None,
        step=0.1,
        format="%.4g",
        key=key,
        placeholder=field.placeholder,
        help=field.help,
        on_change=_on_assume,
        args=(key, field.indicator_id),
    )


def reset_button() -> None:
    st.button(t("scenario.reset"), on_click=_reset, disabled=current().is_baseline, key=WIDGET + "reset")


def render_domain_controls(domain: str) -> None:
    """The global and this domain's pace sliders, folded away unless a scenario is applied."""
    scenario = current()
    title = t("scenario.controls")
    if not scenario.is_baseline:
        title = f"🎚️ {title} · {scenarios.describe(scenario, lang())}"
    with st.expander(title, expanded=not scenario.is_baseline):
        pace_slider()
        domain_slider(domain)
        reset_button()


def render_indicator_controls(indicator_id: str) -> None:
    """The what-if override for one indicator, with its trend and what it takes."""
    revision, plan, as_of = _choice()
    catalog = plan_catalog(data.catalog(revision), plan).set_index("id", drop=False)
    if indicator_id not in catalog.index or catalog.loc[indicator_id, "kind"] == "qualitative":
        return
    row = catalog.loc[indicator_id]
    needs = _what_it_takes(revision, plan, as_of).set_index("id").loc[indicator_id]
    fields = {f.indicator_id: f for _, group in override_fields(revision, plan, as_of, lang()) for f in group}
    with st.expander(t("scenario.controls"), expanded=indicator_id in dict(current().assume)):
        indicator_input(fields[indicator_id])
        unit = widgets.unit(row)
        # The needs are rounded to the figures need_text shows, so the shown figure typed in reaches the threshold.
        st.caption(
            " · ".join(
                f"{t('col.' + c)}: {scenarios.need_text(needs[c])} {escape_markdown(unit)}".strip()
                for c in ("trend", "to_meet", "to_likely")
            )
        )


# --- the /scenarios page -----------------------------------------------------------------------
def scenarios_page_controls() -> None:
    """Every control: global pace, one slider per domain, one override per indicator (drawn while open)."""
    revision, plan, as_of = _choice()
    pace_slider()
    columns = st.columns(len(DOMAINS))
    for column, domain in zip(columns, DOMAINS, strict=False):
        with column:
            domain_slider(domain)
    assumed = current().assume
    arrived = OVERRIDES not in st.session_state  # a first run on this page (or the expander's label changed)
    if assumed and (arrived or st.session_state.get(OVERRIDES_SHOWN) != assumed):
        _seed(OVERRIDES, True)  # overrides in force not shown yet (a link, a load, a page switch): open
    overrides = st.expander(t("scenario.overrides"), key=OVERRIDES, on_change="rerun")
    if overrides.open or not assumed:  # closed by hand on overrides it showed: it stays closed
        st.session_state[OVERRIDES_SHOWN] = assumed
    if overrides.open:
        with overrides:
            for domain, fields in override_fields(revision, plan, as_of, lang()):
                st.markdown(f"**{t(f'domain.{domain}')}**")
                cells = st.columns(3)
                for n, field in enumerate(fields):
                    with cells[n % 3]:
                        indicator_input(field)
    reset_button()


@dataclass(frozen=True)
class TableView:
    """A table of the page as drawn: the grid's frame and options, its phone cards, its text twin for paper."""

    frame: pd.DataFrame
    options: dict
    cards: tuple[PhoneCard, ...]
    printed: pd.DataFrame


@dataclass(frozen=True)
class ComparisonView:
    """The scenario's assessment, how many statuses it changes, and the comparison table to draw."""

    assessment: pd.DataFrame
    sources: tuple[str, ...]  # each indicator's assumption in words, in the assessment's order
    changed: int
    table: TableView


def _table_view(frame: pd.DataFrame, options: dict, cards: list[PhoneCard]) -> TableView:
    return TableView(frame, options, tuple(cards), widgets.printed_twin(frame, **options))


@st.cache_resource(show_spinner=False, max_entries=200)
def comparison_view(revision: int, plan: str, as_of: int, scenario_json: str, language: str) -> ComparisonView:
    """Built once per data, year, scenario and language: comparing, labelling and formatting the 26 rows
    (and their ~500 cells of text for paper) cost each run of /scenarios ~40 ms."""
    scenario = from_json(scenario_json)
    annual_change = () if scenario.is_baseline else _annual_change(revision, plan, as_of, scenario_json)
    baseline = data.assessment(revision, plan, as_of, ())
    assessment = data.assessment(revision, plan, as_of, annual_change)
    used = _assumptions(revision, plan, as_of, scenario_json).set_index("id")
    sources = [
        scenarios.source_text(used.loc[i, "source"], used.loc[i, "factor"], language) if i in used.index else ""
        for i in assessment["id"]
    ]
    compared = scenarios.compare(baseline, assessment)
    shown = comparison_table(compared, sources, language)
    labels = {c: text(f"col.{c}", language) for c in shown.columns}
    options = {
        "hide_index": True,
        "column_config": {
            **{c: st.column_config.Column(label) for c, label in labels.items()},
            **{
                c: st.column_config.ProgressColumn(labels[c], min_value=0.0, max_value=1.0, format="percent")
                for c in ("probability_baseline", "probability_scenario")
            },
            **{
                c: st.column_config.NumberColumn(labels[c], format="%.4g")
                for c in ("projected_baseline", "projected_scenario", "annual_change_assumed")
            },
        },
    }
    cards = [
        PhoneCard(
            f"{r.seq}. {r.name}",
            lines=(
                text(
                    "shell.comparison_card",
                    language,
                    before=r.status_baseline,
                    after=r.status_scenario,
                    p_before=percent(r.probability_baseline),
                    p_after=percent(r.probability_scenario),
                ),
            ),
        )
        for r in shown.itertuples()
    ]
    changed = int(compared["status_changed"].sum())
    return ComparisonView(assessment, tuple(sources), changed, _table_view(shown, options, cards))


@st.cache_resource(show_spinner=False, max_entries=100)
def what_it_takes_view(revision: int, plan: str, as_of: int, language: str) -> TableView:
    """The "what it takes" table to draw, built once per data, year and language."""
    shown = what_it_takes_table(_what_it_takes(revision, plan, as_of), language)
    options = {
        "hide_index": True,
        "column_config": {
            **{c: st.column_config.Column(text(f"col.{c}", language)) for c in shown.columns},
            **{
                c: st.column_config.NumberColumn(text(f"col.{c}", language), format="%+.3g")
                for c in ("trend", "to_meet", "to_likely")
            },
            "latest_value": st.column_config.NumberColumn(text("col.latest_value", language), format="%.4g"),
        },
    }
    cards = [
        PhoneCard(
            f"{r.seq}. {r.name}",
            text("shell.what_it_takes_target", language, target=r.target, unit=r.unit),
            (
                text(
                    "shell.what_it_takes_card",
                    language,
                    latest=number(r.latest_value),
                    trend=scenarios.need_text(r.trend),
                    to_meet=scenarios.need_text(r.to_meet),
                ),
            ),
        )
        for r in shown.itertuples()
    ]
    return _table_view(shown, options, cards)


def _draw(view: TableView, name: str) -> None:
    widgets.cards_or_table(
        list(view.cards), view.frame, name, printed=view.printed, width="stretch", key=WIDGET + name, **view.options
    )


def scenarios_page_comparison(view: ComparisonView) -> None:
    """Baseline and scenario side by side; every changed status marked with icon and words."""
    st.subheader(t("scenario.comparison"))
    if view.changed:
        st.warning(t("scenario.changed_count", n=view.changed))
    else:
        st.caption(t("scenario.no_change"))
    _draw(view.table, "comparison")


def scenarios_page_what_it_takes() -> None:
    st.subheader(t("scenario.what_it_takes"))
    st.caption(t("scenario.what_it_takes_caption"))
    _draw(what_it_takes_view(*_choice(), lang()), "what_it_takes")


def _error_text(error: PlanError) -> str:
    """An error's message with the user's text in it (a scenario name) escaped for Markdown."""
    return t(error.key, **{k: escape_markdown(v) for k, v in error.values.items()})


def _load(name: str) -> None:
    try:
        _set(from_json(data.store().load_scenario(name)))
        st.session_state[FLASH] = ("success", t("scenario.loaded_ok", name=escape_markdown(name)))
    except PlanError as error:
        st.session_state[FLASH] = ("error", _error_text(error))


def _saved_choice(saved: pd.DataFrame, key: str) -> str | None:
    """A choice of the saved scenarios, each shown with who saved it and when."""
    details = _saved_details(saved)
    return st.selectbox(
        t("scenario.choose"),
        list(details),
        key=key,
        format_func=lambda n: f"{n} · {details[n]}",
        placeholder=t("shell.choose"),
    )


def _saved_details(saved: pd.DataFrame) -> dict[str, str]:
    """Each saved scenario's name -> who saved it and when, in Beijing time."""
    return {
        r.name: t("shell.saved_by", author=r.author or "—", time=state.beijing_time(r.created_at))
        for r in saved.itertuples()
    }


def scenarios_page_saved() -> None:
    """Load a saved scenario (a read: saving and deleting are writes, on /data)."""
    st.subheader(t("scenario.saved"))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    st.caption(t("shell.scenario_where_saved"))
    saved = data.store().scenarios()
    if saved.empty:
        st.info(t("scenario.none_saved"))
        return
    chosen = _saved_choice(saved, WIDGET + "chosen")
    st.button(t("scenario.load"), key=WIDGET + "load", on_click=_load, args=(chosen,))


def saved_scenarios_admin() -> None:
    """On /data: save the scenario in force under a name, or delete a saved one (an account that may save
    scenarios sees these controls; the permission is checked again at the click)."""
    st.subheader(t("shell.scenario_admin"))
    scenario = current()
    st.caption(
        t("shell.scenario_baseline")
        if scenario.is_baseline
        else t("shell.scenario_in_force", summary=scenarios.describe(scenario, lang()))
    )
    flash = st.session_state.pop(FLASH, None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(flash[1])
    saved = data.store().scenarios()
    may_write = signin.may(Action.SAVE_SCENARIO)  # the account signed in with /data's one sign-in form
    save, manage = st.columns(2)
    with save:
        if may_write:
            name = st.text_input(t("scenario.name"), max_chars=100, key=WIDGET + "name")
            replace = st.checkbox(t("scenario.replace"), key=WIDGET + "replace")
        if may_write and st.button(t("scenario.save"), key=WIDGET + "save", type="primary") and (account := _writer()):
            try:
                data.store().save_scenario(
                    name, to_json(scenario), author=account.display_name, account=account.name, replace=replace
                )
                st.success(t("scenario.saved_ok", name=escape_markdown(name.strip())))
                saved = data.store().scenarios()
            except PlanError as error:
                st.error(_error_text(error))
    with manage:
        if saved.empty:
            st.info(t("scenario.none_saved"))
            return
        chosen = _saved_choice(saved, WIDGET + "delete_chosen")
        if may_write and st.button(t("scenario.delete"), key=WIDGET + "delete") and (account := _writer()):
            try:
                data.store().delete_scenario(chosen, author=account.display_name, account=account.name)
                st.session_state[FLASH] = ("success", t("scenario.deleted_ok", name=escape_markdown(chosen)))
            except PlanError as error:
                st.session_state[FLASH] = ("error", _error_text(error))
            st.rerun()


def _writer() -> Account | None:
    """The account making a scenario write, read again at the click; says why when there is none."""
    account = signin.current_account()
    if signin.decision(Action.SAVE_SCENARIO).allowed and account is not None:
        return account
    st.error(t("accounts.ui.write_needs_sign_in"))
    return None


def scenarios_page_downloads(view: ComparisonView) -> None:
    """The scenario's assessment to hand on, shaped like the overview's download, with each indicator's
    assumed annual change and where it comes from."""
    _, plan, as_of = _choice()
    extra = {
        "annual_change_assumed": view.assessment["annual_change_assumed"].map(export.shown_figure).tolist(),
        "assumption": list(view.sources),
    }
    st.caption(t("scenario.download"))
    widgets.assessment_downloads(
        view.assessment,
        f"scenario_{plan}_{as_of}",
        title_key="shell.export_scenario",
        key=WIDGET + "download",
        extra=extra,
    )


def render() -> None:
    """The /scenarios page: pace sliders and assumptions, the baseline compared, what it takes, saved scenarios."""
    st.title(t("page.scenarios"))
    widgets.illustrative_notice(state.selected_plan(), state.selected_as_of())
    st.caption(t("scenario.intro"))
    scenarios_page_controls()
    view = comparison_view(*_choice(), to_json(current()), lang())
    scenarios_page_comparison(view)
    scenarios_page_what_it_takes()
    scenarios_page_downloads(view)
    scenarios_page_saved()
