"""The library pane: search as you type, "more like this", and the policy measures."""
from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from dafu.gui.html_delegate import HTML_ROLE, HtmlDelegate
from dafu.gui.measures_model import MeasuresModel
from dafu.gui.workers import QueryWorker

PARAGRAPH_MIME = "application/x-dafu-paragraph"
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_DELAY_MS = 120
ROLES = [("", QT_TRANSLATE_NOOP("LibraryPanel", "All parts")),
         ("opening", QT_TRANSLATE_NOOP("LibraryPanel", "Opening")),
         ("background", QT_TRANSLATE_NOOP("LibraryPanel", "Background")),
         ("work_done", QT_TRANSLATE_NOOP("LibraryPanel", "Work done")),
         ("next_steps", QT_TRANSLATE_NOOP("LibraryPanel", "Next steps")),
         ("closing", QT_TRANSLATE_NOOP("LibraryPanel", "Closing")),
         ("other", QT_TRANSLATE_NOOP("LibraryPanel", "Other"))]


class HitList(QListWidget):
    """Search results: double-click or Enter chooses one; dragging carries it to the outline."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setItemDelegate(HtmlDelegate(self))
        self.setWordWrap(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.itemActivated.connect(lambda item: self.chosen.emit(item.data(HIT_ROLE)))

    def show_hits(self, hits: list) -> None:
        self.clear()
        for hit in hits:
            item = QListWidgetItem()
            source = html.escape(f"{hit.reply}  {hit.date or ''}")
            item.setData(HTML_ROLE, f"{hit.snippet_html}<br><span style='color:#666;font-size:small'>{source}</span>")
            item.setData(HIT_ROLE, hit)
            item.setToolTip(hit.text)
            self.addItem(item)

    def current_hit(self):
        item = self.currentItem()
        return item.data(HIT_ROLE) if item else None

    def mimeData(self, items) -> QMimeData:  # noqa: N802 (Qt override)
        data = QMimeData()
        hits = [item.data(HIT_ROLE) for item in items]
        payload = [{"text": h.text, "paragraph_id": str(h.paragraph_id)} for h in hits]
        data.setData(PARAGRAPH_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        data.setText("\n".join(h.text for h in hits))
        return data

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [PARAGRAPH_MIME, "text/plain"]


class LibraryPanel(QWidget):
    paragraph_chosen = Signal(str, str)   # text, library paragraph id
    search_finished = Signal(int)         # number of results shown
    measures_changed = Signal()
    status = Signal(str)

    def __init__(self, library_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.library_path = library_path
        self.worker: QueryWorker | None = None
        self._latest_search = 0
        self._latest_similar = 0
        self._build()
        self.set_library_path(library_path)

    # -- widgets ---------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        search_page = QWidget()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search the library (one or two characters work too)"))
        self.search_box.setClearButtonEnabled(True)
        self.role_filter = QComboBox()
        for value, label in ROLES:
            self.role_filter.addItem(self.tr(label), value)
        self.year_filter = QComboBox()
        self.body_filter = QComboBox()
        self.tag_filter = QComboBox()
        filters = QHBoxLayout()
        for combo in (self.role_filter, self.year_filter, self.body_filter, self.tag_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            combo.currentIndexChanged.connect(self._search_now)
            filters.addWidget(combo)
        self.count_label = QLabel()
        self.results = HitList()
        self.results.chosen.connect(self._choose)
        page_layout = QVBoxLayout(search_page)
        page_layout.addWidget(self.search_box)
        page_layout.addLayout(filters)
        page_layout.addWidget(self.count_label)
        page_layout.addWidget(self.results)
        self.tabs.addTab(search_page, self.tr("Search"))

        similar_page = QWidget()
        self.suggestion_box = QPlainTextEdit()
        self.suggestion_box.setPlaceholderText(self.tr("Paste the deputy's suggestion here"))
        self.similar_button = QPushButton(self.tr("More like this"))
        self.similar_button.clicked.connect(self.find_similar)
        self.similar_results = HitList()
        self.similar_results.chosen.connect(self._choose)
        similar_layout = QVBoxLayout(similar_page)
        similar_layout.addWidget(self.suggestion_box, 1)
        similar_layout.addWidget(self.similar_button)
        similar_layout.addWidget(self.similar_results, 2)
        self.tabs.addTab(similar_page, self.tr("More like this"))

        measures_page = QWidget()
        self.measures_model = MeasuresModel(self)
        self.measures_table = QTableView()
        self.measures_table.setModel(self.measures_model)
        self.measures_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measures_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.measures_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.measures_table.doubleClicked.connect(lambda _: self.edit_measure())
        add, edit = QPushButton(self.tr("Add measure…")), QPushButton(self.tr("Edit measure…"))
        add.clicked.connect(self.add_measure)
        edit.clicked.connect(self.edit_measure)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(edit)
        buttons.addStretch()
        measures_layout = QVBoxLayout(measures_page)
        measures_layout.addWidget(self.measures_table)
        measures_layout.addLayout(buttons)
        self.tabs.addTab(measures_page, self.tr("Measures"))

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search_now)
        self.search_box.textChanged.connect(lambda _: self._timer.start())
        self.search_box.returnPressed.connect(self._search_now)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.choose_current)

    # -- library connection ---------------------------------------------------------

    def set_library_path(self, path: Path) -> None:
        if self.worker is not None:
            self.worker.stop()
        self.library_path = path
        self.worker = QueryWorker(path, self)
        self.worker.finished_job.connect(self._job_done)
        self.worker.failed_job.connect(lambda _id, message: self.status.emit(message))
        self.worker.start()
        self._handlers: dict[int, object] = {}
        self.refresh_filters()
        self.refresh_measures()
        if self.search_box.text():
            self._search_now()

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def _submit(self, func, handler, *, replace_pending: bool = False) -> int:
        job_id = self.worker.submit(func, replace_pending=replace_pending)
        self._handlers[job_id] = handler
        return job_id

    def _job_done(self, job_id: int, result) -> None:
        handler = self._handlers.pop(job_id, None)
        if handler is not None:
            handler(job_id, result)

    # -- search ---------------------------------------------------------------

    def filters(self) -> dict:
        return {"role": self.role_filter.currentData() or None, "year": self.year_filter.currentData() or None,
                "issuing_body": self.body_filter.currentData() or None, "tag": self.tag_filter.currentData() or None}

    def _search_now(self) -> None:
        self._timer.stop()
        query, filters = self.search_box.text(), self.filters()
        self._latest_search = self._submit(lambda lib: lib.search(query, 50, **filters), self._show_search,
                                           replace_pending=True)

    def _show_search(self, job_id: int, hits: list) -> None:
        if job_id != self._latest_search:
            return  # the clerk typed on; a newer search is coming
        self.results.show_hits(hits)
        if self.search_box.text().strip():
            self.count_label.setText(self.tr("%n result(s)", "", len(hits)))
        else:
            self.count_label.setText("")
        self.search_finished.emit(len(hits))

    def find_similar(self) -> None:
        text = self.suggestion_box.toPlainText()
        self._latest_similar = self._submit(lambda lib: lib.similar(text, 20), self._show_similar)

    def _show_similar(self, job_id: int, hits: list) -> None:
        if job_id == self._latest_similar:
            self.similar_results.show_hits(hits)
            self.search_finished.emit(len(hits))

    def refresh_filters(self) -> None:
        self._submit(lambda lib: (lib.years(), lib.issuing_bodies(), lib.tags()), self._fill_filters)

    def _fill_filters(self, _job_id: int, values) -> None:
        years, bodies, tags = values
        for combo, label, items in ((self.year_filter, self.tr("All years"), years),
                                    (self.body_filter, self.tr("All issuing bodies"), bodies),
                                    (self.tag_filter, self.tr("All tags"), tags)):
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem(label, None)
            for value in items:
                combo.addItem(str(value), value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _choose(self, hit) -> None:
        if hit is not None:
            self.paragraph_chosen.emit(hit.text, str(hit.paragraph_id))

    def choose_current(self) -> None:
        hits = self.similar_results if self.tabs.currentIndex() == 1 else self.results
        self._choose(hits.current_hit() or (hits.item(0).data(HIT_ROLE) if hits.count() else None))

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_box.setFocus()
        self.search_box.selectAll()

    # -- measures -------------------------------------------------------------

    def refresh_measures(self) -> None:
        self._submit(lambda lib: lib.measures(), self._fill_measures)

    def _fill_measures(self, _job_id: int, measures: list) -> None:
        self._measures = measures
        self.measures_model.set_measures(measures)
        if len(measures) < 500:  # sizing columns reads every row
            self.measures_table.resizeColumnsToContents()

    def add_measure(self) -> None:
        self._open_measure_dialog(None)

    def edit_measure(self) -> None:
        row = self.measures_table.currentIndex().row()
        if 0 <= row < len(getattr(self, "_measures", [])):
            self._open_measure_dialog(self._measures[row])

    def _open_measure_dialog(self, measure) -> None:
        from dafu.gui.measure_dialog import MeasureDialog

        dialog = MeasureDialog(measure, getattr(self, "_measures", []), self)
        dialog.accepted.connect(lambda: self.save_measure(measure.id if measure else None, dialog.values()))
        dialog.open()
        self._dialog = dialog

    def save_measure(self, measure_id: int | None, values: dict) -> None:
        def write(lib):
            if measure_id is None:
                return lib.add_measure(**values)
            lib.update_measure(measure_id, **values)
            return measure_id

        self._submit(write, lambda _id, _result: (self.refresh_measures(), self.measures_changed.emit()))
