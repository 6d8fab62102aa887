"""Closing or replacing a draft tied to a file with unsaved changes asks first; no answer loses work."""
import shutil

from dafu.draftio import read_draft
from dafu.gui.main_window import MainWindow
from dafu.library import Library
from tests_paths import SAMPLE_DRAFT


def _edited_copy(window, tmp_path):
    copy = tmp_path / "reply.dafu"
    shutil.copy(SAMPLE_DRAFT, copy)
    window.file_path = copy   # never write over the shipped sample
    window.draft_panel.set_value("number", "JY-UNSAVED")
    return copy


def test_cancel_keeps_the_window_and_the_library_has_the_edit(window, qtbot, tmp_path, monkeypatch, library_path):
    copy = _edited_copy(window, tmp_path)
    asked = []
    monkeypatch.setattr(MainWindow, "ask_unsaved", lambda self: asked.append(1) or "cancel")
    assert window.close() is False and window.isVisible() and asked
    assert read_draft(copy).values["number"] == "JY20230126"          # the file was not touched
    with Library(library_path) as library:
        texts = [library.load_draft(d.id) for d in library.list_drafts()]
    assert any("JY-UNSAVED" in text for text in texts)                # but the edit is kept


def test_save_writes_the_file_then_closes(window, qtbot, tmp_path, monkeypatch):
    copy = _edited_copy(window, tmp_path)
    monkeypatch.setattr(MainWindow, "ask_unsaved", lambda self: "save")
    assert window.close() is True
    assert read_draft(copy).values["number"] == "JY-UNSAVED"


def test_new_draft_asks_and_a_clean_draft_does_not(window, qtbot, tmp_path, monkeypatch):
    _edited_copy(window, tmp_path)
    asked = []
    monkeypatch.setattr(MainWindow, "ask_unsaved", lambda self: asked.append(1) or "cancel")
    window.new_draft()
    assert asked and window.draft_panel.draft.values["number"] == "JY-UNSAVED"
    window.draft_panel.undo_stack.setClean()
    window.new_draft()
    assert len(asked) == 1 and not window.draft_panel.draft.values.get("number")


def test_title_marks_changes_not_yet_in_the_file(window, qtbot, tmp_path):
    assert window.windowTitle().startswith("reply_JY20230126.dafu —")
    _edited_copy(window, tmp_path)
    assert window.windowTitle().startswith("reply.dafu * —")
    window.save()
    assert "*" not in window.windowTitle()
    window.new_draft()
    window.draft_panel.set_value("number", "JY1")   # autosaved into the library: nothing to mark
    assert "*" not in window.windowTitle()
