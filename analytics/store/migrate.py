"""Bring a database's schema up to date on open, with the Alembic migrations in ./migrations.

Run programmatically (no alembic.ini): a new database gets every migration; a database
made before migrations existed (code up to cf864c2, whose tables are exactly migration
0001's) is stamped at 0001 and upgraded from there; an up-to-date one is left alone.
Upgrades run in one transaction under the writers' lock, so two processes opening a new
database at once do not both create it.

To add a column: change schema.py, then let Alembic write the migration from the difference
(and read it before committing; SQLite needs its batch mode, which env.py turns on)::

    import sqlalchemy as sa
    from alembic import command
    from analytics.store.migrate import alembic_config, upgrade

    engine = sa.create_engine("sqlite:///scratch.db")
    upgrade(engine)                                   # the tables the migrations so far make
    with engine.begin() as conn:
        command.revision(alembic_config(conn), "add indicators.department", autogenerate=True,
                         rev_id="0002")
"""

from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError

from analytics.errors import DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BEFORE_MIGRATIONS = "0001"  # the schema every database made before Alembic already has
PG_MIGRATION_LOCK = 14_2025  # any constant shared by every process of this app


def alembic_config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    """The newest migration's id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, f"no migration in {MIGRATIONS}"
    return head


def current_revision(conn: sa.Connection) -> str | None:
    """The migration the database is at; None when it has no ``alembic_version`` table."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Run every migration the database lacks (nothing when it is at the head).

    A version this code does not know (a newer app migrated it) is a ``DatabaseError``.
    """
    with engine.connect() as conn:
        if current_revision(conn) == head_revision():
            return
    with engine.connect() as conn:
        conn.info["writing"] = True  # SQLite: BEGIN IMMEDIATE, one migrating process at a time
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")
                current = current_revision(conn)
                if current == head_revision():
                    return  # another process migrated while this one waited for the lock
                config = alembic_config(conn)
                if current is None and sa.inspect(conn).has_table("revisions"):
                    command.stamp(config, BEFORE_MIGRATIONS)
                command.upgrade(config, "head")
        except CommandError as error:  # e.g. a database migrated by a newer version of the app
            raise DatabaseError(str(error).splitlines()[0][:300], action="migrate") from error
        finally:
            conn.info["writing"] = False
