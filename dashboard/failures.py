"""What a page shows when the database fails: one error in Chinese and English, no traceback.

The store turns every database failure (PostgreSQL down, a locked or broken SQLite file) into a
:class:`~analytics.errors.DatabaseError`; app.py runs each part that reads it (the run's
revision, the sidebar, the page) inside :func:`database_errors_shown`, so the reader sees what
failed instead of an OperationalError.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from analytics.errors import DatabaseError
from analytics.formatting import escape_markdown


@contextmanager
def database_errors_shown() -> Iterator[None]:
    """Show a ``DatabaseError`` raised inside as one ``st.error`` (both languages) and end the run."""
    try:
        yield
    except DatabaseError as error:
        st.error(escape_markdown(str(error)), icon="⛔")  # the driver's message may hold any text
        st.stop()
