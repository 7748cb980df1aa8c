"""Where the whole plan stands."""

from dashboard import overview

overview.render()
