"""The evaluation report and the meeting brief, previewed and downloaded."""

from dashboard import report

report.render_page()
