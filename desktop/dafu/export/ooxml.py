"""The few raw OOXML tweaks python-docx has no API for, each small and named.

Everything else in the exporter goes through python-docx's public API. Element
order inside w:rPr / w:pPr matters to Word (a wrong order is a repair prompt),
so new children are inserted before their schema successors.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

# Child order of w:rPr and w:pPr in the schema (ECMA-376 CT_RPr, CT_PPrBase); python-docx
# keeps its own copies private.
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
    "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
    "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange",
)
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _child(parent, tag: str, successors: tuple[str, ...]):
    """The ``tag`` child of ``parent``, created in schema order when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found


def _after(seq: tuple[str, ...], tag: str) -> tuple[str, ...]:
    return seq[seq.index(tag) + 1:]


def set_fonts(rpr, east_asia: str, latin: str) -> None:
    """Chinese font in w:eastAsia (python-docx's font.name only sets ascii/hAnsi)."""
    fonts = rpr.get_or_add_rFonts()
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attr), value)
    fonts.set(qn("w:hint"), "eastAsia")


def set_character_spacing(rpr, twentieths_pt: int) -> None:
    """w:spacing in a run's properties: −5 (−0.25 pt) fits 28 three-size characters on a line."""
    _child(rpr, "w:spacing", _after(RPR_ORDER, "w:spacing")).set(qn("w:val"), str(twentieths_pt))


def set_language(rpr, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    """Chinese line-breaking rules (no 。 at a line's start) follow the East-Asian language."""
    lang = _child(rpr, "w:lang", _after(RPR_ORDER, "w:lang"))
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)


def forbid_hanging_punctuation(ppr) -> None:
    """Keep 。，at a line's end inside the text area (w:overflowPunct off).

    Word and LibreOffice otherwise let it hang into the margin, and LibreOffice's
    PDF then loses the hanging mark — text a clerk would never see printed.
    """
    _child(ppr, "w:overflowPunct", _after(PPR_ORDER, "w:overflowPunct")).set(qn("w:val"), "0")


def set_outline_level(ppr, level: int) -> None:
    """Headings appear in Word's navigation pane without using the built-in (coloured) heading styles."""
    _child(ppr, "w:outlineLvl", _after(PPR_ORDER, "w:outlineLvl")).set(qn("w:val"), str(level))


def set_borders(ppr, *, top: int = 0, bottom: int = 0) -> None:
    """Rules above/below a paragraph in eighths of a point (the 版记 lines around 抄送)."""
    borders = _child(ppr, "w:pBdr", _after(PPR_ORDER, "w:pBdr"))
    for side, size in (("w:top", top), ("w:bottom", bottom)):
        if size:
            edge = OxmlElement(side)
            for attr, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", "000000")):
                edge.set(qn(attr), value)
            borders.append(edge)


def set_line_pitch(sect_pr, line_pitch_twips: int) -> None:
    """Record the 28.95 pt line pitch on the section without switching on a line grid.

    A ``w:type="lines"`` grid makes LibreOffice snap the 22 pt title onto two grid
    lines and push headings to the next page; exact 28.95 pt line spacing alone
    gives 22 lines in Word, WPS and LibreOffice alike (see docs/export.md).
    """
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def set_theme_language(settings_element, east_asia: str = "zh-CN") -> None:
    """python-docx's template says ja-JP; renderers then pick Japanese glyph variants."""
    lang = settings_element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), east_asia)


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
