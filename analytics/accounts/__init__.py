"""Accounts and roles (issue 17): who someone is, what they may do, and how they sign in.

Pure Python, no Streamlit and no database: the store provides an :class:`AccountRepository`,
the pages call :func:`authenticate` and :func:`can`. One module per idea:

- :mod:`.roles` - roles, actions and the permission rule :func:`can`;
- :mod:`.passwords` - Argon2 hashing and the password policy;
- :mod:`.throttle` - back-off after wrong passwords, per account and per client address;
- :mod:`.repository` - the :class:`Account` record and where accounts are kept;
- :mod:`.management` - creating and changing accounts under the rules (never zero admins);
- :mod:`.signin` - checking a name and password (and the deprecated shared passcode);
- :mod:`.sso` - mapping a single-sign-on identity (OIDC claims) to an account;
- :mod:`.settings` - the deployment's choice whether reading needs a login;
- :mod:`.addresses` - the client address behind a trusted reverse proxy.
"""

from analytics.accounts.addresses import client_address, trusted_proxies
from analytics.accounts.management import LEGACY_ADMIN_NAME, change_password, create_account, update_account
from analytics.accounts.passwords import (
    PasswordProblem,
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)
from analytics.accounts.repository import Account, AccountRepository, InMemoryAccountRepository, normalise_name
from analytics.accounts.roles import Action, Decision, Role, can, indicator_departments
from analytics.accounts.settings import AccessSettings, access_settings
from analytics.accounts.signin import SignIn, authenticate
from analytics.accounts.sso import account_for_identity
from analytics.accounts.throttle import Throttle

__all__ = [
    "LEGACY_ADMIN_NAME",
    "AccessSettings",
    "Account",
    "AccountRepository",
    "Action",
    "Decision",
    "InMemoryAccountRepository",
    "PasswordProblem",
    "Role",
    "SignIn",
    "Throttle",
    "access_settings",
    "account_for_identity",
    "authenticate",
    "can",
    "change_password",
    "client_address",
    "create_account",
    "hash_password",
    "indicator_departments",
    "needs_rehash",
    "normalise_name",
    "password_problems",
    "trusted_proxies",
    "update_account",
    "verify_password",
]
