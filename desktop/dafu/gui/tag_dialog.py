"""Tags of one library paragraph or reply: tick the ones it has, add a new one by typing it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)


class TagDialog(QDialog):
    def __init__(self, what: str, tags: list[str], all_tags: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags"))
        self.setObjectName("tag_dialog")
        self.resize(420, 380)
        label = QLabel(what)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget()
        for tag in sorted(set(all_tags) | set(tags)):
            self._add(tag, tag in tags)
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(self.tr("New tag, e.g. 养老 or 2024年重点"))
        self.new_edit.installEventFilter(self)   # Enter adds the tag, it does not close the dialog
        add = QPushButton(self.tr("Add"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_typed)
        row = QHBoxLayout()
        row.addWidget(self.new_edit, 1)
        row.addWidget(add)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.original = set(tags)

    def _add(self, tag: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(tag)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        return item

    def add_typed(self) -> None:
        """Typed and Enter: the tag is added and ticked (Enter does not close the dialog)."""
        tag = " ".join(self.new_edit.text().split())
        if not tag:
            return
        found = self.list.findItems(tag, Qt.MatchFlag.MatchExactly)
        item = found[0] if found else self._add(tag, True)
        item.setCheckState(Qt.CheckState.Checked)
        self.new_edit.clear()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.new_edit and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.new_edit.text().strip():
            self.add_typed()
            return True
        return False

    def checked(self) -> set[str]:
        return {self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked}

    def changes(self) -> tuple[set[str], set[str]]:
        """(tags to add, tags to take off)."""
        now = self.checked()
        return now - self.original, self.original - now


def ask_tag_changes(what: str, tags: list[str], all_tags: list[str],
                    parent: QWidget) -> tuple[set[str], set[str]] | None:
    """Ask the clerk; (tags to add, tags to take off), or None when cancelled or nothing changed."""
    dialog = TagDialog(what, tags, all_tags, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    parent.window().activateWindow()   # the keyboard back where it was, with or without a window manager
    if not accepted:
        return None
    added, removed = dialog.changes()
    return (added, removed) if added or removed else None
