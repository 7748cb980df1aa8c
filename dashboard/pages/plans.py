"""Drafting the next plan."""

from dashboard import plans

plans.render()
