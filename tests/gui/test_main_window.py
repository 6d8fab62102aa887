"""Drive the real main window: build a draft from the library, reorder, undo, check, export."""
from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from dafu.gui.library_panel import HIT_ROLE
from dafu.model import BlockKind
from tests_paths import SAMPLE_DRAFT


def outline_headings(window):
    texts = []

    def visit(item):
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if key[0] == "section" and key[1]:
            texts.append(item.text(0))
        for i in range(item.childCount()):
            visit(item.child(i))

    for i in range(window.draft_panel.tree.topLevelItemCount()):
        visit(window.draft_panel.tree.topLevelItem(i))
    return texts


def test_window_opens_the_sample_with_preview_and_findings(window, qtbot):
    assert window.draft_panel.draft.values["number"] == "JY20230126"
    # laid out just after the window's first paint (once a worker has loaded the word segmenter)
    qtbot.waitUntil(lambda: "关于深圳市福田区第八届人民代表大会" in window.preview.browser.toPlainText(), timeout=5000)
    qtbot.waitUntil(lambda: window.preview.finding_count() == 19, timeout=5000)
    assert outline_headings(window)[:2] == ["一、工作开展情况", "（一）政策引导，构建数智时尚公共服务体系"]


def test_build_a_draft_from_library_paragraphs(window, qtbot):
    window.new_draft()
    panel = window.library_panel
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("直播电商")
    hit = panel.results.item(0).data(HIT_ROLE)
    window.draft_panel.add_section(sub=False)
    with qtbot.waitSignal(window.draft_panel.changed):
        panel.results.itemActivated.emit(panel.results.item(0))
    section = window.draft_panel.draft.sections[0]
    assert section.paragraphs[0].text == hit.text
    assert section.paragraphs[0].ref == f"library:{hit.paragraph_id}"
    # Ctrl+Enter inserts the current result too
    panel.results.setCurrentRow(0)
    panel.choose_current()
    assert len(section.paragraphs) == 2


def test_reorder_and_numbering_follows_then_undo(window, qtbot):
    panel = window.draft_panel
    panel.select_key(("section", (1,)))
    QTest.keyClick(panel.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert outline_headings(window)[0] == "一、下一步工作安排"
    assert outline_headings(window)[1] == "二、工作开展情况"
    window.preview.update_now()
    headings = [b.display_text for b in window.preview.document.of_kind(BlockKind.HEADING) if b.level == 1]
    assert headings == ["一、下一步工作安排", "二、工作开展情况"]
    panel.undo_stack.undo()
    assert outline_headings(window)[0] == "一、工作开展情况"
    panel.undo_stack.redo()
    assert outline_headings(window)[0] == "一、下一步工作安排"


def test_move_paragraph_between_sections_and_enumeration(window, qtbot):
    panel = window.draft_panel
    draft = panel.draft
    first_next_step = draft.sections[1].paragraphs[0].text
    panel.move_by_drop(("paragraph", (1,), 0), ("paragraph", (1,), 2), "below")
    assert draft.sections[1].paragraphs[2].text == first_next_step
    window.preview.update_now()
    texts = [b.text for b in window.preview.document.blocks if b.kind is BlockKind.PARAGRAPH]
    assert ("三是" + first_next_step) in texts  # the enumeration renumbers itself
    panel.move_by_drop(("paragraph", (1,), 2), ("section", (0, 0)), "on")
    assert draft.sections[0].sections[0].paragraphs[-1].text == first_next_step
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    assert draft.sections[1].paragraphs[0].text == first_next_step


def test_typing_edits_merge_into_one_undo_step(window, qtbot):
    panel = window.draft_panel
    panel.select_key(("paragraph", (), 0))
    old = panel.draft.intro[0].text
    panel.editor.moveCursor(QTextCursor.MoveOperation.End)
    for char in "补充":  # an input method commits characters one at a time
        panel.editor.insertPlainText(char)
    assert panel.draft.intro[0].text == old + "补充"
    panel.undo_stack.undo()
    assert panel.draft.intro[0].text == old


def test_form_value_edit_and_undo(window, qtbot):
    field = window.draft_panel.field("contact_phone")
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "0755-83131539")
    assert window.draft_panel.draft.values["contact_phone"] == "0755-83131539"
    window.draft_panel.undo_stack.undo()
    assert window.draft_panel.draft.values["contact_phone"] == "83131539"


