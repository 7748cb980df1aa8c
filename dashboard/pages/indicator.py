"""One indicator: its card, what-if control, history and revisions."""

from dashboard import indicator

indicator.render()
