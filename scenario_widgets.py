"""What-if controls shared by the scenario, domain and indicator pages (Streamlit glue).

``current_annual_change()`` gives the assumptions in force as the hashable tuple that
``ui.assessment`` takes; ``render_domain_controls(domain)`` and
``render_indicator_controls(indicator_id)`` draw the sliders of a domain or one indicator.
"""
from __future__ import annotations


def current_annual_change() -> tuple[tuple[str, float], ...]:
    """Pairs of (indicator id, assumed annual change); empty when no scenario is applied."""
    return ()


def render_domain_controls(domain: str) -> None:
    """The what-if sliders for one domain (none yet)."""


def render_indicator_controls(indicator_id: str) -> None:
    """The what-if override for one indicator (none yet)."""
