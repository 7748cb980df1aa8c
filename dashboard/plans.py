"""The /plans page: draft the next plan from the previous one, edit its targets in a grid and see
how realistic each is, download the catalog CSV, or add it as a new plan (behind the write permission).

The grid is checked exactly as the downloaded file would be (``analytics.drafting``): the same
problems as ``catalog import``, the same realism as ``python -m analytics catalog check``.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from analytics.accounts import Account, Action
from analytics.catalog import plans
from analytics.drafting import check_draft, draft_file, draft_from_plan, read_draft
from analytics.formatting import escape_markdown
from analytics.ingest import MAX_FILE_BYTES
from analytics.store import file_sha256
from dashboard import data, signin, state, widgets
from dashboard.state import t

EDITABLE = ["target_value", "department"]
GRID = [
    "seq",
    "name_zh",
    *EDITABLE,
    "unit",
    "baseline_year",
    "baseline_value",
    "target_year",
    "continues",
    "id",
    "name_en",
]  # the editable columns next to the name, where the grid opens
GRID_LABELS = {
    "seq": "col.seq",
    "name_zh": "col.name",
    "target_value": "col.target_value",
    "department": "col.department",
    "unit": "col.unit",
    "baseline_year": "col.baseline_year",
    "baseline_value": "col.baseline_value",
    "target_year": "col.target_year",
    "continues": "col.continues",
    "id": "col.id",
    "name_en": "col.name_en",
}
CHECK = {
    "seq": "col.seq",
    "name": "col.name",
    "baseline_value": "col.baseline_value",
    "target_value": "col.target_value",
    "required_annual_change": "col.required_change",
    "recent_annual_change": "col.recent_annual_change",
    "probability": "col.probability",
    "verdict": "col.verdict",
    "problems": "col.problems",
}
FLASH = "plans_flash"


def next_plan_id(plan: str) -> str:
    """``p14`` -> ``p15``; any other id gets ``_next``."""
    found = re.fullmatch(r"(\D*)(\d+)", plan)
    return f"{found.group(1)}{int(found.group(2)) + 1}" if found else f"{plan}_next"


def render() -> None:
    st.title(t("page.plans"))
    st.caption(t("draft.intro"))
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon="✅")
    revision = state.data_revision()
    catalog, observations = data.catalog(revision), data.observations(revision)
    if catalog.empty:
        st.info(t("draft.none"))
        st.stop()
    plan_rows = plans(catalog)
    names = plan_rows.set_index("plan")["plan_name_en" if state.lang() == "en" else "plan_name_zh"]
    choices = list(plan_rows["plan"])[::-1]
    left, middle, right = st.columns(3)
    previous = left.selectbox(
        t("draft.previous"), choices, format_func=names.get, key="draft_previous", placeholder=t("shell.choose")
    )
    new_id = middle.text_input(t("draft.plan_id"), value=next_plan_id(previous), key=f"draft_id_{previous}")
    last_target = int(plan_rows.set_index("plan").loc[previous, "target_year"])
    target_year = int(
        right.number_input(
            t("draft.target_year"),
            min_value=last_target + 1,
            max_value=9999,
            value=last_target + 5,
            step=1,
            key=f"draft_year_{previous}",
        )
    )
    name_zh = left.text_input(t("draft.name_zh"), value="", key="draft_name_zh")
    name_en = middle.text_input(t("draft.name_en"), value="", key="draft_name_en")

    plan = new_id.strip()
    start = draft_from_plan(
        catalog,
        observations,
        previous,
        plan=plan,
        plan_name_zh=name_zh.strip() or plan,
        plan_name_en=name_en.strip() or plan,
        target_year=target_year,
    )
    # A catalog file is read under the ingest module's default limit (analytics.catalog_ingest).
    uploaded = widgets.file_uploader(t("draft.upload"), ["csv", "xlsx"], key="draft_upload", limit_bytes=MAX_FILE_BYTES)
    if uploaded is not None:  # a draft edited elsewhere (e.g. the downloaded CSV, in Excel) replaces the start
        start, file_problems = read_draft(uploaded.getvalue(), uploaded.name, catalog)
        if start.empty:
            widgets.problems_table(file_problems)
            st.stop()
        plan = ", ".join(sorted(set(start["plan"])))
    st.subheader(t("draft.grid"))
    edited = st.data_editor(
        start.loc[:, GRID],
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=[c for c in GRID if c not in EDITABLE],
        column_config={c: st.column_config.Column(t(k)) for c, k in GRID_LABELS.items()},
        key=f"draft_grid_{previous}_{plan}_{target_year}_{uploaded is not None}",
    )
    draft = with_edits(start, edited)

    content, file_name = draft_file(draft)
    indicators, problems = read_draft(content, file_name, catalog)
    st.subheader(t("draft.check"))
    if problems:
        st.error(t("draft.problems", count=len(problems)), icon="⛔")
    else:
        st.success(t("draft.ok", rows=len(indicators)))
    if len(indicators):
        checked = check_draft(indicators, problems, catalog, observations, lang=state.lang())
        shown = checked.assign(
            name=checked["name_en" if state.lang() == "en" else "name_zh"],
            verdict=[t(f"draft.verdict.{v}") for v in checked["verdict"]],
        ).loc[:, ["id", *CHECK]]
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_order=list(CHECK),
            key="draft_check",
            column_config={
                **{c: st.column_config.Column(t(k)) for c, k in CHECK.items()},
                "probability": st.column_config.NumberColumn(t("col.probability"), format="percent"),
            },
        )
    st.caption(t("draft.thresholds"))
    st.download_button(t("draft.download"), content, f"catalog_{plan or 'draft'}.csv", "text/csv", key="draft_download")
    add_section(indicators, problems, content, plan)


def with_edits(start: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame:
    """The draft with the grid's editable columns (targets, departments) taken from ``edited``."""
    return start.assign(**{c: edited[c].to_numpy() for c in EDITABLE})


def add_section(indicators: pd.DataFrame, problems, content: bytes, plan: str) -> None:
    """Add the checked draft as a new plan: one revision, made by a signed-in account allowed to add plans."""
    signin.panel("draft_signin")
    shown_plan = escape_markdown(plan)
    blocked = t("data.fix_errors") if problems or indicators.empty else None

    def add_plan(account: Account) -> str:
        revision = data.store().add_plan(
            indicators,
            author=account.display_name,
            account=account.name,
            file_name=f"catalog_{plan}.csv",
            sha256=file_sha256(content),
        )
        return t("cli.plan_added", plan=shown_plan, rows=len(indicators), revision=revision.id)

    signin.signed_write(
        t("draft.add", plan=shown_plan), add_plan, key="draft_add", action=Action.ADD_PLAN, flash=FLASH, blocked=blocked
    )
