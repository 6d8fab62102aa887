"""repeat.word / repeat.char / repeat.colloquial: typos, not reduplication."""
from __future__ import annotations

import pytest

from checks_helpers import hits


@pytest.mark.parametrize("text, flagged, fix", [
    ("我区积极推动推动商协会、企业加快数字化转型。", "推动推动", "推动"),
    ("鼓励建设时尚时尚电子商务平台。", "时尚时尚", "时尚"),
    ("推进产业集群产业集群建设。", "产业集群产业集群", "产业集群"),
    ("进一步推动推动推动转型。", "推动推动推动", "推动"),
])
def test_words_typed_twice_are_flagged(text, flagged, fix):
    assert hits([text], "repeat.word") == [(flagged, fix)]


@pytest.mark.parametrize("text", [
    "我们常常深入社区，人人参与，一一对应，层层压实责任。",
    "方方面面统筹资源，实实在在办实事，家家户户受益，认认真真、扎扎实实推进。",
    "千千万万的群众，三三两两，万万不可。",
    "一个一个社区推进，一步一步落实，一点一点积累。",
    "推进发展展示中心建设，为了了解需求，达到目的的手段，的的确确有效。",
    "事事有交代，件件有回复，时时处处讲安全。",
    "雪白雪白的墙面，谢谢谢谢。",
    "一楼宇一政策，一核一圈一街。",
    "Fashion Channel、嘉人等国际时尚媒体，10万平方米。",
])
def test_reduplication_and_coincidences_are_not_flagged(text):
    assert hits([text], "repeat.word") == []
    assert hits([text], "repeat.char") == []


def test_colloquial_tentative_verbs_are_a_separate_gentle_rule():
    text = "我们将研究研究，再商量商量。"
    assert hits([text], "repeat.word") == []
    assert hits([text], "repeat.colloquial") == [("研究研究", "研究"), ("商量商量", "商量")]
    assert hits(["我们将认真研究，加强研究。"], "repeat.colloquial") == []


@pytest.mark.parametrize("text, count", [
    ("这是我们的的工作。", 1),
    ("达到目的的手段。", 0),
    ("有的的确很好。", 0),
    ("的的确确如此。", 0),
])
def test_doubled_de(text, count):
    assert len(hits([text], "repeat.char")) == count


def test_repeat_across_lines_is_not_a_repeat():
    assert hits(["加快推动", "推动转型"], "repeat.word") == []
