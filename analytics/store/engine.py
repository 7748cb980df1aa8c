"""Connecting to the database: its URL, an engine that serialises writers on SQLite and
PostgreSQL alike, and reads and writes whose database errors become a clear
:class:`~analytics.errors.DatabaseError` naming what failed (never a traceback)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from analytics.errors import DatabaseError, PlanError
from analytics.labels import text

DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent.parent / "instance" / "plan.db"
BACKENDS = ("sqlite", "postgresql")


class BadDatabaseUrl(PlanError):
    """A database URL that names no database this app can use: empty, not a URL, another kind of
    database (``mysql://``), or a driver that is not installed. ``reason`` is a ``database.reason.*`` key."""

    key = "error.bad_database_url"

    def message(self, lang: str) -> str:
        reason = text(f"database.reason.{self.values['reason']}", lang, driver=self.values.get("driver", ""))
        return text(self.key, lang, value=self.value, reason=reason)


def database_url(url: str | None = None) -> str:
    """The URL given, else ``PLAN_DB_URL``, else the embedded SQLite file. An empty URL given
    (``--db ''``) is refused, not read as "the default"."""
    if url is not None and not url.strip():
        raise BadDatabaseUrl(url, reason="empty")
    return url or os.environ.get("PLAN_DB_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str) -> sa.Engine:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as error:
        raise BadDatabaseUrl(url, reason="not_a_url") from error
    if parsed.get_backend_name() not in BACKENDS:
        raise BadDatabaseUrl(parsed.render_as_string(hide_password=True), reason="unsupported")
    if parsed.get_backend_name() != "sqlite":
        try:
            return sa.create_engine(url, pool_pre_ping=True)
        except ImportError as error:  # postgresql+asyncpg:// without asyncpg, say
            raise BadDatabaseUrl(
                parsed.render_as_string(hide_password=True), reason="driver", driver=parsed.get_driver_name()
            ) from error
    path = parsed.database
    if path and path != ":memory:" and not parsed.query.get("uri"):
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a folder that cannot be made: the page shows it like any database error
            raise DatabaseError(str(error), action="open") from error
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" below open transactions
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA busy_timeout=60000")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        # A writer takes the write lock at the start, so two writers queue instead of
        # failing with "database is locked" when both try to upgrade a read lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("writing") else "BEGIN")

    return engine


def short_error(error: BaseException) -> str:
    """The first line of the driver's message: what the database said, without the SQL."""
    return str(getattr(error, "orig", error)).splitlines()[0][:300]


@contextmanager
def database_errors(action: str):
    """Turn any database error inside into a ``DatabaseError`` saying ``action`` failed."""
    try:
        yield
    except (SQLAlchemyError, pd.errors.DatabaseError) as error:  # pandas wraps errors of read_sql
        raise DatabaseError(short_error(error.__cause__ or error), action=action) from error


class Database:
    """An engine with the two ways to use it: ``_read(action)`` and ``_write()``."""

    engine: sa.Engine

    @contextmanager
    def _read(self, action: str):
        """A connection for reading; a database error becomes ``DatabaseError(action)``."""
        with database_errors(action), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self):
        """One write transaction, serialised against other writers (other processes too)."""
        with database_errors("write"), self.engine.connect() as conn:
            conn.info["writing"] = True
            try:
                with conn.begin():
                    if conn.dialect.name == "postgresql":
                        conn.exec_driver_sql("LOCK TABLE revisions IN SHARE ROW EXCLUSIVE MODE")
                    yield conn
            finally:
                conn.info["writing"] = False
