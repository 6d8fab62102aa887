"""Every action of the main window, triggered as a clerk triggers it — from its menu entry
(QAction.trigger(), which passes triggered(bool)'s ``checked``) or its shortcut — with the dialogs it
opens answered by clicking. A new action without a step here fails the first test."""
import shutil
import subprocess

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from dafu.draftio import read_draft
from dafu.library import Library
from dafu.library.packs import summary
from library_fixtures import type_text, write_variants
from tests_paths import ROOT, SAMPLE_DRAFT
from ui import choose_file, click, open_main_window

STEPS = {}


def step(name):
    def register(func):
        STEPS[name] = func
        return func
    return register


@pytest.fixture
def draft_copy(tmp_path):
    copy = tmp_path / "drafts" / "reply_JY20230126.dafu"
    copy.parent.mkdir()
    shutil.copy(SAMPLE_DRAFT, copy)
    return copy


@pytest.fixture
def win(qtbot, settings, draft_copy, monkeypatch):
    yield from open_main_window(qtbot, monkeypatch, settings, draft_copy, active_within=3000)


def action_names(window) -> set[str]:
    """Every action a clerk can reach in the window: the menus' entries and submenus, and actions
    bound to the window or its widgets (shortcuts without a menu entry)."""
    actions = []

    def walk(menu):
        for action in menu.actions():
            if action.isSeparator():
                continue
            actions.append(action)
            if action.menu() is not None:
                walk(action.menu())

    for top in window.menuBar().actions():
        walk(top.menu())
    actions += window.actions()
    for widget in window.findChildren(QWidget):
        if widget.window() is window and not isinstance(widget, QMenu) and type(widget).__name__ != "QMenuBar" \
                and not widget.objectName().startswith("qt_"):   # Qt's own parts (the menu bar's overflow)
            actions += [a for a in widget.actions() if not a.objectName().startswith("_q_")]
    names = set()
    for action in actions:
        name = action.menu().objectName() if action.menu() is not None else action.objectName()
        assert name, f"an action without a name (and so without a test): {action.text()!r}"
        names.add(name)
    return names


def press(window, sequence: str, widget: QWidget | None = None) -> None:
    """The shortcut typed where the keyboard focus is (or into ``widget``)."""
    target = widget or QApplication.focusWidget() or window
    QTest.keySequence(target, QKeySequence(sequence))


def wait_import(qtbot, window):
    qtbot.waitUntil(lambda: getattr(window, "_import_dialog", None) is not None, timeout=5000)
    dialog = window._import_dialog
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=30000)
    dialog.cancel_button.click()     # Close
    return dialog


def test_every_action_has_a_step(win):
    assert action_names(win) == set(STEPS), "add a step for the new action in tests/gui/test_actions.py"


def act(window, name) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None and action.isEnabled(), name
    return action


# -- File ----------------------------------------------------------------------------------

@step("new_draft")
def _new(window, qtbot, dialogs, tmp_path):
    window.draft_panel.tree.setFocus()
    press(window, "Ctrl+N")
    assert not window.draft_panel.draft.values.get("number") and window.file_path is None
    assert window.preview.finding_count() == 0 or all(
        "张昊" not in f.excerpt for f in window.preview.shown_findings())


@step("open_draft")
def _open(window, qtbot, dialogs, tmp_path):
    other = tmp_path / "other.dafu"
    other.write_text(SAMPLE_DRAFT.read_text(encoding="utf-8").replace("JY20230126", "JY20230999"), encoding="utf-8")
    dialogs.expect(choose_file(other))
    act(window, "open_draft").trigger()
    assert window.file_path == other and window.draft_panel.draft.values["number"] == "JY20230999"


@step("save")
def _save(window, qtbot, dialogs, tmp_path):
    window.draft_panel.set_value("number", "JY-SAVED")
    press(window, "Ctrl+S", window.draft_panel.field("number"))
    assert read_draft(window.file_path).values["number"] == "JY-SAVED"
    assert "*" not in window.windowTitle()


@step("save_as")
def _save_as(window, qtbot, dialogs, tmp_path):
    target = tmp_path / "saved-as.dafu"
    dialogs.expect(choose_file(target))
    act(window, "save_as").trigger()
    assert target.is_file() and window.file_path == target


