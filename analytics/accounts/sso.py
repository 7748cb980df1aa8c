"""Single sign-on (Streamlit's ``st.login``, OpenID Connect): which account an identity is.

An identity provider vouches for an e-mail address; that address, when the provider says it is
verified, is looked up among the accounts, and the account found brings its role (and department).
Nobody gets an account by signing in: an admin creates it first, with that e-mail address.
"""

from __future__ import annotations

from collections.abc import Mapping

from analytics.accounts.repository import Account, AccountRepository


def account_for_identity(repo: AccountRepository, claims: Mapping[str, object], *, client_id: str) -> Account | None:
    """The enabled account whose e-mail address is the identity's verified ``email`` claim, else ``None``.

    ``email_verified`` must be true (the boolean, or the string "true" some providers send):
    an unverified address could be anyone's. The ID token's audience ``aud`` (a string or a list)
    must name this app's ``client_id`` (OpenID Connect Core 3.1.3.7): Authlib, under ``st.login``,
    also accepts a token for another audience whose ``azp`` is this app, a token meant for another
    application.
    """
    email = claims.get("email")
    if not isinstance(email, str) or not email.strip() or not _is_true(claims.get("email_verified")):
        return None
    if not _names(claims.get("aud"), client_id):
        return None
    account = repo.get_by_email(email)
    if account is None or account.disabled:
        return None
    return account


def _names(audience: object, client_id: str) -> bool:
    if isinstance(audience, str):
        return bool(client_id) and audience == client_id
    return isinstance(audience, list | tuple) and bool(client_id) and client_id in audience


def _is_true(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")
