"""The raw OOXML python-docx has no API for, each piece small and named.

Element order inside w:rPr / w:pPr / w:tblPr matters to Word (a wrong order is
a repair prompt), so children are written or inserted in schema order.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.text.paragraph import Paragraph


def set_line_pitch(sect_pr, line_pitch_twips: int) -> None:
    """Record the 28.95 pt line pitch on the section without switching on a line grid.

    A ``w:type="lines"`` grid makes LibreOffice snap the 22 pt title onto two grid
    lines and push headings to the next page; exact 28.95 pt line spacing alone
    gives 22 lines in Word, WPS and LibreOffice alike (see docs/print.md).
    """
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field (begin / instruction / separate / cached "1" / end), as Word writes it."""
    def run_with(child) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("1")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def record_table(rows: list[str], width: int, left_margin: int) -> str:
    """The 版记 (GB/T 9704 §7.4) as a one-column table of ``rows`` (each a w:p) floated to the
    foot of the text area: rules as wide as the text, the first and last 0.35 mm (w:sz 8 =
    1 pt), the ones between 0.25 mm (w:sz 6 = 0.75 pt); no cell margins, so the rules are the
    table's edges and the text's one-character insets are paragraph indents.

    Positioned from the page edge (``w:horzAnchor="page"``): LibreOffice keeps a table as
    wide as the text area in the flow when it is anchored to the margin, and floats it when
    anchored to the page (measured in 7.4).
    """
    def rule(side: str, size: int) -> str:
        return f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'

    borders = (rule("top", 8) + '<w:left w:val="nil"/>' + rule("bottom", 8) + '<w:right w:val="nil"/>'
               + rule("insideH", 6) + '<w:insideV w:val="nil"/>')
    cells = "".join(f'<w:tr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{row}</w:tc></w:tr>'
                    for row in rows)
    return (
        f'<w:tbl xmlns:w="{nsmap["w"]}">'
        '<w:tblPr>'
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
        f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{left_margin}" w:tblpYSpec="bottom"/>'
        '<w:tblOverlap w:val="never"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>'
        '</w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
        f'{cells}</w:tbl>')
