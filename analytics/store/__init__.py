"""The plan database: ``Store()`` opens it, brings its schema up to date and seeds it.

Each write (seed, import, restore, catalog import) is one transaction that adds one
revision and the rows it changed; nothing is updated or deleted. SQLite (the default, a
file created and seeded from ``data/`` on first use) and PostgreSQL run the same portable
SQL. Modules: ``schema`` (tables), ``engine`` (connecting, errors), ``migrate`` and
``migrations/`` (Alembic), ``revisions`` (versioned data), ``saved_scenarios``, ``accounts``
(accounts and their append-only change record), ``seeding``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from analytics.catalog import DATA_DIR
from analytics.store.accounts import AccountStore, SqlAccountRepository
from analytics.store.engine import DEFAULT_DB_PATH, database_errors, database_url, make_engine
from analytics.store.migrate import upgrade
from analytics.store.revisions import NothingToRestore, Revision, RevisionStore, StaleRevision
from analytics.store.saved_scenarios import ScenarioStore
from analytics.store.schema import SCENARIO_NAME_LENGTH, indicators, metadata, observations
from analytics.store.seeding import SEED_AUTHOR, seed_if_empty

__all__ = [
    "DEFAULT_DB_PATH",
    "SCENARIO_NAME_LENGTH",
    "SEED_AUTHOR",
    "NothingToRestore",
    "Revision",
    "StaleRevision",
    "SqlAccountRepository",
    "Store",
    "database_url",
    "file_sha256",
    "indicators",
    "metadata",
    "observations",
]


def file_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class Store(RevisionStore, ScenarioStore, AccountStore):
    """The plan database. ``Store()`` opens (and on first use creates and seeds) it."""

    def __init__(self, url: str | None = None, *, seed_dir: Path = DATA_DIR) -> None:
        self.url = database_url(url)
        with database_errors("open"):
            self.engine = make_engine(self.url)
            upgrade(self.engine)
        with self._write() as conn:
            seed_if_empty(conn, seed_dir)
