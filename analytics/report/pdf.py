"""The report as PDF, typeset by Typst (the ``typst`` wheel: self-contained, no browser, no apt library).

The layout is ``report.typ``; the report's blocks reach it as JSON in ``sys.inputs``, so names and
notes are printed literally, never read as markup. Charts are the PNGs of ``report.charts``, written
to a private temporary folder that is Typst's root. The PDF embeds subsets of Noto Serif CJK SC
(text, tables) and Noto Sans CJK SC (title, headings), found through fontconfig; an English report
sets its Latin text in Libertinus Serif (shipped inside Typst; the CJK font's quotes are full-width)
with Noto Serif CJK SC for any Chinese. It is stamped
with the report's generation date, so the same report gives the same bytes. It is a tagged PDF (for
screen readers); poppler's tools print "Suspects object is wrong type (boolean)" on its /MarkInfo, a
poppler quirk: the PDF specification makes /Suspects a boolean.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import typst

from analytics.report import charts
from analytics.report.content import Figure, Heading, Paragraph, Report, Table

TEMPLATE = Path(__file__).with_name("report.typ")
FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")


def font_folders() -> list[str]:
    """The folders holding the report's CJK fonts (found by fontconfig), given to Typst explicitly."""
    found = {charts.font_file(family) for family in FONT_FAMILIES}
    return sorted({str(path.parent) for path in found if path is not None})


def _block(block) -> dict:
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text, "level": block.level}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text, "note": block.note}
    if isinstance(block, Table):
        return {
            "type": "table",
            "header": list(block.header),
            "rows": [list(r) for r in block.rows],
            "widths": list(block.widths),
            "numeric": list(block.numeric),
        }
    if isinstance(block, Figure):
        return {"type": "figure", "file": f"{block.key}.png", "caption": block.caption}
    raise TypeError(f"not a report block: {block!r}")


def document_json(report: Report) -> str:
    generated = report.generated
    return json.dumps(
        {
            "title": report.title,
            "lang": report.lang,
            "brief": report.brief,
            "date": [generated.year, generated.month, generated.day],
            "title_block": [list(pair) for pair in report.title_block],
            "blocks": [_block(b) for b in report.blocks],
        },
        ensure_ascii=False,
    )


def render(report: Report) -> bytes:
    """The PDF bytes of ``report``."""
    with tempfile.TemporaryDirectory(prefix="report-") as root:
        for figure in report.figures():
            (Path(root) / f"{figure.key}.png").write_bytes(charts.png(figure.spec))
        compiler = typst.Compiler(root=root, font_paths=font_folders(), sys_inputs={"report": document_json(report)})
        stamp = datetime(report.generated.year, report.generated.month, report.generated.day, tzinfo=UTC)
        pdf = compiler.compile(TEMPLATE.read_bytes(), format="pdf", timestamp=stamp)
    if not isinstance(pdf, bytes):  # Typst returns a list only for per-page image formats
        raise TypeError(f"Typst returned {type(pdf).__name__}, not one PDF")
    return pdf
