"""The whole reply body as one page of text, in order: the clerk reads and edits it here in full,
while the outline keeps the structure.

Each heading and paragraph is its own editor (so every keystroke is an edit of one draft text and
one undo step per text), laid out one after another without frames, as a page; Up at the first line
and Down at the last line move on to the neighbouring text, Enter splits a paragraph and Backspace at
its start joins it to the one before, as in a word processor. The view never changes the draft
itself: it asks, and the draft panel redraws it from the draft.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from dafu.draft import Draft, TextKey
from dafu.gui.paragraph_editor import ParagraphEditor
from dafu.numbering import heading_number, ordinal

PREFIX_WIDTH = 44


class FullTextView(QScrollArea):
    text_edited = Signal(object, str)             # key, the whole new text
    split_requested = Signal(object, int, int)    # paragraph key, selection
    paste_requested = Signal(object, int, int, list)
    join_previous_requested = Signal(object)
    join_next_requested = Signal(object)
    focused = Signal(object)                      # the key of the text being edited

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.page = QWidget()
        self.page.setObjectName("full_text_page")
        self.page.setStyleSheet("#full_text_page { background: white; }")
        self.rows = QVBoxLayout(self.page)
        self.rows.setContentsMargins(16, 12, 16, 12)
        self.rows.setSpacing(2)
        self.setWidget(self.page)
        self.editors: dict[TextKey, QWidget] = {}
        self.order: list[TextKey] = []
        self._structure: tuple = ()
        self._draft: Draft | None = None
        self._loading = False
        self._stale = True
        self.current_key: TextKey | None = None

    # -- drawing -------------------------------------------------------------------------

    def sync(self, draft: Draft) -> None:
        """Show the draft: texts are updated in place while the structure stays; otherwise redrawn."""
        self._draft = draft
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        rows = self._rows(draft)
        structure = tuple((key, prefix) for key, prefix, _ in rows)
        self._loading = True
        if structure != self._structure:
            self._rebuild(rows)
            self._structure = structure
        else:
            for key, _, text in rows:
                editor = self.editors[key]
                if _text_of(editor) != text:
                    _set_text(editor, text)
        self._loading = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale and self._draft is not None:
            self.sync(self._draft)

    def _rows(self, draft: Draft) -> list[tuple[TextKey, str, str]]:
        """(key, printed prefix, text) for every text of the body in reading order."""
        rows: list[tuple[TextKey, str, str]] = []
        if isinstance(draft.values.get("opening"), str):
            rows.append((("value", "opening"), "", draft.values["opening"]))

        def paragraphs(path, items, enumerated):
            for index, paragraph in enumerate(items):
                rows.append((("paragraph", path, index), ordinal(index + 1) if enumerated else "", paragraph.text))
                for i, item in enumerate(paragraph.items):
                    rows.append((("item", path, index, i), ordinal(i + 1), item))

        paragraphs((), draft.intro, False)

        def visit(sections, prefix, level):
            for i, section in enumerate(sections):
                path = prefix + (i,)
                rows.append((("section", path), heading_number(level, i + 1), section.heading))
                paragraphs(path, section.paragraphs, section.enumerate)
                visit(section.sections, path, level + 1)

        visit(draft.sections, (), 1)
        return rows

    def _rebuild(self, rows) -> None:
        focus_key = self.current_key if self._has_focus() else None
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self.editors, self.order = {}, []
        base = QFont(self.font())
        base.setPointSizeF(base.pointSizeF() + 1.5)
        for key, prefix, text in rows:
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(4)
            if key[0] == "section":
                editor = QLineEdit(text)
                editor.setFrame(False)
                font = QFont(base)
                font.setBold(True)
                editor.setFont(font)
                editor.textEdited.connect(lambda value, k=key: self._edited(k, value))
                editor.returnPressed.connect(lambda k=key: self._step(k, 1, at_start=True))
                number = QLabel(prefix)
                number.setFont(font)
                layout.setSpacing(0)
                layout.addSpacing(12 * (len(key[1]) - 1))
                layout.addWidget(number)
                layout.addWidget(editor, 1)
                row.setContentsMargins(0, 8, 0, 2)
            else:
                editor = ParagraphEditor(grow=True, splits=key[0] == "paragraph")
                editor.setFont(base)
                editor.setPlainText(text)
                editor.textChanged.connect(lambda k=key, e=editor: self._edited(k, e.toPlainText()))
                editor.split_requested.connect(lambda s, e, k=key: self.split_requested.emit(k, s, e))
                editor.paste_requested.connect(lambda s, e, parts, k=key: self.paste_requested.emit(k, s, e, parts))
                editor.join_previous_requested.connect(lambda k=key: self.join_previous_requested.emit(k))
                editor.join_next_requested.connect(lambda k=key: self.join_next_requested.emit(k))
                label = QLabel(prefix)
                label.setFont(base)
                label.setFixedWidth(PREFIX_WIDTH if prefix or key[0] == "item" else 16)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                label.setStyleSheet("color:#777; padding-top:4px")
                layout.addWidget(label)
                layout.addWidget(editor, 1)
            editor.setObjectName("full_text_" + "_".join(str(part) for part in key))
            editor.installEventFilter(self)
            self.editors[key] = editor
            self.order.append(key)
            self.rows.addWidget(row)
        self.rows.addStretch(1)
        if focus_key in self.editors:
            self.editors[focus_key].setFocus()

    # -- editing --------------------------------------------------------------------------

    def _edited(self, key: TextKey, text: str) -> None:
        if not self._loading:
            self.text_edited.emit(key, text)

    def _has_focus(self) -> bool:
        widget = self.focusWidget()
        return widget is not None and widget.hasFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            key = next((k for k, e in self.editors.items() if e is watched), None)
            if key is not None:
                self.current_key = key
                self.ensureWidgetVisible(watched, 0, 40)
                self.focused.emit(key)
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            key = next((k for k, e in self.editors.items() if e is watched), None)
            if key is not None and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                step = -1 if event.key() == Qt.Key.Key_Up else 1
                if self._at_edge(watched, step):
                    self._step(key, step, at_start=step > 0)
                    return True
        return False

    @staticmethod
    def _at_edge(editor: QWidget, step: int) -> bool:
        if isinstance(editor, QLineEdit):
            return True
        cursor = QTextCursor(editor.textCursor())
        move = QTextCursor.MoveOperation.Up if step < 0 else QTextCursor.MoveOperation.Down
        return not cursor.movePosition(move)

    def _step(self, key: TextKey, step: int, *, at_start: bool) -> None:
        at = self.order.index(key) + step if key in self.order else -1
        if 0 <= at < len(self.order):
            target = self.order[at]
            self.focus_key(target, 0 if at_start else None)

    # -- from outside -----------------------------------------------------------------------

    def editor(self, key: TextKey) -> QWidget | None:
        return self.editors.get(key)

    def focus_key(self, key: TextKey, start: int | None = None, end: int | None = None, *,
                  focus: bool = True) -> bool:
        """Put the cursor into the text of ``key`` (at ``start``, or its end; [start, end) selected).
        Without ``focus`` the text is only shown selected (find keeps the keyboard in its bar)."""
        if self._stale and self._draft is not None:
            self.sync(self._draft)
        editor = self.editors.get(key)
        if editor is None:
            return False
        if focus:
            editor.setFocus()
        length = len(_text_of(editor))
        start = length if start is None else min(start, length)
        end = start if end is None else min(end, length)
        if isinstance(editor, QLineEdit):
            editor.setSelection(start, end - start) if end > start else editor.setCursorPosition(start)
        else:
            cursor = editor.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
        self.current_key = key
        # after the layout has settled, the text is in view
        QTimer.singleShot(0, lambda e=editor: e.isVisible() and self.ensureWidgetVisible(e, 0, 40))
        return True

    def text(self) -> str:
        """What the view shows, one text a line (for tests and the clerk's eye alike)."""
        return "\n".join(_text_of(self.editors[key]) for key in self.order)


def _text_of(editor: QWidget) -> str:
    return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()


def _set_text(editor: QWidget, text: str) -> None:
    if isinstance(editor, QLineEdit):
        position = editor.cursorPosition()
        editor.setText(text)
        editor.setCursorPosition(min(position, len(text)))
    else:
        position = editor.textCursor().position()
        editor.setPlainText(text)
        cursor = editor.textCursor()
        cursor.setPosition(min(position, len(text)))
        editor.setTextCursor(cursor)

