"""One entry point for every format: ``render(report, "docx" | "pdf" | "md") -> bytes``."""

from __future__ import annotations

from analytics.report.content import Report

FORMATS = ("docx", "pdf", "md")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown",
}


def render(report: Report, fmt: str) -> bytes:
    """The file's bytes; the renderers are imported when asked, so a Markdown preview never loads Typst."""
    if fmt == "docx":
        from analytics.report import docx

        return docx.render(report)
    if fmt == "pdf":
        from analytics.report import pdf

        return pdf.render(report)
    if fmt == "md":
        from analytics.report import markdown

        return markdown.render(report)
    raise ValueError(fmt)
