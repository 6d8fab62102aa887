"""Window shortcuts work wherever the keyboard focus is.

A text field claims some key sequences for itself before the window's shortcuts see them: on X11
(the KDE/GNOME key schemes) a line edit takes Ctrl+E (end of line), Ctrl+K, Ctrl+H (backspace) and
more; every text field takes Ctrl+Z for its own undo. Qt asks the focused widget first with a
ShortcutOverride event, and the widget wins. This filter answers that question for the window: a
sequence one of the window's actions is bound to goes to the action, except the few a text field
must keep (copy, paste, select all, the arrows …). Undo and redo go to the draft's undo stack only
in the draft pane (the search box keeps its own undo).
"""
from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


@functools.cache
def keep_in_text() -> frozenset[str]:
    """What a text field keeps even when the window has an action on it (needs the application's key scheme)."""
    standard = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
                QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Delete)
    return frozenset({s.toString() for k in standard for s in QKeySequence.keyBindings(k)}
                     | {"Del", "Backspace", "Return", "Enter"})


@functools.cache
def undo_keys() -> frozenset[str]:
    return frozenset({s.toString() for k in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
                      for s in QKeySequence.keyBindings(k)} | {"Ctrl+Y", "Ctrl+Shift+Z", "Ctrl+Z"})


def event_sequence(event) -> str:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(event.keyCombination().key().value | modifiers.value).toString()


class WindowShortcutRouter(QObject):
    """``window`` is the main window, ``undo_scope`` the draft pane.

    It watches only the text fields of the window that take the keyboard focus (a filter on the whole
    application would run Python for every event the application handles)."""

    def __init__(self, window: QWidget, undo_scope: QWidget):
        super().__init__(window)
        self.window = window
        self.undo_scope = undo_scope
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def stop(self) -> None:
        QApplication.instance().focusChanged.disconnect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        if isinstance(new, TEXT_WIDGETS) and new.window() is self.window and not new.property("dafu_routed"):
            new.setProperty("dafu_routed", True)
            new.installEventFilter(self)

    def sequences(self) -> set[str]:
        keys = set()
        for action in self.window.actions():
            if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut and action.isEnabled():
                keys.update(s.toString() for s in action.shortcuts())
        return keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, TEXT_WIDGETS):
            return False
        if watched.window() is not self.window:
            return False   # a dialog's fields keep their keys
        sequence = event_sequence(event)
        if sequence in keep_in_text() or sequence not in self.sequences():
            return False
        if sequence in undo_keys() and not self.undo_scope.isAncestorOf(watched):
            return False
        event.ignore()     # not claimed by the field: the window's shortcut fires
        return True
