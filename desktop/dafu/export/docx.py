"""ReplyDocument → .docx laid out to GB/T 9704-2012.

The file starts from Dafu's own empty package (package.py: its styles, settings
in compatibility mode 15, nothing python-docx's template would leave behind),
with page, footers and styles set up once per font set and footer kind. Each
block then becomes one paragraph in its style, written as XML text and parsed
in one go — a ten-page reply costs less than bare python-docx.

What goes where, from top to bottom:
- 版头 marks: 公开方式 left and the result class right on one line; the document
  number flush right, or with a 签发人 the number one character in from the left
  and 签发人：name (楷体) one character in from the right (§7.2.6); two blank lines
  below them before the title.
- title, salutation, body, headings (Word's built-in heading styles).
- the signature block — closing, issuing body, date, 附注 — kept together and
  with the last lines of the body (§7.3.5: no signature alone on a page); laid
  out sealed (§7.3.5.1) or not (§7.3.5.2), see layout.signature.
- the 版记 (抄送, 印发机关 and 印发日期) as a table with full-width rules floated to
  the foot of the last page (§7.4), anchored to a one-point final paragraph.
"""
from __future__ import annotations

import functools
import io
import re
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.shared import Emu, Mm, Twips

from dafu.export import layout, linebreak, ooxml
from dafu.export.atomic import atomic_write
from dafu.export.fonts import OFFICIAL, FontSet
from dafu.export.package import W_NS, empty_package
from dafu.export.styles import CHAR_SPACING
from dafu.model import Block, BlockKind, ContactPlacement, ReplyDocument

FOOTER_DISTANCE = Mm(21)       # puts the page number about 7 mm below the text area (measured)
CORE_PROPERTY_LIMIT = 255      # python-docx and Word refuse longer core properties
RUN_LIMIT = 100_000            # characters per w:t: lxml refuses a text node over 10 MB on reading

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
# Line breaks pasted from Word and the web: \v is Word's line break (Shift+Enter), \f its page break.
_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
# Marks of ambiguous width: a renderer may set them in the Latin font at a paragraph's start
# or after Latin text (LibreOffice did for the form's first □); their runs name the CJK font
# for every script.
_AMBIGUOUS = re.compile(r"(?:^|(?<=[\x20-\x7e]))[□■☑☐○●◎※“”‘’…—·]+")

S_BODY, S_TITLE, S_SALUTATION = "Normal", "DafuTitle", "DafuSalutation"
S_HEADING = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}
S_MARK, S_DOC_NUMBER, S_ISSUER, S_DATE, S_NOTE = "DafuMark", "DafuDocNumber", "DafuIssuer", "DafuDate", "DafuNote"
S_CC, S_PRINTED, S_TABLE, S_FOOTER = "DafuCC", "DafuPrinted", "DafuTableText", "DafuFooter"

HEADER_KINDS = {BlockKind.CLASS_MARK, BlockKind.DISCLOSURE, BlockKind.SIGNER, BlockKind.DOC_NUMBER}
SIGNATURE_KINDS = {BlockKind.CLOSING, BlockKind.ISSUER, BlockKind.DATE, BlockKind.NOTE}
RECORD_KINDS = {BlockKind.CC, BlockKind.PRINTED_BY, BlockKind.PRINTED_ON}   # the 版记


def clean(text: str) -> str:
    """Text Word can store: control characters dropped; a pasted line break disappears between
    two Chinese characters (it was only wrapping) and becomes a space elsewhere."""
    if _BREAKS.search(text):
        text = _BREAKS.sub(_join_break, text)
    return _CONTROL.sub("", text)


