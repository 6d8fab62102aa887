"""Library packs from the app: export part of the library as one file, merge a colleague's pack.

Both run the core's generators (``Library.iter_export_pack`` / ``iter_merge_pack``) on a
GeneratorJob with its own Library connection, with progress and Cancel: a cancel takes effect
between two replies, so a pack is written whole or not at all and a merge leaves whole replies
(merging the pack again completes it). Before a merge the measures the pack would change are read
on the library pane's serial worker (``Library.pack_conflicts``) and the clerk decides each in
ConflictDialog; the merge then runs with those resolutions. Errors (a damaged pack, a full disk)
go to the window's one error presenter through ``failed``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from dafu.gui import dialogs
from dafu.gui.qt_workers import GeneratorJob
from dafu.gui.value_form import DateField
from dafu.library.engines import location

PACK_SUFFIX = ".dafupack"
KINDS = ("suggestion", "proposal", "co_handling", "letter")


def export_steps(library_path: Path, target: Path, filters, cancelled: Callable[[], bool]) -> Iterator[tuple]:
    """(done, total, ExportReport), on a connection opened on the calling (worker) thread."""
    from dafu.library import Library

    with Library(library_path) as library:
        yield from library.iter_export_pack(target, filters, cancel=cancelled)


def merge_steps(library_path: Path, pack: Path, resolutions: dict[str, str],
                cancelled: Callable[[], bool]) -> Iterator[tuple]:
    """(done, total, MergeReport) per reply merged."""
    from dafu.library import Library

    with Library(library_path) as library:
        yield from library.iter_merge_pack(pack, resolutions=resolutions, cancel=cancelled)


class PackJob(GeneratorJob):
    """A pack generator as a cancellable job; ``progressed(done, total, report)`` for each step."""

    progressed = Signal(int, int, object)

    def report(self, item) -> None:
        super().report(item)
        self.progressed.emit(*item)


class PackDialog(QDialog):
    """What export and merge share: a line that says what is going on, a progress bar, Cancel/Close."""

    failed = Signal(str)                    # for the window's error presenter

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.job: PackJob | None = None
        self.report = None
        self.complete = False                    # the job reported its end (its thread may still be winding down)
        self.cancelled = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setValue(0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

    def running(self) -> bool:
        return self.job is not None and self.job.isRunning() and not self.complete

    def _run(self, factory) -> None:
        self.job = PackJob(factory, self)
        self.job.progressed.connect(self._progressed)
        self.job.completed.connect(self._completed)
        self.job.failed.connect(self._failed)
        self.progress.setMaximum(0)          # busy until the first step says how many
        self.job.start()

    def cancel(self) -> None:
        """Stop after the reply in hand; once finished (or before starting) this closes."""
        if self.running():
            self.label.setText(self.tr("Cancelling after the current reply…"))
            self.cancel_button.setEnabled(False)
            self.job.cancel()
        else:
            self.complete = True     # also before a job started: a merge still reading its pack never starts
            super().reject()

    def reject(self) -> None:   # Esc and the window's close button never abandon a running job
        self.cancel()

    def _progressed(self, done: int, total: int, report) -> None:
        self.report = report
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done if total else 1)
        self.label.setText(self.step_text(done, total))

    def _completed(self, cancelled: bool) -> None:
        self.complete, self.cancelled = True, cancelled
        if self.progress.maximum() == 0:
            self.progress.setMaximum(1)
        self.label.setText(self.summary_text(cancelled))
        self._finish()

    def _failed(self, message: str) -> None:
        self.complete, self.cancelled = True, True
        self.progress.setMaximum(1)
        self.progress.setValue(0)
        self.label.setText(self.tr("Stopped: %s") % message)
        self._finish()
        self.failed.emit(message)

    def _finish(self) -> None:
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setDefault(True)
        self.ended()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.job is not None and self.job.isRunning():
            self.job.cancel()
            self.job.wait(10_000)
        super().closeEvent(event)

    # -- what each kind says --------------------------------------------------------------

    def step_text(self, done: int, total: int) -> str:
        raise NotImplementedError

    def summary_text(self, cancelled: bool) -> str:
        raise NotImplementedError

    def ended(self) -> None:
        """Called once the job has ended (done, cancelled or failed)."""


class ExportPackDialog(PackDialog):
    """Choose what goes into the pack — the whole library, or the replies of a year, an issuing body, a tag,
    a kind, or since a date (the filters of ``dafu library export``) — then where it goes."""

    exported = Signal(object)              # the ExportReport of a finished export

    def __init__(self, library_path: Path, worker=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.library_path = location(library_path)
        self.setWindowTitle(self.tr("Export library pack"))
        self.setObjectName("export_pack_dialog")
        self.resize(560, 440)
        self.target: Path | None = None
        intro = QLabel(self.tr("A library pack carries replies with their paragraphs, the measures they cite and "
                               "their tags to a colleague's Dafu as one file (File → Merge library pack there)."))
        intro.setWordWrap(True)
        self.all_radio = QRadioButton(self.tr("The whole library"))
        self.some_radio = QRadioButton(self.tr("Only the replies that match:"))
        self.all_radio.setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.all_radio)
        scope.addButton(self.some_radio)
        self.year_combo, self.body_combo, self.tag_combo, self.kind_combo = (QComboBox() for _ in range(4))
        for combo in (self.year_combo, self.body_combo, self.tag_combo):
            combo.addItem(self.tr("Any"), None)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.kind_combo.addItem(self.tr("Any"), None)
        for kind, text in zip(KINDS, (self.tr("Replies to deputies' suggestions"), self.tr("Replies to proposals"),
                                      self.tr("Co-handling opinions"), self.tr("Letters"))):
            self.kind_combo.addItem(text, kind)
        self.since_field = DateField()
        self.since_field.edit.setPlaceholderText(self.tr("Any date, or e.g. 2024年1月1日"))
        self.filters_box = QWidget()
        form = QFormLayout(self.filters_box)
        form.setContentsMargins(24, 0, 0, 0)
        for text, widget in ((self.tr("Year"), self.year_combo), (self.tr("Issuing body"), self.body_combo),
                             (self.tr("Tag"), self.tag_combo), (self.tr("Kind"), self.kind_combo),
                             (self.tr("Dated on or after"), self.since_field)):
            form.addRow(text, widget)
        self.some_radio.toggled.connect(self.filters_box.setEnabled)
        self.filters_box.setEnabled(False)
        for combo in (self.year_combo, self.body_combo, self.tag_combo, self.kind_combo):
            combo.activated.connect(lambda _i: self.some_radio.setChecked(True))
        self.since_field.edit.textEdited.connect(lambda _t: self.some_radio.setChecked(True))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.choose_file)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.label.setText(self.tr("Choose what to export, then Export… to choose where."))
        self.progress.hide()     # until there is something to show
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.all_radio)
        layout.addWidget(self.some_radio)
        layout.addWidget(self.filters_box)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        if worker is not None:   # the library's years, issuing bodies and tags, read off the GUI thread
            worker.submit(lambda lib: (lib.years(), lib.issuing_bodies(), lib.tags()), key="pack_choices",
                          on_done=self.set_choices)

    def set_choices(self, choices) -> None:
        years, bodies, tags = choices
        for combo, values in ((self.year_combo, years), (self.body_combo, bodies), (self.tag_combo, tags)):
            current = combo.currentData()
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(str(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def filters(self):
        """The PackFilters chosen (empty for the whole library); ValueError for a date that is no date."""
        from dafu.filters import as_date
        from dafu.library.packs import PackFilters

        if self.all_radio.isChecked():
            return PackFilters()
        since = None
        if self.since_field.text().strip():
            try:
                since = as_date(self.since_field.text()).isoformat()
            except (ValueError, TypeError):
                raise ValueError(self.tr("“%s” is not a date: write it as 2024年1月1日 or 2024-1-1.")
                                 % self.since_field.text().strip()) from None
        return PackFilters(year=self.year_combo.currentData(), issuing_body=self.body_combo.currentData(),
                           tag=self.tag_combo.currentData(), kind=self.kind_combo.currentData(), since=since)

    def default_name(self, filters) -> str:
        """教育局-2023-资料包.dafupack: the choices in the name, so the colleague sees what it holds."""
        parts = [filters.issuing_body, str(filters.year) if filters.year else None, filters.tag,
                 self.kind_combo.currentText() if filters.kind else None,
                 (self.tr("since %s") % filters.since) if filters.since else None]
        named = "-".join(p for p in parts if p) or self.tr("library")
        safe = "".join("_" if c in '\\/:*?"<>|' else c for c in named)
        pack = self.tr("pack")
        return f"{safe}-{pack}-{dt.date.today():%Y%m%d}{PACK_SUFFIX}"

    def choose_file(self) -> None:
        if self.running() or self.complete:
            return
        try:
            filters = self.filters()
        except ValueError as exc:
            self.label.setText(str(exc))
            self.since_field.setFocus()
            return
        if self.some_radio.isChecked() and not filters.to_json():
            self.label.setText(self.tr("Choose at least one condition, or export the whole library."))
            return
        path = dialogs.save_file(self, self.tr("Export library pack"), str(Path.home() / self.default_name(filters)),
                                 self.tr("Dafu library packs (*.dafupack)"))
        if not path:
            return
        target = Path(path) if path.endswith(PACK_SUFFIX) else Path(path + PACK_SUFFIX)
        self.start(target, filters)

    def start(self, target: Path, filters) -> None:
        self.target = target
        for widget in (self.all_radio, self.some_radio, self.filters_box, self.export_button):
            widget.setEnabled(False)
        self.label.setText(self.tr("Gathering the replies…"))
        self.progress.show()
        library_path = self.library_path
        self._run(lambda cancelled: export_steps(library_path, target, filters, cancelled))

    def step_text(self, done: int, total: int) -> str:
        return self.tr("Gathered %1 of %2 replies…").replace("%1", str(done)).replace("%2", str(total))

    def summary_text(self, cancelled: bool) -> str:
        report = self.report
        if cancelled or report is None or report.cancelled:
            self.cancelled = True
            return self.tr("Cancelled: no pack was written.")
        return (self.tr("Exported %1: %2 replies, %3 paragraphs, %4 measures.")
                .replace("%1", str(self.target)).replace("%2", str(report.replies))
                .replace("%3", str(report.paragraphs)).replace("%4", str(report.measures)))

    def ended(self) -> None:
        if not self.cancelled and self.report is not None:
            self.exported.emit(self.report)


class MergePackDialog(PackDialog):
    """Merge one pack: read what it would change, ask about each conflicting measure, then merge."""

    merged = Signal(object)               # the MergeReport, also of a cancelled merge (whole replies came in)

    def __init__(self, library_path: Path, pack: Path, worker, parent: QWidget | None = None):
        super().__init__(parent)
        self.library_path = location(library_path)
        self.pack = Path(pack)
        self.worker = worker
        self.resolutions: dict[str, str] = {}
        self.conflicts: list = []
        self.setWindowTitle(self.tr("Merge library pack"))
        self.setObjectName("merge_pack_dialog")
        self.resize(560, 220)
        self.pack_label = QLabel(self.tr("Pack: %s") % self.pack)
        self.pack_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pack_label)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        """Read the pack's conflicts on the library worker; the merge follows once the clerk has decided."""
        self.label.setText(self.tr("Reading the pack…"))
        self.progress.setMaximum(0)
        pack = self.pack
        self.worker.submit(lambda lib: lib.pack_conflicts(pack), on_done=self._conflicts_read,
                           on_error=self._read_failed)

    def _read_failed(self, message: str) -> None:
        """A damaged or foreign file: the core's message (naming the file) goes to the window; nothing changed."""
        if self.complete:
            return
        self.complete = True
        QDialog.reject(self)
        self.failed.emit(message)

    def _conflicts_read(self, conflicts: list) -> None:
        if self.complete:            # closed while the pack was being read
            return
        self.conflicts = list(conflicts)
        if self.conflicts:
            from dafu.gui.conflict_dialog import ConflictDialog

            dialog = ConflictDialog(self.conflicts, self.pack.name, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            self.activateWindow()
            if not accepted:
                self.complete = self.cancelled = True
                self.progress.setMaximum(1)
                self.label.setText(self.tr("Not merged: nothing changed."))
                self._finish()
                return
            self.resolutions = dialog.resolutions()
        library_path, pack, resolutions = self.library_path, self.pack, dict(self.resolutions)
        self.label.setText(self.tr("Merging…"))
        self._run(lambda cancelled: merge_steps(library_path, pack, resolutions, cancelled))

    def step_text(self, done: int, total: int) -> str:
        return self.tr("Merged %1 of %2 replies…").replace("%1", str(done)).replace("%2", str(total))

    def summary_text(self, cancelled: bool) -> str:
        report = self.report
        if report is None:
            return self.tr("Cancelled: nothing merged.")
        text = (self.tr("Replies: %1 added, %2 already in the library. Paragraphs: %3 new. "
                        "Measures: %4 added, %5 updated.")
                .replace("%1", str(report.replies_added)).replace("%2", str(report.replies_present))
                .replace("%3", str(report.paragraphs_added)).replace("%4", str(report.measures_added))
                .replace("%5", str(report.measures_updated)))
        kept = sum(1 for _key, side in report.resolved if side == "mine") + len(report.conflicts)
        if kept:
            text += " " + self.tr("%n measure(s) kept as in this library.", "", kept)
        if cancelled or report.cancelled:
            return self.tr("Cancelled — the replies merged so far are whole; merge the pack again to finish. "
                           "%s") % text
        return self.tr("Done. %s") % text

    def ended(self) -> None:
        if self.report is not None:
            self.merged.emit(self.report)
