"""Questions to the clerk, asked one way everywhere: a modal message box with buttons in the clerk's
words, answered with a value. Tests answer them as a person would (by clicking a button)."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

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
