"""The library from the app: a fresh install starts on the sample, an empty library says what to do,
replies are listed and removed (one, several, a whole import) after a confirmation, and tags are set."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dafu.library import Library
from library_fixtures import type_text, write_variants
from ui import choose_file, click


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    from dafu.gui.main_window import MainWindow
    from dafu.gui.settings import Settings

    made = []

    def make(library_setting: str = ""):
        settings = Settings(tmp_path / "dafu.ini")
        settings.set("library_path", library_setting)
        window = MainWindow(settings)
        window.errors = []
        monkeypatch.setattr(window, "show_error", lambda error: window.errors.append(str(error)))
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()


def test_a_fresh_install_starts_on_the_sample_library(make_window, qtbot, tmp_path, monkeypatch):
    default = tmp_path / "fresh" / "library.sqlite"
    monkeypatch.setenv("DAFU_LIBRARY", str(default))
    window = make_window("")                     # the setting left empty: the default library
    assert default.exists()
    with Library(default) as library:
        assert library.stats()["replies"] >= 1   # as `dafu library stats` shows after the CLI's first run
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.reply_count is not None, timeout=5000)
    assert not panel.is_empty_shown()
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("时尚")
    assert panel.results.count() > 0


def test_an_empty_library_offers_the_import_and_the_sample(make_window, qtbot, tmp_path, dialogs):
    window = make_window(str(tmp_path / "empty.sqlite"))
    panel = window.library_panel
    qtbot.waitUntil(panel.is_empty_shown, timeout=5000)
    assert panel.empty_import_button.isVisible() and panel.empty_sample_button.isVisible()
    QTest.mouseClick(panel.empty_sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window._import_dialog.finished_import, timeout=30000)
    assert window._import_dialog.imported == 1
    window._import_dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not panel.is_empty_shown(), timeout=5000)
    # the same page's import button asks for a folder and imports it
    window2 = make_window(str(tmp_path / "empty2.sqlite"))
    qtbot.waitUntil(window2.library_panel.is_empty_shown, timeout=5000)
    folder = tmp_path / "old"
    write_variants(folder)
    dialogs.expect(choose_file(folder))
    QTest.mouseClick(window2.library_panel.empty_import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window2, "_import_dialog", None) is not None
                    and window2._import_dialog.finished_import, timeout=30000)
    assert window2._import_dialog.imported == 2
    window2._import_dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not window2.library_panel.is_empty_shown(), timeout=5000)


def import_variants(window, qtbot, tmp_path):
    folder = tmp_path / "batch"
    write_variants(folder)
    dialog = window.import_dialog(folder)
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=30000)
    dialog.cancel_button.click()


def open_replies(window, qtbot, rows):
    window.manage_replies()
    dialog = window._replies_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == rows, timeout=5000)
    return dialog


def select_row(dialog, row, modifier=Qt.KeyboardModifier.NoModifier):
    rect = dialog.table.visualRect(dialog.table.model().index(row, 0))
    QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_remove_one_reply_after_confirming(window, qtbot, tmp_path, dialogs, library_path):
    import_variants(window, qtbot, tmp_path)
    dialog = open_replies(window, qtbot, 3)
    titles = [dialog.table.item(r, 1).text() for r in range(3)]
    assert "JY20240077" in titles
    select_row(dialog, titles.index("JY20240077"))
    dialogs.expect(click("Cancel"))                       # second thoughts: nothing goes
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialogs.pending(), timeout=3000)
    with Library(library_path) as library:
        assert library.stats()["replies"] == 3
    dialogs.expect(click("Remove"))
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    assert "Removed 1 reply" in dialog.count_label.text() and "Remove 1 reply" in dialogs.answered[-1]
    with Library(library_path) as library:
        assert [r.number for r in library.list_replies()].count("JY20240077") == 0
    # the pane no longer finds what only that reply held
    panel = window.library_panel
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("加装电梯")
    assert panel.results.count() == 0
    dialog.close_button.click()


def test_remove_a_whole_import(window, qtbot, tmp_path, dialogs, library_path):
    import_variants(window, qtbot, tmp_path)
    dialog = open_replies(window, qtbot, 3)
    batch_index = next(i for i in range(dialog.batch_combo.count())
                       if "2 repl" in dialog.batch_combo.itemText(i))
    dialog.batch_combo.setCurrentIndex(batch_index)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    assert dialog.remove_batch_button.isEnabled()
    dialogs.expect(click("Remove"))
    QTest.mouseClick(dialog.remove_batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.batch_combo.currentData() is None and dialog.table.rowCount() == 1,
                    timeout=5000)
    assert "2 repl" in dialogs.answered[-1]
    with Library(library_path) as library:
        assert library.stats()["replies"] == 1
    dialog.close_button.click()


def test_tag_a_reply_and_filter_the_search_by_it(window, qtbot, dialogs, library_path):
    dialog = open_replies(window, qtbot, 1)
    select_row(dialog, 0)

    def answer(tags):
        type_text(tags.new_edit, "时尚产业")
        QTest.keyClick(tags.new_edit, Qt.Key.Key_Return)
        click("OK")(tags)

    dialogs.expect(answer)
    QTest.mouseClick(dialog.tags_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 6) is not None and dialog.table.item(0, 6).text() == "时尚产业",
                    timeout=5000)
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.tag_filter.findData("时尚产业") >= 0, timeout=5000)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("时尚产业"))
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("时尚")
    assert panel.results.count() > 0          # the reply's paragraphs carry its tag
    dialog.close_button.click()
