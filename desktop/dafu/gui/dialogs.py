"""Questions to the clerk, asked one way everywhere: a modal message box with buttons in the clerk's
words, answered with a value. Tests answer them as a person would (by clicking a button)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

Role = QMessageBox.ButtonRole


def ask(parent: QWidget | None, title: str, text: str, buttons: list[tuple[Any, str, Role]], *,
        informative: str = "", details: str = "", default: Any = None,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> Any:
    """Show the question; the value of the button clicked (Esc gives the reject button's value)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("question")
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    values = {}
    for value, label, role in buttons:
        button = box.addButton(label, role)
        values[button] = value
        if value == default:
            box.setDefaultButton(button)
        if role in (Role.RejectRole, Role.NoRole):
            box.setEscapeButton(button)
    box.exec()
    _back_to(parent)
    return values.get(box.clickedButton())


def tell(parent: QWidget | None, title: str, text: str, *, informative: str = "",
         icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("message")
    if informative:
        box.setInformativeText(informative)
    box.exec()
    _back_to(parent)


def _back_to(parent: QWidget | None) -> None:
    """The keyboard goes back to the window the question came from (without a window manager, as on a
    bare X server, nothing else would give it back)."""
    if parent is not None:
        parent.window().activateWindow()


def open_file(parent: QWidget, title: str, folder: str = "", filters: str = "") -> str:
    """The file the clerk chose to open ("" for none); the keyboard goes back to ``parent``'s window."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    _back_to(parent)
    return path


def open_files(parent: QWidget, title: str, folder: str = "", filters: str = "") -> list[str]:
    """The files the clerk chose to open ([] for none)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
    _back_to(parent)
    return paths


def save_file(parent: QWidget, title: str, suggested: str = "", filters: str = "",
              options: QFileDialog.Option = QFileDialog.Option(0)) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters, options=options)
    _back_to(parent)
    return path


def folder(parent: QWidget, title: str, start: str = "") -> str:
    path = QFileDialog.getExistingDirectory(parent, title, start)
    _back_to(parent)
    return path
