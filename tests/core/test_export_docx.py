"""Reopen the exported .docx and check the GB/T 9704 layout values in its XML."""
import datetime as dt
import os
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from dafu.draft import Draft, Paragraph, Section
from dafu.errors import ExportError
from dafu.export.docx import CORE_PROPERTY_LIMIT, build_docx, clean, export_docx
from dafu.export.fonts import GBK
from dafu.model import Block, BlockKind, ContactPlacement, ReplyDocument, ReplyMeta
from dafu.render import render_document
from dafu.templates import assemble

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHAR = 315          # one 三号 character with −0.25 pt spacing, in twips
TEXT_WIDTH = 8845   # 156 mm


@pytest.fixture(scope="module")
def sample_doc(tmp_path_factory):
    from tests_paths import SAMPLE_DRAFT
    path = tmp_path_factory.mktemp("export") / "sample.docx"
    export_docx(render_document(SAMPLE_DRAFT), path)
    return Document(str(path)), path


def values(**extra):
    base = {"meeting": "区第八届人民代表大会第三次会议", "suggestion_title": "关于加快数字化转型的建议",
            "number": "JY20230126", "deputies": "张昊等代表", "issuing_body": "福田区文化广电旅游体育局",
            "date": dt.date(2023, 5, 28), "contact_person": "刘轩逸", "contact_phone": "83131539"}
    base.update(extra)
    return base


def export(tmp_path, template="suggestion_reply", name="x.docx", **extra):
    draft = Draft(template, values(**extra), intro=[Paragraph("背景。")],
                  sections=[Section("工作开展情况", [Paragraph("内容。")])])
    path = export_docx(assemble(draft), tmp_path / name)
    return Document(str(path)), path


