"""Accounts, who made each revision and saved scenario, account events, and append-only triggers.

Adds the ``accounts`` and ``account_events`` tables, a nullable ``account`` column on ``revisions``
and ``scenarios`` (older rows keep only their ``author`` text), and triggers that make the audit
tables append-only on SQLite and PostgreSQL: any UPDATE or DELETE (PostgreSQL: also TRUNCATE) of a
revision, an observation or catalog row, a saved scenario or an account event raises an error,
whoever the database user is. Self-contained: it reads no catalog column.

A later migration that rebuilds one of these tables (SQLite batch mode copies and drops it) must
create its triggers again: ``create_append_only_triggers`` here does it for a list of tables.

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY_TABLES = ("revisions", "observations", "indicators", "scenarios", "account_events")
MESSAGE = "append-only audit table: rows cannot be changed or deleted"


def create_append_only_triggers(tables: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION plan_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE} (%)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; "
            "END $$"
        )
        for table in tables:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION plan_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION plan_append_only()"
            )
        return
    for table in tables:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({table})'); END"
            )


def drop_append_only_triggers(tables: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in tables:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS plan_append_only()")
        return
    for table in tables:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")


def upgrade() -> None:
    op.add_column("revisions", sa.Column("account", sa.String(64), nullable=True))
    op.add_column("scenarios", sa.Column("account", sa.String(64), nullable=True))
    op.create_table(
        "accounts",
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
    op.create_table(
        "account_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("account", sa.String(64), nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    create_append_only_triggers(APPEND_ONLY_TABLES)


def downgrade() -> None:
    drop_append_only_triggers(APPEND_ONLY_TABLES)
    op.drop_table("account_events")
    op.drop_table("accounts")
    with op.batch_alter_table("scenarios") as batch:
        batch.drop_column("account")
    with op.batch_alter_table("revisions") as batch:
        batch.drop_column("account")
