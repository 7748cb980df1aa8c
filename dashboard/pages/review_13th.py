"""The 13th plan's review."""

from dashboard import review

review.render()
