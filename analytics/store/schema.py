"""The database's tables as the code expects them after every migration has run.

Nothing is ever updated or deleted: revisions, the versioned observations and catalog rows
they wrote (a tombstone has ``deleted`` true), and saved scenarios. A change here needs a
migration in analytics/store/migrations/versions (tests/test_migrations.py compares the two).
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
)
SCENARIO_NAME_LENGTH = 100
