"""The /accounts page, for admins: the accounts, adding one, changing its role, department,
e-mail or display name, disabling it, setting a new password, and the record of every change.

Every change is recorded (``account_events``, append-only) as made by the signed-in admin.
Passwords are typed in forms that are cleared when sent, and never shown or kept.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analytics.accounts import Account, Action, Role, change_password, create_account, update_account
from analytics.audit import beijing_time
from analytics.errors import PlanError
from analytics.formatting import escape_markdown
from analytics.store import SqlAccountRepository
from dashboard import data, signin
from dashboard.state import lang, t

FLASH = "accounts_flash"
ROLES = list(Role)


def role_text(role: Role) -> str:
    return t(f"accounts.role.{role.value}")


def error(error: PlanError) -> None:
    st.error(escape_markdown(error.message(lang())))


def account_table(accounts: list[Account]) -> pd.DataFrame:
    columns = ["name", "display_name", "role", "department", "email", "disabled"]
    table = pd.DataFrame(
        [
            {
                "name": a.name,
                "display_name": a.display_name,
                "role": role_text(a.role),
                "department": a.department or "",
                "email": a.email or "",
                "disabled": a.disabled,
            }
            for a in accounts
        ],
        columns=columns,
    )
    return table.rename(columns={c: t(f"accounts.col.{c}") for c in columns})


def add_section(repo: SqlAccountRepository) -> None:
    with st.form("accounts_add", clear_on_submit=True):
        st.markdown(f"**{t('accounts.page.add')}**")
        name = st.text_input(t("accounts.col.name"), max_chars=64, key="accounts_add_name")
        display_name = st.text_input(t("accounts.page.display_name"), max_chars=200, key="accounts_add_display")
        role = st.selectbox(t("accounts.page.role"), ROLES, format_func=role_text, key="accounts_add_role")
        department = st.text_input(t("accounts.page.department"), key="accounts_add_department")
        email = st.text_input(t("accounts.page.email"), max_chars=320, key="accounts_add_email")
        password = st.text_input(t("accounts.page.new_password"), type="password", key="accounts_add_password")
        sent = st.form_submit_button(t("accounts.page.create"), type="primary", key="accounts_add_submit")
    if not sent:
        return
    try:
        made = create_account(
            repo,
            name=name,
            display_name=display_name,
            role=role,
            password=password or None,
            department=department,
            email=email,
        )
    except PlanError as failure:
        error(failure)
        return
    st.session_state[FLASH] = t("accounts.page.created", name=escape_markdown(made.name))
    st.rerun()


def change_section(repo: SqlAccountRepository, accounts: list[Account]) -> None:
    st.markdown(f"**{t('accounts.page.change')}**")
    names = [a.name for a in accounts]
    chosen = st.selectbox(t("accounts.page.pick"), names, key="accounts_pick")
    current = next(a for a in accounts if a.name == chosen)
    key = f"accounts_change_{current.name}"  # fresh widgets, holding this account's values, per account
    with st.form(key):
        display_name = st.text_input(t("accounts.page.display_name"), value=current.display_name, max_chars=200)
        role = st.selectbox(t("accounts.page.role"), ROLES, index=ROLES.index(current.role), format_func=role_text)
        department = st.text_input(t("accounts.page.department"), value=current.department or "")
        email = st.text_input(t("accounts.page.email"), value=current.email or "", max_chars=320)
        disabled = st.checkbox(t("accounts.page.disabled"), value=current.disabled)
        sent = st.form_submit_button(t("accounts.page.save"), key=f"{key}_submit")
    if sent:
        changed = replace(
            current,
            display_name=display_name,
            role=role,
            department=department or None,
            email=email or None,
            disabled=disabled,
        )
        try:
            with repo.transaction():  # read, last-admin check and write as one transaction
                update_account(repo, changed)
        except PlanError as failure:
            error(failure)
            return
        st.session_state[FLASH] = t("accounts.page.saved", name=escape_markdown(current.name))
        st.rerun()
    with st.form(f"{key}_password", clear_on_submit=True):
        password = st.text_input(t("accounts.page.new_password"), type="password", key=f"{key}_new_password")
        reset = st.form_submit_button(t("accounts.page.reset"), key=f"{key}_reset")
    if reset:
        try:
            change_password(repo, current.name, password)
        except PlanError as failure:
            error(failure)
            return
        st.session_state[FLASH] = t("accounts.page.reset_done", name=escape_markdown(current.name))
        st.rerun()


def events_section() -> None:
    st.subheader(t("accounts.page.events"))
    events = data.store().account_events()
    columns = ["created_at", "actor", "account", "event", "detail"]
    shown = events.loc[:, columns].assign(created_at=beijing_time(events["created_at"]))
    labels = {c: t(f"accounts.col.{c}") for c in columns if c != "account"} | {"account": t("accounts.col.name")}
    st.dataframe(shown.rename(columns=labels), hide_index=True, width="stretch", key="accounts_events")


def render() -> None:
    st.title(t("accounts.page.title"))
    account = signin.panel("accounts_signin")
    decision = signin.decision(Action.MANAGE_ACCOUNTS)
    if account is None or not decision.allowed:
        st.warning(t("accounts.ui.refused", value=escape_markdown(decision.message(lang()))), icon="🔒")
        return
    st.caption(t("accounts.page.intro"))
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon="✅")
    repo = signin.repository(actor=account.name)
    accounts = repo.list()
    st.subheader(t("accounts.page.list"))
    st.dataframe(account_table(accounts), hide_index=True, width="stretch", key="accounts_table")
    add_section(repo)
    if accounts:
        change_section(repo, accounts)
    events_section()
