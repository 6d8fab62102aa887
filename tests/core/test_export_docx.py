"""Reopen the exported .docx and check the GB/T 9704 layout values in its XML."""
import os
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from dafu.errors import ExportError
from dafu.export.docx import export_docx
from dafu.export.fonts import GBK
from dafu.model import Block, BlockKind, ContactPlacement, ReplyDocument
from dafu.render import render_document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sample_doc(tmp_path_factory):
    from tests_paths import SAMPLE_DRAFT
    path = tmp_path_factory.mktemp("export") / "sample.docx"
    export_docx(render_document(SAMPLE_DRAFT), path)
    return Document(str(path)), path


def style_of(doc, name):
    return doc.styles[name]


def east_asia(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_page_size_and_margins(sample_doc):
    section = sample_doc[0].sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert (section.top_margin.twips, section.bottom_margin.twips) == (2098, 1984)
    assert (section.left_margin.twips, section.right_margin.twips) == (1587, 1474)


def test_body_is_sanhao_fangsong_on_a_28_95_pt_line_with_compression(sample_doc):
    doc = sample_doc[0]
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert east_asia(normal) == "仿宋_GB2312"
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing.twips == 579
    assert normal.paragraph_format.first_line_indent.twips == 640
    assert normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_title_and_heading_fonts(sample_doc):
    doc = sample_doc[0]
    title = doc.styles["Dafu Title"]
    assert title.font.size.pt == 22 and east_asia(title) == "方正小标宋简体"
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(doc.styles["Dafu Heading 1"]) == "黑体"
    assert east_asia(doc.styles["Dafu Heading 2"]) == "楷体_GB2312"
    assert east_asia(doc.styles["Dafu Heading 3"]) == "仿宋_GB2312"
    outline = doc.styles["Dafu Heading 2"].element.pPr.find(qn("w:outlineLvl"))
    assert outline.get(qn("w:val")) == "1"


def test_blocks_in_order_with_their_styles(sample_doc):
    doc = sample_doc[0]
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert paragraphs[0][0] == "Dafu Title"
    assert paragraphs[0][1] == ("关于深圳市福田区第八届人民代表大会\n第三次会议建议《关于加快数字化转型，\n"
                                "推动科技赋能时尚产业的建议》\n（JY20230126）的回复")
    assert paragraphs[1] == ("Dafu Salutation", "尊敬的张昊等代表：")
    assert paragraphs[4] == ("Dafu Heading 1", "一、工作开展情况")
    assert paragraphs[5] == ("Dafu Heading 2", "（一）政策引导，构建数智时尚公共服务体系")
    assert paragraphs[-4:] == [("Normal", "特此回复。"), ("Dafu Issuer", "福田区文化广电旅游体育局"),
                               ("Dafu Date", "2023年5月28日"), ("Normal", "（联系人：刘轩逸，联系电话：83131539）")]
    # One blank line below the title and above the issuing body.
    texts = [p.text for p in doc.paragraphs]
    assert texts[1] == "" and texts[texts.index("福田区文化广电旅游体育局") - 1] == ""


def test_issuer_and_date_placement(sample_doc):
    doc = sample_doc[0]
    issuer = next(p for p in doc.paragraphs if p.style.name == "Dafu Issuer")
    date = next(p for p in doc.paragraphs if p.style.name == "Dafu Date")
    assert issuer.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    char = 315  # one 三号 character with −0.25 pt spacing, in twips
    assert issuer.style.paragraph_format.right_indent.twips == 2 * char
    issuer_start = 8845 - 2 * char - 12 * char
    assert date.paragraph_format.left_indent.twips == issuer_start + 2 * char


def test_page_numbers_odd_right_even_left(sample_doc):
    doc, path = sample_doc
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align, indent in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
                                  (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent")):
        p = footer.paragraphs[0]
        assert p.paragraph_format.alignment == align
        assert getattr(p.paragraph_format, indent).twips == 280
        assert p.style.font.size.pt == 14 and east_asia(p.style) == "宋体"
        xml = p._p.xml
        assert "PAGE" in "".join(t.text for t in p._p.iter(W + "instrText"))
        assert [f.get(W + "fldCharType") for f in p._p.iter(W + "fldChar")] == ["begin", "separate", "end"]
        assert p.text == "— 1 —" and "\u2014" in xml


def test_contact_line_in_footer_when_asked(tmp_path, sample_draft):
    document = render_document(sample_draft)
    document.meta.contact_placement = ContactPlacement.FOOTER
    document.blocks = [b for b in document.blocks if b.kind is not BlockKind.NOTE]
    path = export_docx(document, tmp_path / "footer.docx")
    doc = Document(str(path))
    odd, even = doc.sections[0].footer.paragraphs, doc.sections[0].even_page_footer.paragraphs
    assert odd[0].text == "联系人：刘轩逸\u3000联系电话：83131539\t— 1 —"
    assert even[0].text == "— 1 —\t联系人：刘轩逸\u3000联系电话：83131539"
    assert len(odd) == len(even) == 1  # one line: never collides with the page number
    assert not any("联系人" in p.text for p in doc.paragraphs)


def test_font_names_are_configurable(tmp_path, sample_draft):
    from dafu.export.docx import build_docx

    doc = build_docx(render_document(sample_draft), fonts=GBK)
    assert east_asia(doc.styles["Dafu Title"]) == "方正小标宋_GBK"
    assert east_asia(doc.styles["Normal"]) == "方正仿宋_GBK"


def test_control_characters_and_long_paragraphs_make_a_valid_file(tmp_path):
    nasty = "控制\x00字符\x07与\x1b换行\n回车\r\uffff结束"
    document = ReplyDocument(blocks=[Block(BlockKind.TITLE, nasty, lines=(nasty,)),
                                     Block(BlockKind.PARAGRAPH, nasty),
                                     Block(BlockKind.PARAGRAPH, "很长的段落。" * 20000)])
    path = export_docx(document, tmp_path / "nasty.docx")
    doc = Document(str(path))
    assert doc.paragraphs[1].text == "控制字符与换行 回车 结束"
    assert len(doc.paragraphs[2].text) == 120000
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None


def test_failed_write_leaves_existing_file_and_no_temp(tmp_path, sample_draft, monkeypatch):
    target = tmp_path / "reply.docx"
    target.write_bytes(b"earlier export")
    document = render_document(sample_draft)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(ExportError) as err:
        export_docx(document, target)
    assert "磁盘已满" in str(err.value) and str(target) in str(err.value)
    assert target.read_bytes() == b"earlier export"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(tmp_path, sample_draft):  # pragma: no cover - CI runs as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(ExportError):
        export_docx(render_document(sample_draft), folder / "x.docx")


def test_missing_folder_is_a_clear_error(tmp_path, sample_draft):
    with pytest.raises(ExportError, match="folder does not exist"):
        export_docx(render_document(sample_draft), tmp_path / "nope" / "x.docx")


def test_feedback_form_table(tmp_path, sample_draft):
    path = export_docx(render_document(sample_draft, template="feedback_form"), tmp_path / "form.docx")
    doc = Document(str(path))
    table = doc.tables[0]
    assert table.style.name == "Table Grid"
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["建议编号", "JY20230126"] and rows[5][1] == "□满意\u3000□基本满意\u3000□不满意"
    assert table.rows[6].height.mm == pytest.approx(45, abs=0.1)
