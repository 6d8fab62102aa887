"""Find and replace across the whole draft (Ctrl+F, Ctrl+H): a bar under the draft, as in a browser.

The bar only collects what to find and what to put instead; the draft panel searches every text of
the draft (form values, headings, paragraphs) and makes "Replace all" one undo step.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget


class FindBar(QWidget):
    find_requested = Signal(bool)        # backwards?
    replace_requested = Signal()         # the current match, then on to the next
    replace_all_requested = Signal()
    text_changed = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find in the draft"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self.text_changed)
        self.find_edit.returnPressed.connect(lambda: self.find_requested.emit(False))
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.replace_edit.returnPressed.connect(self.replace_requested)
        self.status = QLabel()
        self.status.setMinimumWidth(90)
        self.previous_button = QPushButton(self.tr("Previous"))
        self.next_button = QPushButton(self.tr("Next"))
        self.replace_button = QPushButton(self.tr("Replace"))
        self.replace_all_button = QPushButton(self.tr("Replace all"))
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self.previous_button.clicked.connect(lambda: self.find_requested.emit(True))
        self.next_button.clicked.connect(lambda: self.find_requested.emit(False))
        self.replace_button.clicked.connect(self.replace_requested)
        self.replace_all_button.clicked.connect(self.replace_all_requested)
        self.close_button.clicked.connect(self.close_bar)
        for button in (self.previous_button, self.next_button, self.replace_button, self.replace_all_button):
            button.setAutoDefault(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(self.previous_button, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.close_button, 0, 3)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.addWidget(self.status, 2, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        # Tab goes from what to find to what to put instead, then to the buttons (not by grid position)
        for first, second in ((self.find_edit, self.replace_edit), (self.replace_edit, self.next_button),
                              (self.next_button, self.previous_button), (self.previous_button, self.replace_button),
                              (self.replace_button, self.replace_all_button)):
            QWidget.setTabOrder(first, second)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def open_bar(self, *, replace: bool) -> None:
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def needle(self) -> str:
        return self.find_edit.text()

    def replacement(self) -> str:
        return self.replace_edit.text()

    def replacing(self) -> bool:
        return not self.replace_edit.isHidden()

    def set_status(self, text: str) -> None:
        self.status.setText(text)
