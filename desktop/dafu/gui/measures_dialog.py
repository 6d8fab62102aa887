"""Add or edit a policy measure: figures, validity and what superseded it.

The clerk types figures as the policies write them (30 or 30%, 500 or 500万元, 2023-01-01 or
2023年1月1日). Whatever cannot be read is refused with a MeasureInputError that names the field;
the dialog shows it under the form, puts the cursor in that field and stays open.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QWidget)

from dafu.errors import DafuError
from dafu.gui.measures_model import in_wan_yuan, label

RATE_KINDS = ["", "不超过", "不低于", "按"]


class MeasureInputError(DafuError):
    """What the clerk typed cannot be part of a measure; ``field`` names the field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def parse_percent(text: str) -> float | None:
    """"30", "30%", "３０％" → 30.0; blank → None."""
    cleaned = _ascii(text).replace("%", "").strip()
    if not cleaned:
        return None
    try:
        value = float(Decimal(cleaned))
    except InvalidOperation:
        message = QCoreApplication.translate("MeasureDialog", "The rate must be a number of percent, e.g. 30: %1")
        raise MeasureInputError("rate_percent", message.replace("%1", text)) from None
    if not 0 <= value <= 100:
        message = QCoreApplication.translate("MeasureDialog", "The rate must lie between 0 and 100 percent: %1")
        raise MeasureInputError("rate_percent", message.replace("%1", text))
    return value


def parse_cap(text: str) -> int | None:
    """The cap in 万元 as typed ("500", "500万", "500万元", "1,000") → yuan (5000000); blank → None."""
    cleaned = re.sub(r"万元|万|元|,|，|\s", "", _ascii(text))
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
        if not value.is_finite():
            raise InvalidOperation(cleaned)
    except InvalidOperation:
        message = QCoreApplication.translate("MeasureDialog", "The cap must be an amount in 10,000 yuan, e.g. 500: %1")
        raise MeasureInputError("cap_yuan", message.replace("%1", text)) from None
    if value < 0:
        message = QCoreApplication.translate("MeasureDialog", "The cap cannot be negative: %1")
        raise MeasureInputError("cap_yuan", message.replace("%1", text))
    return int((value * 10_000).to_integral_value())


def parse_date(field: str, text: str) -> dt.date | None:
    """"2023-01-01", "2023/1/1", "2023年1月1日" → a date; blank → None."""
    cleaned = _ascii(text).strip()
    if not cleaned:
        return None
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", cleaned)
    try:
        if match is None:
            raise ValueError(cleaned)
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        message = QCoreApplication.translate("MeasureDialog", "Write dates as 2023-01-01 or 2023年1月1日: %1")
        raise MeasureInputError(field, message.replace("%1", text)) from None


def _ascii(text: str) -> str:
    """Full-width digits and signs (from a Chinese input method) read as their ASCII forms."""
    return text.translate({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})


