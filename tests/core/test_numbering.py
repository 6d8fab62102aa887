import pytest

from dafu.numbering import (chinese_numeral, find_ordinals, heading_number, ordinal,
                            parse_chinese_numeral, parse_heading_number, year_digits)


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
                                     (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_numerals_round_trip(n, text):
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


def test_year_digits_use_ling_circle():
    assert year_digits(2023) == "二〇二三"


@pytest.mark.parametrize("level, n, number", [(1, 2, "二、"), (2, 11, "（十一）"), (3, 3, "3."), (4, 12, "（12）")])
def test_heading_numbers(level, n, number):
    assert heading_number(level, n) == number
    parsed = parse_heading_number(number + "标题")
    assert (parsed.level, parsed.value, parsed.rest) == (level, n, "标题")


@pytest.mark.parametrize("text", ["2023年5月28日", "一是加快规划", "10.5万元", "二〇二三年", "十分重要"])
def test_ordinary_text_is_not_a_heading(text):
    assert parse_heading_number(text) is None


def test_half_width_heading_variants_are_recognised():
    assert parse_heading_number("(二)半角括号").level == 2
    assert parse_heading_number("3、顿号").level == 3


def test_ordinals_only_at_clause_start():
    text = "我区积极。一是制定。二是2022年出台，三是否可行。不是这样；三是加强"
    assert [(v, text[s:e]) for s, e, v in find_ordinals(text)] == [(1, "一是"), (2, "二是"), (3, "三是")]
    assert ordinal(12) == "十二是"


@pytest.mark.parametrize("n, text", [(1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"),
                                     (10000, "一万"), (10010, "一万零一十"), (110000, "十一万"),
                                     (1001000, "一百万一千"), (100000001, "一亿零一"), (1200000000, "十二亿")])
def test_numerals_above_999_round_trip(n, text):
    assert chinese_numeral(n) == text
    assert parse_chinese_numeral(text) == n


def test_every_count_round_trips():
    for n in range(0, 30000):
        assert parse_chinese_numeral(chinese_numeral(n)) == n


def test_a_thousand_enumerated_items_are_numbered(tmp_path):
    """Issue 11: 1,000+ 一是/二是 items failed with "numbers above 999"."""
    from dafu.draft import Draft, Paragraph, Section
    from dafu.model import BlockKind
    from dafu.templates import assemble

    values = {"meeting": "区八届人大三次会议", "suggestion_title": "关于X的建议", "number": "JY1",
              "deputies": "张昊", "issuing_body": "某局", "date": "2023-05-28", "contact_person": "刘",
              "contact_phone": "83131539"}
    items = [Paragraph(f"第{i}项。") for i in range(1, 1002)]
    doc = assemble(Draft("suggestion_reply", values, sections=[Section("下一步", items, enumerate=True)]))
    texts = [b.text for b in doc.of_kind(BlockKind.PARAGRAPH)]
    assert texts[-1] == "一千零一是第1001项。"
    assert "九百九十九是第999项。" in texts and "一千是第1000项。" in texts