@step("export_docx")
def _export(window, qtbot, dialogs, tmp_path):
    target = tmp_path / "out.docx"
    dialogs.expect(click("Export anyway"))    # the sample still has error-level findings: asked once
    dialogs.expect(choose_file(target))
    field = window.draft_panel.field("contact_person")
    field.setFocus()
    with qtbot.waitSignal(window.exported, timeout=30000):
        press(window, "Ctrl+E", field)        # from inside a text field
    assert "尊敬的张昊等代表：" in [p.text for p in Document(str(target)).paragraphs]
    window._export_box.close()


@step("export_form")
def _export_form(window, qtbot, dialogs, tmp_path):
    target = tmp_path / "form.docx"
    dialogs.expect(choose_file(target))
    with qtbot.waitSignal(window.exported, timeout=30000):
        act(window, "export_form").trigger()
    assert target.is_file()
    window._export_box.close()


@step("export_pdf")
def _export_pdf(window, qtbot, dialogs, tmp_path):
    """The .docx and, beside it, the PDF for publication (LibreOffice), off the GUI thread."""
    target = tmp_path / "公开" / "JY20230126答复.pdf"
    target.parent.mkdir()
    dialogs.expect(click("Export anyway"))
    dialogs.expect(choose_file(target))
    with qtbot.waitSignal(window.exported, timeout=120000):
        act(window, "export_pdf").trigger()
        assert window.isEnabled()                      # the conversion runs on a worker thread
    assert target.with_suffix(".docx").is_file()
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "尊敬的张昊等代表：" in text and "福田区文化广电旅游体育局" in text
    assert window._export_box.text().startswith(f"Saved {target} and, beside it, JY20230126答复.docx")
    window._export_box.close()


@step("export_pack")
def _export_pack(window, qtbot, dialogs, tmp_path):
    act(window, "export_pack").trigger()
    dialog = window._pack_dialog
    target = tmp_path / "whole.dafupack"
    dialogs.expect(choose_file(target))
    click("Export…")(dialog)                           # the whole library (the default choice)
    qtbot.waitUntil(lambda: dialog.complete, timeout=30000)
    assert summary(target).replies == 1 and summary(target).filters == {}
    dialog.cancel_button.click()                       # Close
    assert not dialog.isVisible()


@step("merge_pack")
def _merge_pack(window, qtbot, dialogs, tmp_path):
    other = tmp_path / "colleague.sqlite"
    with Library(other) as library:
        library.import_path(write_variants(tmp_path / "variants"))
        fashion = next(m for m in library.measures() if m.cap_yuan == 5_000_000)
        library.update_measure(fashion.id, cap_yuan=6_000_000)
        library.export_pack(tmp_path / "colleague.dafupack")
    dialogs.expect(choose_file(tmp_path / "colleague.dafupack"))
    dialogs.expect(lambda conflicts: (click("Take the pack's")(conflicts), click("Merge")(conflicts)))
    window.library_panel.search_box.setFocus()
    act(window, "merge_pack").trigger()
    dialog = window._pack_dialog
    qtbot.waitUntil(lambda: dialog.complete, timeout=30000)
    assert "Replies: 2 added, 0 already in the library." in dialog.label.text()
    with Library(window.library_path) as library:
        assert library.stats()["replies"] == 3 and any(m.cap_yuan == 6_000_000 for m in library.measures())
    qtbot.waitUntil(lambda: window.library_panel.year_filter.findData(2024) >= 0, timeout=5000)
    dialog.cancel_button.click()


@step("import")
def _import(window, qtbot, dialogs, tmp_path):
    folder = tmp_path / "old-replies"
    write_variants(folder)
    dialogs.expect(choose_file(folder))
    window.library_panel.search_box.setFocus()
    press(window, "Ctrl+I")                   # once: "expected str … not bool"
    dialog = wait_import(qtbot, window)
    assert dialog.imported == 2


@step("import_files")
def _import_files(window, qtbot, dialogs, tmp_path):
    """Single files, in any format the importer reads: the file chooser lists them all."""
    reply = tmp_path / "JY20220311答复.docx"
    shutil.copy(ROOT / "tests" / "data" / "real" / "dev" / "005.docx", reply)
    filters = []

    def answer(dialog):
        filters.extend(dialog.nameFilters())
        choose_file(reply)(dialog)

    dialogs.expect(answer)
    act(window, "import_files").trigger()
    dialog = wait_import(qtbot, window)
    assert dialog.imported == 1
    assert filters[0] == "Old replies (*.txt *.docx *.doc *.wps *.pdf)"


