"""The database's tables as the code expects them after every migration has run.

Nothing is ever updated or deleted: revisions, the versioned observations and catalog rows
they wrote (a tombstone has ``deleted`` true), saved scenarios and account events; database
triggers (migration 0003, :data:`APPEND_ONLY_TABLES`) refuse an UPDATE or DELETE of them.
The one table whose rows change is ``accounts`` (a role, a password hash), and every change
to it adds an ``account_events`` row. A change here needs a migration in
analytics/store/migrations/versions (tests/test_migrations.py compares the two).
"""

from __future__ import annotations

import sqlalchemy as sa

from analytics.catalog import CATALOG_COLUMNS, NUMBER_COLUMNS, YEAR_COLUMNS

metadata = sa.MetaData()

revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),  # seed | import | restore | catalog
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("file_name", sa.String(500), nullable=False, default=""),
    sa.Column("sha256", sa.String(64), nullable=False, default=""),
    sa.Column("row_count", sa.Integer, nullable=False, default=0),
    sa.Column("rows_new", sa.Integer, nullable=False, default=0),
    sa.Column("rows_changed", sa.Integer, nullable=False, default=0),
    sa.Column("rows_unchanged", sa.Integer, nullable=False, default=0),
    sa.Column("rows_removed", sa.Integer, nullable=False, default=0),
    sa.Column("restored_from", sa.Integer, nullable=True),
    # The signed-in account that made it (issue 17); NULL for the command line, the seed, and rows
    # written before accounts existed, whose ``author`` text is all there is.
    sa.Column("account", sa.String(64), nullable=True),
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
    sa.Column("indicator_id", sa.String(64), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("source", sa.Text, nullable=False, default=""),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.UniqueConstraint("indicator_id", "year", "revision_id"),
)

# Every catalog column, typed: migration 0001 made those of cf864c2, 0002 added department and continues (Text).
_catalog_types = {c: sa.Float for c in NUMBER_COLUMNS} | {c: sa.Integer for c in YEAR_COLUMNS}
indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    *(sa.Column(c, _catalog_types.get(c, sa.Text), nullable=True) for c in CATALOG_COLUMNS),
    sa.UniqueConstraint("id", "revision_id"),
)


# --- saved scenarios (issue 6) ---------------------------------------------------------------
# A saved what-if scenario is not data: saving one adds no revision. Like everything else it is
# never overwritten: saving, replacing and deleting each add a row (a deletion is a tombstone),
# and the scenario called NAME is its newest row. ``assumptions`` is the JSON of
# analytics.scenario.to_json.
scenarios = sa.Table(
    "scenarios",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(100), nullable=False, index=True),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("assumptions", sa.Text, nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    sa.Column("account", sa.String(64), nullable=True),  # as revisions.account
)
SCENARIO_NAME_LENGTH = 100

# --- accounts (issue 17) ---------------------------------------------------------------------
# See docs/accounts.md. ``name_key`` is analytics.accounts.normalise_name(name), computed in Python.
ROLES = ("admin", "department_analyst", "viewer")
accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("name_key", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("department", sa.Text, nullable=True),
    sa.Column("email", sa.String(320), nullable=True, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False, server_default=""),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role in ('admin', 'department_analyst', 'viewer')", name="ck_accounts_role"),
)

# One row per change to an account: who (``actor``: an account name, or the OS user of the
# command line), when, which account, what (``event``) and the new value (never a password or hash).
account_events = sa.Table(
    "account_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("account", sa.String(64), nullable=False),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
)

# Tables whose rows are never changed: triggers raise on UPDATE and DELETE (and TRUNCATE on PostgreSQL).
APPEND_ONLY_TABLES = ("revisions", "observations", "indicators", "scenarios", "account_events")
