"""Crash recovery, SIGTERM and folder import: the app never loses what the clerk had."""
import os
import signal
import subprocess
import sys
import time

from dafu.library import Library
from tests_paths import SAMPLE_TXT

CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dafu.gui.main_window import MainWindow
from dafu.gui.settings import Settings
app = QApplication([])
settings = Settings(Path(sys.argv[1]))
window = MainWindow(settings)
window.show()
if sys.argv[2] == "edit":
    window.draft_panel.set_value("number", "JY-RECOVER-1")
    QTimer.singleShot(2500, lambda: print("edited", flush=True))
    app.exec()
else:
    print("number=" + str(window.draft_panel.draft.values.get("number")), flush=True)
"""


def child_env(tmp_path):
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
                XDG_CONFIG_HOME=str(tmp_path / "config"), DAFU_LIBRARY=str(tmp_path / "lib.sqlite"))


def test_killed_process_recovers_its_draft(tmp_path):
    ini = tmp_path / "dafu.ini"
    from dafu.gui.settings import Settings

    settings = Settings(ini)
    settings.set("autosave_seconds", 1)
    settings.set("library_path", str(tmp_path / "lib.sqlite"))
    env = child_env(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(ini), "edit"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    with proc:
        try:
            assert proc.stdout.readline().strip() == "edited"
        finally:
            proc.send_signal(signal.SIGKILL)  # no chance to save on the way out
            proc.wait(10)
    again = subprocess.run([sys.executable, "-c", CHILD, str(ini), "read"], env=env, capture_output=True,
                           text=True, timeout=60)
    assert "number=JY-RECOVER-1" in again.stdout, again.stderr


def test_sigterm_saves_and_exits_cleanly(tmp_path):
    env = child_env(tmp_path)
    ready = tmp_path / "ready"
    env["DAFU_READY_FILE"] = str(ready)
    proc = subprocess.Popen([sys.executable, "-m", "dafu.gui.app"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    with proc:
        deadline = time.monotonic() + 30
        while not (ready.exists() and ready.read_text()):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert ready.read_text().endswith("focus=1")  # painted, and typing goes to the search box
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
    ini = (tmp_path / "data" / "Dafu" / "dafu.ini").read_text()
    assert "clean_exit=true" in ini
    with Library(tmp_path / "lib.sqlite") as library:
        assert library.list_drafts()  # the (new) draft was kept


def test_import_folder_with_progress_and_cancel(qtbot, tmp_path):
    from dafu.gui.import_dialog import ImportDialog

    folder = tmp_path / "old"
    folder.mkdir()
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    for i in range(40):
        (folder / f"r{i:02d}.txt").write_text(text.replace("JY20230126", f"JY2023{i:04d}") + f"\n补充{i}。",
                                              encoding="utf-8")
    library_path = tmp_path / "lib.sqlite"
    Library(library_path).close()
    dialog = ImportDialog(library_path, [folder])
    qtbot.addWidget(dialog)
    dialog.worker.progressed.connect(lambda done, total, result: done == 3 and dialog.cancel())
    with qtbot.waitSignal(dialog.import_finished, timeout=30000) as finished:
        dialog.start()
    imported, cancelled = finished.args
    assert cancelled and 3 <= imported < 40
    assert dialog.progress.maximum() == 40 and dialog.progress.value() == imported
    with Library(library_path) as library:
        assert library.stats()["replies"] == imported
        orphans = library.db.execute("SELECT count(*) FROM replies r WHERE NOT EXISTS"
                                     " (SELECT 1 FROM reply_paragraphs rp WHERE rp.reply_id = r.id)").fetchone()[0]
        assert orphans == 0


def test_import_reports_bad_files(qtbot, tmp_path):
    from dafu.gui.import_dialog import ImportDialog
    from tests_paths import ROOT

    library_path = tmp_path / "lib.sqlite"
    dialog = ImportDialog(library_path, [ROOT / "tests" / "data" / "replies"])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.import_finished, timeout=30000):
        dialog.start()
    skipped = [dialog.errors.item(i).text() for i in range(dialog.errors.count())]
    assert any(s.startswith("corrupt.docx") for s in skipped) and dialog.imported == 4
