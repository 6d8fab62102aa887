"""The formats clerks have: .docx (tables, text boxes, headers and footers), .txt in any common encoding,
.doc and .wps through LibreOffice (and a clear message without it), PDF with a text layer."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from dafu.errors import ImportFileError
from dafu.model import BlockKind
from dafu.reading import decode_text, read_reply, read_text
from dafu.reading.formats import file_lines
from tests_paths import SAMPLE_TXT

SAMPLE_LINES = [line for line in SAMPLE_TXT.read_text(encoding="utf-8").splitlines()]
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")

_TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    '<wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
    '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def office_docx(path: Path) -> Path:
    """A reply as bureaus' Word files hold it: 文号 and 类别 in a header table, 公开 in a text box,
    the contact line in the footer, a table in the body, the title broken with manual line breaks."""
    document = Document()
    section = document.sections[0]
    header = section.header.add_table(rows=1, cols=2, width=section.page_width)
    header.cell(0, 0).text = "福教函〔2023〕45号"
    header.cell(0, 1).text = "类别：A"
    section.footer.paragraphs[0].text = "（联系人：陈晓，联系电话：0755-83320000）"
    title = document.add_paragraph()
    title.add_run("关于区八届人大三次会议")
    title.add_run().add_break()
    title.add_run("第126号建议的答复")
    title._p.append(parse_xml(_TEXT_BOX.format(text="同意公开")))
    document.add_paragraph("李明代表：")
    document.add_paragraph("您提出的《关于增加中小学学位供给的建议》收悉。现答复如下：")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "年份", "新增学位"
    table.cell(1, 0).text, table.cell(1, 1).text = "2023", "5000个"
    document.add_paragraph("下一步，我局将继续加快学校建设，加强师资配备。")
    document.add_paragraph("特此答复。")
    document.add_paragraph("深圳市福田区教育局")
    document.add_paragraph("2023年6月2日")
    document.save(path)
    return path


def test_docx_headers_tables_text_boxes_and_footers_are_read(tmp_path):
    path = office_docx(tmp_path / "reply.docx")
    lines = [line for line in file_lines(path) if line]
    assert lines[0] == "福教函〔2023〕45号\t类别：A"            # the header table first
    assert lines[-1] == "（联系人：陈晓，联系电话：0755-83320000）"  # the footer last
    assert lines.count("同意公开") == 1                          # the text box once, not its VML fallback too
    assert "2023\t5000个" in lines                                # a body table row by row
    doc = read_reply(path)
    meta = doc.meta
    assert meta.title == "关于区八届人大三次会议第126号建议的答复"
    assert doc.first(BlockKind.TITLE).lines == ("关于区八届人大三次会议", "第126号建议的答复")
    assert (meta.doc_number, meta.number) == ("福教函〔2023〕45号", "126")
    assert doc.first(BlockKind.CLASS_MARK).text == "类别：A"
    assert doc.first(BlockKind.DISCLOSURE).text == "同意公开"
    assert (meta.issuing_body, meta.date) == ("深圳市福田区教育局", dt.date(2023, 6, 2))
    assert (meta.contact_person, meta.contact_phone) == ("陈晓", "0755-83320000")


def test_docx_track_changes_keep_only_what_is_printed(tmp_path):
    path = office_docx(tmp_path / "tracked.docx")
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "word/document.xml":
                data = data.replace("<w:t>特此答复。</w:t>".encode(),
                                    "<w:t>特此答复。</w:t></w:r><w:del w:id=\"1\" w:author=\"x\"><w:r>"
                                    "<w:delText>删掉的字</w:delText></w:r></w:del><w:r>".encode())
            target.writestr(info, data)
    assert "删掉的字" not in read_text(path)


# -- text encodings ----------------------------------------------------------------------


def test_text_encodings_are_detected(tmp_path):
    text = "\n".join(SAMPLE_LINES)
    for codec in ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        assert read_reply(path).meta.number == "JY20230126", codec


def test_big5_is_read_as_traditional_characters_not_mojibake(tmp_path):
    path = tmp_path / "big5.txt"
    reply = ("關於區八屆人大三次會議第126號建議的答覆\n李明代表：\n您提出的關於增加學位的建議收悉。現答覆如下：\n"
             "近年來，我區學位需求持續增長，今年新增學位五千個。\n特此答覆。\n區教育局\n2023年6月2日\n"
             "（聯繫人：陳曉，聯繫電話：83320000）\n")
    path.write_bytes(reply.encode("big5"))
    text, codec = decode_text(path.read_bytes(), path)
    assert codec == "big5" and text == reply
    doc = read_reply(path)
    assert doc.meta.title == "關於區八屆人大三次會議第126號建議的答覆"
    assert (doc.meta.number, doc.meta.date, doc.meta.contact_phone) == ("126", dt.date(2023, 6, 2), "83320000")


@pytest.mark.parametrize("codec, text, language", [
    ("cp932", "ご提案いただきました件につきまして、下記のとおり回答いたします。担当：山田太郎", "日文"),
    ("euc_kr", "귀하께서 제출하신 건의사항에 대하여 다음과 같이 답변드립니다. 담당자: 김철수", "韩文"),
])
def test_japanese_and_korean_text_is_refused_by_name(tmp_path, codec, text, language):
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(text.encode(codec))
    with pytest.raises(ImportFileError) as err:
        read_reply(path)
    assert language in str(err.value) and path.name in str(err.value)


def test_short_gb_text_is_not_taken_for_korean():
    # charset-normalizer reads these two lines as cp949; a clerk's GB file must not be refused as Korean
    raw = "关于区八届人大三次会议第126号建议的答复\n李明代表：\n".encode("gbk")
    assert decode_text(raw, "short.txt")[1] == "gb18030"


# -- .doc and .wps through LibreOffice --------------------------------------------------------


@pytest.fixture(scope="module")
def old_word_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("doc")
    source = office_docx(folder / "reply.docx")
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                           "--convert-to", "doc:MS Word 97", "--outdir", str(folder), str(source)],
                          capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return folder / "reply.doc"


@pytest.mark.render
@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_are_read_through_libreoffice(old_word_file, tmp_path, suffix):
    # A WPS Office .wps file is a Word 97 binary file inside; LibreOffice tells them apart by content.
    path = tmp_path / f"旧答复{suffix}"
    path.write_bytes(old_word_file.read_bytes())
    before = set(Path("/tmp").glob("dafu-convert-*"))
    doc = read_reply(path)
    assert doc.meta.title == "关于区八届人大三次会议第126号建议的答复"
    assert (doc.meta.number, doc.meta.issuing_body, doc.meta.date) == ("126", "深圳市福田区教育局", dt.date(2023, 6, 2))
    assert doc.meta.contact_phone == "0755-83320000"
    assert set(Path("/tmp").glob("dafu-convert-*")) <= before  # the temporary folder is gone
    assert path.read_bytes() == old_word_file.read_bytes()     # the clerk's file untouched


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_without_libreoffice_is_refused_by_name(tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("DAFU_SOFFICE", "")  # as on a machine without LibreOffice
    path = tmp_path / f"旧答复{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(ImportFileError) as err:
        read_reply(path)
    message = str(err.value)
    assert path.name in message and "LibreOffice" in message and ".docx" in message


@pytest.mark.render
@needs_soffice
def test_damaged_doc_is_refused_by_name(tmp_path):
    path = tmp_path / "坏文件.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"garbage" * 100)
    with pytest.raises(ImportFileError) as err:
        read_reply(path)
    assert path.name in str(err.value)


# -- PDF ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    """The sample reply exported by Dafu (GB/T 9704 layout, indented paragraphs), printed to PDF."""
    folder = tmp_path_factory.mktemp("pdf")
    docx = folder / "reply.docx"
    subprocess.run([sys.executable, "-m", "dafu", "render", str(SAMPLE_TXT.with_suffix(".dafu")), "-o", str(docx)], check=True,
                   capture_output=True)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)], check=True, capture_output=True,
                   timeout=180)
    return folder / "reply.pdf"


@pytest.mark.render
@needs_soffice
@pytest.mark.parametrize("engine", ["pdftotext", "pypdf"])
def test_pdf_with_a_text_layer(sample_pdf, monkeypatch, engine):
    if engine == "pypdf":
        monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)  # a Windows desktop: no poppler
    elif shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    doc = read_reply(sample_pdf)
    meta = doc.meta
    assert meta.title.startswith("关于深圳市福田区第八届人民代表大会第三次会议建议《关于加快数字化转型")
    assert meta.title.endswith("（JY20230126）的回复")
    assert (meta.number, meta.issuing_body, meta.date) == ("JY20230126", "福田区文化广电旅游体育局",
                                                            dt.date(2023, 5, 28))
    assert (meta.contact_person, meta.contact_phone) == ("刘轩逸", "83131539")
    assert doc.first(BlockKind.SALUTATION).text == "尊敬的张昊等代表："
    # printed lines joined back into paragraphs: headings stand alone, paragraphs are whole
    headings = [b.number for b in doc.of_kind(BlockKind.HEADING)]
    assert headings == ["一、", "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "二、"]
    next_steps = [b.text[:2] for b in doc.of_kind(BlockKind.PARAGRAPH) if b.role == "next_steps"]
    assert next_steps == ["一是", "二是", "三是", "四是", "五是", "六是"]


def test_pdf_without_text_is_refused_by_name(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "扫描件.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(ImportFileError) as err:
        read_reply(path)
    assert "扫描件.pdf" in str(err.value) and "OCR" in str(err.value)


def test_damaged_pdf_is_refused_by_name(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(ImportFileError) as err:
        read_reply(path)
    assert "坏.pdf" in str(err.value)
