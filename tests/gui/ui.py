"""Driving the app as a person does: modal dialogs answered by clicking their buttons or choosing a
file in them, keys sent to the focused widget. Any blocking dialog no test expected is closed and
reported, so a test never hangs on one and never passes over one unseen."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox

# Dialogs the app opens without blocking (dialog.open()); tests work them directly.
NON_BLOCKING = {"import_dialog", "replies_dialog", "settings_dialog", "exported_box", "about_box", "export_pack_dialog",
                "merge_pack_dialog"}


class DialogAnswers:
    def __init__(self):
        self.handlers: list[tuple[str, Callable]] = []
        self.answered: list[str] = []      # what each answered dialog said
        self.unexpected: list[str] = []
        # The dialogs already handled, held (not their id()s: a closed box's id is soon given to the
        # next one, which would then never be answered and the test would hang on it).
        self._seen: list = []
        self.timer = QTimer()
        self.timer.setInterval(15)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def expect(self, handler: Callable, what: str = "") -> None:
        self.handlers.append((what, handler))

    def pending(self) -> int:
        """Dialogs expected and not yet answered and gone (0 once the last one has closed)."""
        widget = QApplication.activeModalWidget()
        blocking = widget is not None and widget.isVisible() and widget.objectName() not in NON_BLOCKING
        # and the window it came from has the keyboard again (activation comes one event later)
        return len(self.handlers) + int(blocking or QApplication.activeWindow() is None)

    def poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or any(w is widget for w in self._seen) or not widget.isVisible():
            return
        if widget.objectName() in NON_BLOCKING:
            return
        self._seen.append(widget)
        text = describe(widget)
        if self.handlers:
            _what, handler = self.handlers.pop(0)
            self.answered.append(text)
            QTimer.singleShot(0, lambda: handler(widget))
        else:
            self.unexpected.append(text)
            QTimer.singleShot(0, widget.reject if isinstance(widget, QDialog) else widget.close)

    def stop(self) -> None:
        self.timer.stop()


def describe(widget) -> str:
    if isinstance(widget, QMessageBox):
        return f"{widget.windowTitle()}: {widget.text()} {widget.informativeText()}".strip()
    return f"{type(widget).__name__} {widget.windowTitle()}"


def click(label: str) -> Callable:
    """Answer by clicking the button that reads ``label`` (mnemonic & ignored)."""
    def handler(dialog) -> None:
        for button in dialog.findChildren(QAbstractButton):
            if button.text().replace("&", "") == label and button.isVisible():
                button.click()
                return
        texts = [b.text() for b in dialog.findChildren(QAbstractButton)]
        dialog.reject()
        raise AssertionError(f"no button {label!r} in {describe(dialog)}: {texts}")
    return handler


def choose_file(path: Path | str) -> Callable:
    """Answer a file dialog (open, save or folder) by typing the path and accepting."""
    def handler(dialog) -> None:
        assert isinstance(dialog, QFileDialog), describe(dialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")   # the "File name" box a person types into
        name.setText(str(path))
        dialog.accept()
    return handler


def cancel() -> Callable:
    def handler(dialog) -> None:
        dialog.reject()
    return handler


def answer_with(func: Callable) -> Callable:
    """Answer with a function that works the dialog (ticks, types) and closes it."""
    return func


def open_main_window(qtbot, monkeypatch, settings, draft: Path, *, active_within: int = 5000):
    """The main window as the clerk has it: shown, holding the keyboard, its preview laid out; errors it
    would show in a box collected in ``window.errors``. A generator for fixtures: yields, then shuts down."""
    from dafu.gui.main_window import MainWindow

    errors: list[str] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, error: errors.append(str(error)))
    window = MainWindow(settings, draft_file=draft)
    window.errors = errors
    qtbot.addWidget(window)
    window.show()
    # On a bare X server (no window manager) only activateWindow gives the window the keyboard.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=active_within)
    qtbot.waitUntil(lambda: not window.preview.is_held(), timeout=10000)   # laid out after the first paint
    yield window
    window.shutdown()
