"""The engineering-quality dashboard."""

from dashboard import domain

domain.render("engineering")
