"""The service-quality dashboard."""

from dashboard import domain

domain.render("service")
