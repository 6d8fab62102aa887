"""The library pane: search as you type, "more like this", and the policy measures.

Everything that reads or writes the library runs on one SerialWorker (its own SQLite
connection); this widget only submits jobs and shows what comes back, so typing never waits
for the database.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMimeData, QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QMenu, QPlainTextEdit, QPushButton,
                               QStackedWidget, QTableView, QTabWidget, QVBoxLayout, QWidget)

from dafu.gui.html_delegate import HTML_ROLE, HtmlDelegate
from dafu.gui.measures_model import MEASURE_ROLE, SORT_ROLE, MeasuresModel
from dafu.gui.qt_workers import SerialWorker
from dafu.gui.search_worker import SEARCH_DELAY_MS, SEARCH_LIMIT, SearchRunner
from dafu.library.engines import location

PARAGRAPH_MIME = "application/x-dafu-paragraph"   # JSON list of {"text", "paragraph_id"}
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
LAYOUT_BATCH = 8
ROLES = [("", QT_TRANSLATE_NOOP("LibraryPanel", "All parts")),
         ("opening", QT_TRANSLATE_NOOP("LibraryPanel", "Opening")),
         ("background", QT_TRANSLATE_NOOP("LibraryPanel", "Background")),
         ("work_done", QT_TRANSLATE_NOOP("LibraryPanel", "Work done")),
         ("next_steps", QT_TRANSLATE_NOOP("LibraryPanel", "Next steps")),
         ("closing", QT_TRANSLATE_NOOP("LibraryPanel", "Closing")),
         ("other", QT_TRANSLATE_NOOP("LibraryPanel", "Other"))]
SEARCH_TAB, SIMILAR_TAB, MEASURES_TAB = range(3)
# Measures columns sized to their contents, but the long text columns (policy, item, rate) share the pane
# with the figures: each at most this part of the table's width, so 政策, 支持事项, 比例, 上限 are in sight
# (the rate names its base, e.g. 按项目审计核准金额50%, so it is capped too).
MEASURE_TEXT_SHARE = {0: 0.3, 1: 0.24, 2: 0.22}
MEASURE_COLUMN_MAX = 260

__all__ = ["LibraryPanel", "HitList", "PARAGRAPH_MIME", "HIT_ROLE", "SEARCH_DELAY_MS"]


def paragraph_mime(hits: list) -> QMimeData:
    """What a drag of library paragraphs carries: our JSON for the outline, plain text for anything else."""
    data = QMimeData()
    payload = [{"text": h.text, "paragraph_id": str(h.paragraph_id)} for h in hits]
    data.setData(PARAGRAPH_MIME, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    data.setText("\n".join(h.text for h in hits))
    return data


class HitList(QListWidget):
    """Search results: double-click or Enter chooses one; dragging carries it to the outline;
    the context menu inserts it or edits its tags."""

    chosen = Signal(object)
    tag_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setItemDelegate(HtmlDelegate(self))
        self.setWordWrap(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._pending: list = []
        self.itemActivated.connect(lambda item: self.chosen.emit(item.data(HIT_ROLE)))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def _context_menu(self, point) -> None:
        item = self.itemAt(point)
        if item is None:
            return
        hit = item.data(HIT_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Insert into the draft"), lambda: self.chosen.emit(hit))
        menu.addAction(self.tr("Tags…"), lambda: self.tag_requested.emit(hit))
        menu.popup(self.viewport().mapToGlobal(point))
        self._menu = menu

    def show_hits(self, hits: list) -> None:
        """Show the first rows now and the rest a few at a time between other events: laying out
        50 rich-text rows at once would hold the GUI thread long enough to delay the next key.
        (QListView's own Batched layout mode stops before the last rows of word-wrapped items.)"""
        self.clear()
        self._pending = list(hits)
        self._add_batch()

    def _add_batch(self) -> None:
        batch, self._pending = self._pending[:LAYOUT_BATCH], self._pending[LAYOUT_BATCH:]
        for hit in batch:
            item = QListWidgetItem()
            item.setData(HTML_ROLE, self.hit_html(hit))
            item.setData(HIT_ROLE, hit)
            item.setToolTip(hit.text)
            self.addItem(item)
        if self._pending:
            pending = self._pending
            # only if no newer show_hits replaced the list meanwhile
            QTimer.singleShot(0, self, lambda: self._pending is pending and self._add_batch())

    def complete(self) -> bool:
        """True once every result of the last show_hits is in the list."""
        return not self._pending

    def hit_html(self, hit) -> str:
        source = " · ".join(part for part in (hit.reply, hit.date or "") if part)
        if hit.usage_count > 1:
            source += " · " + self.tr("used in %n replies", "", hit.usage_count)
        return f"{hit.snippet_html}<br><span class='source'>{html.escape(source)}</span>"

    def hits(self) -> list:
        """Every result of the last show_hits, including rows not added yet."""
        return [self.item(i).data(HIT_ROLE) for i in range(self.count())] + list(self._pending)

    def current_hit(self):
        item = self.currentItem()
        return item.data(HIT_ROLE) if item else None

    def mimeData(self, items) -> QMimeData:  # noqa: N802 (Qt override)
        return paragraph_mime([item.data(HIT_ROLE) for item in items])

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [PARAGRAPH_MIME, "text/plain"]


class LibraryPanel(QWidget):
    paragraph_chosen = Signal(str, str)   # text, library paragraph id
    search_finished = Signal(int)         # number of results shown (search or "more like this")
    library_notice = Signal(object)       # a server library's one-line notice (offline: its snapshot answers)
    measures_changed = Signal()
    status = Signal(str)                  # a message for the status bar (errors from the worker)
    import_requested = Signal()           # the empty library's "Import old replies…"
    sample_requested = Signal()           # the empty library's "Add the sample reply"
    tag_requested = Signal(object)        # a search hit whose tags the clerk wants to edit
    filled = Signal(int)                  # the number of replies in the library, after each refresh

    def __init__(self, library_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.library_path = location(library_path)
        self.worker: SerialWorker | None = None
        self.runner = SearchRunner(None, self)
        self.runner.searched.connect(self._show_search)
        self.runner.similar_found.connect(self._show_similar)
        self.runner.failed.connect(self.status.emit)
        self.runner.noticed.connect(self.library_notice.emit)
        self._measures: list = []
        self._measures_stale = True   # read when the measures tab is first shown, not at start
        self._dialog = None
        self.reply_count: int | None = None
        self._build()
        self.set_library_path(self.library_path)

    # -- widgets ---------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_search(), self.tr("Search"))
        self.tabs.addTab(self._build_similar(), self.tr("More like this"))
        self.tabs.addTab(self._build_measures(), self.tr("Measures"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self._build_empty())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _build_empty(self) -> QWidget:
        """What a clerk sees on an empty library: what it is for and the two ways to fill it."""
        page = QWidget()
        title = QLabel(self.tr("The library is empty"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(self.tr("Import a folder of your office's earlier replies (.docx .doc .wps .pdf .txt): their "
                              "paragraphs and the policy measures they cite become searchable here, and you build "
                              "new replies from them. Or start with the sample reply that comes with Dafu."))
        text.setWordWrap(True)
        self.empty_import_button = QPushButton(self.tr("Import old replies…"))
        self.empty_import_button.setDefault(True)
        self.empty_import_button.clicked.connect(self.import_requested)
        self.empty_sample_button = QPushButton(self.tr("Add the sample reply"))
        self.empty_sample_button.clicked.connect(self.sample_requested)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 40, 24, 24)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(text)
        layout.addSpacing(16)
        layout.addWidget(self.empty_import_button)
        layout.addWidget(self.empty_sample_button)
        layout.addStretch(1)
        self.empty_page = page
        return page

    def is_empty_shown(self) -> bool:
        return self.stack.currentWidget() is self.empty_page

    def _tab_shown(self, index: int) -> None:
        """The measures are read when their tab is first shown (not at start), and sized where they show."""
        if index != MEASURES_TAB:
            return
        if self._measures_stale:
            self.refresh_measures()
        else:
            self._size_measure_columns()

    def _build_search(self) -> QWidget:
        page = QWidget()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search the library (one or two characters work too)"))
        self.search_box.setClearButtonEnabled(True)
        self.role_filter = QComboBox()
        for value, text in ROLES:
            self.role_filter.addItem(self.tr(text), value)
        self.year_filter, self.body_filter, self.tag_filter = QComboBox(), QComboBox(), QComboBox()
        self.role_filter.setToolTip(self.tr("Part of the reply"))
        self.year_filter.setToolTip(self.tr("Year of the reply"))
        self.body_filter.setToolTip(self.tr("Issuing body"))
        self.tag_filter.setToolTip(self.tr("Tag"))
        filters = QGridLayout()   # two a row: each label fits (全部发文单位), none cut off
        for i, combo in enumerate((self.role_filter, self.year_filter, self.body_filter, self.tag_filter)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(7)
            combo.currentIndexChanged.connect(lambda _: self.search_now())
            filters.addWidget(combo, i // 2, i % 2)
        self.count_label = QLabel()
        self.results = HitList()
        self.results.chosen.connect(self._choose)
        self.results.tag_requested.connect(self.tag_requested)
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.search_box)
        page_layout.addLayout(filters)
        page_layout.addWidget(self.count_label)
        page_layout.addWidget(self.results)
        # A keystroke only restarts the runner's pause timer; the search itself runs on the worker.
        self.search_box.textChanged.connect(lambda text: self.runner.request(text))
        self.search_box.returnPressed.connect(self.search_now)
        for widget in (self.search_box, self.results):
            widget.installEventFilter(self)
        return page

    def _build_similar(self) -> QWidget:
        page = QWidget()
        self.suggestion_box = QPlainTextEdit()
        self.suggestion_box.setPlaceholderText(self.tr("Paste the deputy's suggestion here"))
        self.suggestion_box.setTabChangesFocus(True)
        self.similar_button = QPushButton(self.tr("More like this"))
        self.similar_button.clicked.connect(self.find_similar)
        self.similar_label = QLabel()
        self.similar_results = HitList()
        self.similar_results.chosen.connect(self._choose)
        self.similar_results.tag_requested.connect(self.tag_requested)
        self.similar_results.installEventFilter(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self.suggestion_box, 1)
        layout.addWidget(self.similar_button)
        layout.addWidget(self.similar_label)
        layout.addWidget(self.similar_results, 2)
        return page

    def _build_measures(self) -> QWidget:
        page = QWidget()
        self.measures_model = MeasuresModel(self)
        self.measures_proxy = QSortFilterProxyModel(self)
        self.measures_proxy.setSourceModel(self.measures_model)
        self.measures_proxy.setSortRole(SORT_ROLE)
        self.measures_proxy.setFilterKeyColumn(-1)
        self.measures_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.measures_filter = QLineEdit()
        self.measures_filter.setPlaceholderText(self.tr("Filter measures"))
        self.measures_filter.setClearButtonEnabled(True)
        self.measures_filter.textChanged.connect(self.measures_proxy.setFilterFixedString)
        self.measures_table = QTableView()
        self.measures_table.setModel(self.measures_proxy)
        self.measures_table.setSortingEnabled(True)
        self.measures_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)   # library order until a header is clicked
        self.measures_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measures_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.measures_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.measures_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.measures_table.horizontalHeader().setStretchLastSection(True)
        self.measures_table.setWordWrap(False)
        self.measures_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.measures_table.viewport().installEventFilter(self)   # resized: the columns share it again
        self.measures_table.doubleClicked.connect(lambda _: self.edit_measure())
        self.add_measure_button = QPushButton(self.tr("Add measure…"))
        self.edit_measure_button = QPushButton(self.tr("Edit measure…"))
        self.add_measure_button.clicked.connect(self.add_measure)
        self.edit_measure_button.clicked.connect(self.edit_measure)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_measure_button)
        buttons.addWidget(self.edit_measure_button)
        buttons.addStretch()
        layout = QVBoxLayout(page)
        layout.addWidget(self.measures_filter)
        layout.addWidget(self.measures_table)
        layout.addLayout(buttons)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and watched is self.measures_table.viewport():
            if event.oldSize().width() != event.size().width():
                QTimer.singleShot(0, self._size_measure_columns)
            return False
        return self._key_filter(watched, event)

    def _key_filter(self, watched: QObject, event: QEvent) -> bool:
        """Keyboard paths: Ctrl+Enter chooses the current (or first) result; Down leaves the search box
        for the results. (Inside the main window its Ctrl+Return action gets there first and does the same.)"""
        if event.type() == QEvent.Type.KeyPress:
            key, modifiers = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers & Qt.KeyboardModifier.ControlModifier:
                self.choose_current()
                return True
            if watched is self.search_box and key == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)

    # -- library connection ---------------------------------------------------------

    def set_library_path(self, path: Path) -> None:
        """Point the pane at another library file: a new worker with its own connection."""
        if self.worker is not None:
            self.worker.stop()
        self.library_path = location(path)
        self.worker = SerialWorker(self.library_path, self)
        self.worker.start()
        self.runner.set_worker(self.worker)
        self.results.show_hits([])
        self.similar_results.show_hits([])
        self.refresh_filters()
        self._fill_measures([])
        self.refresh_measures()
        if self.search_box.text():
            self.search_now()

    def shutdown(self) -> None:
        if self.worker is not None:
            self.runner.set_worker(None)
            self.worker.stop()
            self.worker = None

    def _submit(self, func, on_done, *, key: str | None = None) -> int | None:
        if self.worker is None:
            return None
        return self.worker.submit(func, key=key, on_done=on_done, on_error=self.status.emit)

    # -- search ---------------------------------------------------------------

    def filters(self) -> dict:
        return {"role": self.role_filter.currentData() or None, "year": self.year_filter.currentData() or None,
                "issuing_body": self.body_filter.currentData() or None, "tag": self.tag_filter.currentData() or None}

    def search_now(self) -> None:
        self.runner.search_now(self.search_box.text(), self.filters())

    _search_now = search_now  # the name earlier callers used

    def _show_search(self, query: str, hits: list, more: bool) -> None:
        if query != self.search_box.text():
            return   # the box changed since; its own search is on the way
        self.results.show_hits(hits)
        if not query.strip():
            self.count_label.setText("")
        elif more:
            self.count_label.setText(self.tr("First %n results; type more to narrow them", "", len(hits)))
        else:
            self.count_label.setText(self.tr("%n result(s)", "", len(hits)))
        self.search_finished.emit(len(hits))

    def find_similar(self) -> None:
        self.similar_label.setText(self.tr("Looking…"))
        self.runner.similar(self.suggestion_box.toPlainText())

    def _show_similar(self, hits: list) -> None:
        self.similar_results.show_hits(hits)
        self.similar_label.setText(self.tr("%n similar paragraph(s), best first", "", len(hits)))
        self.search_finished.emit(len(hits))

    def refresh_filters(self) -> None:
        """Re-read the years, issuing bodies and tags (after an import or a change of library)."""
        self._submit(lambda lib: (lib.years(), lib.issuing_bodies(), lib.tags(), lib.stats()["replies"]),
                     self._fill_filters, key="filters")

    def refresh(self) -> None:
        """After the library changed (import, removal, tags): filters, measures, results, empty state."""
        self.refresh_filters()
        self.refresh_measures()
        if self.search_box.text():
            self.search_now()

    def _fill_filters(self, values) -> None:
        years, bodies, tags, replies = values
        self.reply_count = replies
        self.stack.setCurrentWidget(self.empty_page if replies == 0 else self.tabs)
        self.filled.emit(replies)
        for combo, everything, items in ((self.year_filter, self.tr("All years"), years),
                                         (self.body_filter, self.tr("All issuing bodies"), bodies),
                                         (self.tag_filter, self.tr("All tags"), tags)):
            combo.blockSignals(True)
            current = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for value in items:
                combo.addItem(str(value), value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _choose(self, hit) -> None:
        if hit is not None:
            self.paragraph_chosen.emit(hit.text, str(hit.paragraph_id))

    def choose_current(self) -> None:
        """Insert the selected result (or the first one) of the visible list."""
        hits = self.similar_results if self.tabs.currentIndex() == SIMILAR_TAB else self.results
        self._choose(hits.current_hit() or (hits.item(0).data(HIT_ROLE) if hits.count() else None))

    def focus_search(self) -> None:
        if self.is_empty_shown():
            self.empty_import_button.setFocus()
            return
        self.tabs.setCurrentIndex(SEARCH_TAB)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def current_hit(self):
        """The result selected in the visible list (or None)."""
        hits = self.similar_results if self.tabs.currentIndex() == SIMILAR_TAB else self.results
        return hits.current_hit()

    # -- measures -------------------------------------------------------------

    def refresh_measures(self) -> None:
        """Re-read the measures now if their tab is showing, else when it is next shown."""
        self._measures_stale = self.tabs.currentIndex() != MEASURES_TAB
        if not self._measures_stale:
            self._submit(lambda lib: lib.measures(), self._fill_measures, key="measures")

    def _fill_measures(self, measures: list) -> None:
        self._measures = measures
        self.measures_model.set_measures(measures)
        self._size_measure_columns()

    def _size_measure_columns(self) -> None:
        """Every column readable at once: sized to its contents (sampled), none wider than MEASURE_COLUMN_MAX;
        the full text is in each cell's tooltip. Done again when the tab is shown, where the sizes count."""
        header = self.measures_table.horizontalHeader()
        if len(self._measures) < 500:  # sizing columns reads every row
            self.measures_table.resizeColumnsToContents()
        available = max(self.measures_table.viewport().width(), 240)
        for column in range(self.measures_model.columnCount()):
            width = max(header.sectionSize(column), header.sectionSizeFromContents(column).width())
            limit = int(available * MEASURE_TEXT_SHARE[column]) if column in MEASURE_TEXT_SHARE else MEASURE_COLUMN_MAX
            header.resizeSection(column, min(width, limit))

    def current_measure(self):
        index = self.measures_table.currentIndex()
        return index.data(MEASURE_ROLE) if index.isValid() else None

    def add_measure(self):
        return self._open_measure_dialog(None)

    def edit_measure(self):
        measure = self.current_measure()
        return self._open_measure_dialog(measure) if measure is not None else None

    def _open_measure_dialog(self, measure):
        from dafu.gui.measures_dialog import MeasureDialog

        dialog = MeasureDialog(measure, self._measures, self)
        dialog.accepted.connect(lambda: self.save_measure(measure.id if measure else None, dialog.values()))
        dialog.open()
        self._dialog = dialog
        return dialog

    def save_measure(self, measure_id: int | None, values: dict) -> None:
        """Write on the worker; the table is re-read and ``measures_changed`` emitted once it is stored."""
        def write(lib):
            if measure_id is None:
                return lib.add_measure(**values)
            lib.update_measure(measure_id, **values)
            return measure_id

        def written(_result) -> None:
            self.refresh_measures()
            self.measures_changed.emit()

        self._submit(write, written)
