"""Evaluation reports (issue 15): the written 中期评估 / 总结评估 and a one-page brief, as Word, PDF or Markdown.

``content.build`` turns the same figures as the dashboard into plain blocks (headings, paragraphs,
tables, figures); ``markdown``, ``docx`` and ``pdf`` render those blocks; ``publish`` builds one from the store and writes it
(the command line is ``analytics.cli.report``).
"""

from analytics.report.content import Report, ReportRequest, build
from analytics.report.render import FORMATS, render

__all__ = ["FORMATS", "Report", "ReportRequest", "build", "render"]