class MeasureDialog(QDialog):
    def __init__(self, measure, all_measures: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.measure = measure
        self.setWindowTitle(self.tr("Edit measure") if measure else self.tr("Add measure"))
        m = measure
        self.item = QLineEdit(m.item or "" if m else "")
        self.policy = QLineEdit(m.policy or "" if m else "")
        self.policy_year = QSpinBox()
        self.policy_year.setRange(0, 2100)
        self.policy_year.setSpecialValueText(" ")    # 0 shows blank: no year known
        self.policy_year.setValue(m.policy_year or 0 if m else 0)
        self.text = QPlainTextEdit(m.text if m else "")
        self.text.setTabChangesFocus(True)
        self.rate = QLineEdit(f"{m.rate_percent:g}" if m and m.rate_percent is not None else "")
        self.rate.setPlaceholderText("30")
        self.rate_base = QLineEdit(m.rate_base or "" if m else "")
        self.rate_base.setPlaceholderText("项目审计核准金额的")
        self.rate_kind = QComboBox()
        for kind in RATE_KINDS:
            self.rate_kind.addItem(kind, kind)
        self.rate_kind.setCurrentIndex(max(0, self.rate_kind.findData(m.rate_kind or "" if m else "")))
        self.cap = QLineEdit(in_wan_yuan(m.cap_yuan).removesuffix("万元") if m and m.cap_yuan is not None else "")
        self.cap.setPlaceholderText(self.tr("in 10,000 yuan, e.g. 500"))
        self.one_off = QCheckBox()
        self.one_off.setChecked(bool(m and m.one_off))
        self.valid_from = QLineEdit(m.valid_from or "" if m else "")
        self.valid_to = QLineEdit(m.valid_to or "" if m else "")
        for edit in (self.valid_from, self.valid_to):
            edit.setPlaceholderText("2023-01-01")
        self.superseded_by = QComboBox()
        self.superseded_by.addItem(self.tr("(not superseded)"), None)
        for other in all_measures:
            if m is None or other.id != m.id:
                self.superseded_by.addItem(f"#{other.id} {label(other)}", other.id)
        if m and m.superseded_by:
            self.superseded_by.setCurrentIndex(max(0, self.superseded_by.findData(m.superseded_by)))
        # Measures this one already supersedes cannot supersede it in turn.
        self._supersedes = {o.id for o in all_measures if m is not None and o.superseded_by == m.id}
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.fields = {"item": self.item, "policy": self.policy, "policy_year": self.policy_year, "text": self.text,
                       "rate_percent": self.rate, "rate_base": self.rate_base, "rate_kind": self.rate_kind,
                       "cap_yuan": self.cap, "one_off": self.one_off, "valid_from": self.valid_from,
                       "valid_to": self.valid_to, "superseded_by": self.superseded_by}
        form = QFormLayout(self)
        for text, widget in ((self.tr("Support item"), self.item), (self.tr("Policy"), self.policy),
                             (self.tr("Policy year"), self.policy_year), (self.tr("Text"), self.text),
                             (self.tr("Rate (%)"), self.rate), (self.tr("Rate base"), self.rate_base),
                             (self.tr("Rate kind"), self.rate_kind), (self.tr("Cap (10,000 yuan)"), self.cap),
                             (self.tr("One-off"), self.one_off), (self.tr("Valid from"), self.valid_from),
                             (self.tr("Valid to"), self.valid_to), (self.tr("Superseded by"), self.superseded_by)):
            form.addRow(text, widget)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> dict:
        """The measure's fields as Library.add_measure/update_measure take them; MeasureInputError names
        the field that is wrong."""
        item, policy = self.item.text().strip(), self.policy.text().strip()
        if not item and not policy:
            raise MeasureInputError("item", self.tr("Give the support item or the policy."))
        rate = parse_percent(self.rate.text())
        cap = parse_cap(self.cap.text())
        valid_from = parse_date("valid_from", self.valid_from.text())
        valid_to = parse_date("valid_to", self.valid_to.text())
        if valid_from and valid_to and valid_to < valid_from:
            raise MeasureInputError("valid_to", self.tr("The measure cannot end before it starts."))
        superseded_by = self.superseded_by.currentData()
        if superseded_by is not None and superseded_by in self._supersedes:
            raise MeasureInputError("superseded_by",
                                    self.tr("This measure supersedes that one; it cannot also be superseded by it."))
        return {
            "item": item or None,
            "policy": policy or None,
            "policy_year": self.policy_year.value() or None,
            "text": self.text.toPlainText().strip(),
            "rate_percent": rate,
            "rate_base": self.rate_base.text().strip() or None,
            "rate_kind": self.rate_kind.currentData() or None,
            "cap_yuan": cap,
            "one_off": self.one_off.isChecked(),
            "valid_from": valid_from.isoformat() if valid_from else None,
            "valid_to": valid_to.isoformat() if valid_to else None,
            "superseded_by": superseded_by,
        }

    def accept(self) -> None:
        try:
            self.values()
        except MeasureInputError as exc:
            self.error.setText(str(exc))
            widget = self.fields.get(exc.field)
            if widget is not None:
                widget.setFocus()
            return
        self.error.clear()
        super().accept()
