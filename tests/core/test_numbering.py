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
