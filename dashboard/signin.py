"""Who is signed in to this session, the sign-in form, and the permission check of every write.

The session keeps only the account's name (``st.session_state[SIGNED_IN]``); the account is read
again from the database on every run, so disabling an account or changing its role takes effect
at the signed-in person's next click. Passwords are typed in a form that is cleared when sent and
are never kept. One :class:`~analytics.accounts.Throttle` serves the whole server process
(``st.cache_resource``), keyed per account and per client address (``st.context.ip_address``,
or ``X-Forwarded-For`` from a trusted proxy), so one person's wrong passwords block nobody else.

Single sign-on: when secrets.toml has an ``[auth]`` section, a button signs in with Streamlit's
``st.login()`` (OpenID Connect); the identity's verified e-mail then selects the account
(``account_for_identity``), if the ID token was issued to this app. Without ``[auth]`` the button is not shown.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analytics.accounts import (
    LEGACY_ADMIN_NAME,
    AccessSettings,
    Account,
    Action,
    Decision,
    Throttle,
    access_settings,
    account_for_identity,
    authenticate,
    can,
    client_address,
    trusted_proxies,
)
from analytics.accounts.roles import ALLOWED_ACTIONS
from analytics.accounts.signin import LEGACY_ADMIN
from analytics.errors import PlanError
from analytics.formatting import escape_markdown
from analytics.store import SqlAccountRepository
from dashboard import data, widgets
from dashboard.state import lang, t

SIGNED_IN = "signed_in_account"  # the account name, nothing else
SETTINGS = ("PLAN_READ_REQUIRES_LOGIN", "PLAN_ADMIN_PASSCODE")


@st.cache_resource(show_spinner=False)
def throttle() -> Throttle:
    """One throttle per server process: failures count across every session."""
    return Throttle(clock=lambda: widgets.clock())


def settings() -> AccessSettings:
    return access_settings({name: data.secret(name) or "" for name in SETTINGS})


def repository(actor: str = "") -> SqlAccountRepository:
    return data.store().accounts(actor=actor)


def sso_configured() -> bool:
    """Whether secrets.toml has an ``[auth]`` section for ``st.login``."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def sso_client_id() -> str:
    """This app's client id at the identity provider (``[auth] client_id``): the audience its ID tokens name."""
    return str(st.secrets["auth"].get("client_id", ""))


def logged_in_with_sso() -> bool:
    """Whether ``st.login`` has signed this session in (``st.user`` has no such key where there is no auth)."""
    return bool(st.user.get("is_logged_in", False))


def address() -> str | None:
    """The client address the throttle keys on."""
    forwarded = st.context.headers.get("X-Forwarded-For") if st.context.headers else None
    return client_address(st.context.ip_address, forwarded, trusted_proxies(data.secret("PLAN_TRUSTED_PROXIES")))


def current_account() -> Account | None:
    """The signed-in account as the database has it now; ``None`` when nobody (enabled) is signed in."""
    repo = repository()
    name = st.session_state.get(SIGNED_IN)
    if name == LEGACY_ADMIN_NAME:
        if settings().legacy_passcode and repo.count_admins() == 0:
            return LEGACY_ADMIN
        account = None  # an admin account exists now: the passcode opens nothing
    elif name is not None:
        account = repo.get_by_name(name)
    elif sso_configured() and logged_in_with_sso():
        return account_for_identity(repo, st.user.to_dict(), client_id=sso_client_id())
    else:
        return None
    if account is None or account.disabled:
        st.session_state.pop(SIGNED_IN, None)
        return None
    return account


def may(action: Action) -> bool:
    """Whether the signed-in account may take ``action`` at all (a department analyst's import is
    further checked per indicator when it is made)."""
    account = current_account()
    return account is not None and action in _role_actions(account)


def decision(action: Action, **checked) -> Decision:
    return can(current_account(), action, read_requires_login=settings().read_requires_login, **checked)


def panel(key: str) -> Account | None:
    """Who is signed in, with a sign-out button; or the sign-in form. Returns the account."""
    account = current_account()
    if account is not None:
        signed_in_line(account, key)
        return account
    if sso_configured():
        if logged_in_with_sso():
            st.warning(t("accounts.ui.sso_unknown"))
            st.button(t("accounts.ui.sign_out"), key=f"{key}_sso_out", on_click=st.logout)
        else:
            st.button(t("accounts.ui.sso"), key=f"{key}_sso", icon="🔑", on_click=st.login)
    with st.form(f"{key}_signin", clear_on_submit=True, border=True):
        st.markdown(f"**{t('accounts.ui.header')}**")
        if settings().legacy_passcode and repository().count_admins() == 0:
            st.caption(t("accounts.ui.legacy_hint"))
        name = st.text_input(t("accounts.ui.name"), key=f"{key}_name", max_chars=64)
        password = st.text_input(t("accounts.ui.password"), type="password", key=f"{key}_password")
        sent = st.form_submit_button(t("accounts.ui.sign_in"), type="primary", key=f"{key}_submit")
    if sent:
        result = authenticate(
            repository(actor=name), throttle(), name, password, address(), legacy_passcode=settings().legacy_passcode
        )
        if result.account is not None:
            st.session_state[SIGNED_IN] = result.account.name
            st.rerun()
        st.error(result.message(lang()))
    return None


def signed_in_line(account: Account, key: str) -> None:
    role = t(f"accounts.role.{account.role.value}")
    shown, out = st.columns([4, 1])
    shown.caption(t("accounts.ui.signed_in", name=escape_markdown(account.display_name), role=role))
    out.button(t("accounts.ui.sign_out"), key=f"{key}_sign_out", on_click=sign_out)
    if account is LEGACY_ADMIN:
        st.warning(t("accounts.ui.legacy_notice"), icon="⚠️")


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
    if sso_configured() and logged_in_with_sso():
        st.logout()


def _role_actions(account: Account) -> frozenset[Action]:
    return frozenset() if account.disabled else ALLOWED_ACTIONS[account.role]


def signed_write(
    label: str,
    write: Callable[[Account], str],
    *,
    key: str,
    action: Action,
    flash: str,
    blocked: str | None = None,
    departments: dict[str, str | None] | None = None,
) -> None:
    """The button for one write, shown only when the signed-in account may make it.

    On a click, ``write(account)`` makes the write (recording the account) and returns the
    success message, kept in ``st.session_state[flash]`` for the page to show after the rerun.
    ``blocked`` is an error to show instead when something else must be done first; ``departments`` (indicator -> department) are checked for an import.
    Errors name no user text unescaped (it may come from a file).
    """
    verdict = decision(action, indicator_departments=departments)
    if not verdict.allowed:
        st.warning(t("accounts.ui.refused", value=escape_markdown(verdict.message(lang()))), icon="🔒")
        return
    if not st.button(label, type="primary", key=key):
        return
    if blocked:
        st.error(blocked)
        return
    account = current_account()  # read again at the click: a disabled account writes nothing
    if not decision(action, indicator_departments=departments).allowed or account is None:
        st.error(t("accounts.ui.write_needs_sign_in"))
        return
    try:
        st.session_state[flash] = write(account)
    except PlanError as error:
        st.error(t("data.error", value=escape_markdown(error.message(lang()))))
        return
    st.rerun()
