"""ReplyDocument → .docx laid out to GB/T 9704-2012.

Layout lives in paragraph styles defined once (so a ten-page reply costs about
what bare python-docx costs); each block becomes one paragraph in its style.
The numbers come from the standard (see docs/export.md for how each was
measured in LibreOffice).
"""
from __future__ import annotations

import functools
import io
import re
import unicodedata
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Emu, Mm, Pt, Twips

from dafu.export import ooxml
from dafu.export.atomic import atomic_write
from dafu.export.fonts import OFFICIAL, FontSet
from dafu.model import Block, BlockKind, ContactPlacement, ReplyDocument

# Page (GB/T 9704 §5): A4, 版心 156 × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Twips(2098), Twips(1984), Twips(1587), Twips(1474)
TEXT_WIDTH = Twips(11906 - 1587 - 1474)
LINE_PITCH = Twips(579)        # 28.95 pt: 22 lines fill the 225 mm text area, 29 pt gives only 21
CHAR_SPACING = -5              # −0.25 pt: 28 × 15.75 pt fit the 442 pt line; −0.2 pt gave 27
FOOTER_DISTANCE = Mm(21)       # puts the page number about 7 mm below the text area (measured)
BODY_SIZE, TITLE_SIZE, SMALL_SIZE = Pt(16), Pt(22), Pt(14)   # 三号, 二号, 四号
BODY_CHAR = Twips(320 + CHAR_SPACING)   # one 三号 character as laid out
SMALL_CHAR = Twips(280)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

# Style names, one per kind of block.
S_BODY, S_TITLE, S_SALUTATION = "Normal", "Dafu Title", "Dafu Salutation"
S_HEADING = {1: "Dafu Heading 1", 2: "Dafu Heading 2", 3: "Dafu Heading 3", 4: "Dafu Heading 4"}
S_ISSUER, S_DATE, S_MARK, S_CC, S_TABLE, S_FOOTER = (
    "Dafu Issuer", "Dafu Date", "Dafu Mark", "Dafu CC", "Dafu Table Text", "Dafu Footer")


