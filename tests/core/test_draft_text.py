"""The draft's text operations: keys, find/replace, split/paste/join, ordinals, fixes by offset, the body."""
import datetime as dt

import pytest

from dafu.checks import check
from dafu.draft import (Draft, Paragraph, Section, apply_changes, block_at, block_sources, body_text,
                        count_occurrences, find_text, fit_paragraph, join_paragraphs, join_text, locate, paste_into,
                        replace_all, replace_span, set_text_at, split_paragraph, split_pasted_text, strip_ordinal,
                        text_at, text_keys)
from dafu.draftio import dumps, read_draft
from dafu.templates import assemble
from tests_paths import SAMPLE_DRAFT


def small_draft() -> Draft:
    return Draft("suggestion_reply", {"meeting": "区八届人大三次会议", "deputies": ["张昊", "李明"], "date": dt.date(2024, 5, 20)},
                 intro=[Paragraph("时尚产业是重点。", ["加强时尚。", "发展时尚。"])],
                 sections=[Section("时尚工作", [Paragraph("推进时尚产业。")], [Section("下级", [Paragraph("时尚")])])])


def test_every_text_has_a_key_in_reading_order():
    draft = small_draft()
    keys = text_keys(draft)
    assert keys == [("value", "meeting"), ("value", "deputies", 0), ("value", "deputies", 1),
                    ("paragraph", (), 0), ("item", (), 0, 0), ("item", (), 0, 1),
                    ("section", (0,)), ("paragraph", (0,), 0), ("section", (0, 0)), ("paragraph", (0, 0), 0)]
    assert [text_at(draft, k) for k in keys][3:6] == ["时尚产业是重点。", "加强时尚。", "发展时尚。"]
    assert set_text_at(draft, ("item", (), 0, 1), "发展养老。") == "发展时尚。"
    assert draft.intro[0].items == ["加强时尚。", "发展养老。"]
    set_text_at(draft, ("value", "deputies", 1), "王芳")
    assert draft.values["deputies"] == ["张昊", "王芳"]


def test_replace_all_is_one_invertible_change_with_a_count():
    draft = small_draft()
    before = dumps(draft)
    matches = find_text(draft, "时尚")
    assert len(matches) == 6 and matches[0].key == ("paragraph", (), 0) and matches[0].start == 0
    changes = replace_all(draft, "时尚", "养老")
    assert count_occurrences(changes, "时尚") == 6 and len(changes) == 6
    apply_changes(draft, changes)
    assert "时尚" not in dumps(draft) and draft.sections[0].heading == "养老工作"
    apply_changes(draft, changes, undo=True)
    assert dumps(draft) == before
    assert replace_all(draft, "", "x") == [] and find_text(draft, "") == []


def test_replace_span_changes_only_that_occurrence():
    draft = Draft(intro=[Paragraph("一是甲；二是乙；四是丙；四是丁。")])
    change = replace_span(draft, ("paragraph", (), 0), 12, 14, "五是")
    apply_changes(draft, [change])
    assert draft.intro[0].text == "一是甲；二是乙；四是丙；五是丁。"


@pytest.mark.parametrize("pasted, paragraphs", [
    ("第一段。\n第二段。\n第三段。", ["第一段。", "第二段。", "第三段。"]),
    ("　　第一段。\r\n\r\n　　第二段。  ", ["第一段。", "第二段。"]),
    # a printed line broken by the page (copied from a PDF) continues its paragraph, without a space
    ("我区积极推动商协会、企业加快数字化转型进程，提升\n转型水平。下一句。\n一、工作开展情况\n（一）政策引导",
     ["我区积极推动商协会、企业加快数字化转型进程，提升转型水平。下一句。", "一、工作开展情况", "（一）政策引导"]),
    ("short line\nnext line", ["short line", "next line"]),
    ("推进医养结合，\n提升服务质量。\n工作开展情况\n我局高度重视。", ["推进医养结合，提升服务质量。", "工作开展情况", "我局高度重视。"]),
    ("Digital transformation of the fashion industry and\nplatforms", ["Digital transformation of the fashion industry and platforms"]),
    ("", []),
])
def test_pasted_text_becomes_paragraphs(pasted, paragraphs):
    assert split_pasted_text(pasted) == paragraphs


