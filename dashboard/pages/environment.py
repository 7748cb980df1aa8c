"""The environment-quality dashboard."""

from dashboard import domain

domain.render("environment")
