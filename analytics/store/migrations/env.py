"""Alembic's entry point: migrate the connection analytics.store.migrate hands over.

There is no alembic.ini: see analytics/store/migrate.py for how to write a new migration.
"""

from __future__ import annotations

from alembic import context

from analytics.store.schema import metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
