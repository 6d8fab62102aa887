"""The editor of one paragraph, with Word's habits: Enter splits it, pasting several paragraphs inserts
several, Backspace at its start joins it to the one before (Delete at its end, to the one after).

The editor only asks; the draft panel makes each request one undoable edit of the draft and shows the
result, so the draft never holds a line break inside a paragraph (the reply would print it as a space).
The editor keeps no undo history of its own: Ctrl+Z undoes the draft, wherever the focus is.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from dafu.draft import split_pasted_text


class ParagraphEditor(QTextEdit):
    split_requested = Signal(int, int)           # Enter over the selection [start, end)
    paste_requested = Signal(int, int, list)     # several paragraphs pasted over [start, end)
    join_previous_requested = Signal()           # Backspace at the very start
    join_next_requested = Signal()               # Delete at the very end
    focused = Signal()
    cursor_moved = Signal()

    def __init__(self, parent: QWidget | None = None, *, grow: bool = False, splits: bool = True):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        # Unicode line breaking: Chinese breaks between any two characters, but not before 、，。
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.splits = splits
        self.grow = grow
        if grow:   # as tall as its text, inside a scrolling page of paragraphs
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setFrameShape(QFrame.Shape.NoFrame)
            self.document().documentLayout().documentSizeChanged.connect(lambda _size: self.updateGeometry())
        self.cursorPositionChanged.connect(self.cursor_moved)

    # -- size ------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        if self.grow:
            height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
            return QSize(hint.width(), max(height, self.fontMetrics().height() + 8))
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint() if self.grow else super().minimumSizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.grow:
            self.document().setTextWidth(self.viewport().width())
            self.updateGeometry()

    # -- keys and paste ------------------------------------------------------------------------

    def selection(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return cursor.selectionStart(), cursor.selectionEnd()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, modifiers = event.key(), event.modifiers()
        plain = not (modifiers & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier))
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.splits:
                self.split_requested.emit(*self.selection())
            event.accept()
            return
        start, end = self.selection()
        if self.splits and plain and start == end:
            if key == Qt.Key.Key_Backspace and start == 0:
                self.join_previous_requested.emit()
                event.accept()
                return
            if key == Qt.Key.Key_Delete and start == len(self.toPlainText()):
                self.join_next_requested.emit()
                event.accept()
                return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        parts = split_pasted_text(source.text())
        if len(parts) > 1 and self.splits:
            self.paste_requested.emit(*self.selection(), parts)
            return
        self.textCursor().insertText("".join(parts))   # one paragraph: its line breaks and indent go

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focused.emit()
