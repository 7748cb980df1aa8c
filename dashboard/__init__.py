"""All of the app's Streamlit code: caching, session and URL state, widgets, and one module per page.

``app.py`` routes to the thin files in ``dashboard/pages``; each calls its page module's
``render()``. The figures themselves come from ``analytics`` (plain Python, tested without
Streamlit); this package only reads, caches and draws them.
"""