@step("quit")
def _quit(window, qtbot, dialogs, tmp_path):
    act(window, "quit").trigger()
    assert not window.isVisible()


@step("recent_menu")
def _recent(window, qtbot, dialogs, tmp_path):
    window.new_draft()
    window.draft_panel.set_value("number", "JY-NEWER")
    window.autosave()
    window.recent_menu.aboutToShow.emit()
    older = next(a for a in window.recent_menu.actions() if a.text().startswith("JY20230126"))
    older.trigger()
    assert window.draft_panel.draft.values["number"] == "JY20230126"


# -- Edit ----------------------------------------------------------------------------------

@step("undo")
def _undo(window, qtbot, dialogs, tmp_path):
    field = window.draft_panel.field("contact_phone")
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "0755-83131539")
    press(window, "Ctrl+Z", field)            # in a text field too, the draft's undo
    assert window.draft_panel.draft.values["contact_phone"] == "83131539"


@step("redo")
def _redo(window, qtbot, dialogs, tmp_path):
    window.draft_panel.set_value("number", "JY-REDO")
    act(window, "undo").trigger()
    act(window, "redo").trigger()
    assert window.draft_panel.draft.values["number"] == "JY-REDO"


@step("find")
def _find(window, qtbot, dialogs, tmp_path):
    window.draft_panel.tree.setFocus()
    press(window, "Ctrl+F")
    bar = window.draft_panel.find_bar
    assert bar.isVisible() and bar.find_edit.hasFocus() and bar.replace_edit.isHidden()
    window.library_panel.search_box.setFocus()
    press(window, "Ctrl+F")                   # in the library pane: its own search box
    assert window.library_panel.search_box.hasFocus()


@step("replace")
def _replace(window, qtbot, dialogs, tmp_path):
    act(window, "replace").trigger()
    bar = window.draft_panel.find_bar
    type_text(bar.find_edit, "时尚")
    type_text(bar.replace_edit, "养老")
    bar.replace_all_button.click()
    assert "时尚" not in window.draft_panel.draft.sections[0].sections[0].heading


@step("copy_body")
def _copy(window, qtbot, dialogs, tmp_path):
    act(window, "copy_body").trigger()
    text = QApplication.clipboard().text()
    assert text.startswith("尊敬的张昊等代表：") and "福田区文化广电旅游体育局" not in text


@step("insert_library")
def _insert(window, qtbot, dialogs, tmp_path):
    panel = window.library_panel
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("直播")
    window.draft_panel.select_key(("paragraph", (), 0))
    count = len(window.draft_panel.draft.intro)
    press(window, "Ctrl+Return", panel.search_box)
    assert len(window.draft_panel.draft.intro) == count + 1


@step("new_paragraph")
def _new_paragraph(window, qtbot, dialogs, tmp_path):
    window.draft_panel.select_key(("paragraph", (), 0))
    act(window, "new_paragraph").trigger()
    assert window.draft_panel.draft.intro[1].text == "" and window.draft_panel.editor.hasFocus()


@step("new_heading")
def _new_heading(window, qtbot, dialogs, tmp_path):
    count = len(window.draft_panel.draft.sections)
    window.draft_panel.select_key(("section", (1,)))
    act(window, "new_heading").trigger()
    assert len(window.draft_panel.draft.sections) == count + 1


@step("new_subheading")
def _new_subheading(window, qtbot, dialogs, tmp_path):
    window.draft_panel.select_key(("section", (1,)))
    act(window, "new_subheading").trigger()
    assert len(window.draft_panel.draft.sections[1].sections) == 1


@step("edit_selected")
def _edit_selected(window, qtbot, dialogs, tmp_path):
    window.draft_panel.select_key(("paragraph", (), 0))
    window.draft_panel.tree.setFocus()
    press(window, "F2")
    assert window.draft_panel.editor.hasFocus()


@step("move_up")
def _move_up(window, qtbot, dialogs, tmp_path):
    window.draft_panel.select_key(("section", (1,)))
    act(window, "move_up").trigger()
    assert window.draft_panel.draft.sections[0].heading == "下一步工作安排"