def clean(text: str) -> str:
    """Text Word can store: control characters dropped, line breaks made spaces."""
    return _CONTROL.sub("", text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def build_docx(document: ReplyDocument, *, fonts: FontSet | None = None) -> DocxDocument:
    doc = Document(io.BytesIO(_styled_template(fonts or OFFICIAL, _footer_contact(document))))
    _write_blocks(doc, document.blocks)
    props = doc.core_properties
    props.title = document.meta.title
    props.author = document.meta.issuing_body or "Dafu"
    props.last_modified_by = "Dafu"
    props.comments = ""
    props.keywords = document.meta.number
    return doc


def export_docx(document: ReplyDocument, path: str | Path, *, fonts: FontSet | None = None) -> Path:
    """Write the reply; an existing file is replaced only whole (ExportError on failure)."""
    doc = build_docx(document, fonts=fonts)
    buffer = io.BytesIO()
    doc.save(buffer)
    return atomic_write(path, lambda stream: stream.write(buffer.getvalue()))


# -- page and styles -----------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _styled_template(fonts: FontSet, footer_contact: str) -> bytes:
    """An empty document with page, styles and footers set up, built once per font set and contact.

    Building the style sheet through python-docx costs more than writing a
    ten-page reply; reopening a saved copy costs what an empty Document() does.
    """
    doc = Document()
    _setup_page(doc)
    _setup_styles(doc, fonts)
    _setup_footers(doc, footer_contact)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _setup_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = Mm(15), FOOTER_DISTANCE
    ooxml.set_line_pitch(section._sectPr, int(LINE_PITCH.twips))
    doc.settings.odd_and_even_pages_header_footer = True
    ooxml.set_theme_language(doc.settings.element)


def _paragraph_style(doc: DocxDocument, name: str, *, east_asia: str | None, latin: str, size=None,
                     align=None, first_indent=None, left=None, right=None, hanging=None):
    styles = doc.styles
    style = styles[name] if name == S_BODY else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != S_BODY:
        style.base_style = styles[S_BODY]
        style.next_paragraph_style = styles[S_BODY]
        style.quick_style = True
    rpr = style.element.get_or_add_rPr()
    if east_asia:
        ooxml.set_fonts(rpr, east_asia, latin)
    if size is not None:
        style.font.size = size
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if first_indent is not None:
        fmt.first_line_indent = first_indent
    if hanging is not None:
        fmt.first_line_indent = -hanging
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    return style


def _setup_styles(doc: DocxDocument, fonts: FontSet) -> None:
    # Left, not justified: LibreOffice 7.4 drops a 。or ，that ends a justified line
    # (measured on the sample: 7 marks lost); CJK lines are one em per character anyway.
    body = _paragraph_style(doc, S_BODY, east_asia=fonts.body, latin=fonts.latin, size=BODY_SIZE,
                            align=WD_ALIGN_PARAGRAPH.LEFT, first_indent=Twips(640))
    rpr = body.element.get_or_add_rPr()
    ooxml.set_character_spacing(rpr, CHAR_SPACING)
    ooxml.set_language(rpr)
    body.font.color.rgb = None
    fmt = body.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False  # official text fills every line of the grid
    ooxml.forbid_hanging_punctuation(body.element.get_or_add_pPr())
    # Document defaults too, so table cells and footers are never Calibri.
    defaults = doc.styles.element.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults")
    if defaults is not None:
        drpr = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rPr")
        if drpr is not None:
            ooxml.set_fonts(drpr, fonts.body, fonts.latin)

    center, right, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    _paragraph_style(doc, S_TITLE, east_asia=fonts.title, latin=fonts.latin, size=TITLE_SIZE, align=center,
                     first_indent=Twips(0))
    _paragraph_style(doc, S_SALUTATION, east_asia=None, latin=fonts.latin, align=left, first_indent=Twips(0))
    for level, name in S_HEADING.items():
        face = {1: fonts.heading1, 2: fonts.heading2}.get(level, fonts.body)
        style = _paragraph_style(doc, name, east_asia=face, latin=fonts.latin)
        style.paragraph_format.keep_with_next = True
        ooxml.set_outline_level(style.element.get_or_add_pPr(), level - 1)
    _paragraph_style(doc, S_ISSUER, east_asia=None, latin=fonts.latin, align=right, first_indent=Twips(0),
                     right=BODY_CHAR * 2)
    _paragraph_style(doc, S_DATE, east_asia=None, latin=fonts.latin, align=left, first_indent=Twips(0))
    _paragraph_style(doc, S_MARK, east_asia=fonts.heading1, latin=fonts.latin, first_indent=Twips(0))
    cc = _paragraph_style(doc, S_CC, east_asia=fonts.body, latin=fonts.latin, size=SMALL_SIZE, align=left,
                          left=SMALL_CHAR * 4, right=SMALL_CHAR, hanging=SMALL_CHAR * 3)
    ooxml.set_borders(cc.element.get_or_add_pPr(), top=8, bottom=8)
    _paragraph_style(doc, S_TABLE, east_asia=fonts.body, latin=fonts.latin, size=SMALL_SIZE, align=left,
                     first_indent=Twips(0))
    _paragraph_style(doc, S_FOOTER, east_asia=fonts.page_number, latin=fonts.page_number, size=SMALL_SIZE,
                     first_indent=Twips(0))


# -- footers: page numbers, optional contact line ------------------------------


def _footer_contact(document: ReplyDocument) -> str:
    meta = document.meta
    if meta.contact_placement == ContactPlacement.FOOTER and (meta.contact_person or meta.contact_phone):
        return clean(f"联系人：{meta.contact_person}\u3000联系电话：{meta.contact_phone}")
    return ""


def _setup_footers(doc: DocxDocument, contact: str) -> None:
    section = doc.sections[0]
    _page_number_footer(section.footer.paragraphs[0], odd=True, contact=contact)
    _page_number_footer(section.even_page_footer.paragraphs[0], odd=False, contact=contact)


def _page_number_footer(paragraph, *, odd: bool, contact: str) -> None:
    """"— 1 —" one character in from the outer edge; a contact line sits on the inner side of the same line."""
    paragraph.style = S_FOOTER
    fmt = paragraph.paragraph_format
    if contact:
        # One line, two ends: contact on the inner side, the number on the outer side.
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = fmt.right_indent = SMALL_CHAR
        fmt.tab_stops.add_tab_stop(TEXT_WIDTH - SMALL_CHAR * 2, WD_TAB_ALIGNMENT.RIGHT)
        if odd:
            paragraph.add_run(contact + "\t")
    else:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        if odd:
            fmt.right_indent = SMALL_CHAR
        else:
            fmt.left_indent = SMALL_CHAR
    paragraph.add_run("— ")
    ooxml.add_page_field(paragraph)
    paragraph.add_run(" —")
    if contact and not odd:
        paragraph.add_run("\t" + contact)


# -- blocks ----------------------------------------------------------------------


def _styled(doc: DocxDocument, text: str, style: str):
    """A paragraph in one of our styles, set by id: python-docx's lookup by name scans
    the style sheet on every call, which made it most of an export's time."""
    paragraph = doc.add_paragraph(text)
    if style != S_BODY:
        paragraph._p.style = _style_id(style)
    return paragraph


def _style_id(name: str) -> str:
    return name.replace(" ", "")


def _write_blocks(doc: DocxDocument, blocks: list[Block]) -> None:
    first_body = True
    previous: BlockKind | None = None
    issuer_width = None
    for block in blocks:
        kind = block.kind
        if kind is BlockKind.SALUTATION and previous is BlockKind.TITLE:
            doc.add_paragraph()          # one blank line below the title
        if kind is BlockKind.ISSUER or (kind is BlockKind.DATE and previous is not BlockKind.ISSUER):
            doc.add_paragraph()          # one blank line below the body
        if kind is BlockKind.TITLE:
            _title(doc, block)
        elif kind is BlockKind.HEADING:
            _styled(doc, clean(block.display_text), S_HEADING.get(block.level, S_HEADING[4]))
        elif kind in (BlockKind.PARAGRAPH, BlockKind.CLOSING, BlockKind.NOTE):
            _styled(doc, clean(block.text), S_BODY)
        elif kind is BlockKind.SALUTATION:
            _styled(doc, clean(block.text), S_SALUTATION)
        elif kind is BlockKind.ISSUER:
            issuer_width = _width(block.text)
            _styled(doc, clean(block.text), S_ISSUER)
        elif kind is BlockKind.DATE:
            _date(doc, block, issuer_width)
        elif kind in (BlockKind.CLASS_MARK, BlockKind.SIGNER, BlockKind.DOC_NUMBER):
            p = _styled(doc, clean(block.text), S_MARK if kind is BlockKind.CLASS_MARK else S_SALUTATION)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind is BlockKind.DISCLOSURE:
            _styled(doc, clean(block.text), S_MARK)
        elif kind is BlockKind.CC:
            _styled(doc, clean(block.text), S_CC)
        elif kind is BlockKind.TABLE:
            _table(doc, block)
        elif kind is BlockKind.SPACER:
            doc.add_paragraph()
        first_body = first_body and kind is not BlockKind.PARAGRAPH
        previous = kind


def _title(doc: DocxDocument, block: Block) -> None:
    paragraph = _styled(doc, "", S_TITLE)
    lines = block.lines or (block.text,)
    for i, line in enumerate(lines):
        run = paragraph.add_run(clean(line))
        if i < len(lines) - 1:
            run.add_break()


def _width(text: str) -> int:
    """Laid-out width (EMU) of a line of 三号 text: CJK one em, Latin and digits half."""
    half = BODY_CHAR // 2
    return sum(BODY_CHAR if unicodedata.east_asian_width(c) in "WF" else half for c in text)


def _date(doc: DocxDocument, block: Block, issuer_width: int | None) -> None:
    """GB/T 9704 §7.3.5.2: the date starts two characters right of the issuer's first character;
    a date longer than that is set two characters in from the right instead."""
    paragraph = _styled(doc, clean(block.text), S_DATE)
    date_width = _width(block.text)
    if issuer_width is None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = BODY_CHAR * 4
        return
    issuer_start = TEXT_WIDTH - BODY_CHAR * 2 - issuer_width
    start = issuer_start + BODY_CHAR * 2
    if start + date_width > TEXT_WIDTH - BODY_CHAR * 2:
        start = TEXT_WIDTH - BODY_CHAR * 2 - date_width
    paragraph.paragraph_format.left_indent = Emu(max(0, start))


def _table(doc: DocxDocument, block: Block) -> None:
    columns = max(len(row) for row in block.rows)
    table = doc.add_table(rows=len(block.rows), cols=columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # LibreOffice and WPS otherwise share the width out evenly
    label_width = Mm(45)
    for index, column in enumerate(table.columns):
        column.width = label_width if index == 0 else Emu((TEXT_WIDTH - label_width) // max(1, columns - 1))
    for row, cells in zip(table.rows, block.rows):
        empty_answer = len(cells) > 1 and not any(c.strip() for c in cells[1:])
        if empty_answer:
            row.height = Mm(45) if cells[0].startswith("具体") else Mm(15)
        for index, cell in enumerate(row.cells):
            cell.width = label_width if index == 0 else Emu((TEXT_WIDTH - label_width) // max(1, columns - 1))
            cell.paragraphs[0].style = doc.styles[S_TABLE]
            text = cells[index] if index < len(cells) else ""
            cell.paragraphs[0].add_run(clean(text))
    # The form's note follows the table after a blank line.
    doc.add_paragraph()
