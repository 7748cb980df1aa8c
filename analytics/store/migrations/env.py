"""Alembic's entry point: migrate the connection analytics.store.migrate hands over.

For writing a new migration from a shell, ``alembic -x url=sqlite:///instance/plan.db ...``
works too (``-c`` pointing at a config whose script_location is this folder).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from analytics.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # run from the alembic command line
    engine = sa.create_engine(context.get_x_argument(as_dictionary=True)["url"])
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
