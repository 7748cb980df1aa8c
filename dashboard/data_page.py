"""The data page: upload figures, see every problem or the exact changes, commit; history, view,
download, restore; add a plan; save and delete what-if scenarios (the only writes, all on this page).

Uploaded text is only ever shown inside st.dataframe / st.text, never as Markdown or HTML.
Every write needs a signed-in account whose role allows it (``dashboard.signin``); a control for
a write the account may not make is not shown at all, and the permission is checked again on the click.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.accounts import Account, Action, indicator_departments
from analytics.audit import audit_headers, audit_table
from analytics.catalog import plan_catalog
from analytics.catalog_ingest import load_catalog_file
from analytics.formatting import escape_markdown, number
from analytics.ingest import MAX_FILE_BYTES, load_observations, sheet_names
from analytics.ingest.grid import web_limits
from analytics.preview import preview
from analytics.store import file_sha256
from analytics.template import template
from dashboard import collection, data, scenarios, signin, state, widgets
from dashboard.state import lang, t

FLASH = "data_flash"  # the success message of the last write, shown once after the rerun
GENERATION = "data_upload_generation"  # bumped after a commit so the uploader starts empty
PREVIEWED = "data_previewed_revision"  # the data revision of the preview shown on the last run


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon="✅")


def template_downloads(catalog: pd.DataFrame, plan: str) -> None:
    with st.expander(t("data.template"), icon="📄"):
        st.caption(t("data.template_help"))
        blank = template(catalog, plan)
        widgets.download_buttons(
            blank,
            f"template_{plan}",
            sheet_name="模板",
            key="template",
            csv_label=t("data.template_csv"),
            excel_label=t("data.template_excel"),
        )


def show_preview(shown) -> None:
    st.subheader(t("data.preview"))
    st.write(t("data.counts", **shown.counts))
    changes = shown.changes
    table = pd.DataFrame(
        {
            t("col.seq"): changes["seq"].astype("Int64"),
            t("col.name"): changes["name_en" if lang() == "en" else "name_zh"],
            t("data.col_year"): changes["year"],
            t("data.col_old_value"): [number(v) if pd.notna(v) else "" for v in changes["old_value"]],
            t("data.col_value"): [number(v) for v in changes["value"]],
            t("data.col_change"): [t(f"data.change.{c}") for c in changes["change"]],
            t("data.col_note"): changes["note"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="preview_changes")
    st.subheader(t("data.status_changes"))
    statuses = shown.statuses
    if statuses.empty:
        st.info(t("data.no_status_change"))
        return
    before = t("data.col_before", year=int(statuses["year_before"].iloc[0]))
    after = t("data.col_after", year=int(statuses["year_after"].iloc[0]))
    st.dataframe(
        pd.DataFrame(
            {
                t("col.seq"): statuses["seq"],
                t("col.name"): statuses["name_en" if lang() == "en" else "name_zh"],
                before: widgets.status_texts(
                    statuses["status_before"], statuses["must_hold_before"], statuses["target_year"]
                ),
                after: widgets.status_texts(
                    statuses["status_after"], statuses["must_hold_after"], statuses["target_year"]
                ),
            }
        ),
        hide_index=True,
        width="stretch",
        key="preview_statuses",
    )


def upload_section(catalog: pd.DataFrame, plan: str) -> None:
    st.subheader(t("data.upload_header"))
    name = plan_catalog(catalog, plan)["plan_name_en" if lang() == "en" else "plan_name_zh"].iloc[0]
    st.info(t("data.plan_used", name=escape_markdown(name), plan=escape_markdown(plan)), icon="🗂️")
    st.caption(t("data.formats", limit_mb=f"{web_limits().max_bytes / (1024 * 1024):g}"))
    generation = st.session_state.get(GENERATION, 0)
    uploaded = widgets.file_uploader(
        t("data.file"), ["csv", "xlsx"], key=f"upload_{generation}", limit_bytes=web_limits().max_bytes
    )
    if uploaded is None:
        return
    content = uploaded.getvalue()
    sheets = sheet_names(content)
    sheet = (
        st.selectbox(t("data.sheet"), sheets, key=f"sheet_{generation}", placeholder=t("shell.choose"))
        if len(sheets) > 1
        else None
    )
    revision_now = state.data_revision()
    # The analyst confirmed what the previous run showed: commit only if the data are still those.
    previewed = st.session_state.get(PREVIEWED, revision_now)
    st.session_state[PREVIEWED] = revision_now
    current = data.observations(revision_now).drop(columns="revision_id")
    result = load_observations(content, uploaded.name, catalog, plan=plan, current=current, sheet=sheet)
    if result.problems:
        st.subheader(t("data.problems", errors=len(result.errors), warnings=len(result.warnings)))
        widgets.problems_table(result.problems)
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

    def commit(account: Account) -> str:
        revision = data.store().commit_observations(
            result.observations,
            author=account.display_name,
            account=account.name,
            note=note.strip(),
            file_name=uploaded.name,
            sha256=file_sha256(content),
            expected_revision=previewed,
        )
        st.session_state[GENERATION] = generation + 1
        return t("data.committed", revision=revision.id, new=revision.rows_new, changed=revision.rows_changed)

    departments = indicator_departments(catalog, result.observations["indicator_id"].unique())
    signin.signed_write(
        t("data.commit"),
        commit,
        key=f"commit_{generation}",
        flash=FLASH,
        action=Action.IMPORT_FIGURES,
        departments=departments,
        blocked=None if confirmed else t("data.need_confirm"),
    )


def history_section() -> None:
    """Who, when (Beijing time), what (rows added, changed, removed) and why, for every revision."""
    st.subheader(t("data.history"))
    history = data.store().revisions()
    shown = audit_table(
        history, lang()
    ).assign(
        file_name=history["file_name"].str.rsplit("/", n=1).str[-1].to_numpy(),  # no folder paths on the page
        sha256=history["sha256"].str[:12].to_numpy(),
    )
    labels = audit_headers(lang()) | {"file_name": t("data.col_file_name"), "sha256": t("data.col_sha256")}
    st.dataframe(shown.rename(columns=labels), hide_index=True, width="stretch", key="history_table")

    chosen = st.selectbox(
        t("data.pick_revision"), list(history["id"]), key="data_revision_pick", placeholder=t("shell.choose")
    )
    if chosen is None:
        return
    chosen = int(chosen)
    written = data.store().revision_rows(chosen)
    st.write(t("data.revision_rows", revision=chosen))
    names = data.catalog(state.data_revision()).set_index("id")["name_en" if lang() == "en" else "name_zh"]
    st.dataframe(
        pd.DataFrame(
            {
                t("col.name"): written["indicator_id"].map(names).fillna(written["indicator_id"]),
                t("data.col_year"): written["year"],
                t("data.col_value"): written["value"],
                t("data.col_note"): written["note"],
                t("data.col_deleted"): written["deleted"].astype(bool),
            }
        ),
        hide_index=True,
        width="stretch",
        key="revision_rows",
    )
    held = data.store().observations(revision=chosen).drop(columns="revision_id")
    st.write(t("data.revision_state", revision=chosen, rows=len(held)))
    widgets.download_buttons(held, f"observations_r{chosen}", sheet_name="observations", key="revision")

    if not signin.may(Action.RESTORE):
        return
    st.caption(t("data.restore_help"))

    def restore(account: Account) -> str:
        revision = data.store().restore(chosen, author=account.display_name, account=account.name)
        return t("data.restored", revision=revision.id, source=chosen)

    signin.signed_write(
        t("data.restore", revision=chosen), restore, key="restore_button", flash=FLASH, action=Action.RESTORE
    )


def new_plan_section(catalog: pd.DataFrame) -> None:
    """Add a plan (the 15th, or another county's) from a catalog CSV: checked, previewed, one revision."""
    with st.expander(t("data.plan_header"), icon="🗂️"):
        st.caption(t("shell.plan_help"))
        uploaded = widgets.file_uploader(t("data.plan_file"), ["csv"], key="plan_upload", limit_bytes=MAX_FILE_BYTES)
        if uploaded is None:
            return
        content = uploaded.getvalue()
        indicators, problems = load_catalog_file(content, uploaded.name, existing=catalog)
        if problems:
            widgets.problems_table(problems)
            st.error(t("data.fix_errors"), icon="⛔")
            return
        plans = escape_markdown(", ".join(sorted(set(indicators["plan"]))))  # from the file: shown literally
        st.write(t("data.plan_preview", plan=plans, rows=len(indicators)))
        st.dataframe(
            indicators.loc[
                :,
                [
                    "id",
                    "seq",
                    "name_zh",
                    "unit",
                    "kind",
                    "comparison",
                    "baseline_year",
                    "baseline_value",
                    "target_year",
                    "target_value",
                ],
            ],
            hide_index=True,
            width="stretch",
            key="plan_preview",
        )

        def add_plan(account: Account) -> str:
            revision = data.store().add_plan(
                indicators,
                author=account.display_name,
                account=account.name,
                file_name=uploaded.name,
                sha256=file_sha256(content),
            )
            return t("cli.plan_added", plan=plans, rows=len(indicators), revision=revision.id)

        signin.signed_write(
            t("data.plan_add", plan=plans), add_plan, key="plan_add", flash=FLASH, action=Action.ADD_PLAN
        )


def render() -> None:
    st.title(t("data.title"))
    st.caption(t("data.intro"))
    show_flash()
    signin.panel("data_signin")
    collection.collection_section()  # issue 16: which figures of a year are in (dashboard/collection.py)
    data_catalog = data.catalog(state.data_revision())
    chosen_plan = state.selected_plan()  # uploads resolve numbers and names against the sidebar's plan
    template_downloads(data_catalog, chosen_plan)
    if signin.may(Action.IMPORT_FIGURES):
        upload_section(data_catalog, chosen_plan)
    elif signin.current_account() is None:
        st.info(t("accounts.ui.write_needs_sign_in"), icon="🔒")
    if signin.may(Action.ADD_PLAN):
        new_plan_section(data_catalog)
    st.divider()
    history_section()
    st.divider()
    scenarios.saved_scenarios_admin()
