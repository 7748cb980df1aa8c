"""Warm the server's caches once per process, in the background, so a page opens like any other the
first time it is asked for: the latest data's assessment, the overview, every domain page's cards and
charts and the scenario trends, in both languages, for the current plan and its latest year.

``start()`` is called by app.py on every run and starts the work once per process (``st.cache_resource``);
a page asked for meanwhile computes what it needs itself, as it would have anyway. ``PLAN_WARM_UP=0``
turns it off: the AppTest fixtures do, since they empty the caches between tests and give each test
its own database under the same revision numbers, which a thread left over from one test would mix up.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st

from analytics.catalog import DOMAINS, current_plan
from dashboard import data, domain, overview, scenarios

LOG = logging.getLogger(__name__)


def warm() -> None:
    """Compute and cache what the default view of every page reads (takes ~1-3 s, once)."""
    revision = data.store().latest_revision()
    plan = current_plan(data.catalog(revision))
    as_of = data.latest_data_year(revision, plan)
    scenarios.warm(revision, plan, as_of)
    for language in ("zh", "en"):
        overview.figures(revision, plan, as_of, (), language)
        for name in DOMAINS:
            domain.domain_view(revision, plan, as_of, (), name, language)


def _warm_logged() -> None:
    try:
        warm()
    except Exception:  # a warm-up failure must never stop the app: the pages compute on demand
        LOG.exception("warming the caches failed; pages will compute on first use")


def start() -> None:
    """Start this process's warm-up, unless ``PLAN_WARM_UP`` is ``0``."""
    if data.secret("PLAN_WARM_UP") != "0":
        _thread()


@st.cache_resource(show_spinner=False)
def _thread() -> threading.Thread:
    """The warm-up thread of this process, started on the first call."""
    thread = threading.Thread(target=_warm_logged, name="cache-warm-up", daemon=True)
    thread.start()
    return thread