def east_asia(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def ppr_val(element, tag):
    found = element.find(f".//{W}{tag}")
    return None if found is None else found.get(qn("w:val"))


def paragraph_by_text(doc, text):
    return next(p for p in doc.paragraphs if p.text == text)


# -- page and style sheet -------------------------------------------------------------------


def test_page_size_and_margins(sample_doc):
    section = sample_doc[0].sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert (section.top_margin.twips, section.bottom_margin.twips) == (2098, 1984)
    assert (section.left_margin.twips, section.right_margin.twips) == (1587, 1474)


def test_body_is_justified_sanhao_fangsong_on_a_28_95_pt_line_without_hanging(sample_doc):
    doc = sample_doc[0]
    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 16
    assert east_asia(normal) == "仿宋_GB2312"
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing.twips == 579
    assert fmt.first_line_indent.twips == 640
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
    assert normal.element.rPr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    # LibreOffice reads w:overflowPunct inverted: "1" is what gives it no hanging mark (docs/print.md)
    assert ppr_val(normal.element, "overflowPunct") == "1"


def test_the_package_holds_only_what_dafu_uses(sample_doc):
    _, path = sample_doc
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        settings = z.read("word/settings.xml").decode()
        styles = z.read("word/styles.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
    assert not [n for n in names if n.startswith("customXml") or "thumbnail" in n or "stylesWithEffects" in n
                or "theme" in n or "webSettings" in n or "numbering" in n]
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings and "rsid" not in settings
    assert styles.count("<w:style ") < 25 and len(styles) < 12000
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>' in fonts


def test_headings_are_words_built_in_heading_styles_and_styles_have_chinese_names(sample_doc):
    doc = sample_doc[0]
    heading = doc.styles["Heading 1"]
    assert heading.style_id == "Heading1" and heading.element.find(qn("w:name")).get(qn("w:val")) == "heading 1"
    assert ppr_val(heading.element, "aliases") == "一级标题"
    assert east_asia(heading) == "黑体" and east_asia(doc.styles["Heading 2"]) == "楷体_GB2312"
    assert ppr_val(doc.styles["Heading 2"].element, "outlineLvl") == "1"
    assert ppr_val(heading.element, "color") == "000000" and ppr_val(heading.element, "b") == "0"
    assert [p.style.name for p in doc.paragraphs if p.text.startswith(("一、", "（一）"))][:2] == ["Heading 1", "Heading 2"]
    names = {s.name for s in doc.styles}
    assert {"公文标题", "主送机关", "发文机关署名", "成文日期", "附注", "抄送机关", "印发机关和印发日期", "页码"} <= names
    title = doc.styles["公文标题"]
    assert title.font.size.pt == 22 and east_asia(title) == "方正小标宋简体"
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_font_names_are_configurable(sample_draft):
    doc = build_docx(render_document(sample_draft), fonts=GBK)
    assert east_asia(doc.styles["公文标题"]) == "方正小标宋_GBK"
    assert east_asia(doc.styles["Normal"]) == "方正仿宋_GBK"


# -- blocks -----------------------------------------------------------------------------------


def test_blocks_in_order_with_their_styles(sample_doc):
    doc = sample_doc[0]
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert paragraphs[0] == ("公文标题", "关于深圳市福田区第八届人民代表大会\n第三次会议建议《关于加快数字化转型，\n"
                                         "推动科技赋能时尚产业的建议》\n（JY20230126）的回复")
    assert paragraphs[1] == ("主送机关", "尊敬的张昊等代表：")
    assert paragraphs[4] == ("Heading 1", "一、工作开展情况")
    assert paragraphs[5] == ("Heading 2", "（一）政策引导，构建数智时尚公共服务体系")
    assert paragraphs[-4:] == [("Normal", "特此回复。"), ("发文机关署名", "福田区文化广电旅游体育局"),
                               ("成文日期", "2023年5月28日"), ("附注", "（联系人：刘轩逸，联系电话：83131539）")]
    texts = [p.text for p in doc.paragraphs]
    assert texts[1] == "" and texts[texts.index("福田区文化广电旅游体育局") - 1] == ""


def test_signature_block_is_kept_together_and_with_the_last_body_lines(sample_doc):
    doc = sample_doc[0]
    texts = [p.text for p in doc.paragraphs]
    closing = texts.index("特此回复。")
    chain = doc.paragraphs[closing - 1:texts.index("2023年5月28日") + 1]
    assert all(p.paragraph_format.keep_with_next for p in chain)
    assert doc.paragraphs[closing - 1].paragraph_format.widow_control  # at least two lines come along
    assert not doc.paragraphs[closing - 2].paragraph_format.keep_with_next


def test_unsealed_issuer_and_date_placement(sample_doc):
    """§7.3.5.2: issuing body two characters in from the right, the date two characters right of its start."""
    doc = sample_doc[0]
    issuer = paragraph_by_text(doc, "福田区文化广电旅游体育局")
    date = paragraph_by_text(doc, "2023年5月28日")
    assert issuer.paragraph_format.right_indent.twips == 2 * CHAR
    issuer_start = TEXT_WIDTH - 2 * CHAR - 12 * CHAR
    assert date.paragraph_format.left_indent.twips == issuer_start + 2 * CHAR


def test_a_date_longer_than_the_issuing_body_moves_the_body_left(tmp_path):
    """§7.3.5.2: the date two characters in from the right, the issuing body further left, still two
    characters before the date's start (the date used to start left of the body)."""
    doc, _ = export(tmp_path, issuing_body="区财政局")
    issuer = paragraph_by_text(doc, "区财政局")
    date = paragraph_by_text(doc, "2023年5月28日")
    assert date.paragraph_format.right_indent.twips == 2 * CHAR
    assert date.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    from dafu.export.layout import text_width
    date_start = TEXT_WIDTH - 2 * CHAR - text_width("2023年5月28日")
    issuer_start = TEXT_WIDTH - issuer.paragraph_format.right_indent.twips - 4 * CHAR
    assert issuer_start == date_start - 2 * CHAR


def test_sealed_layout_centres_the_body_over_a_date_four_characters_in(tmp_path):
    doc, _ = export(tmp_path, seal=True)
    issuer = paragraph_by_text(doc, "福田区文化广电旅游体育局")
    date = paragraph_by_text(doc, "2023年5月28日")
    assert date.paragraph_format.right_indent.twips == 4 * CHAR
    from dafu.export.layout import text_width
    date_centre = TEXT_WIDTH - 4 * CHAR - text_width("2023年5月28日") / 2
    issuer_centre = TEXT_WIDTH - issuer.paragraph_format.right_indent.twips - 12 * CHAR / 2
    assert abs(issuer_centre - date_centre) <= 1
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("福田区文化广电旅游体育局")
    assert texts[at - 2:at] == ["", ""] and texts[at - 3] == "特此答复。"  # room for the seal


def test_signer_stands_on_the_document_number_line_and_two_blank_lines_precede_the_title(tmp_path):
    doc, _ = export(tmp_path, doc_number="福文旅体函〔2023〕12号", signer="王五", result_class="A",
                    disclosure="主动公开")
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "公开方式：主动公开\tA"
    assert texts[1] == "福文旅体函〔2023〕12号\t签发人：王五"
    assert texts[2:4] == ["", ""] and doc.paragraphs[4].style.name == "公文标题"
    line = doc.paragraphs[1]
    assert line.paragraph_format.left_indent.twips == CHAR
    assert [t.position.twips for t in line.paragraph_format.tab_stops] == [TEXT_WIDTH - CHAR]
    name_run = next(r for r in line.runs if r.text == "王五")
    assert name_run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"


def test_the_record_floats_to_the_foot_of_the_last_page_with_full_width_rules(tmp_path):
    doc, path = export(tmp_path, cc=["区人大常委会代表工作委员会", "区政府督查室"])
    table = doc.tables[-1]
    tbl_pr = table._tbl.tblPr
    position = tbl_pr.find(qn("w:tblpPr"))
    assert (position.get(qn("w:vertAnchor")), position.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    assert (position.get(qn("w:horzAnchor")), position.get(qn("w:tblpX"))) == ("page", "1587")
    assert tbl_pr.find(qn("w:tblW")).get(qn("w:w")) == str(TEXT_WIDTH)
    borders = tbl_pr.find(qn("w:tblBorders"))
    assert [borders.find(qn(f"w:{s}")).get(qn("w:sz")) for s in ("top", "insideH", "bottom")] == ["8", "6", "8"]
    rows = [row.cells[0].text for row in table.rows]
    assert rows == ["抄送：区人大常委会代表工作委员会，区政府督查室。", "福田区文化广电旅游体育局\t2023年5月28日印发"]
    cc = table.rows[0].cells[0].paragraphs[0].paragraph_format
    assert (cc.left_indent.twips, cc.first_line_indent.twips, cc.right_indent.twips) == (1120, -840, 280)
    # the table is anchored to a one-point last paragraph the 附注 keeps with
    body = doc.element.body
    assert body[-2].tag == qn("w:p") and body[-3].tag == qn("w:tbl")
    assert paragraph_by_text(doc, "（联系人：刘轩逸，联系电话：83131539）").paragraph_format.keep_with_next


def test_printed_by_and_on_can_be_given(tmp_path):
    doc, _ = export(tmp_path, cc=["区政府督查室"], printed_by="福田区文化广电旅游体育局办公室",
                    printed_on="2023-06-01")
    assert doc.tables[-1].rows[1].cells[0].text == "福田区文化广电旅游体育局办公室\t2023年6月1日印发"


def test_page_numbers_odd_right_even_left_one_character_in(sample_doc):
    doc, _ = sample_doc
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    assert not section.different_first_page_header_footer
    for footer, align, indent in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
                                  (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent")):
        p = footer.paragraphs[0]
        assert p.paragraph_format.alignment == align
        assert getattr(p.paragraph_format, indent).twips == 280
        assert p.style.font.size.pt == 14 and east_asia(p.style) == "宋体"
        assert "PAGE" in "".join(t.text for t in p._p.iter(W + "instrText"))
        assert [f.get(W + "fldCharType") for f in p._p.iter(W + "fldChar")] == ["begin", "separate", "end"]
        assert p.text == "— 1 —"


def test_a_letter_has_no_page_number_on_its_first_page(tmp_path):
    for template, extra in (("letter", {"subject": "X事项", "addressee": "区政协"}),
                            ("suggestion_reply", {"doc_number": "福文旅体函〔2023〕12号"})):
        doc, _ = export(tmp_path, template, **extra)
        section = doc.sections[0]
        assert section.different_first_page_header_footer
        first = section.first_page_footer
        assert not first.is_linked_to_previous
        assert "PAGE" not in "".join(t.text for t in first._element.iter(W + "instrText"))
        assert "PAGE" in "".join(t.text for t in section.footer._element.iter(W + "instrText"))


def test_contact_line_in_footer_keeps_the_page_number_one_character_in(tmp_path, sample_draft):
    document = render_document(sample_draft)
    document.meta.contact_placement = ContactPlacement.FOOTER
    document.blocks = [b for b in document.blocks if b.kind is not BlockKind.NOTE]
    doc = Document(str(export_docx(document, tmp_path / "footer.docx")))
    for footer, text in ((doc.sections[0].footer, "联系人：刘轩逸\u3000联系电话：83131539\t— 1 —"),
                         (doc.sections[0].even_page_footer, "— 1 —\t联系人：刘轩逸\u3000联系电话：83131539")):
        assert len(footer.paragraphs) == 1 and footer.paragraphs[0].text == text
        fmt = footer.paragraphs[0].paragraph_format
        assert fmt.left_indent.twips == 280 and not fmt.right_indent
        assert [(t.position.twips, t.alignment) for t in fmt.tab_stops] == [(TEXT_WIDTH - 280, 2)]  # right tab
    assert not any("联系人" in p.text for p in doc.paragraphs)


# -- bad input (issue 11) ----------------------------------------------------------------------


NASTY = "控制\x00字符\x07与\x0b换行\x0c分页\n回车\r\uffff\ufffe结束\u2028行\x1f尾"


def test_control_characters_anywhere_never_break_the_export(tmp_path):
    """Issue 11: a vertical tab (Word's line break) or U+FFFF in a value raised
    "All strings must be XML compatible"."""
    blocks = [Block(kind, NASTY) for kind in (BlockKind.CLASS_MARK, BlockKind.DISCLOSURE, BlockKind.SIGNER,
                                              BlockKind.DOC_NUMBER, BlockKind.SALUTATION, BlockKind.PARAGRAPH,
                                              BlockKind.CLOSING, BlockKind.ISSUER, BlockKind.DATE, BlockKind.NOTE,
                                              BlockKind.CC, BlockKind.PRINTED_BY, BlockKind.PRINTED_ON)]
    blocks.insert(0, Block(BlockKind.TITLE, NASTY, lines=(NASTY, NASTY)))
    blocks.append(Block(BlockKind.TABLE, rows=((NASTY, NASTY),)))
    meta = ReplyMeta(title=NASTY, number=NASTY, doc_number=NASTY, issuing_body=NASTY, contact_person=NASTY,
                     contact_phone=NASTY, contact_placement=ContactPlacement.FOOTER)
    path = export_docx(ReplyDocument(blocks=blocks, meta=meta), tmp_path / "nasty.docx")
    doc = Document(str(path))
    assert "控制字符与换行分页回车结束行尾" in [p.text for p in doc.paragraphs]
    assert doc.core_properties.title == "控制字符与换行分页回车结束行尾"


def test_clean_joins_a_pasted_line_break_between_chinese_and_spaces_latin():
    assert clean("第一行\n第二行") == "第一行第二行"
    assert clean("Fashion\x0bChannel") == "Fashion Channel"
    assert clean("甲\r\n乙\u2029丙") == "甲乙丙"


def test_drafts_with_control_characters_render(tmp_path):
    draft = Draft("suggestion_reply", values(number="JY\x0b2023\uffff", issuing_body="福田区\x0b文化局",
                                             suggestion_title="关于\x0b数字化\x00转型的建议", cc=["区\x0b政府"]),
                  intro=[Paragraph("背景\x0b段落\uffff。")])
    doc = Document(str(export_docx(assemble(draft), tmp_path / "values.docx")))
    assert doc.core_properties.keywords == "JY 2023"  # a line break between Latin letters becomes a space


def test_a_title_over_255_characters_keeps_the_title_and_truncates_the_property(tmp_path):
    """Issue 11: core properties refuse more than 255 characters."""
    long_title = "关于" + "加快数字化转型推动科技赋能时尚产业" * 20 + "的建议"
    doc, _ = export(tmp_path, suggestion_title=long_title)
    assert len(doc.core_properties.title) == CORE_PROPERTY_LIMIT and doc.core_properties.title.endswith("…")
    title = next(p for p in doc.paragraphs if p.style.name == "公文标题")
    assert long_title in title.text.replace("\n", "")


def test_a_ten_megabyte_paragraph_makes_a_file_python_docx_reopens(tmp_path):
    """Issue 11: lxml refuses a text node over 10 MB ("Text node too long"); Dafu splits the run."""
    huge = "很长的段落内容。" * 450_000   # 3.6 million characters, 10.8 MB in UTF-8
    path = export_docx(ReplyDocument(blocks=[Block(BlockKind.PARAGRAPH, huge)]), tmp_path / "huge.docx")
    doc = Document(str(path))
    assert doc.paragraphs[0].text == huge


# -- writing the file --------------------------------------------------------------------------


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


# -- the feedback form -------------------------------------------------------------------------


def test_feedback_form_table(tmp_path, sample_draft):
    path = export_docx(render_document(sample_draft, template="feedback_form"), tmp_path / "form.docx")
    doc = Document(str(path))
    table = doc.tables[0]
    assert table.style.name == "Table Grid"
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["建议编号", "JY20230126"] and rows[5][1] == "□满意\u3000□基本满意\u3000□不满意"
    assert table.rows[6].height.mm == pytest.approx(45, abs=0.1)
    # room to write the date: the full-width spaces survive
    assert rows[-1] == ["日期", "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"]
    # the first □ of an option is set in the Chinese font whatever script a renderer gives it
    first_box = table.rows[5].cells[1].paragraphs[0].runs[0]
    assert first_box.text == "□"
    fonts = first_box._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_any_order_of_blocks_exports_and_reopens(tmp_path):
    """Templates are the clerk's: blocks may come in any order, alone or repeated."""
    import random

    rng = random.Random(12)
    kinds = [k for k in BlockKind if k is not BlockKind.TABLE] + [BlockKind.TABLE]
    for n in range(60):
        blocks = []
        for kind in rng.choices(kinds, k=rng.randint(0, 9)):
            if kind is BlockKind.TABLE:
                blocks.append(Block(kind, rows=(("建议编号", "JY1"), ("日期", ""))))
            else:
                blocks.append(Block(kind, "2023年5月28日第126号" * rng.randint(0, 3), level=rng.randint(0, 5)))
        path = export_docx(ReplyDocument(blocks=blocks), tmp_path / f"{n}.docx")
        Document(str(path))
