"""The tables as they were at cf864c2, before migrations: revisions, observations,
indicators (the catalog's columns of that day) and saved scenarios.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T, I, F = sa.Text, sa.Integer, sa.Float  # noqa: E741 - short names keep the column table readable
CATALOG_COLUMNS = (  # analytics.catalog.CATALOG_COLUMNS at cf864c2, with their types
    ("id", T),
    ("plan", T),
    ("plan_name_zh", T),
    ("plan_name_en", T),
    ("seq", I),
    ("name_zh", T),
    ("name_en", T),
    ("domain", T),
    ("theme", T),
    ("theme_zh", T),
    ("theme_en", T),
    ("unit", T),
    ("unit_en", T),
    ("kind", T),
    ("comparison", T),
    ("baseline_year", I),
    ("baseline_value", F),
    ("target_year", I),
    ("target_value", F),
    ("target_text", T),
    ("min_value", F),
    ("max_value", F),
    ("category_zh", T),
    ("category_en", T),
    ("result_text", T),
    ("note_type", T),
    ("reported_outcome", T),
)


def upgrade() -> None:
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("rows_new", sa.Integer, nullable=False),
        sa.Column("rows_changed", sa.Integer, nullable=False),
        sa.Column("rows_unchanged", sa.Integer, nullable=False),
        sa.Column("rows_removed", sa.Integer, nullable=False),
        sa.Column("restored_from", sa.Integer, nullable=True),
    )
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
        sa.Column("indicator_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.UniqueConstraint("indicator_id", "year", "revision_id"),
    )
    op.create_table(
        "indicators",
        sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("revision_id", sa.Integer, sa.ForeignKey("revisions.id"), nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        *(sa.Column(name, kind, nullable=True) for name, kind in CATALOG_COLUMNS),
        sa.UniqueConstraint("id", "revision_id"),
    )
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assumptions", sa.Text, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
    )
    op.create_index("ix_scenarios_name", "scenarios", ["name"])


def downgrade() -> None:
    op.drop_table("scenarios")
    op.drop_table("indicators")
    op.drop_table("observations")
    op.drop_table("revisions")
