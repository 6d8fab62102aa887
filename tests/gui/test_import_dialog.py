"""Importing a folder of old replies from the dialog: progress, files skipped, cancel with no half replies."""
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from dafu.gui.import_dialog import ImportDialog
from dafu.library import Library
from library_fixtures import variant_text
from tests_paths import ROOT

BAD_FILES = {"corrupt.docx", "encrypted.docx", "empty.txt", "shopping_list.txt"}


def reply_folder(folder, count):
    """``count`` distinct replies in the shape of the sample, each with a paragraph of its own."""
    folder.mkdir()
    for i in range(count):
        text = variant_text(f"JY2023{i:04d}", "福田区文化广电旅游体育局", "2023年5月28日", f"补充说明第{i}项工作。")
        (folder / f"r{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def click(button):
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def orphan_replies(library) -> int:
    return library.db.execute("SELECT count(*) FROM replies r WHERE NOT EXISTS"
                              " (SELECT 1 FROM reply_paragraphs rp WHERE rp.reply_id = r.id)").fetchone()[0]


@pytest.fixture
def empty_library(tmp_path):
    path = tmp_path / "lib.sqlite"
    Library(path).close()
    return path


def test_choose_folder_import_and_list_the_files_skipped(qtbot, tmp_path, empty_library, monkeypatch):
    folder = tmp_path / "old"
    shutil.copytree(ROOT / "tests" / "data" / "replies", folder)
    dialog = ImportDialog(empty_library)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()            # nothing to import before a folder is chosen
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    click(dialog.choose_button)
    assert dialog.folder_edit.text() == str(folder) and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.import_finished, timeout=30000) as finished:
        click(dialog.import_button)
    total = len(list(folder.iterdir()))
    assert finished.args == [total - len(BAD_FILES), False]
    assert (dialog.progress.value(), dialog.progress.maximum()) == (total, total)
    skipped = {dialog.errors.item(i).text().split(":")[0] for i in range(dialog.errors.count())}
    assert skipped == BAD_FILES
    assert all(dialog.errors.item(i).text().split(":", 1)[1].strip() for i in range(dialog.errors.count()))
    assert dialog.label.text() == f"Done: {total - len(BAD_FILES)} replies imported, 0 already in the library, " \
                                  f"{len(BAD_FILES)} skipped."
    with Library(empty_library) as library:
        assert library.stats()["replies"] == total - len(BAD_FILES)
    assert dialog.cancel_button.text() == "Close"
    click(dialog.cancel_button)
    assert not dialog.isVisible()


def test_cancel_midway_keeps_only_whole_replies(qtbot, tmp_path, empty_library):
    folder = reply_folder(tmp_path / "old", 40)
    dialog = ImportDialog(empty_library, [folder])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.worker.progressed.connect(lambda done, total, result: done == 3 and click(dialog.cancel_button))
    with qtbot.waitSignal(dialog.import_finished, timeout=30000) as finished:
        dialog.start()
    imported, cancelled = finished.args
    assert cancelled and 3 <= imported < 40
    assert dialog.progress.maximum() == 40 and dialog.progress.value() == imported
    assert dialog.label.text().startswith(f"Cancelled: {imported} replies imported")
    with Library(empty_library) as library:
        assert library.stats()["replies"] == imported
        assert orphan_replies(library) == 0
        # every stored reply is whole: all its paragraphs, the last one its closing
        for reply_id in [r[0] for r in library.db.execute("SELECT id FROM replies")]:
            paragraphs = library.reply(reply_id)["paragraphs"]
            assert paragraphs[-1]["text"] == "特此回复。" and len(paragraphs) >= 15
    # importing the folder again finishes the job: the first files are recognised, the rest added
    again = ImportDialog(empty_library, [folder])
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.import_finished, timeout=30000) as finished:
        again.start()
    assert finished.args == [40 - imported, False] and again.already == imported


def test_escape_during_an_import_cancels_instead_of_walking_away(qtbot, tmp_path, empty_library):
    folder = reply_folder(tmp_path / "old", 30)
    dialog = ImportDialog(empty_library, [folder])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.worker.progressed.connect(lambda done, total, result: done == 2 and QTest.keyClick(dialog, Qt.Key.Key_Escape))
    with qtbot.waitSignal(dialog.import_finished, timeout=30000) as finished:
        dialog.start()
    assert finished.args[1] is True and dialog.isVisible()   # still open: the clerk sees what was imported
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_library_that_cannot_be_written_is_reported_not_raised(qtbot, tmp_path):
    folder = reply_folder(tmp_path / "old", 2)
    not_a_library = tmp_path / "notes.sqlite"
    not_a_library.write_bytes(b"this is not a database" * 100)
    dialog = ImportDialog(not_a_library, [folder])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.import_finished, timeout=30000) as finished:
        dialog.start()
    assert finished.args == [0, True]
    assert "notes.sqlite" in dialog.label.text() and dialog.cancel_button.text() == "Close"
