"""The product-quality dashboard."""

from dashboard import domain

domain.render("product")
