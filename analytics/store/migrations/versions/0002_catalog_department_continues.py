"""The catalog's two columns for a plan's follow-up and the next plan (issue 16): ``department``
(责任单位, the unit answerable for an indicator) and ``continues`` (the id of the previous plan's
indicator a new one carries on). Existing rows get them blank (NULL, read as "").

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.add_column(sa.Column("department", sa.Text, nullable=True))
        batch.add_column(sa.Column("continues", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch:
        batch.drop_column("continues")
        batch.drop_column("department")
