"""Every finding that carries a fix, applied from the findings list as a clerk does (click the finding,
click 应用修改), with the exact text afterwards; fixes land on the very characters flagged, and a
finding without a fix says so."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dafu.draft import Draft, Paragraph, Section, text_at
from dafu.gui.preview import FINDING_ROLE

VALUES = {"meeting": "区八届人大三次会议", "suggestion_title": "关于发展养老服务的建议", "number": "JY20240001",
          "deputies": "张昊等代表", "issuing_body": "福田区民政局", "date": dt.date(2024, 5, 20),
          "contact_person": "刘轩逸", "contact_phone": "83131539"}

# rule, where the text is, the text before, the text after the fix
CASES = [
    ("form.pronoun", ("value", "opening"),
     "您在区八届人大三次会议上提出的《关于发展养老服务的建议》（JY20240001）已收悉。现将办理情况答复如下：",
     "你们在区八届人大三次会议上提出的《关于发展养老服务的建议》（JY20240001）已收悉。现将办理情况答复如下："),
    ("form.date_format", ("paragraph", (), 0), "我局于2023年05月08日召开座谈会。", "我局于2023年5月8日召开座谈会。"),
    ("punct.halfwidth", ("paragraph", (), 0), "养老服务,是民生大事。", "养老服务，是民生大事。"),
    ("punct.halfwidth", ("paragraph", (), 0), "设立养老驿站(社区)三个。", "设立养老驿站（社区)三个。"),
    ("punct.year_range", ("paragraph", (), 0), "按照《养老服务规划（2023-2025年）》推进。",
     "按照《养老服务规划（2023—2025年）》推进。"),
    ("punct.doc_number", ("value", "doc_number"), "福民函[2024]12号", "福民函〔2024〕12号"),
    ("form.doc_number", ("value", "doc_number"), "福民函〔2024〕第012号", "福民函〔2024〕12号"),
    ("repeat.word", ("paragraph", (), 0), "我局积极推动推动养老服务。", "我局积极推动养老服务。"),
    ("repeat.colloquial", ("paragraph", (), 0), "我局将研究研究有关问题。", "我局将研究有关问题。"),
    ("repeat.char", ("paragraph", (), 0), "我区的的养老服务。", "我区的养老服务。"),
    ("sequence.ordinal", ("paragraph", (), 0), "一是建驿站；二是配人员；二是给补贴。", "一是建驿站；二是配人员；三是给补贴。"),
    ("measure.unit", ("paragraph", (), 0), "新建驿站300平米，改造200平方米，扩建100平方米。",
     "新建驿站300平方米，改造200平方米，扩建100平方米。"),
]


def draft_for(key, text) -> Draft:
    draft = Draft("suggestion_reply", dict(VALUES), intro=[Paragraph("我局高度重视。")],
                  sections=[Section("工作开展情况", [Paragraph("我局已开展工作。")])])
    if key[0] == "value":
        draft.values[key[1]] = text
    else:
        draft.intro[0] = Paragraph(text)
    return draft


def click_finding(window, qtbot, rule):
    preview = window.preview
    qtbot.waitUntil(lambda: any(f.rule == rule for f in preview.shown_findings()), timeout=5000)
    row = next(i for i, f in enumerate(preview.shown_findings()) if f.rule == rule)
    item = preview.findings.item(row)
    preview.findings.scrollToItem(item)
    QTest.mouseClick(preview.findings.viewport(), Qt.MouseButton.LeftButton,
                     pos=preview.findings.visualItemRect(item).center())
    return item.data(FINDING_ROLE)


@pytest.mark.parametrize("rule, key, before, after", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_every_fix_gives_the_exact_text(window, qtbot, rule, key, before, after):
    window._set_draft(draft_for(key, before), draft_id=None)
    finding = click_finding(window, qtbot, rule)
    assert finding.replacement is not None
    with qtbot.waitSignal(window.preview.checked, timeout=5000):
        QTest.mouseClick(window.preview.fix_button, Qt.MouseButton.LeftButton)
    assert text_at(window.draft_panel.draft, key) == after
    assert not any(f.rule == rule and f.text == finding.text and f.start == finding.start
                   for f in window.preview.shown_findings())
    window.draft_panel.undo_stack.undo()            # one fix, one undo step
    assert text_at(window.draft_panel.draft, key) == before


def test_the_fix_lands_on_the_occurrence_flagged(window, qtbot):
    """The sample repeats 四是: the fix renumbers the second one (by offset), never the first."""
    panel = window.draft_panel
    key = ("paragraph", (0, 1), 0)
    text = text_at(panel.draft, key)
    second = text.rindex("四是")
    assert text.index("四是") != second
    finding = click_finding(window, qtbot, "sequence.ordinal")
    assert finding.text == "四是"
    # the jump selects that very occurrence in the editor
    assert panel.selected_key() == key
    cursor = panel.editor.textCursor()
    assert (cursor.selectionStart(), cursor.selectedText()) == (second, "四是")
    with qtbot.waitSignal(window.preview.checked, timeout=5000):
        QTest.mouseClick(window.preview.fix_button, Qt.MouseButton.LeftButton)
    fixed = text_at(panel.draft, key)
    assert fixed == text[:second] + "五是" + text[second + 2:]
    ordinals = [fixed[i:i + 2] for i in range(len(fixed) - 1) if fixed[i + 1] == "是" and fixed[i] in "一二三四五六"]
    assert ordinals == ["一是", "二是", "三是", "四是", "五是", "五是"]
    finding = click_finding(window, qtbot, "sequence.ordinal")        # the next one: 五是 → 六是
    with qtbot.waitSignal(window.preview.checked, timeout=5000):
        QTest.mouseClick(window.preview.fix_button, Qt.MouseButton.LeftButton)
    fixed = text_at(panel.draft, key)
    ordinals = [fixed[i:i + 2] for i in range(len(fixed) - 1) if fixed[i + 1] == "是" and fixed[i] in "一二三四五六"]
    assert ordinals == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert not any(f.rule == "sequence.ordinal" for f in window.preview.shown_findings())


def test_a_finding_without_a_fix_says_so(window, qtbot):
    panel = window.draft_panel
    before = text_at(panel.draft, ("paragraph", (1,), 4))
    finding = click_finding(window, qtbot, "pair.unclosed")
    assert finding.replacement is None
    QTest.mouseClick(window.preview.fix_button, Qt.MouseButton.LeftButton)
    assert "no automatic fix" in window.statusBar().currentMessage()
    assert panel.editor.textCursor().selectedText() == "（"          # selected, to be fixed by hand
    assert text_at(panel.draft, ("paragraph", (1,), 4)) == before


def test_fixes_apply_in_the_full_text_view_too(window, qtbot):
    panel = window.draft_panel
    panel.show_full_text()
    finding = click_finding(window, qtbot, "repeat.word")
    editor = panel.full_text.editor(("paragraph", (0, 0), 0))
    assert editor.textCursor().selectedText() == finding.text == "推动推动"
    with qtbot.waitSignal(window.preview.checked, timeout=5000):
        QTest.mouseClick(window.preview.fix_button, Qt.MouseButton.LeftButton)
    assert "推动推动" not in editor.toPlainText() and "推动推动" not in text_at(panel.draft, ("paragraph", (0, 0), 0))
