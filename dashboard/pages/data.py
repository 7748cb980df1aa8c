"""Upload, commit, history and restore of the figures; a new plan."""

from dashboard import data_page

data_page.render()
