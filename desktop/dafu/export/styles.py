"""The style sheet: one paragraph style per kind of block, defined once.

Headings use Word's built-in heading styles ("heading 1"…, which Chinese Word
shows as 标题 1…) so the navigation pane and outline view work, with Chinese
aliases; Dafu's own styles carry the names a 文秘 uses (公文标题, 发文机关署名,
成文日期, 附注, 抄送机关 …). Style ids stay ASCII so the XML is stable.

Measured choices (see docs/print.md):
- body justified (两端对齐); w:overflowPunct w:val="1" — LibreOffice's importer
  reads this element inverted (1 = no hanging, so no 29th character in the
  margin and, justified, no 。，lost); Word reads 1 as "may hang", its default.
- exact 28.95 pt lines and −0.25 pt character spacing: 22 lines of 28.
- widow control off in the body: official text fills every line of the grid.
"""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from dafu.export.fonts import FontSet

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

LINE_PITCH_TWIPS = 579       # 28.95 pt: 22 lines fill the 225 mm text area; 29 pt gives only 21
CHAR_SPACING = -5            # −0.25 pt: 28 × 15.75 pt fit the 442 pt line; −0.2 pt gave 27
BODY_HALF_POINTS, TITLE_HALF_POINTS, SMALL_HALF_POINTS = 32, 44, 28   # 三号, 二号, 四号
INDENT_TWIPS = 640           # two characters


@dataclass(frozen=True)
class Style:
    style_id: str
    name: str
    alias: str = ""
    based_on: str = "Normal"
    east_asia: str = ""          # the Chinese font, when not the body's
    latin: str = ""              # the Latin font, when not Times New Roman
    size: int = 0                # half-points, when not the body's
    align: str = ""              # w:jc
    first_line: int | None = 0   # twips; None keeps the body's two-character indent
    keep_next: bool = False
    outline: int | None = None   # 0-based outline level
    built_in: bool = False


def styles_for(fonts: FontSet) -> tuple[Style, ...]:
    return (
        Style("Heading1", "heading 1", "一级标题", east_asia=fonts.heading1, first_line=None, keep_next=True,
              outline=0, built_in=True),
        Style("Heading2", "heading 2", "二级标题", east_asia=fonts.heading2, first_line=None, keep_next=True,
              outline=1, built_in=True),
        Style("Heading3", "heading 3", "三级标题", first_line=None, keep_next=True, outline=2, built_in=True),
        Style("Heading4", "heading 4", "四级标题", first_line=None, keep_next=True, outline=3, built_in=True),
        Style("DafuTitle", "公文标题", east_asia=fonts.title, size=TITLE_HALF_POINTS, align="center"),
        Style("DafuMark", "版头标注", align="left"),
        Style("DafuDocNumber", "发文字号", align="right"),
        Style("DafuSalutation", "主送机关", align="left"),
        Style("DafuIssuer", "发文机关署名", align="right"),
        Style("DafuDate", "成文日期", align="left"),
        Style("DafuNote", "附注", first_line=None),
        Style("DafuCC", "抄送机关", size=SMALL_HALF_POINTS, align="left"),
        Style("DafuPrinted", "印发机关和印发日期", size=SMALL_HALF_POINTS, align="left"),
        Style("DafuTableText", "表格文字", size=SMALL_HALF_POINTS, align="left"),
        Style("DafuFooter", "页码", east_asia=fonts.page_number, latin=fonts.page_number,
              size=SMALL_HALF_POINTS),
    )


def style_name(style_id: str, fonts: FontSet | None = None) -> str:
    """The name a style id is shown under (what python-docx's ``paragraph.style.name`` gives)."""
    if style_id == "Normal":
        return "Normal"
    for style in styles_for(fonts or FontSet()):
        if style.style_id == style_id:
            return style.name
    raise KeyError(style_id)


def _fonts(east_asia: str, latin: str) -> str:
    return (f'<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)} '
            f'w:eastAsia={quoteattr(east_asia)} w:cs={quoteattr(latin)} w:hint="eastAsia"/>')


def _paragraph_style(style: Style, fonts: FontSet) -> str:
    attrs = f'w:type="paragraph" w:styleId="{style.style_id}"'
    parts = [f'<w:name w:val={quoteattr(style.name)}/>']
    if style.alias:
        parts.append(f'<w:aliases w:val={quoteattr(style.alias)}/>')
    parts.append(f'<w:basedOn w:val="{style.based_on}"/><w:next w:val="Normal"/>')
    parts.append('<w:uiPriority w:val="9"/>' if style.built_in else '<w:uiPriority w:val="10"/>')
    parts.append("<w:qFormat/>")
    ppr = []
    if style.keep_next:
        ppr.append("<w:keepNext/>")
    if style.first_line is not None:
        ppr.append(f'<w:ind w:firstLine="{style.first_line}"/>')
    if style.align:
        ppr.append(f'<w:jc w:val="{style.align}"/>')
    if style.outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{style.outline}"/>')
    if ppr:
        parts.append(f"<w:pPr>{''.join(ppr)}</w:pPr>")
    rpr = []
    if style.east_asia or style.latin:
        rpr.append(_fonts(style.east_asia or fonts.body, style.latin or fonts.latin))
    if style.built_in:
        rpr.append('<w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/><w:color w:val="000000"/>')
    if style.size:
        rpr.append(f'<w:sz w:val="{style.size}"/><w:szCs w:val="{style.size}"/>')
    elif style.built_in:
        rpr.append(f'<w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/>')
    if rpr:
        parts.append(f"<w:rPr>{''.join(rpr)}</w:rPr>")
    return f"<w:style {attrs}>{''.join(parts)}</w:style>"


def style_sheet(fonts: FontSet) -> str:
    """styles.xml: document defaults, Normal (the body), the block styles and two table styles."""
    body_rpr = (f'{_fonts(fonts.body, fonts.latin)}<w:color w:val="000000"/>'
                f'<w:spacing w:val="{CHAR_SPACING}"/>'
                f'<w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/>'
                '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    normal = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
              '<w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="1"/>'
              f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH_TWIPS}" w:lineRule="exact"/>'
              f'<w:ind w:firstLine="{INDENT_TWIPS}"/><w:jc w:val="both"/></w:pPr>'
              f'<w:rPr>{body_rpr}</w:rPr></w:style>')
    defaults = (f'<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(fonts.body, fonts.latin)}'
                f'<w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/>'
                '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
                '<w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>')
    built_in = (
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        '</w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="39"/><w:tblPr><w:tblBorders>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders></w:tblPr></w:style>')
    body = "".join(_paragraph_style(s, fonts) for s in styles_for(fonts))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:styles xmlns:w="{W_NS}">{defaults}{normal}{built_in}{body}</w:styles>')