@step("move_down")
def _move_down(window, qtbot, dialogs, tmp_path):
    window.draft_panel.select_key(("section", (0,)))
    act(window, "move_down").trigger()
    assert window.draft_panel.draft.sections[1].heading == "工作开展情况"


@step("remove_selected")
def _remove(window, qtbot, dialogs, tmp_path):
    panel = window.draft_panel
    count = len(panel.draft.intro)
    panel.select_key(("paragraph", (), 0))
    panel.tree.setFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert len(panel.draft.intro) == count - 1
    act(window, "remove_selected").trigger()    # from the menu: the selected heading or paragraph


# -- View ----------------------------------------------------------------------------------

@step("view_full_text")
def _full_text(window, qtbot, dialogs, tmp_path):
    press(window, "Ctrl+2")
    assert window.draft_panel.full_text_shown() and window.draft_panel.full_text.isVisible()
    assert "你们好" in window.draft_panel.full_text.text()


@step("view_outline")
def _outline(window, qtbot, dialogs, tmp_path):
    window.draft_panel.show_full_text()
    act(window, "view_outline").trigger()
    assert not window.draft_panel.full_text_shown() and window.draft_panel.tree.hasFocus()


# -- Library ---------------------------------------------------------------------------------

@step("search_library")
def _search_library(window, qtbot, dialogs, tmp_path):
    window.draft_panel.tree.setFocus()
    press(window, "Ctrl+Shift+F")
    assert window.library_panel.search_box.hasFocus()


@step("manage_replies")
def _manage(window, qtbot, dialogs, tmp_path):
    act(window, "manage_replies").trigger()
    dialog = window._replies_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    dialog.close_button.click()
    assert not dialog.isVisible()


@step("tag_paragraph")
def _tag(window, qtbot, dialogs, tmp_path, library_path=None):
    panel = window.library_panel
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("直播")
    panel.results.setCurrentRow(0)
    hit = panel.current_hit()

    def answer(dialog):
        type_text(dialog.new_edit, "直播电商")
        QTest.keyClick(dialog.new_edit, Qt.Key.Key_Return)
        click("OK")(dialog)

    dialogs.expect(answer)
    act(window, "tag_paragraph").trigger()
    qtbot.waitUntil(lambda: panel.tag_filter.findData("直播电商") >= 0, timeout=5000)
    with Library(window.library_path) as library:
        assert library.paragraph_tags(hit.paragraph_id) == ["直播电商"]


@step("add_sample")
def _sample(window, qtbot, dialogs, tmp_path):
    act(window, "add_sample").trigger()
    dialog = wait_import(qtbot, window)
    assert dialog.already == 1     # the sample is in this library already


# -- Tools, Help -------------------------------------------------------------------------------

@step("check_now")
def _check(window, qtbot, dialogs, tmp_path):
    with qtbot.waitSignal(window.preview.checked, timeout=5000):
        press(window, "F7")


@step("settings")
def _settings(window, qtbot, dialogs, tmp_path):
    press(window, "Ctrl+,")
    dialog = window._settings_dialog
    assert dialog.isVisible()
    dialog.edits["contact_person"].setText("王敏")
    dialog.accept()
    assert window.settings.get("contact_person") == "王敏"


@step("about")
def _about(window, qtbot, dialogs, tmp_path):
    act(window, "about").trigger()
    assert window._about_box.isVisible() and "Dafu" in window._about_box.text()
    window._about_box.close()


@pytest.mark.parametrize("name", sorted(STEPS))
def test_action(name, win, qtbot, dialogs, tmp_path):
    STEPS[name](win, qtbot, dialogs, tmp_path)
    assert not win.errors, win.errors


def test_results_context_menu_inserts_and_tags(win, qtbot, dialogs):
    """The search results' context menu: its actions exist only while it is open."""
    panel = win.library_panel
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("直播")
    item = panel.results.item(0)
    point = panel.results.visualItemRect(item).center()
    panel.results._context_menu(point)
    menu = panel.results._menu
    insert, tags = menu.actions()
    count = len(win.draft_panel.draft.intro)
    win.draft_panel.select_key(("paragraph", (), 0))
    insert.trigger()
    assert len(win.draft_panel.draft.intro) == count + 1
    dialogs.expect(click("Cancel"))
    tags.trigger()
    qtbot.waitUntil(lambda: not dialogs.pending(), timeout=5000)
    menu.close()
