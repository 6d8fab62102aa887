"""Import a folder of old replies off the GUI thread, with progress and cancel."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QProgressBar, QPushButton,
                               QVBoxLayout, QWidget)

from dafu.gui.workers import ImportWorker


class ImportDialog(QDialog):
    import_finished = Signal(int, bool)   # replies imported, cancelled?

    def __init__(self, library_path: Path, sources: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import old replies"))
        self.resize(560, 360)
        self.label = QLabel(self.tr("Preparing…"))
        self.progress = QProgressBar()
        self.errors = QListWidget()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        for widget in (self.label, self.progress, QLabel(self.tr("Files skipped:")), self.errors, self.buttons):
            layout.addWidget(widget)
        self.imported = 0
        self.done = False
        self.worker = ImportWorker(library_path, sources, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.completed.connect(self._completed)
        self.worker.failed.connect(self._failed)
        self.cancel_button.clicked.connect(self.cancel)

    def start(self) -> None:
        self.worker.start()

    def cancel(self) -> None:
        if self.done:
            self.accept()
            return
        self.label.setText(self.tr("Cancelling after the current file…"))
        self.worker.cancel()

    def _progressed(self, done: int, total: int, result) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.label.setText(self.tr("Importing %1 of %2: %3").replace("%1", str(done)).replace("%2", str(total))
                           .replace("%3", Path(result.file).name))
        if result.ok and not result.skipped:
            self.imported += 1
        elif not result.ok:
            self.errors.addItem(f"{Path(result.file).name}: {result.error}")

    def _completed(self, cancelled: bool) -> None:
        self.done = True
        text = self.tr("Cancelled: %1 replies imported, nothing half-written.") if cancelled else \
            self.tr("Done: %1 replies imported.")
        self.label.setText(text.replace("%1", str(self.imported)))
        self.cancel_button.setText(self.tr("Close"))
        self.import_finished.emit(self.imported, cancelled)

    def _failed(self, message: str) -> None:
        self.done = True
        self.label.setText(message)
        self.cancel_button.setText(self.tr("Close"))
        self.import_finished.emit(self.imported, True)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.done:
            self.worker.cancel()
        self.worker.wait(10_000)
        super().closeEvent(event)
