"""pair.unclosed / pair.unopened."""
from __future__ import annotations

import pytest

from checks_helpers import hits, messages

from dafu.checks import check


def test_bracket_opened_inside_a_title_and_never_closed():
    text = "认真落实《深圳市推进直播电商高质量发展行动方案（2023-2025年》工作部署。"
    assert hits([text], "pair.unclosed") == [("（", None)]
    assert hits([text], "pair.unopened") == []
    assert check(text, rules=["pair.unclosed"])[0].message == "左括号（未闭合：在书名号《…》内缺少右括号）"


@pytest.mark.parametrize("text, flagged", [
    ("推出“行业提升支持，鼓励支持商协会。", "“"),
    ("依据《福田区养老服务扶持办法，给予补贴。", "《"),
    ("发文字号为福文旅体函〔2023号。", "〔"),
    ("详见【附件1。", "【"),
])
def test_unclosed(text, flagged):
    assert hits([text], "pair.unclosed") == [(flagged, None)]


@pytest.mark.parametrize("text, flagged", [
    ("推出行业提升支持”，鼓励支持。", "”"),
    ("依据福田区扶持办法》给予补贴。", "》"),
    ("金额为100万元）。", "）"),
])
def test_unopened(text, flagged):
    assert hits([text], "pair.unopened") == [(flagged, None)]


@pytest.mark.parametrize("text", [
    "举办“深圳·金凤凰”工艺品大赛、粤港澳大湾区‘女创之星’创新创业大赛。",
    "《福田区社区养老服务设施建设三年行动计划（2023—2025年）》明确“一核一圈一街”。",
    "他说：“我们要落实‘放管服’改革。”",
    "福文旅体函〔2023〕12号【附件】",
    "Children’s Day 与 Fashion Channel (FC) 合作。",
    "金额（100万元)与（200万元）。",  # width is punct.halfwidth's business, pairing is fine
])
def test_balanced(text):
    assert hits([text], "pair.unclosed") == [] and hits([text], "pair.unopened") == []


def test_title_across_lines_is_one_unit():
    text = ("关于深圳市福田区第八届人民代表大会第三次会议建议《关于加快数字化转型，推动科技\n"
            "赋能时尚产业的建议》（JY20230126）\n的回复\n\n尊敬的张昊等代表：\n你们好！")
    assert hits(text, "pair.unclosed") == [] and hits(text, "pair.unopened") == []


def test_paragraphs_are_separate_units():
    assert hits(["推出“行业提升", "支持”政策。"], "pair.unclosed") == [("“", None)]
    assert messages("推出“行业提升支持", "pair.unclosed") == ["左引号“未闭合，缺少右引号”"]
    assert messages("金额为100万元）。", "pair.unopened") == ["右括号）前没有与之配对的左括号（"]
