"""The checks API: findings, rule selection, apply_fixes, check_file input errors, fixing drafts."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from dafu.checks import RULES, Finding, Severity, apply_fixes, check, check_file, fix_draft
from dafu.draft import Draft, Paragraph, Section
from dafu.errors import CheckInputError, DafuError
from dafu.model import Block, BlockKind, ReplyDocument

TODAY = dt.date(2024, 1, 1)


def test_every_rule_has_an_id_severity_and_title():
    assert len(RULES) >= 20
    for rule_id, r in RULES.items():
        assert rule_id == r.id and "." in r.id and isinstance(r.severity, Severity) and r.title
    assert {r.id for r in RULES.values() if r.safe} == {
        "punct.halfwidth", "punct.year_range", "punct.doc_number", "sequence.ordinal", "sequence.heading"}


def test_finding_json():
    f = check("我区积极推动推动转型。", rules=["repeat.word"])[0]
    data = f.to_json()
    assert data == {"rule": "repeat.word", "severity": "warning", "message": "词语重复“推动推动”，应为“推动”",
                    "start": 4, "end": 8, "line": 1, "column": 5, "excerpt": "我区积极推动推动转型。",
                    "text": "推动推动", "replacement": "推动", "block": None}
    json.dumps(data, ensure_ascii=False)
    with pytest.raises(AttributeError):
        f.rule = "x"  # frozen


def test_rule_selection_by_family_and_unknown_rule():
    text = "推动推动,时尚"
    assert {f.rule for f in check(text, rules=["repeat"])} == {"repeat.word"}
    assert {f.rule for f in check(text, rules=["punct.halfwidth"])} == {"punct.halfwidth"}
    with pytest.raises(ValueError):
        check(text, rules=["no.such.rule"])


def test_document_findings_carry_their_block():
    document = ReplyDocument([
        Block(BlockKind.TITLE, "关于某建议的答复", lines=("关于某建议", "的答复")),
        Block(BlockKind.SALUTATION, "李明代表："),
        Block(BlockKind.PARAGRAPH, "您的建议已收悉。我们将推动推动落实,感谢支持。"),
    ])
    found = check(document, rules=["repeat.word", "punct.halfwidth"])
    assert [(f.rule, f.block, f.line) for f in found] == [("repeat.word", 2, 4), ("punct.halfwidth", 2, 4)]
    assert document.plain_text()[found[0].start:found[0].end] == "推动推动"


def test_apply_fixes_only_safe_nonoverlapping_current():
    text = "一是甲,乙。一是丙。三是丁。推动推动"
    findings = check(text, rules=["punct", "sequence.ordinal", "repeat.word"])
    fixed = apply_fixes(text, findings)
    assert fixed == "一是甲，乙。一是丙。二是丁。推动推动"  # repeat.word is not a safe rule
    assert apply_fixes(fixed, findings) == fixed  # stale findings do nothing
    overlapping = [Finding("punct.halfwidth", Severity.WARNING, "m", 3, 4, 1, 4, "", ",", "，"),
                   Finding("punct.halfwidth", Severity.WARNING, "m", 3, 5, 1, 4, "", ",乙", "X")]
    assert apply_fixes(text, overlapping) == "一是甲，乙。一是丙。三是丁。推动推动"


def test_check_file_txt_gb18030_and_crlf(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("尊敬的李明代表：\r\n您的建议已收悉,谢谢。\r\n".encode("gb18030"))
    text, found = check_file(path, rules=["punct.halfwidth"])
    assert "\r\n" in text
    assert [(f.text, f.line, f.column) for f in found] == [(",", 2, 8)]


@pytest.mark.parametrize("name, content, needle", [
    ("missing.txt", None, "找不到文件"),
    ("r.pdf", b"%PDF", "不能检查"),
    ("bad.txt", b"\xff\xfe\x00\x00\x00", "编码"),
    ("bad.docx", b"not a zip", "docx"),
    ("bad.dafu", b"template = [", "草稿"),
])
def test_check_file_bad_input_names_the_file(tmp_path, name, content, needle):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DafuError) as info:
        check_file(path)
    assert str(path) in str(info.value) and needle in str(info.value)
    if name != "bad.dafu":
        assert isinstance(info.value, CheckInputError)


def test_check_file_docx(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ["关于某建议的答复", "尊敬的李明等代表：", "感谢您的建议,推动推动落实。", "特此答复。",
                 "福田区民政局", "2023年6月20日", "（联系人：王小红，联系电话：83131539）"]:
        document.add_paragraph(line)
    path = tmp_path / "r.docx"
    document.save(str(path))
    text, found = check_file(path, today=TODAY)
    assert sorted((f.rule, f.text) for f in found) == [
        ("form.pronoun", "您"), ("punct.halfwidth", ","), ("repeat.word", "推动推动")]


def test_fix_draft_fixes_every_text_field():
    draft = Draft(values={"opening": "你们的建议(JY1)已收悉,谢谢。", "cc": ["区政协提案委员会,区政府督查室"]},
                  intro=[Paragraph("背景,情况。")],
                  sections=[Section(heading="工作情况,进展", paragraphs=[
                      Paragraph("一是甲。二是乙。二是丙。", items=["加强建设,完善"]),
                      Paragraph("《方案（2023-2025年）》推动推动落实。")]),
                      Section(heading="下一步", paragraphs=[Paragraph("一是加快。"), Paragraph("三是加强。")])])
    count = fix_draft(draft)
    assert draft.values["opening"] == "你们的建议（JY1）已收悉，谢谢。"
    assert draft.values["cc"] == ["区政协提案委员会，区政府督查室"]
    assert draft.intro[0].text == "背景，情况。"
    first = draft.sections[0]
    assert first.heading == "工作情况，进展"
    assert first.paragraphs[0].text == "一是甲。二是乙。三是丙。" and first.paragraphs[0].items == ["加强建设，完善"]
    assert first.paragraphs[1].text == "《方案（2023—2025年）》推动推动落实。"  # no unsafe fix
    assert [p.text for p in draft.sections[1].paragraphs] == ["一是加快。", "二是加强。"]  # siblings
    assert count == 10


def test_fix_draft_leaves_enumerated_sections_numbering_to_the_template():
    draft = Draft(sections=[Section(heading="下一步", enumerate=True,
                                    paragraphs=[Paragraph("加快规划。"), Paragraph("加强建设,持续推进。")])])
    assert fix_draft(draft) == 1
    assert draft.sections[0].paragraphs[1].text == "加强建设，持续推进。"
