"""The report as a Word file (python-docx): A4, page numbers, a title block, tables whose rows never split.

Fonts: Chinese text is set in 宋体 (SimSun; headings 黑体, SimHei), Latin text in Times New Roman
(headings Arial): fonts every Chinese Windows, Word and WPS have. Where they are missing (LibreOffice on
Linux), fontconfig substitutes Noto CJK. Table header rows repeat on every page.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analytics.report import charts
from analytics.report.content import Figure, Heading, Paragraph, Report, Table

BODY_FONTS = ("Times New Roman", "宋体")  # (Latin, East Asian)
HEADING_FONTS = ("Arial", "黑体")
TEXT_WIDTH_CM = 16.0  # A4 (21 cm) less 2.5 cm margins
FIGURE_WIDTH_CM = 14.0


def _fonts(style_or_run, fonts: tuple[str, str], lang: str) -> None:
    """Latin and East Asian fonts and the language, on a style or a run (python-docx sets only the Latin one)."""
    style_or_run.font.name = fonts[0]
    properties = style_or_run.element.get_or_add_rPr()
    families = properties.find(qn("w:rFonts"))
    if families is None:
        families = OxmlElement("w:rFonts")
        properties.insert(0, families)
    for attribute, value in (
        ("w:ascii", fonts[0]),
        ("w:hAnsi", fonts[0]),
        ("w:eastAsia", fonts[1]),
        ("w:cs", fonts[0]),
    ):
        families.set(qn(attribute), value)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        families.attrib.pop(qn(theme), None)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-GB")
    language.set(qn("w:eastAsia"), "zh-CN")


def _page_number_footer(section) -> None:
    """ "— 1 —" centred in the footer: a PAGE field."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, value in (("begin", None), ("instr", " PAGE "), ("separate", None), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    paragraph.add_run(" —")


def _row_flags(row, *, header: bool) -> None:
    """A row that never splits across pages; a header row repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _table(document, block: Table, lang: str) -> None:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.widths)
    widths = [Cm(TEXT_WIDTH_CM * w / total) for w in block.widths]
    for r, cells in enumerate([block.header, *block.rows]):
        row = table.rows[r]
        _row_flags(row, header=r == 0)
        for c, value in enumerate(cells):
            cell = row.cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER
                if r == 0
                else WD_ALIGN_PARAGRAPH.RIGHT
                if block.numeric[c]
                else WD_ALIGN_PARAGRAPH.LEFT
            )
            run = paragraph.add_run(value)
            run.font.size = Pt(9)
            run.bold = r == 0
    document.add_paragraph()


def render(report: Report) -> bytes:
    """The .docx bytes of ``report``."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    _page_number_footer(section)
    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONTS, report.lang)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        style = document.styles[name]
        _fonts(style, HEADING_FONTS, report.lang)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
    generated = datetime(report.generated.year, report.generated.month, report.generated.day, tzinfo=UTC)
    properties = document.core_properties
    properties.title, properties.author, properties.language = report.title, "", report.lang
    properties.created = properties.modified = generated
    properties.last_modified_by, properties.revision = "", 1

    title = document.add_paragraph(report.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    separator = "：" if report.lang == "zh" else ": "
    for label, value in report.title_block:
        line = document.add_paragraph(f"{label}{separator}{value}")
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.paragraph_format.space_after = Pt(0)
    document.add_paragraph()
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph(block.text)
            paragraph.paragraph_format.first_line_indent = None if block.note else Pt(22 if report.lang == "zh" else 0)
            if block.note:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
        elif isinstance(block, Table):
            _table(document, block, report.lang)
        elif isinstance(block, Figure):
            document.add_picture(io.BytesIO(charts.png(block.spec)), width=Cm(FIGURE_WIDTH_CM))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            caption = document.add_paragraph(block.caption)
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
