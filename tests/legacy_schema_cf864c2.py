"""A saved copy of the tables as analytics/store.py created them at cf864c2 (before Alembic),
for building a database "made by today's main" on any server in tests/test_migrations.py.

Do not change: it is a record of the past, not the current schema.
"""

import sqlalchemy as sa

CATALOG_COLUMNS = (
    "id",
    "plan",
    "plan_name_zh",
    "plan_name_en",
    "seq",
    "name_zh",
    "name_en",
    "domain",
    "theme",
    "theme_zh",
    "theme_en",
    "unit",
    "unit_en",
    "kind",
    "comparison",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "target_text",
    "min_value",
    "max_value",
    "category_zh",
    "category_en",
    "result_text",
    "note_type",
    "reported_outcome",
)
CATALOG_TYPES = {c: sa.Float for c in ("baseline_value", "target_value", "min_value", "max_value")} | {
    c: sa.Integer for c in ("seq", "baseline_year", "target_year")
}

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

indicators = sa.Table(
    "indicators",
    metadata,
    sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
    sa.Column("deleted", sa.Boolean, nullable=False, default=False),
    *(sa.Column(c, CATALOG_TYPES.get(c, sa.Text), nullable=True) for c in CATALOG_COLUMNS),
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
# --- (end of saved scenarios table) ------------------------------------------------------------
