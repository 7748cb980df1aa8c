"""What-if scenarios."""

from dashboard import scenarios

scenarios.render()