def test_split_paste_and_join_never_add_ascii_spaces():
    paragraph = Paragraph("甲乙丙丁", ["项"], "library:7")
    first, second = split_paragraph(paragraph, 2)
    assert (first, second) == (Paragraph("甲乙", [], "library:7"), Paragraph("丙丁", ["项"]))
    assert join_paragraphs(first, second) == Paragraph("甲乙丙丁", ["项"], "library:7")
    assert join_paragraphs(second, first) is None   # text cannot follow 一是/二是 items
    assert paste_into(paragraph, 1, 3, ["一", "二", "三"]) == [
        Paragraph("甲一", [], "library:7"), Paragraph("二"), Paragraph("三丁", ["项"])]
    assert paste_into(paragraph, 4, 4, ["戊"]) == [Paragraph("甲乙丙丁戊", ["项"], "library:7")]
    assert join_text("平台", "建设") == "平台建设" and join_text("5G", "network") == "5G network"


def test_replace_paragraphs_inverts_itself():
    draft = Draft(intro=[Paragraph("甲"), Paragraph("乙丙"), Paragraph("丁")])
    old = draft.replace_paragraphs((), 1, 1, split_paragraph(draft.intro[1], 1))
    assert [p.text for p in draft.intro] == ["甲", "乙", "丙", "丁"]
    draft.replace_paragraphs((), 1, 2, old)
    assert [p.text for p in draft.intro] == ["甲", "乙丙", "丁"]


def test_ordinals_are_not_printed_twice():
    assert strip_ordinal("一是加快规划引领") == "加快规划引领"
    assert strip_ordinal("十二是加强") == "加强" and strip_ordinal("一是") == "一是"
    assert strip_ordinal("是否") == "是否" and strip_ordinal("一、工作") == "一、工作"
    assert fit_paragraph(Paragraph("二是加强", ["x"], "r"), True) == Paragraph("加强", ["x"], "r")
    draft = Draft(sections=[Section("工作", [Paragraph("一是加快规划引领。"), Paragraph("二是强化平台。")])])
    old = draft.set_enumerate((0,), True)
    document = assemble(Draft("letter", {"addressee": "区政府", "subject": "事", "issuing_body": "局",
                                         "date": dt.date(2024, 5, 20), "contact_person": "甲",
                                         "contact_phone": "83131539"}, sections=draft.sections))
    texts = [b.text for b in document.blocks]
    assert "一是加快规划引领。" in texts and "二是强化平台。" in texts
    assert [p.text for p in old] == ["一是加快规划引领。", "二是强化平台。"]


def test_findings_are_located_at_their_offsets():
    """Each finding maps to the very characters it flags in the draft (the second 四是, not the first)."""
    draft = read_draft(SAMPLE_DRAFT)
    document = assemble(draft)
    sources = block_sources(draft, document)
    located = 0
    for finding in check(document):
        block, start = block_at(document, finding.start)
        assert block == finding.block
        match = locate(draft, document, sources, block, start, start + finding.end - finding.start)
        if match is not None:
            located += 1
            assert text_at(draft, match.key)[match.start:match.end] == finding.text
    assert located >= 18
    ordinal_fix = next(f for f in check(document) if f.rule == "sequence.ordinal")
    block, start = block_at(document, ordinal_fix.start)
    match = locate(draft, document, sources, block, start, start + 2)
    text = text_at(draft, match.key)
    assert text.count("四是") == 2 and match.start == text.rindex("四是")


def test_generated_text_is_not_located():
    draft = Draft(sections=[Section("工作", [Paragraph("甲。")], enumerate=True)])
    draft.values.update({"addressee": "区政府", "subject": "事", "issuing_body": "局", "date": dt.date(2024, 5, 20),
                         "contact_person": "甲", "contact_phone": "83131539"})
    draft.template = "letter"
    document = assemble(draft)
    sources = block_sources(draft, document)
    heading = next(i for i, b in enumerate(document.blocks) if b.display_text == "一、工作")
    assert locate(draft, document, sources, heading, 0, 2) is None            # the number
    assert locate(draft, document, sources, heading, 2, 4).key == ("section", (0,))
    paragraph = heading + 1
    assert locate(draft, document, sources, paragraph, 0, 2) is None          # 一是 is generated
    assert locate(draft, document, sources, paragraph, 2, 3).start == 0


def test_body_text_is_what_the_online_system_takes():
    document = assemble(read_draft(SAMPLE_DRAFT))
    text = body_text(document)
    lines = text.split("\n")
    assert lines[0] == "尊敬的张昊等代表："
    assert lines[-1].strip("\u3000") in ("特此回复。", "特此答复。")
    assert all(line.startswith("\u3000\u3000") for line in lines[1:])
    for left_out in (document.meta.title[:10], "福田区文化广电旅游体育局", "2023年5月28日", "联系人"):
        assert left_out not in text
    assert "\u3000\u3000一、工作开展情况" in lines
