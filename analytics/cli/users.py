"""Accounts from a terminal (issue 17): ``user add``, ``user list``, ``user disable``, ``user enable``,
``user set-role``, ``user reset-password``.

The command line is how a fresh install gets its first admin: there is no default password.
Passwords are read with ``getpass`` (typed twice) or, for scripts, one line from standard input
(``--password-stdin``); never from an argument, which shell history and the process list would keep.
Every change is recorded in the accounts' audit trail as made by the OS user, or ``--author``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import replace

import pandas as pd

from analytics.accounts import Role, change_password, create_account, update_account
from analytics.accounts.errors import UnknownAccount
from analytics.cli.options import add_db, add_format, default_author
from analytics.cli.output import print_json
from analytics.errors import PlanError
from analytics.export import neutralise
from analytics.labels import both
from analytics.store import Store

LIST_COLUMNS = ["name", "display_name", "role", "department", "email", "disabled", "sso_only", "created_at"]


class PasswordsDiffer(PlanError):
    """The password typed the second time is not the one typed the first time."""

    key = "accounts.error.passwords_differ"
    code = "passwords_differ"


def add_user_commands(commands) -> None:
    user = commands.add_parser(
        "user",
        help="add, list, disable, enable accounts and reset their passwords",
        description="Manage the accounts that sign in to the dashboard. Every change is "
        "kept in the accounts' audit trail, with --author (default: the OS user).",
    )
    actions = user.add_subparsers(
        dest="user_command",
        required=True,
        metavar="ACTION",
        help="one of these; python -m analytics user ACTION --help shows its options",
    )

    add = actions.add_parser(
        "add",
        help="create an account (the first admin is created this way)",
        description="Create an account. The password is asked for twice (never an argument); "
        "--no-password makes a single-sign-on-only account, which needs --email.",
    )
    add.add_argument("name", help="account name: letters, digits, . _ - @ (case and width are ignored)")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="what the account may do")
    add.add_argument("--department", help="the department (责任单位) of a department_analyst, as in the catalog")
    add.add_argument("--email", help="e-mail address, used to match single sign-on identities")
    add.add_argument("--display-name", default="", help="the name shown in the history (default: the account name)")
    add.add_argument("--no-password", action="store_true", help="no password: signs in by single sign-on only")
    add_password_stdin(add)
    add_common(add)
    add.set_defaults(handler=run_add)

    listing = actions.add_parser(
        "list",
        help="every account (never a password or its hash)",
        description="List every account: name, role, department, e-mail, whether it is "
        "disabled or signs in by single sign-on only. No password or hash.",
    )
    add_db(listing)
    add_format(listing, ["table", "csv", "json"], "output format")
    listing.set_defaults(handler=run_list)

    for name, help_text, handler in (
        ("disable", "stop an account signing in, at once", run_disable),
        ("enable", "let a disabled account sign in again", run_enable),
    ):
        action = actions.add_parser(
            name, help=help_text, description=help_text + " (the last admin cannot be disabled)."
        )
        action.add_argument("name", help="account name")
        add_common(action)
        action.set_defaults(handler=handler)

    role = actions.add_parser(
        "set-role",
        help="change an account's role (and a department analyst's department)",
        description="Change an account's role; a department_analyst needs --department. "
        "The last enabled admin cannot be demoted.",
    )
    role.add_argument("name", help="account name")
    role.add_argument("role", choices=[r.value for r in Role], help="the new role")
    role.add_argument("--department", help="the department (责任单位) of a department_analyst, as in the catalog")
    add_common(role)
    role.set_defaults(handler=run_set_role)

    reset = actions.add_parser(
        "reset-password",
        help="give an account a new password",
        description="Give an account a new password, asked for twice (or --password-stdin).",
    )
    reset.add_argument("name", help="account name")
    add_password_stdin(reset)
    add_common(reset)
    reset.set_defaults(handler=run_reset_password)


def add_password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )


def add_common(parser: argparse.ArgumentParser) -> None:
    add_db(parser)
    parser.add_argument(
        "--author",
        default=default_author(),
        help="who makes the change, kept in the audit trail (default: the login name)",
    )


def read_password(args: argparse.Namespace) -> str:
    """The new password: the first line of standard input, or typed twice without echo."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(both("accounts.cli.password"))
    if getpass.getpass(both("accounts.cli.password_again")) != first:
        raise PasswordsDiffer()
    return first


def run_add(args: argparse.Namespace) -> None:
    password = None if args.no_password else read_password(args)
    repo = Store(args.db).accounts(actor=args.author)
    account = create_account(
        repo,
        name=args.name,
        display_name=args.display_name,
        role=Role(args.role),
        password=password,
        department=args.department,
        email=args.email,
    )
    print(both("accounts.cli.added", name=account.name, role=account.role.value))


def run_list(args: argparse.Namespace) -> None:
    table = pd.DataFrame(
        [
            {
                "name": a.name,
                "display_name": a.display_name,
                "role": a.role.value,
                "department": a.department or "",
                "email": a.email or "",
                "disabled": a.disabled,
                "sso_only": not a.password_hash,
                "created_at": a.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            }
            for a in Store(args.db).accounts(actor=default_author()).list()
        ],
        columns=LIST_COLUMNS,
    )
    if args.format == "json":
        print_json(table.to_dict("records"))
    elif args.format == "csv":
        sys.stdout.write(neutralise(table).to_csv(index=False))
    elif table.empty:
        print(both("accounts.cli.none"))
    else:
        with pd.option_context("display.unicode.east_asian_width", True, "display.width", 250):
            print(table.to_string(index=False))


def changed(args: argparse.Namespace, **changes) -> str:
    """Apply ``changes`` to the account ``args.name`` in one transaction (read, last-admin check, write)."""
    repo = Store(args.db).accounts(actor=args.author)
    with repo.transaction():
        current = repo.get_by_name(args.name)
        if current is None:
            raise UnknownAccount(args.name)
        update_account(repo, replace(current, **changes))
    return current.name


def run_disable(args: argparse.Namespace) -> None:
    print(both("accounts.cli.disabled", name=changed(args, disabled=True)))


def run_enable(args: argparse.Namespace) -> None:
    print(both("accounts.cli.enabled", name=changed(args, disabled=False)))


def run_set_role(args: argparse.Namespace) -> None:
    name = changed(args, role=Role(args.role), department=args.department)
    print(both("accounts.cli.role_set", name=name, role=args.role))


def run_reset_password(args: argparse.Namespace) -> None:
    repo = Store(args.db).accounts(actor=args.author)
    if repo.get_by_name(args.name) is None:  # before asking for a password nobody could use
        raise UnknownAccount(args.name)
    account = change_password(repo, args.name, read_password(args))
    print(both("accounts.cli.password_reset", name=account.name))
