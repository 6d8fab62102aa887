import datetime as dt

import pytest

from dafu.draft import Draft, Paragraph, Section
from dafu.draftio import dumps, loads, read_draft, save_draft
from dafu.errors import DraftError


def small_draft() -> Draft:
    return Draft(
        template="suggestion_reply",
        values={"number": "JY1", "date": dt.date(2023, 5, 28), "cc": ["区政府督查室"]},
        intro=[Paragraph("背景段落。")],
        sections=[Section("工作开展情况", sections=[Section("政策引导", [Paragraph("引导。", ["甲；", "乙。"])])]),
                  Section("下一步工作安排", [Paragraph("加快。", ref="p:42")], enumerate=True)],
    )


def test_round_trip_keeps_everything(tmp_path):
    draft = small_draft()
    path = save_draft(draft, tmp_path / "d.dafu")
    again = read_draft(path)
    assert (again.template, again.values, again.intro, again.sections) == (
        draft.template, draft.values, draft.intro, draft.sections)
    assert again.path == path


def test_one_paragraph_per_line_for_diffs():
    text = dumps(small_draft())
    assert '    "背景段落。",\n' in text
    assert "date = 2023-05-28" in text


def test_sample_draft_reads(sample_draft):
    draft = read_draft(sample_draft)
    assert draft.values["number"] == "JY20230126"
    assert [s.heading for s in draft.sections] == ["工作开展情况", "下一步工作安排"]
    assert len(draft.sections[0].sections) == 6 and draft.sections[1].enumerate


def test_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.dafu"
    bad.write_text('template = "suggestion_reply"\n[values]\nnumber = "JY1\nmeeting = "x"\n', encoding="utf-8")
    with pytest.raises(DraftError) as info:
        read_draft(bad)
    assert info.value.path == str(bad) and info.value.line == 3
    assert str(info.value).startswith(f"{bad}:3")


@pytest.mark.parametrize("text, line", [
    ('template = "t"\nsections = [{ heading = 1 }]\n', 2),
    ('template = "t"\n\n[[sections]]\nheading = "x"\nbogus = 1\n', 5),
    ('template = "t"\nintro = [3]\n', 2),
    ('templet = "t"\n', 1),
    ('values = {}\n', None),
])
def test_misplaced_values_name_their_line(text, line):
    with pytest.raises(DraftError) as info:
        loads(text, path="x.dafu")
    assert info.value.line == line


def test_not_utf8_names_the_line(tmp_path):
    bad = tmp_path / "gbk.dafu"
    bad.write_bytes('template = "t"\n# 注释\n'.encode("gb18030"))
    with pytest.raises(DraftError) as info:
        read_draft(bad)
    assert info.value.line == 2


def test_missing_file(tmp_path):
    with pytest.raises(DraftError, match="not found"):
        read_draft(tmp_path / "none.dafu")


def test_draft_edits_are_invertible():
    draft = small_draft()
    draft.move_paragraph((1,), 0, (), 0)
    assert draft.intro[0].text == "加快。" and not draft.sections[1].paragraphs
    draft.move_paragraph((), 0, (1,), 0)
    assert draft == small_draft()
    removed = draft.remove_section((0, 0))
    draft.insert_section((0,), 0, removed)
    assert draft == small_draft()
    with pytest.raises(ValueError):
        draft.insert_section((0, 0, 0, 0), 0, Section("太深"))
