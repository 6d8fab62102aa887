"""Import a folder of old replies off the GUI thread, with progress, cancel and the files skipped.

The import is the library's own generator (Library.iter_import) run on a GeneratorJob: each file
is read, recognised and stored in its own transaction on the worker thread's connection, and a
cancel takes effect between two files — so the library never holds half a reply.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QProgressBar, QPushButton, QVBoxLayout, QWidget)

from dafu.gui import dialogs
from dafu.gui.qt_workers import GeneratorJob
from dafu.library.engines import location


def import_steps(library_path: Path, sources: list[Path], cancelled: Callable[[], bool]) -> Iterator[tuple]:
    """(done, total, ImportResult) per file, on a connection opened on the calling (worker) thread."""
    from dafu.library import Library

    with Library(library_path) as library:
        yield from library.iter_import(sources, cancel=cancelled)


class ImportJob(GeneratorJob):
    """The import as a cancellable job; ``progressed(done, total, result)`` once per file."""

    progressed = Signal(int, int, object)

    def __init__(self, library_path: Path, sources: list[Path], parent: QWidget | None = None):
        super().__init__(lambda cancelled: import_steps(library_path, sources, cancelled), parent)
        self.library_path = library_path
        self.sources = sources

    def report(self, item) -> None:
        super().report(item)
        self.progressed.emit(*item)


class ImportDialog(QDialog):
    """Choose a folder (or get one from the caller), import it, list the files that were skipped."""

    import_finished = Signal(int, bool)   # replies imported, cancelled?

    def __init__(self, library_path: Path, sources: list[Path] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.library_path = location(library_path)
        self.sources: list[Path] = [Path(s) for s in sources or []]
        self.worker: ImportJob | None = None
        self.imported = 0          # new replies stored
        self.already = 0           # files whose reply was already in the library
        self.failed = 0            # files skipped with an error
        self.finished_import = False
        self._build()
        if self.sources:
            self._make_worker()
        self._show_sources()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Import old replies"))
        self.setObjectName("import_dialog")
        self.resize(600, 400)
        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setPlaceholderText(self.tr("Choose the folder that holds the old replies "
                                                    "(.docx .doc .wps .pdf .txt)"))
        self.choose_button = QPushButton(self.tr("Choose folder…"))
        self.choose_button.clicked.connect(lambda: self.choose_folder())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setValue(0)
        self.errors = QListWidget()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        for widget in (self.label, self.progress, QLabel(self.tr("Files skipped:")), self.errors, self.buttons):
            layout.addWidget(widget)

    # -- choosing --------------------------------------------------------------

    def choose_folder(self, folder: Path | None = None) -> bool:
        """Ask for a folder (or take ``folder``); False when the clerk gave none."""
        if self.running() or self.finished_import:
            return False
        if folder is None:
            chosen = dialogs.folder(self, self.tr("Folder of old replies"))
            if not chosen:
                return False
            folder = Path(chosen)
        self.sources = [Path(folder)]
        self._make_worker()
        self._show_sources()
        return True

    def _make_worker(self) -> None:
        self.worker = ImportJob(self.library_path, self.sources, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.completed.connect(self._completed)
        self.worker.failed.connect(self._failed)

    def _show_sources(self) -> None:
        self.folder_edit.setText("; ".join(str(s) for s in self.sources))
        self.import_button.setEnabled(bool(self.sources) and not self.running() and not self.finished_import)
        if not self.running() and not self.finished_import:
            self.label.setText(self.tr("Ready to import.") if self.sources else self.tr("Choose a folder first."))

    # -- running ---------------------------------------------------------------

    def running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start(self) -> None:
        if self.worker is None or self.running() or self.finished_import:
            return
        self.choose_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.progress.setMaximum(0)  # busy until the files are counted
        self.label.setText(self.tr("Looking for replies…"))
        self.worker.start()

    def cancel(self) -> None:
        """Stop after the file being imported; once finished (or before starting) this closes.
        (Finished counts from the job's last report: its thread may still be winding down.)"""
        if self.running() and not self.finished_import:
            self.label.setText(self.tr("Cancelling after the current file…"))
            self.cancel_button.setEnabled(False)
            self.worker.cancel()
        else:
            super().reject()

    def reject(self) -> None:  # Esc and the window's close button: never abandon a running import
        self.cancel()

    def _progressed(self, done: int, total: int, result) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        name = Path(result.file).name
        self.label.setText(self.tr("Imported %1 of %2: %3").replace("%1", str(done)).replace("%2", str(total))
                           .replace("%3", name))
        if not result.ok:
            self.failed += 1
            self.errors.addItem(f"{name}: {result.error}")
        elif result.skipped:
            self.already += 1
        else:
            self.imported += 1

    def _completed(self, cancelled: bool) -> None:
        self.finished_import = True
        if self.progress.maximum() == 0:
            self.progress.setMaximum(1)
            self.progress.setValue(0 if cancelled else 1)
        text = (self.tr("Cancelled: %1 replies imported, %2 already in the library, %3 skipped; nothing half-written.")
                if cancelled else
                self.tr("Done: %1 replies imported, %2 already in the library, %3 skipped."))
        self.label.setText(text.replace("%1", str(self.imported)).replace("%2", str(self.already))
                           .replace("%3", str(self.failed)))
        self._finish(cancelled)

    def _failed(self, message: str) -> None:
        self.finished_import = True
        self.label.setText(message)
        self._finish(True)

    def _finish(self, cancelled: bool) -> None:
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        self.import_finished.emit(self.imported, cancelled)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.running():
            self.worker.cancel()
            self.worker.wait(10_000)
        super().closeEvent(event)
