"""Old replies whose headings Word numbers itself (a multilevel list tied to the heading styles): the
numbers are not in the text, and without them the reply's outline is lost. They are counted as Word
counts them, and LibreOffice's own text export of the same file is the independent check."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from dafu.model import BlockKind
from dafu.reading import read_reply
from dafu.reading.formats.docx import docx_lines

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# The outline of a reply: 一、 （一） 1. （1）, the way bureaus' templates define it.
OUTLINE = f"""<w:abstractNum {W} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>"""
BULLETS = f"""<w:abstractNum {W} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
<w:lvlText w:val="\u2022"/></w:lvl></w:abstractNum>"""
LEGAL = f"""<w:abstractNum {W} w:abstractNumId="92">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>"""


def _num(num_id: int, abstract: int, start_override: tuple[int, int] | None = None) -> str:
    override = (f'<w:lvlOverride w:ilvl="{start_override[0]}"><w:startOverride w:val="{start_override[1]}"/>'
                '</w:lvlOverride>') if start_override else ""
    return f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{override}</w:num>'


def _define(document, abstracts: list[str], nums: list[str]) -> None:
    numbering = document.part.numbering_part.element
    first_num = numbering.find(numbering[0].tag.replace("abstractNum", "num"))
    for xml in abstracts:     # every abstractNum before the first num, as the schema orders them
        if first_num is not None:
            first_num.addprevious(parse_xml(xml))
        else:
            numbering.append(parse_xml(xml))
    for xml in nums:
        numbering.append(parse_xml(xml))


def _tie_style(document, style_name: str, num_id: int, level: int) -> None:
    ppr = document.styles[style_name].element.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _number(paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def outlined_reply(path: Path) -> Path:
    """A reply as a bureau's Word template makes it: headings 1–4 numbered by one multilevel list."""
    document = Document()
    _define(document, [OUTLINE], [_num(90, 90)])
    for level, style in enumerate(("Heading 1", "Heading 2", "Heading 3", "Heading 4")):
        _tie_style(document, style, 90, level)
    document.add_paragraph("关于区八届人大三次会议第126号建议的答复")
    document.add_paragraph("李明代表：")
    document.add_paragraph("您提出的《关于增加中小学学位供给的建议》收悉。现答复如下：")
    document.add_paragraph("工作开展情况", style="Heading 1")
    document.add_paragraph("加快学校建设", style="Heading 2")
    document.add_paragraph("新建学校情况如下。")
    document.add_paragraph("新建学校三所", style="Heading 3")
    document.add_paragraph("改扩建学校两所", style="Heading 3")
    document.add_paragraph("其中一所为九年一贯制", style="Heading 4")
    document.add_paragraph("加强师资配备", style="Heading 2")
    document.add_paragraph("招聘教师", style="Heading 3")
    document.add_paragraph("下一步工作", style="Heading 1")
    document.add_paragraph("我局将继续加快学校建设。")
    document.add_paragraph("特此答复。")
    document.add_paragraph("深圳市福田区教育局")
    document.add_paragraph("2023年6月2日")
    document.save(path)
    return path


EXPECTED = ["一、工作开展情况", "（一）加快学校建设", "新建学校情况如下。", "1.新建学校三所", "2.改扩建学校两所",
            "（1）其中一所为九年一贯制", "（二）加强师资配备", "1.招聘教师", "二、下一步工作"]


def test_headings_numbered_by_word_read_with_their_numbers(tmp_path):
    lines = [line for line in docx_lines(outlined_reply(tmp_path / "r.docx").read_bytes(), "r.docx") if line]
    start = lines.index("一、工作开展情况")
    assert lines[start:start + len(EXPECTED)] == EXPECTED
    assert lines[:3] == ["关于区八届人大三次会议第126号建议的答复", "李明代表：",
                         "您提出的《关于增加中小学学位供给的建议》收悉。现答复如下："]


def test_the_reply_keeps_its_outline(tmp_path):
    reply = read_reply(outlined_reply(tmp_path / "r.docx"))
    headings = [(block.level, block.number, block.text) for block in reply.blocks if block.kind == BlockKind.HEADING]
    assert headings == [(1, "一、", "工作开展情况"), (2, "（一）", "加快学校建设"), (3, "1.", "新建学校三所"),
                        (3, "2.", "改扩建学校两所"), (4, "（1）", "其中一所为九年一贯制"),
                        (2, "（二）", "加强师资配备"), (3, "1.", "招聘教师"), (1, "二、", "下一步工作")]


def test_lists_sharing_a_definition_count_on_and_a_start_override_starts_anew(tmp_path):
    document = Document()
    _define(document, [OUTLINE, BULLETS], [_num(90, 90), _num(93, 90), _num(94, 90, (0, 5)), _num(91, 91)])
    for num_id, text in ((90, "甲"), (93, "乙"), (94, "丙"), (94, "丁"), (91, "要点"), (90, "戊")):
        _number(document.add_paragraph(text), num_id)
    plain = document.add_paragraph("不编号")
    _number(plain, 0)                                       # numId 0: numbering taken off
    document.save(tmp_path / "l.docx")
    lines = [line for line in docx_lines((tmp_path / "l.docx").read_bytes(), "l.docx") if line]
    assert lines == ["一、甲", "二、乙", "五、丙", "六、丁", "要点", "三、戊", "不编号"]


