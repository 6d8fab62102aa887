"""Opening a library from an older Dafu in the app migrates it first, showing the re-indexing's progress."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProgressDialog

from dafu.gui.app import migrate_with_progress
from dafu.library import Library, store


def test_an_old_library_is_migrated_with_a_progress_dialog(qapp, tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    db = store.connect(path, migrate_to=3)
    db.execute("BEGIN")
    for i in range(1, 5001):
        db.execute("INSERT INTO paragraphs (id, text_hash, text, usage_count) VALUES (?, ?, ?, 1)",
                   [i, f"h{i}", f"第{i}段：时尚+科技，2100万元"])
    db.execute("COMMIT")
    db.conn.close()
    shown = []
    original = QProgressDialog.setValue
    monkeypatch.setattr(QProgressDialog, "setValue",
                        lambda self, value: (shown.append((value, self.maximum(), self.labelText())),
                                             original(self, value)))
    assert store.needs_migration(path)
    migrate_with_progress(path)
    assert not store.needs_migration(path)
    assert shown[-1][:2] == (5000, 5000) and len(shown) >= 2 and "index" in shown[-1][2]
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    with Library(path) as library:
        assert len(library.search("尚+科", limit=10_000)) == 5000 and len(library.search("4999段")) == 1


def test_a_current_library_opens_without_a_dialog(qapp, library_path, monkeypatch):
    monkeypatch.setattr(QProgressDialog, "__init__", lambda *a, **k: (_ for _ in ()).throw(AssertionError("dialog")))
    migrate_with_progress(library_path)
    migrate_with_progress(library_path.parent / "missing.sqlite")
