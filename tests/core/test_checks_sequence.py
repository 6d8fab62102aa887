"""sequence.ordinal / sequence.heading / sequence.level."""
from __future__ import annotations

from checks_helpers import hits, messages, reply

from dafu.checks import apply_fixes, check_paragraphs


def test_repeated_ordinal_renumbers_the_rest():
    text = "一是甲。二是乙。三是丙。四是丁。四是戊。五是己。"
    assert hits([text], "sequence.ordinal") == [("四是", "五是"), ("五是", "六是")]
    found = check_paragraphs([text], rules=["sequence.ordinal"])
    assert "重复" in found[0].message and "顺延" in found[1].message
    assert apply_fixes(text, found) == "一是甲。二是乙。三是丙。四是丁。五是戊。六是己。"


def test_gap_is_closed():
    text = "主要有：一是甲；三是乙；四是丙。"
    assert hits([text], "sequence.ordinal") == [("三是", "二是"), ("四是", "三是")]


def test_a_single_wrong_number_is_fixed_alone():
    assert hits(["一是甲。二是乙。三是丙。三是丁。五是戊。"], "sequence.ordinal") == [("三是", "四是")]


def test_across_sibling_paragraphs():
    good = ["一是加快规划引领。", "二是加强空间建设。", "三是持续政策支撑。"]
    assert hits(good, "sequence.ordinal") == []
    bad = ["一是加快规划引领。", "二是加强空间建设。", "二是持续政策支撑。", "四是加快数字赋能。"]
    assert hits(bad, "sequence.ordinal") == [("二是", "三是")]


def test_new_enumeration_in_each_paragraph_is_fine():
    paragraphs = ["我区积极推动转型。一是甲；二是乙。", "我区重视人才。一是丙；二是丁；三是戊。"]
    assert hits(paragraphs, "sequence.ordinal") == []


def test_not_ordinals():
    text = "这不是问题，总是如此，三是否可行尚待研究；统一是前提。"
    assert hits([text], "sequence.ordinal") == []


def test_enumeration_starting_late_has_no_fix():
    found = check_paragraphs(["我区积极推动。二是甲。三是乙。"], rules=["sequence.ordinal"])
    assert [(f.text, f.replacement) for f in found] == [("二是", None)]
    assert "缺少“一是”" in found[0].message


def test_heading_ends_an_enumeration():
    paragraphs = ["（一）政策引导", "一是甲。二是乙。", "（二）空间打造", "一是丙。二是丁。"]
    assert hits(paragraphs, "sequence.ordinal") == []


def test_headings_in_sequence_are_clean():
    body = "（一）政策引导\n我区积极推动。\n（二）空间打造\n我区重视。\n二、下一步工作安排\n一是甲。"
    assert hits(reply(body=body), "sequence.heading") == []


def test_repeated_and_skipped_headings():
    body = "（一）政策引导\n甲。\n（二）空间打造\n乙。\n（二）全链强化\n丙。\n（四）多方联动\n丁。"
    assert hits(reply(body=body), "sequence.heading") == [("（二）", "（三）")]
    body = "（一）政策引导\n甲。\n（三）空间打造\n乙。"
    assert hits(reply(body=body), "sequence.heading") == [("（三）", "（二）")]


def test_heading_counters_reset_under_a_new_parent():
    text = reply(body="（一）甲\n内容。\n（二）乙\n内容。\n二、下一步\n（一）丙\n内容。\n1.丁\n内容。\n2.戊\n内容。")
    assert hits(text, "sequence.heading") == []


def test_arabic_headings_keep_their_form():
    text = reply(body="（一）甲\n1.子项\n内容。\n3.子项\n内容。")
    assert hits(text, "sequence.heading") == [("3.", "2.")]


def test_first_heading_not_one_has_no_fix():
    text = "尊敬的李明代表：\n您好。\n二、工作情况\n内容。\n三、下一步\n内容。"
    found = [(t, r) for t, r in hits(text, "sequence.heading")]
    assert found == [("二、", None)]


def test_level_skip_is_info_and_top_level_start_at_second_level_is_fine():
    assert hits(reply(body="（一）甲\n内容。\n（二）乙\n内容。"), "sequence.level") == []
    text = "尊敬的李明代表：\n您好。\n（一）甲\n内容。\n（二）乙\n内容。"
    assert hits(text, "sequence.level") == []
    skipped = reply(body="1.甲\n内容。\n2.乙\n内容。")
    assert hits(skipped, "sequence.level") == [("1.", None)]
    assert "“一、”下直接用“1.”" in messages(skipped, "sequence.level")[0]
