"""Accounts in the database: the SQL :class:`~analytics.accounts.AccountRepository`, and the
append-only record of every change made to an account (``account_events``).

A repository is bound to an ``actor`` (the signed-in admin's account name, or the OS user of
the command line), written into each event. Used outside :meth:`SqlAccountRepository.transaction`
each call is its own transaction; inside it every call shares one write transaction, so
``update_account``'s read, last-admin check and write cannot interleave with another writer's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from analytics.accounts import Account, Role, normalise_name
from analytics.accounts.errors import AccountExists, EmailInUse, UnknownAccount
from analytics.accounts.repository import normalise_email
from analytics.store.engine import Database
from analytics.store.schema import account_events, accounts

# The fields whose change is an event, and the event's name; the password hash is recorded only as changed.
TRACKED_FIELDS = {"role": "role", "department": "department", "email": "email", "display_name": "display_name"}


def account_from_row(row) -> Account:
    created = row.created_at  # SQLite gives it back without its time zone, which was UTC
    return Account(
        name=row.name,
        display_name=row.display_name,
        role=Role(row.role),
        department=row.department,
        email=row.email,
        password_hash=row.password_hash,
        disabled=bool(row.disabled),
        created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
    )


def account_values(account: Account) -> dict:
    return {
        "name_key": normalise_name(account.name),
        "name": account.name,
        "display_name": account.display_name,
        "role": account.role.value,
        "department": account.department,
        "email": normalise_email(account.email) if account.email else None,
        "password_hash": account.password_hash,
        "disabled": account.disabled,
        "created_at": account.created_at,
    }


def changes_between(before: Account, after: Account) -> list[tuple[str, str]]:
    """(event, detail) for each way ``after`` differs from ``before``; never a password or hash."""
    events = [
        (event, f"{getattr(before, field) or ''} -> {getattr(after, field) or ''}")
        for field, event in TRACKED_FIELDS.items()
        if getattr(before, field) != getattr(after, field)
    ]
    if before.disabled != after.disabled:
        events.append(("disabled" if after.disabled else "enabled", ""))
    if before.password_hash != after.password_hash:
        events.append(("password_changed", ""))
    return events


class SqlAccountRepository:
    """An :class:`~analytics.accounts.AccountRepository` over the ``accounts`` table."""

    def __init__(self, database: Database, actor: str) -> None:
        self._database = database
        self.actor = actor[:200]
        self._conn: sa.Connection | None = None

    @contextmanager
    def transaction(self) -> Iterator[SqlAccountRepository]:
        """Run the calls inside as one write transaction (serialised against every other writer)."""
        with self._database._write() as conn:
            self._conn = conn
            try:
                yield self
            finally:
                self._conn = None

    @contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        if self._conn is not None:
            yield self._conn
        else:
            with self._database._read("read_accounts") as conn:
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        if self._conn is not None:
            yield self._conn
        else:
            with self._database._write() as conn:
                yield conn

    def get_by_name(self, name: str) -> Account | None:
        with self._reading() as conn:
            row = conn.execute(sa.select(accounts).where(accounts.c.name_key == normalise_name(name))).first()
        return None if row is None else account_from_row(row)

    def get_by_email(self, email: str) -> Account | None:
        wanted = normalise_email(email)
        if not wanted:
            return None
        with self._reading() as conn:
            row = conn.execute(sa.select(accounts).where(accounts.c.email == wanted)).first()
        return None if row is None else account_from_row(row)

    def add(self, account: Account) -> None:
        with self._writing() as conn:
            if (
                conn.execute(
                    sa.select(accounts.c.name).where(accounts.c.name_key == normalise_name(account.name))
                ).first()
                is not None
            ):
                raise AccountExists(account.name)
            self._check_email_free(conn, account)
            conn.execute(accounts.insert().values(**account_values(account)))
            detail = account.role.value + (f" ({account.department})" if account.department else "")
            self._event(conn, account.name, "created", detail)

    def update(self, account: Account) -> None:
        with self._writing() as conn:
            row = conn.execute(sa.select(accounts).where(accounts.c.name_key == normalise_name(account.name))).first()
            if row is None:
                raise UnknownAccount(account.name)
            self._check_email_free(conn, account)
            values = account_values(account)
            del values["name_key"], values["created_at"], values["name"]
            conn.execute(accounts.update().where(accounts.c.name_key == normalise_name(account.name)).values(**values))
            for event, detail in changes_between(account_from_row(row), account):
                self._event(conn, row.name, event, detail)

    def list(self) -> list[Account]:
        with self._reading() as conn:
            rows = conn.execute(sa.select(accounts).order_by(accounts.c.name_key)).all()
        return [account_from_row(row) for row in rows]

    def count_admins(self) -> int:
        query = (
            sa.select(sa.func.count())
            .select_from(accounts)
            .where(accounts.c.role == Role.ADMIN.value, accounts.c.disabled.is_(False))
        )
        with self._reading() as conn:
            return int(conn.execute(query).scalar_one())

    def _check_email_free(self, conn: sa.Connection, account: Account) -> None:
        if not account.email:
            return
        holder = conn.execute(
            sa.select(accounts.c.name_key).where(accounts.c.email == normalise_email(account.email))
        ).scalar()
        if holder is not None and holder != normalise_name(account.name):
            raise EmailInUse(account.email)

    def _event(self, conn: sa.Connection, name: str, event: str, detail: str) -> None:
        conn.execute(
            account_events.insert().values(
                created_at=datetime.now(UTC), actor=self.actor, account=name, event=event, detail=detail[:2000]
            )
        )


class AccountStore(Database):
    """The accounts of a :class:`~analytics.store.Store`."""

    def accounts(self, *, actor: str) -> SqlAccountRepository:
        """The accounts, with every change recorded as made by ``actor``."""
        return SqlAccountRepository(self, actor)

    def account_events(self) -> pd.DataFrame:
        """Every change to an account, newest first: ``id, created_at, actor, account, event, detail``."""
        with self._read("read_accounts") as conn:
            return pd.read_sql(sa.select(account_events).order_by(account_events.c.id.desc()), conn)
