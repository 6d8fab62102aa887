"""End to end: the sample reply's errors found exactly; a clean reply gives nothing."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dafu.checks import apply_fixes, check, check_file
from dafu.render import render_document

TODAY = dt.date(2024, 1, 1)
CLEAN = Path(__file__).resolve().parents[1] / "data" / "checks_clean_reply.txt"

COMMA = ("punct.halfwidth", ",")
SAMPLE_FINDINGS = [
    ("form.pronoun", "你"),                 # 张昊等代表 are several: 感谢你 → 你们
    ("repeat.word", "推动推动"),
    ("measure.unit", "平米"),               # 平米 and 平方米 in one reply
    ("sequence.ordinal", "四是"),           # 四是 … 四是 五是
    COMMA, COMMA, COMMA, COMMA, COMMA, COMMA,
    ("sequence.ordinal", "五是"),           # … renumbered to 六是
    ("repeat.word", "时尚时尚"),
    COMMA, COMMA, COMMA, COMMA, COMMA,
    ("pair.unclosed", "（"),                # 《…行动方案（2023-2025年》
    ("punct.year_range", "-"),
]


def test_sample_text_findings_exactly(sample_txt):
    text, findings = check_file(sample_txt, today=TODAY)
    assert text == sample_txt.read_text(encoding="utf-8")
    assert [(f.rule, f.text) for f in findings] == SAMPLE_FINDINGS
    for f in findings:
        assert text[f.start:f.end] == f.text
        line = text.split("\n")[f.line - 1]
        assert line[f.column - 1:].startswith(f.text)
    first = findings[0]
    assert (first.line, first.excerpt, first.replacement) == (6, "…126）已收悉。首先感谢你对福田区时尚产业的关心和…", "你们")
    assert first.message == "称谓“张昊等代表”为多人，应称“你们”，不应称“你”"
    ordinals = [(f.replacement, f.line) for f in findings if f.rule == "sequence.ordinal"]
    assert ordinals == [("五是", 12), ("六是", 12)]


def test_sample_draft_gives_the_same_findings_with_blocks(sample_draft):
    text, findings = check_file(sample_draft, today=TODAY)
    document = render_document(sample_draft)
    assert text == document.plain_text()
    assert [(f.rule, f.text) for f in findings] == SAMPLE_FINDINGS
    for f in findings:
        assert f.block is not None and f.text in document.blocks[f.block].display_text
    assert document.blocks[findings[0].block].kind == "paragraph"


def test_sample_fixed_keeps_only_what_needs_a_human(sample_txt):
    text, findings = check_file(sample_txt, today=TODAY)
    fixed = apply_fixes(text, findings)
    assert "五是实施建设“科技楼宇”创新举措，按照" in fixed and "六是加大力度" in fixed
    assert "（2023—2025年》" in fixed
    assert [(f.rule, f.text) for f in check(fixed, today=TODAY)] == [
        ("form.pronoun", "你"), ("repeat.word", "推动推动"), ("measure.unit", "平米"),
        ("repeat.word", "时尚时尚"), ("pair.unclosed", "（")]


def test_clean_reply_has_no_findings():
    text = CLEAN.read_text(encoding="utf-8")
    assert len(text) > 1200  # several printed pages
    assert check(text, today=TODAY) == []


def test_clean_reply_as_a_document_has_no_findings():
    reading = pytest.importorskip("dafu.reading")
    text = CLEAN.read_text(encoding="utf-8")
    assert check(reading.parse_reply(text), today=TODAY) == []