def _join_break(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return "" if _wide(before) and _wide(after) else " "


def _wide(c: str) -> bool:
    return bool(c) and unicodedata.east_asian_width(c) in "WF"


def _property(text: str) -> str:
    """A core property: clean, one line, and within the 255 characters Word and python-docx accept."""
    text = clean(text).replace("\t", " ")
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[:CORE_PROPERTY_LIMIT - 1] + "…"


# -- the document ---------------------------------------------------------------------


def build_docx(document: ReplyDocument, *, fonts: FontSet | None = None) -> DocxDocument:
    fonts = fonts or OFFICIAL
    doc = Document(io.BytesIO(_template(fonts, _footer_contact(document), document.meta.is_letter)))
    _Writer(doc, fonts, sealed=document.sealed).write(document.blocks)
    meta = document.meta
    props = doc.core_properties
    props.title = _property(meta.title)
    props.author = _property(meta.issuing_body) or "Dafu"
    props.keywords = _property(meta.number)
    return doc


def export_docx(document: ReplyDocument, path: str | Path, *, fonts: FontSet | None = None) -> Path:
    """Write the reply; an existing file is replaced only whole (ExportError on failure)."""
    doc = build_docx(document, fonts=fonts)
    buffer = io.BytesIO()
    doc.save(buffer)
    return atomic_write(path, lambda stream: stream.write(buffer.getvalue()))


# -- page, styles and footers, built once ---------------------------------------------


@functools.lru_cache(maxsize=16)
def _template(fonts: FontSet, footer_contact: str, letter: bool) -> bytes:
    """Dafu's empty package with the page and footers set up, per font set, contact and 函."""
    doc = Document(io.BytesIO(empty_package(fonts)))
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(layout.PAGE_WIDTH), Twips(layout.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(layout.MARGIN_TOP), Twips(layout.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(layout.MARGIN_LEFT), Twips(layout.MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Mm(15), FOOTER_DISTANCE
    section.gutter = Twips(0)
    ooxml.set_line_pitch(section._sectPr, 579)
    doc.settings.odd_and_even_pages_header_footer = True
    footer_style = doc.part.get_style(S_FOOTER, WD_STYLE_TYPE.PARAGRAPH)
    _page_number_footer(section.footer.paragraphs[0], footer_style, odd=True, contact=footer_contact)
    _page_number_footer(section.even_page_footer.paragraphs[0], footer_style, odd=False, contact=footer_contact)
    if letter:
        # §10.1: a 函 shows no page number on its first page (page 2 is still "— 2 —").
        section.different_first_page_header_footer = True
        section.first_page_footer.paragraphs[0].style = footer_style
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _footer_contact(document: ReplyDocument) -> str:
    meta = document.meta
    if meta.contact_placement == ContactPlacement.FOOTER and (meta.contact_person or meta.contact_phone):
        return clean(f"联系人：{meta.contact_person}\u3000联系电话：{meta.contact_phone}")
    return ""


def _page_number_footer(paragraph, style, *, odd: bool, contact: str) -> None:
    """"— 1 —" one character in from the outer edge (§7.5); a contact line, when asked for,
    sits on the inner side of the same line, one character in."""
    paragraph.style = style
    fmt = paragraph.paragraph_format
    char = Twips(layout.SMALL_CHAR)
    if contact:
        # One line, two ends: both one character in from their edge. Tab positions count
        # from the left edge of the text area.
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = char
        fmt.tab_stops.add_tab_stop(Twips(layout.TEXT_WIDTH - layout.SMALL_CHAR), WD_TAB_ALIGNMENT.RIGHT)
        if odd:
            paragraph.add_run(contact + "\t")
    else:
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        if odd:
            fmt.right_indent = char
        else:
            fmt.left_indent = char
    paragraph.add_run("— ")
    ooxml.add_page_field(paragraph)
    paragraph.add_run(" —")
    if contact and not odd:
        paragraph.add_run("\t" + contact)


# -- blocks ------------------------------------------------------------------------------


def _attr(value: str) -> str:
    return quoteattr(value)


class _Writer:
    """Turns blocks into body XML, in order; paragraphs are collected as text and parsed once."""

    def __init__(self, doc: DocxDocument, fonts: FontSet, *, sealed: bool):
        self.doc, self.fonts, self.sealed = doc, fonts, sealed
        self.parts: list[str] = []

    # paragraphs --------------------------------------------------------------------

    def runs(self, text: str, east_asia: str | None = None, *, own_font: bool = False,
             flow: bool = False) -> str:
        """Runs for ``text``: long text in pieces a reader can load; marks of ambiguous width in
        the Chinese font for every script; ``own_font`` names ``east_asia`` on every run (a 楷体
        name inside a 仿宋 paragraph); ``flow`` (body text on the grid) adds the spacing that
        keeps numbers and dates whole on one line (linebreak.stretches)."""
        text = clean(text)
        face = east_asia or self.fonts.body
        own = f'<w:rFonts w:eastAsia={_attr(face)}/>' if own_font else ""
        every = f'<w:rFonts w:ascii={_attr(face)} w:hAnsi={_attr(face)} w:eastAsia={_attr(face)}/>'
        marks = [(m.start(), m.end()) for m in _AMBIGUOUS.finditer(text)]
        stretched = [(s.start, s.end, s.extra) for s in linebreak.stretches(text)] if flow else []
        if not marks and not stretched:
            return "".join(_plain_runs(text, f"<w:rPr>{own}</w:rPr>" if own else ""))
        cuts = sorted({0, len(text), *(i for a, b in marks for i in (a, b)),
                       *(i for a, b, _ in stretched for i in (a, b))})
        out: list[str] = []
        for a, b in zip(cuts, cuts[1:]):
            fonts = every if any(s <= a < e for s, e in marks) else own
            extra = sum(x for s, e, x in stretched if s <= a < e)
            spacing = f'<w:spacing w:val="{CHAR_SPACING + extra}"/>' if extra else ""
            rpr = f"<w:rPr>{fonts}{spacing}</w:rPr>" if fonts or spacing else ""
            out.extend(_plain_runs(text[a:b], rpr))
        return "".join(out)

    def paragraph(self, style: str, content: str = "", *, ppr: str = "") -> None:
        style_xml = "" if style == S_BODY else f'<w:pStyle w:val="{style}"/>'
        props = style_xml + ppr
        self.parts.append(f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>")

    def blank(self, *, keep_next: bool = False) -> None:
        self.paragraph(S_BODY, ppr="<w:keepNext/>" if keep_next else "")

    def keep_previous_with_next(self, *, widow_control: bool = False) -> None:
        """Add keepNext (and, for the last body paragraph, widow control) to the paragraph just written."""
        if not self.parts:
            return
        last = self.parts[-1]
        if not last.startswith("<w:p>") or "<w:keepNext/>" in last:
            return
        extra = "<w:keepNext/>" + ('<w:widowControl/>' if widow_control else "")
        if last.startswith("<w:p><w:pPr>"):
            head = "<w:p><w:pPr>"
            body = last[len(head):]
            if body.startswith("<w:pStyle"):
                end = body.index("/>") + 2
                last = head + body[:end] + extra + body[end:]
            else:
                last = head + extra + body
        else:
            last = "<w:p><w:pPr>" + extra + "</w:pPr>" + last[len("<w:p>"):]
        self.parts[-1] = last

    def flush(self) -> None:
        """Parse the collected paragraphs and append them to the body."""
        if not self.parts:
            return
        body = self.doc.element.body
        fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(self.parts)}</w:body>')
        sect_pr = body.sectPr
        for child in list(fragment):
            if sect_pr is not None:
                sect_pr.addprevious(child)
            else:
                body.append(child)
        self.parts = []

    # the document ------------------------------------------------------------------

    def write(self, blocks: list[Block]) -> None:
        header = [b for b in blocks if b.kind in HEADER_KINDS]
        record = [b for b in blocks if b.kind in RECORD_KINDS]
        issuer = next((b for b in blocks if b.kind is BlockKind.ISSUER), None)
        date = next((b for b in blocks if b.kind is BlockKind.DATE), None)
        if issuer is not None and date is not None:
            place = layout.signature(clean(issuer.text), clean(date.text), sealed=self.sealed)
        else:
            place = layout.date_only(clean(date.text) if date else "", sealed=self.sealed)
        if header:
            self.header(header)
        previous: BlockKind | None = None
        in_signature = False
        for block in blocks:
            kind = block.kind
            if kind in HEADER_KINDS or kind in RECORD_KINDS or kind is BlockKind.SEAL:
                continue
            if kind is BlockKind.TITLE and header and previous is None:
                self.blank()
                self.blank()  # two blank lines between the 版头 marks and the title
            if kind is BlockKind.SALUTATION and previous is BlockKind.TITLE:
                self.blank()  # one blank line below the title
            if kind in SIGNATURE_KINDS and not in_signature:
                in_signature = True
                # the signature block starts: keep it with the last lines of the body
                if previous in (BlockKind.PARAGRAPH, BlockKind.HEADING):
                    self.keep_previous_with_next(widow_control=True)
            if in_signature and kind in (BlockKind.ISSUER, BlockKind.DATE) and previous not in (
                    BlockKind.ISSUER, BlockKind.DATE):
                self.keep_previous_with_next()
                for _ in range(place.blank_lines):
                    self.blank(keep_next=True)
            elif in_signature and kind is not BlockKind.TABLE:
                self.keep_previous_with_next()
            self.block(block, place)
            previous = kind
        if record:
            self.flush()
            self.record(record)
        self.flush()

    def block(self, block: Block, place: layout.Signature) -> None:
        kind = block.kind
        if kind is BlockKind.TITLE:
            lines = block.lines or (block.text,)
            content = '<w:r><w:br/></w:r>'.join(self.runs(line, self.fonts.title) for line in lines)
            self.paragraph(S_TITLE, content)
        elif kind is BlockKind.HEADING:
            face = {1: self.fonts.heading1, 2: self.fonts.heading2}.get(block.level, self.fonts.body)
            self.paragraph(S_HEADING.get(block.level, S_HEADING[4]), self.runs(block.display_text, face, flow=True))
        elif kind in (BlockKind.PARAGRAPH, BlockKind.CLOSING):
            self.paragraph(S_BODY, self.runs(block.text, flow=True))
        elif kind is BlockKind.NOTE:
            self.paragraph(S_NOTE, self.runs(block.text, flow=True))
        elif kind is BlockKind.SALUTATION:
            self.paragraph(S_SALUTATION, self.runs(block.text))
        elif kind is BlockKind.ISSUER:
            self.paragraph(S_ISSUER, self.runs(block.text), ppr=f'<w:ind w:right="{place.issuer_right}"/>')
        elif kind is BlockKind.DATE:
            if place.date_right is not None:
                ppr = f'<w:ind w:right="{place.date_right}"/><w:jc w:val="right"/>'
            else:
                ppr = f'<w:ind w:left="{place.date_left}"/>'
            self.paragraph(S_DATE, self.runs(block.text), ppr=ppr)
        elif kind is BlockKind.TABLE:
            self.flush()
            self.table(block)
        elif kind is BlockKind.SPACER:
            self.blank()

    # 版头 ---------------------------------------------------------------------------

    def header(self, blocks: list[Block]) -> None:
        text = {b.kind: clean(b.text) for b in blocks}
        mark, disclosure = text.get(BlockKind.CLASS_MARK), text.get(BlockKind.DISCLOSURE)
        black = self.fonts.heading1
        mark_run = (f'<w:r><w:rPr><w:rFonts w:ascii={_attr(black)} w:hAnsi={_attr(black)} '
                    f'w:eastAsia={_attr(black)}/></w:rPr><w:t>{escape(mark)}</w:t></w:r>') if mark else ""
        right_tab = f'<w:tabs><w:tab w:val="right" w:pos="{layout.TEXT_WIDTH}"/></w:tabs>'
        if mark and disclosure:
            self.paragraph(S_MARK, self.runs(disclosure) + "<w:r><w:tab/></w:r>" + mark_run, ppr=right_tab)
        elif disclosure:
            self.paragraph(S_MARK, self.runs(disclosure))
        elif mark:
            self.paragraph(S_MARK, mark_run, ppr='<w:jc w:val="right"/>')
        number, signer = text.get(BlockKind.DOC_NUMBER), text.get(BlockKind.SIGNER)
        if signer:
            label, colon, name = signer.partition("：")
            signer_runs = self.runs(label + colon) + self.runs(name, self.fonts.heading2, own_font=True)
            one = layout.BODY_CHAR
            tab = f'<w:tabs><w:tab w:val="right" w:pos="{layout.TEXT_WIDTH - one}"/></w:tabs>'
            if number:
                # §7.2.6: the number one character in from the left, 签发人 one in from the right
                self.paragraph(S_DOC_NUMBER, self.runs(number) + "<w:r><w:tab/></w:r>" + signer_runs,
                               ppr=f'{tab}<w:ind w:left="{one}"/><w:jc w:val="left"/>')
            else:
                self.paragraph(S_DOC_NUMBER, signer_runs, ppr=f'<w:ind w:right="{one}"/>')
        elif number:
            self.paragraph(S_DOC_NUMBER, self.runs(number))  # 信函格式: flush right

    # 版记 ---------------------------------------------------------------------------

    def record(self, blocks: list[Block]) -> None:
        """The 版记 as a table floated to the foot of the last page, rules as wide as the text."""
        cc = next((clean(b.text) for b in blocks if b.kind is BlockKind.CC), "")
        by = next((clean(b.text) for b in blocks if b.kind is BlockKind.PRINTED_BY), "")
        on = next((clean(b.display_text) for b in blocks if b.kind is BlockKind.PRINTED_ON), "")
        char = layout.SMALL_CHAR
        rows = []
        if cc:
            # 抄送 one character in on each side; wrapped lines aligned after 抄送：
            ppr = f'<w:pStyle w:val="{S_CC}"/><w:ind w:left="{char * 4}" w:right="{char}" w:hanging="{char * 3}"/>'
            rows.append(f"<w:p><w:pPr>{ppr}</w:pPr>{self.runs(cc)}</w:p>")
        if by or on:
            # 印发机关 one character in from the left, 印发日期 one character in from the right
            ppr = (f'<w:pStyle w:val="{S_PRINTED}"/><w:tabs><w:tab w:val="right" w:pos="{layout.TEXT_WIDTH - char}"/>'
                   f'</w:tabs><w:ind w:left="{char}"/>')
            rows.append(f"<w:p><w:pPr>{ppr}</w:pPr>{self.runs(by)}<w:r><w:tab/></w:r>{self.runs(on)}</w:p>")
        width = layout.TEXT_WIDTH
        self.doc.element.body.sectPr.addprevious(parse_xml(ooxml.record_table(rows, width, layout.MARGIN_LEFT)))
        # The table floats to the page of the paragraph after it: one point high, kept with the 附注.
        self.keep_last_body_paragraph_with_next()
        self.paragraph(S_BODY, ppr='<w:spacing w:line="20" w:lineRule="exact"/><w:ind w:firstLine="0"/>'
                                   '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')

    def keep_last_body_paragraph_with_next(self) -> None:
        paragraphs = self.doc.element.body.findall(f"{{{W_NS}}}p")
        if paragraphs:
            paragraphs[-1].get_or_add_pPr().keepNext_val = True

    # the feedback form ---------------------------------------------------------------

    def table(self, block: Block) -> None:
        doc = self.doc
        columns = max(len(row) for row in block.rows)
        table = doc.add_table(rows=len(block.rows), cols=columns)
        table.style = doc.part.get_style("TableGrid", WD_STYLE_TYPE.TABLE)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # LibreOffice and WPS otherwise share the width out evenly
        label = Mm(45)
        other = Emu((Twips(layout.TEXT_WIDTH) - label) // max(1, columns - 1))
        for index, column in enumerate(table.columns):
            column.width = label if index == 0 else other
        for row, cells in zip(table.rows, block.rows):
            empty_answer = len(cells) > 1 and not any(c.strip() for c in cells[1:])
            if empty_answer:
                row.height = Mm(45) if cells[0].startswith("具体") else Mm(15)
            for index, cell in enumerate(row.cells):
                cell.width = label if index == 0 else other
                text = cells[index] if index < len(cells) else ""
                p = cell.paragraphs[0]._p
                p.append(parse_xml(f'<w:pPr xmlns:w="{W_NS}"><w:pStyle w:val="{S_TABLE}"/></w:pPr>'))
                for run in parse_xml(f'<w:p xmlns:w="{W_NS}">{self.runs(text)}</w:p>'):
                    p.append(run)
        self.blank()  # the form's note follows the table after a blank line


def _plain_runs(text: str, rpr: str = "") -> list[str]:
    if not text:
        return []
    return [f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text[i:i + RUN_LIMIT])}</w:t></w:r>'
            for i in range(0, len(text), RUN_LIMIT)]
