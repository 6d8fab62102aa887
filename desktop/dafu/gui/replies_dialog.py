"""The replies in the library: list them (by import, or by what their title, number, body or file
contains), tag them, and remove one, several or a whole import — after the clerk confirms.

Everything goes through the library pane's serial worker (its own connection), so a removal of a
148-file import never holds the window up; the pane is refreshed once it is done.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from dafu.gui import dialogs

REPLY_ROLE = Qt.ItemDataRole.UserRole
LIST_LIMIT = 5000


class RepliesDialog(QDialog):
    loaded = Signal(int)              # rows shown
    library_changed = Signal(str)     # what changed, for the status bar

    def __init__(self, worker, parent: QWidget | None = None):
        super().__init__(parent)
        self.worker = worker
        self.setWindowTitle(self.tr("Replies in the library"))
        self.setObjectName("replies_dialog")
        self.resize(980, 560)
        self.batches: list = []
        self.last_change = ""   # what the last removal or tagging did, kept under the list
        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(self.tr("Filter by title, number, issuing body or file name"))
        self.query_edit.setClearButtonEnabled(True)
        self._query_timer = QTimer(self, singleShot=True, interval=200)
        self._query_timer.timeout.connect(self.reload)
        self.query_edit.textChanged.connect(lambda _: self._query_timer.start())
        self.batch_combo = QComboBox()
        self.batch_combo.setMinimumContentsLength(30)
        self.batch_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.batch_combo.currentIndexChanged.connect(lambda _: self.reload())
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Number"), self.tr("Issuing body"),
                                              self.tr("Date"), self.tr("File"), self.tr("Imported"), self.tr("Tags")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.count_label = QLabel()
        self.remove_button = QPushButton(self.tr("Remove selected…"))
        self.remove_batch_button = QPushButton(self.tr("Remove this whole import…"))
        self.tags_button = QPushButton(self.tr("Tags…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_batch_button.clicked.connect(self.remove_batch)
        self.tags_button.clicked.connect(self.edit_tags)
        self.close_button.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.query_edit, 2)
        top.addWidget(QLabel(self.tr("Import:")))
        top.addWidget(self.batch_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        for button in (self.tags_button, self.remove_button, self.remove_batch_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._selection_changed()
        self.reload()

    # -- reading ---------------------------------------------------------------------------

    def batch_id(self) -> int | None:
        return self.batch_combo.currentData()

    def reload(self) -> None:
        batch_id, query = self.batch_id(), self.query_edit.text().strip() or None
        self.worker.submit(lambda lib: (lib.import_batches(), lib.list_replies(batch_id=batch_id, query=query,
                                                                                limit=LIST_LIMIT)),
                           key="replies", on_done=self._show, on_error=self._failed)

    def _show(self, result) -> None:
        batches, replies = result
        self.batches = batches
        current = self.batch_id()
        self.batch_combo.blockSignals(True)
        self.batch_combo.clear()
        self.batch_combo.addItem(self.tr("All imports"), None)
        for batch in batches:
            text = self.tr("%1 · %2 · %n reply(ies)", "", batch.reply_count).replace("%1", batch.started_at[:16].replace("T", " ")) \
                .replace("%2", batch.label or "")
            self.batch_combo.addItem(text, batch.id)
        self.batch_combo.setCurrentIndex(max(0, self.batch_combo.findData(current)))
        self.batch_combo.blockSignals(False)
        if current is not None and self.batch_combo.currentData() != current:
            self.reload()    # that import is gone: show all
            return
        self.table.setRowCount(len(replies))
        for row, reply in enumerate(replies):
            cells = [reply.title, reply.number or "", reply.issuing_body or "", reply.date or "",
                     reply.source_file or "", (reply.imported_at or "")[:16].replace("T", " "), "、".join(reply.tags)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(REPLY_ROLE, reply)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column, limit in enumerate((360, 120, 200, 100, 220, 130)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), limit))
        count = self.tr("%n reply(ies)", "", len(replies))
        self.count_label.setText(f"{count} · {self.last_change}" if self.last_change else count)
        self._selection_changed()
        self.loaded.emit(len(replies))

    def _failed(self, message: str) -> None:
        self.count_label.setText(message)

    def selected_replies(self) -> list:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.table.item(row, 0).data(REPLY_ROLE) for row in rows]

    def _selection_changed(self) -> None:
        chosen = self.selected_replies() if self.table.rowCount() else []
        self.remove_button.setEnabled(bool(chosen))
        self.tags_button.setEnabled(len(chosen) == 1)
        self.remove_batch_button.setEnabled(self.batch_id() is not None)

    # -- changing -------------------------------------------------------------------------------

    def remove_selected(self) -> None:
        replies = self.selected_replies()
        if not replies:
            return
        names = "\n".join(f"· {r.title}" for r in replies[:8]) + ("\n…" if len(replies) > 8 else "")
        answer = dialogs.ask(self, self.tr("Remove replies"),
                             self.tr("Remove %n reply(ies) from the library?", "", len(replies)),
                             [("remove", self.tr("Remove"), dialogs.Role.DestructiveRole),
                              (None, self.tr("Cancel"), dialogs.Role.RejectRole)],
                             informative=self.tr("Paragraphs and measures that only these replies hold go with "
                                                 "them. This cannot be undone.") + "\n\n" + names,
                             default=None, icon=dialogs.QMessageBox.Icon.Warning)
        if answer == "remove":
            ids = [r.id for r in replies]
            self.worker.submit(lambda lib: lib.remove_replies(ids), on_done=self._removed, on_error=self._failed)

    def remove_batch(self) -> None:
        batch_id = self.batch_id()
        batch = next((b for b in self.batches if b.id == batch_id), None)
        if batch is None:
            return
        answer = dialogs.ask(self, self.tr("Remove an import"),
                             self.tr("Remove the whole import of %1 (%n reply(ies)) from the library?", "",
                                     batch.reply_count).replace("%1", batch.started_at[:16].replace("T", " ")),
                             [("remove", self.tr("Remove"), dialogs.Role.DestructiveRole),
                              (None, self.tr("Cancel"), dialogs.Role.RejectRole)],
                             informative=(batch.label + "\n\n" if batch.label else "") +
                             self.tr("Paragraphs and measures that only these replies hold go with them. "
                                     "This cannot be undone."),
                             default=None, icon=dialogs.QMessageBox.Icon.Warning)
        if answer == "remove":
            self.worker.submit(lambda lib: lib.remove_batch(batch_id), on_done=self._removed, on_error=self._failed)

    def _removed(self, report) -> None:
        message = (self.tr("Removed %n reply(ies)", "", report.replies) + self.tr(
            ", with %1 paragraphs and %2 measures only they held").replace("%1", str(report.paragraphs))
            .replace("%2", str(report.measures)))
        self.last_change = message
        self.count_label.setText(message)
        self.library_changed.emit(message)
        self.reload()

    def edit_tags(self) -> None:
        replies = self.selected_replies()
        if len(replies) != 1:
            return
        reply = replies[0]
        self.worker.submit(lambda lib: (lib.reply_tags(reply.id), lib.tags()),
                           on_done=lambda result: self._ask_tags(reply, *result), on_error=self._failed)

    def _ask_tags(self, reply, tags: list[str], all_tags: list[str]) -> None:
        from dafu.gui.tag_dialog import ask_tag_changes

        changes = ask_tag_changes(self.tr("Tags of the reply “%s” (a search by tag finds every paragraph it uses)")
                                  % reply.title, tags, all_tags, self)
        if changes is None:
            return
        added, removed = changes

        def write(lib):
            for tag in added:
                lib.tag_reply(reply.id, tag)
            for tag in removed:
                lib.untag_reply(reply.id, tag)

        self.worker.submit(write, on_done=lambda _: (self.library_changed.emit(self.tr("Tags saved")), self.reload()),
                           on_error=self._failed)
