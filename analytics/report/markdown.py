"""The report as Markdown: the title block, headings, paragraphs and pipe tables (charts are named, not drawn).

Markdown is for previews and for pasting into other documents; the charts are in the Word and PDF
versions, and each figure's place is marked with its caption.
"""

from __future__ import annotations

from analytics.labels import text
from analytics.report.content import Figure, Heading, Paragraph, Report, Table

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]<>#|~$"})


def escape(value: str) -> str:
    """Literal text in Markdown: no emphasis, link, HTML or table cell break from a name or a note."""
    return " ".join(str(value).split()).translate(_SPECIAL)


def render(report: Report) -> bytes:
    return to_text(report).encode("utf-8")


def to_text(report: Report) -> str:
    lines = [f"# {escape(report.title)}", ""]
    lines += [
        f"- {escape(label)}：{escape(value)}" if report.lang == "zh" else f"- {escape(label)}: {escape(value)}"
        for label, value in report.title_block
    ]
    lines.append("")
    for block in report.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * (block.level + 1)} {escape(block.text)}", ""]
        elif isinstance(block, Paragraph):
            lines += [f"*{escape(block.text)}*" if block.note else escape(block.text), ""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(escape(h) for h in block.header) + " |")
            lines.append("|" + "|".join("---:" if n else "---" for n in block.numeric) + "|")
            lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in block.rows]
            lines.append("")
        elif isinstance(block, Figure):
            lines += [f"*{escape(block.caption)} {escape(text('report.figure_elsewhere', report.lang))}*", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
