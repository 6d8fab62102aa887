"""punct.halfwidth / punct.year_range / punct.doc_number / form.doc_number."""
from __future__ import annotations

import pytest

from checks_helpers import hits

from dafu.checks import apply_fixes, check_paragraphs


@pytest.mark.parametrize("text, flagged", [
    ("实施建设“科技楼宇”创新举措,按照原则。", [(",", "，")]),
    ("实施创新举措, 按照原则。", [(", ", "，")]),
    ("主要任务:加强建设;完善制度!是否可行?", [(":", "："), (";", "；"), ("!", "！"), ("?", "？")]),
    ("联系电话:83131539", [(":", "：")]),
    ("《方案》(JY20230126)已收悉。", [("(", "（"), (")", "）")]),
    ("(一)政策引导", [("(", "（"), (")", "）")]),
    ("时尚频道(FC)等媒体", [("(", "（"), (")", "）")]),
    ("知识产权 IP,等要素", [(",", "，")]),
])
def test_half_width_in_chinese_text(text, flagged):
    assert hits([text], "punct.halfwidth") == flagged


@pytest.mark.parametrize("text", [
    "全区床位3,000余张，10:30开会。",
    "Fashion Channel, Vogue and ELLE 等媒体",
    "详见 http://www.szft.gov.cn/zwgk?id=1 页面。",
    "i.e. 即",
    "Fashion Channel (FC) 入驻",
    "[bookmark: _GoBack]你们好！",
    "福文旅体函(2023)12号",  # the document-number rule reports this one, not twice
])
def test_latin_and_number_context_is_left_alone(text):
    assert hits([text], "punct.halfwidth") == []


def test_fix_makes_only_width_changes():
    text = "创新举措, 按照“一楼宇一政策”原则,针对(大金沙)片区。"
    fixed = apply_fixes(text, check_paragraphs([text], rules=["punct.halfwidth"]))
    assert fixed == "创新举措，按照“一楼宇一政策”原则，针对（大金沙）片区。"


@pytest.mark.parametrize("text, flagged", [
    ("《行动方案（2023-2025年）》", [("-", "—")]),
    ("2023年-2025年期间", [("-", "—")]),
    ("2023 - 2025年", [(" - ", "—")]),
    ("2023－2025年", [("－", "—")]),
])
def test_year_range(text, flagged):
    assert hits([text], "punct.year_range") == flagged


@pytest.mark.parametrize("text", [
    "《行动方案（2023—2025年）》",
    "按照GB/T 9704-2012执行，ISO 9001-2015认证。",
    "联系电话：0755-83131539",
    "日期2023-05-28",
    "2025-2023年",  # not a range forwards
    "2023～2025年",  # 浪纹线 is also correct for a range
])
def test_year_range_near_misses(text):
    assert hits([text], "punct.year_range") == []


@pytest.mark.parametrize("text, flagged", [
    ("根据福文旅体函[2023]12号文件", [("[2023]", "〔2023〕")]),
    ("根据福文旅体函(2023)12号文件", [("(2023)", "〔2023〕")]),
    ("根据福文旅体函（2023）12号文件", [("（2023）", "〔2023〕")]),
    ("根据福文旅体函【2023】12号文件", [("【2023】", "〔2023〕")]),
])
def test_doc_number_brackets(text, flagged):
    assert hits([text], "punct.doc_number") == flagged


def test_doc_number_near_misses():
    assert hits(["根据福文旅体函〔2023〕12号文件"], "punct.doc_number") == []
    assert hits(["《行动方案（2023）》明确12项任务"], "punct.doc_number") == []
    assert hits(["福文旅体函〔2023〕12号"], "form.doc_number") == []


def test_doc_number_leading_zero_and_di():
    assert hits(["福文旅体函〔2023〕012号"], "form.doc_number") == [("012号", "12号")]
    assert hits(["福文旅体函〔2023〕第12号"], "form.doc_number") == [("第12号", "12号")]
