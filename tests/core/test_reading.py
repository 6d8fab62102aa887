import datetime as dt

import pytest
from docx import Document

from dafu.errors import ImportFileError
from dafu.model import BlockKind
from dafu.reading import clean_text, parse_date, read_reply, read_text
from tests_paths import ROOT, SAMPLE_TXT

DATA = ROOT / "tests" / "data" / "replies"


def test_sample_reply_parts():
    doc = read_reply(SAMPLE_TXT)
    meta = doc.meta
    assert meta.title.startswith("关于深圳市福田区第八届人民代表大会第三次会议建议《关于加快数字化转型")
    assert meta.title.endswith("（JY20230126）的回复")
    assert len(doc.first(BlockKind.TITLE).lines) == 3  # wrapped over three lines in the file
    assert (meta.number, meta.issuing_body, meta.date) == ("JY20230126", "福田区文化广电旅游体育局", dt.date(2023, 5, 28))
    assert (meta.contact_person, meta.contact_phone) == ("刘轩逸", "83131539")
    assert doc.first(BlockKind.SALUTATION).text == "尊敬的张昊等代表："
    headings = [(b.level, b.number) for b in doc.of_kind(BlockKind.HEADING)]
    assert headings == [(1, "一、")] + [(2, f"（{n}）") for n in "一二三四五六"] + [(1, "二、")]
    next_steps = [b.text[:2] for b in doc.of_kind(BlockKind.PARAGRAPH) if b.role == "next_steps"]
    assert next_steps == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert doc.first(BlockKind.CLOSING).text == "特此回复。"
    assert "[bookmark" not in doc.plain_text()
    assert doc.of_kind(BlockKind.PARAGRAPH)[0].role == "opening"


def test_half_width_header_and_split_title():
    doc = read_reply(DATA / "variant_halfwidth.txt")
    assert doc.meta.title == "关于区八届人大三次会议第126号建议的答复"  # 答 复 on its own line joins the title
    assert doc.meta.doc_number == "福教函[2023]45号"
    assert [b.kind for b in doc.blocks[:3]] == [BlockKind.CLASS_MARK, BlockKind.SIGNER, BlockKind.DOC_NUMBER]
    assert doc.first(BlockKind.SALUTATION).text == "李明代表："
    assert (doc.meta.contact_person, doc.meta.contact_phone) == ("陈晓", "0755-83320000")
    assert doc.first(BlockKind.CC).text.startswith("抄送：区人大常委会")
    assert [b.number for b in doc.of_kind(BlockKind.HEADING)] == ["一、", "(一)", "(二)", "二、"]


def test_web_copy_with_repeated_title_and_no_signature():
    doc = read_reply(DATA / "variant_web.txt")
    assert len(doc.of_kind(BlockKind.TITLE)) == 1
    assert doc.meta.issuing_body == "深圳市福田区住房和建设局"  # named in the title
    assert doc.meta.date == dt.date(2023, 7, 5)  # 二〇二三年七月五日
    assert doc.meta.kind == "proposal"
    assert (doc.meta.contact_person, doc.meta.contact_phone) == ("周敏", "13912345678")
    assert "发布时间" not in doc.plain_text()


def test_several_addressees_and_gb18030():
    doc = read_reply(DATA / "variant_gb18030.txt")
    assert doc.first(BlockKind.SALUTATION).text == "纪占斌等3名代表、区工商联："
    assert doc.meta.number == "JY20230302"


def test_docx_is_read(tmp_path):
    document = Document()
    for line in SAMPLE_TXT.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "reply.docx"
    document.save(path)
    assert read_reply(path).meta.number == "JY20230126"


@pytest.mark.parametrize("name, message", [("corrupt.docx", "corrupt"), ("encrypted.docx", "encrypted"),
                                           ("empty.txt", "empty"), ("shopping_list.txt", "no title")])
def test_bad_files_are_named(name, message):
    with pytest.raises(ImportFileError) as err:
        read_reply(DATA / name)
    assert message in str(err.value) and name in str(err.value)


def test_read_text_keeps_the_raw_text_for_offsets():
    raw = read_text(SAMPLE_TXT)
    assert "[bookmark: _GoBack]" in raw
    assert "[bookmark" not in clean_text(raw)


def test_cleaning():
    assert clean_text("答 复") == "答复"
    assert clean_text("ＪＹ２０２３０１２６\u200b ") == "JY20230126"
    assert clean_text("Fashion Channel、嘉人") == "Fashion Channel、嘉人"


@pytest.mark.parametrize("text, date", [("2023年5月28日", dt.date(2023, 5, 28)), ("二〇二三年五月二十八日", dt.date(2023, 5, 28)),
                                        ("2023 年 12 月 1 日", dt.date(2023, 12, 1)), ("2023年2月30日", None)])
def test_dates(text, date):
    assert parse_date(text) == date
