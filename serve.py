"""Serve the dashboard with its caches warmed when the server starts: ``streamlit run serve.py``.

The same app as ``streamlit run app.py``, served through Streamlit's ASGI ``st.App`` so that a startup
hook can run: it starts dashboard.warmup's thread (imports, the latest data's assessment, every page's
default view) before any visitor comes, so the first visitor after a start waits like any other.
With ``streamlit run app.py`` the warm-up starts with the first visitor's first run instead.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def warm_at_start(_app):
    from dashboard import warmup  # imported here, in the server process, as the script run would

    warmup.start()
    yield


app = st.App("app.py", lifespan=warm_at_start)
