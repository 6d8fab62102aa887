"""The empty .docx every reply starts from: nothing but what Dafu uses.

python-docx's own template carries what Word 2010 left in it — compatibility
mode 14 (Word 2013+ shows [兼容模式]), a 438 KB style sheet of ~170 styles and
its stylesWithEffects twin, customXml, a thumbnail, a Japanese theme language.
Dafu writes its own small package instead: the style sheet of styles.py,
settings in compatibility mode 15, and a font table that names the official
fonts with the GB2312 character set (and the Windows font to use where a
``_GB2312`` font is missing).
"""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import quoteattr

from dafu.export.fonts import FontSet
from dafu.export.styles import style_sheet

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = XML_HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
    'core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'extended-properties+xml"/>'
    '</Types>')

_ROOT_RELS = XML_HEAD + (
    f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{DOC_REL}/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>')

_DOCUMENT_RELS = XML_HEAD + (
    f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{DOC_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{DOC_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{DOC_REL}/fontTable" Target="fontTable.xml"/>'
    '</Relationships>')

_DOCUMENT = XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:sectPr/></w:body></w:document>'

_CORE = XML_HEAD + (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:title></dc:title><dc:creator>Dafu</dc:creator><cp:lastModifiedBy>Dafu</cp:lastModifiedBy>'
    '<cp:revision>1</cp:revision></cp:coreProperties>')

_APP = XML_HEAD + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<Application>Dafu</Application><DocSecurity>0</DocSecurity></Properties>')

# Word 2013+ writes these compatibility settings; mode 15 is "no compatibility mode".
_SETTINGS = XML_HEAD + (
    f'<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="differentiateMultirowTableHeaders" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '</w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    '</w:settings>')

# Where a machine lacks a _GB2312 font, Word falls back to the name in w:altName.
_ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}


def _font_table(fonts: FontSet) -> str:
    entries = []
    for name in dict.fromkeys((fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.page_number)):
        alt = f'<w:altName w:val={quoteattr(_ALT_NAMES[name])}/>' if name in _ALT_NAMES else ""
        entries.append(f'<w:font w:name={quoteattr(name)}>{alt}<w:charset w:val="86"/>'
                       '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')
    entries.append(f'<w:font w:name={quoteattr(fonts.latin)}><w:charset w:val="00"/>'
                   '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
    return XML_HEAD + f'<w:fonts xmlns:w="{W_NS}">{"".join(entries)}</w:fonts>'


def empty_package(fonts: FontSet) -> bytes:
    """A valid, empty .docx with Dafu's styles, settings and font table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
                           ("docProps/core.xml", _CORE), ("docProps/app.xml", _APP),
                           ("word/document.xml", _DOCUMENT), ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
                           ("word/styles.xml", style_sheet(fonts)), ("word/settings.xml", _SETTINGS),
                           ("word/fontTable.xml", _font_table(fonts))):
            z.writestr(name, text)
    return buffer.getvalue()
