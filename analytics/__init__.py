"""Plan monitoring analytics: catalog, store, ingest, assessment, projection and scenarios.

Plain Python with no Streamlit import, for pages, notebooks and the command line::

    from analytics import load_catalog, assess
    catalog = load_catalog()
    table = assess(catalog, observations, as_of=2024)
"""

from analytics.assess import Method, Status, assess
from analytics.catalog import load_catalog

__all__ = ["Method", "Status", "assess", "load_catalog"]