def test_finding_click_jumps_and_fix_applies(window, qtbot):
    preview = window.preview
    qtbot.waitUntil(lambda: preview.finding_count() > 0, timeout=5000)
    index = next(i for i in range(preview.findings.count())
                 if preview.findings.item(i).data(Qt.ItemDataRole.UserRole).rule == "punct.halfwidth")
    item = preview.findings.item(index)
    preview.findings.setCurrentItem(item)
    preview._activated(item)
    key = window.draft_panel.selected_key()
    assert key[0] == "paragraph"
    assert window.draft_panel.editor.textCursor().selectedText() == ","
    before = preview.finding_count()
    with qtbot.waitSignal(preview.checked, timeout=5000) as checked:
        preview.fix_button.click()
    assert checked.args == [before - 1] and preview.finding_count() == before - 1


def test_export_then_reopen_the_docx(window, qtbot, tmp_path):
    target = tmp_path / "JY20230126答复.docx"
    target.write_bytes(b"old export")
    with qtbot.waitSignal(window.exported, timeout=20000):
        window.export_to(target)
    texts = [p.text for p in Document(str(target)).paragraphs]
    assert "尊敬的张昊等代表：" in texts and "二、下一步工作安排" in texts
    assert window.default_export_name() == "JY20230126答复.docx"


def test_export_failure_is_reported_not_raised(window, qtbot, tmp_path):
    with qtbot.waitSignal(window.export_failed, timeout=20000):
        window.export_to(tmp_path / "missing" / "x.docx")
    assert any("folder does not exist" in e for e in window.errors)


def test_missing_value_shows_in_preview_not_a_crash(window, qtbot):
    window.draft_panel.set_value("meeting", None)
    window.preview.update_now()
    assert "Meeting" in window.preview.error_label.text() and ".j2" not in window.preview.error_label.text()
    assert not window.preview.error_label.isHidden()


def test_empty_new_library_starts_without_complaint(qtbot, tmp_path, monkeypatch):
    from dafu.gui.main_window import MainWindow
    from dafu.gui.settings import Settings

    settings = Settings(tmp_path / "s.ini")
    settings.set("library_path", str(tmp_path / "brand-new" / "library.sqlite"))
    errors = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, e: errors.append(e))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.library_panel.search_finished, timeout=5000):
        win.library_panel.search_box.setText("时尚")
    assert win.library_panel.results.count() == 0 and not errors
    win.shutdown()


def test_layout_is_remembered(qtbot, settings, monkeypatch):
    from dafu.gui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    win.resize(760, 540)  # inside the offscreen screen, so restoreGeometry need not shrink it
    win.splitter.setSizes([150, 330, 250])
    qtbot.wait(50)
    sizes, size = win.splitter.sizes(), win.size()
    win.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(50)
    assert again.size() == size
    assert again.splitter.sizes() == sizes
    again.shutdown()


def test_keyboard_moves_a_paragraph_across_section_boundaries(window, qtbot):
    panel = window.draft_panel
    draft = panel.draft
    moved = draft.sections[1].paragraphs[0].text      # 一是加快规划引领… (first of 二、下一步工作安排)
    last_before = draft.sections[0].sections[-1].paragraphs[-1].text
    panel.select_key(("paragraph", (1,), 0))
    QTest.keyClick(panel.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    # 二、 has no paragraphs before it, so the paragraph goes to the end of the section read just before: （六）
    assert draft.sections[0].sections[-1].paragraphs[-1].text == moved
    assert draft.sections[0].sections[-1].paragraphs[-2].text == last_before
    assert panel.selected_key() == ("paragraph", (0, len(draft.sections[0].sections) - 1),
                                    len(draft.sections[0].sections[-1].paragraphs) - 1)
    QTest.keyClick(panel.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert draft.sections[1].paragraphs[0].text == moved
    panel.undo_stack.undo()
    panel.undo_stack.undo()
    assert draft.sections[1].paragraphs[0].text == moved


def test_the_first_preview_waits_for_the_first_paint(qtbot, settings):
    """Start-up: the window is painted (and the clerk can type) before the reply is laid out, whose title
    needs the word segmenter (~100 ms to load); the preview follows without anything more to do."""
    from dafu.gui.main_window import MainWindow

    window = MainWindow(settings, draft_file=SAMPLE_DRAFT)
    qtbot.addWidget(window)
    try:
        assert window.preview.document is None and window.preview.browser.toPlainText() == ""
        with qtbot.waitSignal(window.preview.rendered, timeout=10000):
            window.show()
        assert window.preview.document.first(BlockKind.TITLE).lines
        qtbot.waitUntil(lambda: window.preview.finding_count() == 19, timeout=5000)
    finally:
        window.shutdown()