def test_numbering_off_in_a_numbered_style_and_legal_numbers(tmp_path):
    document = Document()
    _define(document, [OUTLINE, LEGAL], [_num(90, 90), _num(92, 92)])
    _tie_style(document, "Heading 1", 90, 0)
    document.add_paragraph("总体情况", style="Heading 1")
    _number(document.add_paragraph("不编号的标题", style="Heading 1"), 0)
    document.add_paragraph("下一步", style="Heading 1")
    _number(document.add_paragraph("适用范围"), 92, 0)
    _number(document.add_paragraph("本办法适用于全区。"), 92, 1)
    _number(document.add_paragraph("本办法自发布之日起施行。"), 92, 1)
    document.save(tmp_path / "n.docx")
    lines = [line for line in docx_lines((tmp_path / "n.docx").read_bytes(), "n.docx") if line]
    assert lines == ["一、总体情况", "不编号的标题", "二、下一步", "第一条 适用范围", "1.1 本办法适用于全区。",
                     "1.2 本办法自发布之日起施行。"]


def test_a_document_without_lists_reads_as_before(tmp_path):
    document = Document()
    document.add_paragraph("一、工作开展情况")
    document.add_paragraph("（一）加快学校建设")
    document.save(tmp_path / "t.docx")
    lines = [line for line in docx_lines((tmp_path / "t.docx").read_bytes(), "t.docx") if line]
    assert lines == ["一、工作开展情况", "（一）加快学校建设"]


@pytest.mark.render
@pytest.mark.skipif(not shutil.which("soffice") and not shutil.which("libreoffice"), reason="LibreOffice not installed")
def test_numbers_match_libreoffice_text_export(tmp_path):
    """LibreOffice counts the same file's lists itself; its plain-text export shows the numbers."""
    source = outlined_reply(tmp_path / "r.docx")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(source)], check=True,
                   capture_output=True, timeout=180)
    theirs = [" ".join(line.split()) for line in (tmp_path / "r.txt").read_text(encoding="utf-8-sig").splitlines()]
    ours = [" ".join(line.split()) for line in docx_lines(source.read_bytes(), "r.docx")]
    numbered = [line for line in ours if line in EXPECTED]
    assert numbered == EXPECTED
    # LibreOffice separates the number from the text with a tab or a space; Word's 一、 stays glued.
    assert [line.replace(" ", "") for line in theirs if line.replace(" ", "") in EXPECTED] == EXPECTED


def _replace_part(path: Path, name: str, data: bytes) -> None:
    import zipfile
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)


def test_careless_and_hostile_numbering_costs_only_the_numbers(tmp_path):
    """Levels out of range, a style based on itself in a loop, counters past any outline, a level
    that shows levels never defined: read without an error, the text whole."""
    document = Document()
    _define(document, [f"""<w:abstractNum {W} w:abstractNumId="95">
        <w:lvl w:ilvl="x"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="0"><w:start w:val="999999999"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1%9%3、"/></w:lvl>
        <w:lvl w:ilvl="12"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>"""],
            [_num(95, 95), _num(96, 95, (0, -5)), f'<w:num {W} w:numId="97"/>', _num(98, 404)])
    for num_id, level in ((95, 0), (95, 0), (96, 0), (97, 0), (98, 0), (95, 40), (95, 3)):
        _number(document.add_paragraph(f"段落{num_id}"), num_id, level)
    styles = document.styles
    looped = styles.add_style("Looped", 1)
    looped.element.append(parse_xml(f'<w:basedOn {W} w:val="Looped"/>'))
    document.add_paragraph("循环样式", style="Looped")
    document.save(tmp_path / "h.docx")
    lines = [line for line in docx_lines((tmp_path / "h.docx").read_bytes(), "h.docx") if line]
    # Past any outline: Arabic figures; a level never used shows its start; a list or level not defined,
    # or an out-of-range level taken as the first, adds nothing more.
    assert lines == ["99999999911、段落95", "100000000011、段落95", "-511、段落96", "段落97", "段落98",
                     "100000000111、段落95", "段落95", "循环样式"]


def test_damaged_numbering_part_names_the_file(tmp_path):
    path = outlined_reply(tmp_path / "d.docx")
    _replace_part(path, "word/numbering.xml", b"<w:numbering xmlns:w='x'><w:abstractNum>")
    with pytest.raises(Exception) as caught:
        docx_lines(path.read_bytes(), path)
    assert type(caught.value).__name__ == "ImportFileError"
    assert "numbering.xml" in str(caught.value) and "d.docx" in str(getattr(caught.value, "path", ""))


@pytest.mark.render
@pytest.mark.skipif(not shutil.which("soffice") and not shutil.which("libreoffice"), reason="LibreOffice not installed")
def test_an_old_doc_keeps_its_numbered_outline(tmp_path):
    """The same reply saved as Word 97 .doc (as old archives hold it) and imported through LibreOffice."""
    source = outlined_reply(tmp_path / "r.docx")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    out = tmp_path / "doc"
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    reply = read_reply(out / "r.doc")
    headings = [block.number + block.text for block in reply.blocks if block.kind == BlockKind.HEADING]
    assert headings == [line for line in EXPECTED if line != "新建学校情况如下。"]


@pytest.mark.parametrize("fmt, n, shown", [
    ("chineseCounting", 11, "十一"), ("taiwaneseCountingThousand", 20, "二十"), ("chineseCountingThousand", 105, "一百零五"),
    ("chineseLegalSimplified", 12, "拾贰"), ("ideographDigital", 2023, "二〇二三"), ("ideographTraditional", 3, "丙"),
    ("ideographZodiac", 1, "子"), ("decimalEnclosedCircle", 3, "③"), ("decimalFullWidth", 12, "１２"),
    ("decimalZero", 7, "07"), ("upperRoman", 14, "XIV"), ("lowerLetter", 27, "aa"), ("decimal", 5, "5"),
    ("ideographTraditional", 11, "11"), ("someFutureFormat", 4, "4"),
])
def test_number_formats(fmt, n, shown):
    from dafu.reading.formats.docx_numbering import _format
    assert _format(n, fmt) == shown
