"""The data page: upload figures, see every problem or the exact changes, commit; history, view,
download, restore; add a plan.

Uploaded text is only ever shown inside st.dataframe / st.text, never as Markdown or HTML.
Every write asks for the analyst passcode through ``widgets.passcode_field`` / ``widgets.authorised``.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics.catalog import plan_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.errors import PlanError
from analytics.formatting import escape_markdown, number
from analytics.ingest import load_observations, problem_table, sheet_names
from analytics.ingest.grid import web_limits
from analytics.preview import preview
from analytics.store import file_sha256
from analytics.template import template
from dashboard import data, state, widgets
from dashboard.state import lang, t

FLASH = "data_flash"  # the success message of the last write, shown once after the rerun
GENERATION = "data_upload_generation"  # bumped after a commit so the uploader starts empty
PREVIEWED = "data_previewed_revision"  # the data revision of the preview shown on the last run


def signed_write(label: str, write: Callable[[str], str], *, key: str, author_key: str, passcode_key: str,
                 blocked: str | None = None) -> None:
    """Author, passcode and a button for one write, with the checks every write shares.

    On a click that passes them, ``write(author)`` makes the write and returns the success
    message, shown after the rerun. ``blocked`` is an error to show instead when something
    else must be done first. Errors name no user text unescaped (it may come from a file).
    """
    author = st.text_input(t("data.author"), key=author_key, max_chars=200)
    passcode = widgets.passcode_field(passcode_key)
    if not st.button(label, type="primary", key=key):
        return
    if not author.strip():
        st.error(t("data.need_author"))
        return
    if blocked:
        st.error(blocked)
        return
    if not widgets.authorised(passcode):
        return
    try:
        st.session_state[FLASH] = write(author.strip())
    except PlanError as error:
        st.error(t("data.error", value=escape_markdown(error.message(lang()))))
        return
    st.rerun()


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon="✅")


def template_downloads(catalog: pd.DataFrame, plan: str) -> None:
    with st.expander(t("data.template"), icon="📄"):
        st.caption(t("data.template_help"))
        blank = template(catalog, plan)
        widgets.download_buttons(blank, f"template_{plan}", sheet_name="模板", key="template",
                            csv_label=t("data.template_csv"), excel_label=t("data.template_excel"))


def show_problems(problems) -> None:
    table = problem_table(problems, lang())
    columns = {c: t(f"data.col_{c}") for c in ["row", "column", "level", "message", "code"]}
    st.dataframe(table.loc[:, list(columns)].rename(columns=columns), hide_index=True, width="stretch")


def show_preview(shown) -> None:
    st.subheader(t("data.preview"))
    st.write(t("data.counts", **shown.counts))
    changes = shown.changes
    table = pd.DataFrame({
        t("col.seq"): changes["seq"].astype("Int64"),
        t("col.name"): changes["name_en" if lang() == "en" else "name_zh"],
        t("data.col_year"): changes["year"],
        t("data.col_old_value"): [number(v) if pd.notna(v) else "" for v in changes["old_value"]],
        t("data.col_value"): [number(v) for v in changes["value"]],
        t("data.col_change"): [t(f"data.change.{c}") for c in changes["change"]],
        t("data.col_note"): changes["note"],
    })
    st.dataframe(table, hide_index=True, width="stretch", key="preview_changes")
    st.subheader(t("data.status_changes"))
    statuses = shown.statuses
    if statuses.empty:
        st.info(t("data.no_status_change"))
        return
    before = t("data.col_before", year=int(statuses["year_before"].iloc[0]))
    after = t("data.col_after", year=int(statuses["year_after"].iloc[0]))
    st.dataframe(pd.DataFrame({
        t("col.seq"): statuses["seq"],
        t("col.name"): statuses["name_en" if lang() == "en" else "name_zh"],
        before: widgets.status_texts(statuses["status_before"], statuses["must_hold_before"], statuses["target_year"]),
        after: widgets.status_texts(statuses["status_after"], statuses["must_hold_after"], statuses["target_year"]),
    }), hide_index=True, width="stretch", key="preview_statuses")


def upload_section(catalog: pd.DataFrame, plan: str) -> None:
    st.subheader(t("data.upload_header"))
    name = plan_catalog(catalog, plan)["plan_name_en" if lang() == "en" else "plan_name_zh"].iloc[0]
    st.info(t("data.plan_used", name=escape_markdown(name), plan=escape_markdown(plan)), icon="🗂️")
    st.caption(t("data.formats", limit_mb=f"{web_limits().max_bytes / (1024 * 1024):g}"))
    generation = st.session_state.get(GENERATION, 0)
    uploaded = st.file_uploader(t("data.file"), type=["csv", "xlsx"], key=f"upload_{generation}")
    if uploaded is None:
        return
    content = uploaded.getvalue()
    sheets = sheet_names(content)
    sheet = st.selectbox(t("data.sheet"), sheets, key=f"sheet_{generation}") if len(sheets) > 1 else None
    revision_now = state.data_revision()
    # The analyst confirmed what the previous run showed: commit only if the data are still those.
    previewed = st.session_state.get(PREVIEWED, revision_now)
    st.session_state[PREVIEWED] = revision_now
    current = data.observations(revision_now).drop(columns="revision_id")
    result = load_observations(content, uploaded.name, catalog, plan=plan, current=current, sheet=sheet)
    if result.problems:
        st.subheader(t("data.problems", errors=len(result.errors), warnings=len(result.warnings)))
        show_problems(result.problems)
    if result.errors:
        st.error(t("data.fix_errors"), icon="⛔")
        return
    shown = preview(current, result.observations, catalog, plan=plan)
    show_preview(shown)
    if not shown.writes_anything:
        st.info(t("data.nothing_to_commit"))
        return
    confirmed = st.checkbox(t("data.confirm_warnings"), key=f"confirm_{generation}") if result.warnings else True
    note = st.text_input(t("data.note"), key=f"note_{generation}", max_chars=2000)

    def commit(author: str) -> str:
        revision = data.store().commit_observations(
            result.observations, author=author, note=note.strip(), file_name=uploaded.name,
            sha256=file_sha256(content), expected_revision=previewed,
        )
        st.session_state[GENERATION] = generation + 1
        return t("data.committed", revision=revision.id, new=revision.rows_new, changed=revision.rows_changed)

    signed_write(t("data.commit"), commit, key=f"commit_{generation}", author_key="data_author",
                 passcode_key=f"passcode_commit_{generation}", blocked=None if confirmed else t("data.need_confirm"))


def history_section() -> None:
    st.subheader(t("data.history"))
    history = data.store().revisions()
    columns = ["id", "created_at", "action", "author", "note", "file_name", "rows_new", "rows_changed",
               "rows_unchanged", "rows_removed", "restored_from", "sha256"]
    shown = history.loc[:, columns].assign(
        created_at=pd.to_datetime(history["created_at"], utc=True).dt.strftime("%Y-%m-%d %H:%M"),
        action=[t(f"data.action.{a}") for a in history["action"]],
        restored_from=history["restored_from"].astype("Int64"),
    )
    labels = {c: t(f"data.col_{c}") for c in columns if c not in ("id", "note")}
    labels |= {"id": t("data.col_revision"), "note": t("data.col_note_text")}
    st.dataframe(shown.rename(columns=labels), hide_index=True, width="stretch", key="history_table")

    chosen = st.selectbox(t("data.pick_revision"), list(history["id"]), key="data_revision_pick")
    if chosen is None:
        return
    chosen = int(chosen)
    written = data.store().revision_rows(chosen)
    st.write(t("data.revision_rows", revision=chosen))
    st.dataframe(pd.DataFrame({
        "indicator_id": written["indicator_id"], t("data.col_year"): written["year"],
        t("data.col_value"): written["value"], t("data.col_note"): written["note"],
        t("data.col_deleted"): written["deleted"].astype(bool),
    }), hide_index=True, width="stretch", key="revision_rows")
    held = data.store().observations(revision=chosen).drop(columns="revision_id")
    st.write(t("data.revision_state", revision=chosen, rows=len(held)))
    widgets.download_buttons(held, f"observations_r{chosen}", sheet_name="observations", key="revision")

    st.caption(t("data.restore_help"))
    def restore(author: str) -> str:
        revision = data.store().restore(chosen, author=author)
        return t("data.restored", revision=revision.id, source=chosen)

    signed_write(t("data.restore", revision=chosen), restore, key="restore_button", author_key="restore_author",
                 passcode_key="passcode_restore")


def new_plan_section(catalog: pd.DataFrame) -> None:
    """Add a plan (the 15th, or another county's) from a catalog CSV: checked, previewed, one revision."""
    with st.expander(t("data.plan_header"), icon="🗂️"):
        st.caption(t("data.plan_help"))
        uploaded = st.file_uploader(t("data.plan_file"), type=["csv"], key="plan_upload")
        if uploaded is None:
            return
        content = uploaded.getvalue()
        indicators, problems = load_catalog_file(content, uploaded.name, existing=catalog)
        if problems:
            show_problems(problems)
            st.error(t("data.fix_errors"), icon="⛔")
            return
        plans = escape_markdown(", ".join(sorted(set(indicators["plan"]))))  # from the file: shown literally
        st.write(t("data.plan_preview", plan=plans, rows=len(indicators)))
        st.dataframe(indicators.loc[:, ["id", "seq", "name_zh", "unit", "kind", "comparison", "baseline_year",
                                        "baseline_value", "target_year", "target_value"]],
                     hide_index=True, width="stretch", key="plan_preview")

        def add_plan(author: str) -> str:
            revision = data.store().add_plan(indicators, author=author, file_name=uploaded.name,
                                             sha256=file_sha256(content))
            return t("cli.plan_added", plan=plans, rows=len(indicators), revision=revision.id)

        signed_write(t("data.plan_add", plan=plans), add_plan, key="plan_add", author_key="plan_author",
                     passcode_key="passcode_plan")


def render() -> None:
    st.title(t("data.title"))
    st.caption(t("data.intro"))
    show_flash()
    data_catalog = data.catalog(state.data_revision())
    chosen_plan = state.selected_plan()  # uploads resolve numbers and names against the sidebar's plan
    template_downloads(data_catalog, chosen_plan)
    upload_section(data_catalog, chosen_plan)
    new_plan_section(data_catalog)
    st.divider()
    history_section()
