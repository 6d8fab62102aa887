"""Find and replace across the draft, the full text of the reply to read and edit in order, and the
body copied for the online handling system."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dafu.draft import body_text, find_text
from dafu.draftio import dumps
from library_fixtures import type_text


def activate(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_replace_all_across_the_draft_is_one_undo_step_with_a_count(window, qtbot):
    activate(window, qtbot)
    panel = window.draft_panel
    before = dumps(panel.draft)
    count = sum(1 for _ in find_text(panel.draft, "时尚"))
    assert count > 20
    panel.tree.setFocus()
    QTest.keySequence(panel.tree, QKeySequence("Ctrl+H"))
    bar = panel.find_bar
    assert bar.find_edit.hasFocus() and bar.replacing()
    type_text(bar.find_edit, "时尚")
    assert bar.status.text() == f"{count} match(es) in the draft"
    QTest.keyClick(bar.find_edit, Qt.Key.Key_Tab)
    type_text(bar.replace_edit, "养老")
    QTest.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert bar.status.text() == f"Replaced {count} occurrence(s)"
    assert window.statusBar().currentMessage() == bar.status.text()
    text = dumps(panel.draft)
    assert "时尚" not in text and text.count("养老") >= count
    assert "养老产业" in panel.draft.values["suggestion_title"]          # the form's values too
    panel.tree.setFocus()
    QTest.keySequence(panel.tree, QKeySequence("Ctrl+Z"))                # one step undoes them all
    assert dumps(panel.draft) == before
    QTest.keySequence(panel.tree, QKeySequence("Ctrl+Y"))
    assert "时尚" not in dumps(panel.draft)


def test_find_next_walks_the_matches_and_replace_one(window, qtbot):
    activate(window, qtbot)
    panel = window.draft_panel
    panel.select_key(("paragraph", (), 0))
    panel.editor.setFocus()
    QTest.keySequence(panel.editor, QKeySequence("Ctrl+F"))
    bar = panel.find_bar
    assert bar.isVisible() and bar.replace_edit.isHidden()
    type_text(bar.find_edit, "推动推动")
    QTest.keyClick(bar.find_edit, Qt.Key.Key_Return)                    # Enter: the next match
    assert bar.status.text() == "1 of 1"
    assert panel.selected_key() == ("paragraph", (0, 0), 0)
    assert panel.editor.textCursor().selectedText() == "推动推动"
    assert bar.find_edit.hasFocus()                                      # the keyboard stays in the bar
    QTest.keySequence(bar.find_edit, QKeySequence("Ctrl+H"))
    type_text(bar.replace_edit, "推动")
    QTest.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)
    assert "推动推动" not in panel.draft.sections[0].sections[0].paragraphs[0].text
    QTest.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert bar.isHidden()


def test_full_text_shows_every_paragraph_whole_and_edits_it(window, qtbot):
    activate(window, qtbot)
    panel = window.draft_panel
    panel.tree.setFocus()
    QTest.keySequence(panel.tree, QKeySequence("Ctrl+2"))
    view = panel.full_text
    assert view.isVisible()
    shown = view.text()
    long_paragraph = panel.draft.sections[0].sections[1].paragraphs[0].text
    assert len(long_paragraph) > 60 and long_paragraph in shown.split("\n")   # whole, not cut at 60
    headings = [s.heading for _, s in panel.draft.walk()]
    lines = shown.split("\n")
    assert [line for line in lines if line in headings] == headings          # in reading order
    key = ("paragraph", (0, 1), 0)
    editor = view.editor(key)
    editor.setFocus()
    assert panel.selected_key() == key                                       # the outline follows
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(editor, "补充一句。")
    assert panel.draft.sections[0].sections[1].paragraphs[0].text.endswith("补充一句。")
    QTest.keyClick(editor, Qt.Key.Key_Return)                                # Enter splits here too
    assert panel.draft.sections[0].sections[1].paragraphs[1].text == ""
    new_editor = view.editor(("paragraph", (0, 1), 1))
    assert new_editor.hasFocus()
    type_text(new_editor, "新的一段。")
    assert panel.draft.sections[0].sections[1].paragraphs[1].text == "新的一段。"
    heading = view.editor(("section", (0, 1)))
    heading.setFocus()
    heading.end(False)
    type_text(heading, "（改）")
    assert panel.draft.sections[0].sections[1].heading.endswith("（改）")
    panel.undo_stack.undo()
    assert not panel.draft.sections[0].sections[1].heading.endswith("（改）")
    assert heading.text() == panel.draft.sections[0].sections[1].heading


def test_the_preview_scrolls_to_the_paragraph_being_edited(window, qtbot):
    activate(window, qtbot)
    panel, preview = window.draft_panel, window.preview
    window.resize(1200, 700)
    panel.show_full_text()
    qtbot.wait(100)
    bar = preview.browser.verticalScrollBar()
    bar.setValue(0)
    last = ("paragraph", (1,), len(panel.draft.sections[1].paragraphs) - 1)
    view = panel.full_text
    view.editor(last).setFocus()
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
    block = preview.block_of(last)
    cursor = preview.browser.textCursor()
    cursor.setPosition(preview._anchors[block])
    rect = preview.browser.cursorRect(cursor)
    assert 0 <= rect.top() <= preview.browser.viewport().height()          # in sight
    first = ("paragraph", (), 0)
    view.editor(first).setFocus()
    qtbot.waitUntil(lambda: bar.value() < bar.maximum() // 3, timeout=3000)
    # typing keeps it in view after each re-render
    editor = view.editor(last)
    editor.setFocus()
    type_text(editor, "再补一句。")
    with qtbot.waitSignal(preview.checked, timeout=5000):
        pass
    cursor.setPosition(preview._anchors[preview.block_of(last)])
    assert 0 <= preview.browser.cursorRect(cursor).top() <= preview.browser.viewport().height()


def test_up_and_down_move_between_paragraphs_in_the_full_text(window, qtbot):
    panel = window.draft_panel
    panel.show_full_text()
    view = panel.full_text
    first, second = view.order[1], view.order[2]
    view.focus_key(first)                                  # at its end, the last line
    QTest.keyClick(view.editor(first), Qt.Key.Key_Down)
    assert view.editor(second).hasFocus()
    QTest.keyClick(view.editor(second), Qt.Key.Key_Up)
    assert view.editor(first).hasFocus()


def test_copy_body_puts_exactly_the_body_on_the_clipboard(window, qtbot):
    activate(window, qtbot)
    QApplication.clipboard().clear()
    window.draft_panel.tree.setFocus()
    QTest.keySequence(window.draft_panel.tree, QKeySequence("Ctrl+Shift+C"))
    window.preview.update_now()
    text = QApplication.clipboard().text()
    assert text == body_text(window.preview.document)
    lines = text.split("\n")
    assert lines[0] == "尊敬的张昊等代表：" and lines[-1] == "\u3000\u3000特此回复。"
    for absent in ("关于深圳市福田区", "福田区文化广电旅游体育局", "2023年5月28日", "联系人"):
        assert absent not in text
    window.new_draft()
    window.copy_body()                                     # gaps in the body: said, not copied
    assert window.errors and "Deputies" in window.errors[-1]
    assert QApplication.clipboard().text() == text


def test_items_of_a_paragraph_are_edited_in_the_full_text(window, qtbot):
    from dafu.draft import Paragraph

    panel = window.draft_panel
    panel.draft.intro.append(Paragraph("主要做法：", ["建立台账；", "定期回访。"]))
    panel.refresh()
    panel.show_full_text()
    index = len(panel.draft.intro) - 1
    item = panel.full_text.editor(("item", (), index, 1))
    item.setFocus()
    assert panel.selected_key() == ("paragraph", (), index)     # the outline shows whose item it is
    item.moveCursor(item.textCursor().MoveOperation.End)
    type_text(item, "按季度通报。")
    assert panel.draft.intro[index].items == ["建立台账；", "定期回访。按季度通报。"]
    QTest.keyClick(item, Qt.Key.Key_Return)                      # an item is not split
    assert len(panel.draft.intro[index].items) == 2
    window.preview.update_now()
    assert "主要做法：一是建立台账；二是定期回访。按季度通报。" in window.preview.browser.toPlainText()
