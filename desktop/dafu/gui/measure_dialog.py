"""Add or edit a policy measure: figures, validity and what superseded it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget)


class MeasureInputError(ValueError):
    """What the clerk typed cannot be a measure; the message says which field."""


class MeasureDialog(QDialog):
    def __init__(self, measure, all_measures: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit measure") if measure else self.tr("Add measure"))
        self.item = QLineEdit(measure.item or "" if measure else "")
        self.policy = QLineEdit(measure.policy or "" if measure else "")
        self.policy_year = QSpinBox(minimum=0, maximum=2100, specialValueText=" ")
        self.policy_year.setValue(measure.policy_year or 0 if measure else 0)
        self.text = QPlainTextEdit(measure.text if measure else "")
        self.rate = QDoubleSpinBox(minimum=-1, maximum=100, decimals=2, specialValueText=" ", suffix=" %")
        self.rate.setValue(measure.rate_percent if measure and measure.rate_percent is not None else -1)
        self.rate_base = QLineEdit(measure.rate_base or "" if measure else "")
        self.rate_kind = QComboBox()
        for kind in ("", "不超过", "不低于", "按"):
            self.rate_kind.addItem(kind, kind)
        self.rate_kind.setCurrentIndex(max(0, self.rate_kind.findData(measure.rate_kind or "" if measure else "")))
        self.cap = QDoubleSpinBox(minimum=-1, maximum=1_000_000, decimals=2, specialValueText=" ")
        self.cap.setSuffix(self.tr(" ten-thousand yuan"))
        self.cap.setValue(measure.cap_yuan / 10_000 if measure and measure.cap_yuan is not None else -1)
        self.one_off = QCheckBox()
        self.one_off.setChecked(bool(measure and measure.one_off))
        self.valid_from = QLineEdit(measure.valid_from or "" if measure else "")
        self.valid_to = QLineEdit(measure.valid_to or "" if measure else "")
        for edit in (self.valid_from, self.valid_to):
            edit.setPlaceholderText("2023-01-01")
        self.superseded_by = QComboBox()
        self.superseded_by.addItem(self.tr("(not superseded)"), None)
        for other in all_measures:
            if measure is None or other.id != measure.id:
                self.superseded_by.addItem(f"#{other.id} {other.item or other.policy or ''}", other.id)
        if measure and measure.superseded_by:
            self.superseded_by.setCurrentIndex(max(0, self.superseded_by.findData(measure.superseded_by)))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        for label, widget in ((self.tr("Support item"), self.item), (self.tr("Policy"), self.policy),
                              (self.tr("Policy year"), self.policy_year), (self.tr("Text"), self.text),
                              (self.tr("Rate"), self.rate), (self.tr("Rate base"), self.rate_base),
                              (self.tr("Rate kind"), self.rate_kind), (self.tr("Cap"), self.cap),
                              (self.tr("One-off"), self.one_off), (self.tr("Valid from"), self.valid_from),
                              (self.tr("Valid to"), self.valid_to), (self.tr("Superseded by"), self.superseded_by)):
            form.addRow(label, widget)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> dict:
        """The measure's fields; MeasureInputError names the field that is wrong."""
        if not self.item.text().strip() and not self.policy.text().strip():
            raise MeasureInputError(self.tr("Give the support item or the policy."))
        dates = {}
        for name, edit in (("valid_from", self.valid_from), ("valid_to", self.valid_to)):
            text = edit.text().strip()
            if text:
                try:
                    dates[name] = dt.date.fromisoformat(text)
                except ValueError:
                    raise MeasureInputError(self.tr("Write dates as 2023-01-01: %s") % text) from None
            else:
                dates[name] = None
        if dates["valid_from"] and dates["valid_to"] and dates["valid_to"] < dates["valid_from"]:
            raise MeasureInputError(self.tr("The measure cannot end before it starts."))
        return {
            "item": self.item.text().strip() or None,
            "policy": self.policy.text().strip() or None,
            "policy_year": self.policy_year.value() or None,
            "text": self.text.toPlainText().strip(),
            "rate_percent": self.rate.value() if self.rate.value() >= 0 else None,
            "rate_base": self.rate_base.text().strip() or None,
            "rate_kind": self.rate_kind.currentData() or None,
            "cap_yuan": round(self.cap.value() * 10_000) if self.cap.value() >= 0 else None,
            "one_off": self.one_off.isChecked(),
            "valid_from": dates["valid_from"].isoformat() if dates["valid_from"] else None,
            "valid_to": dates["valid_to"].isoformat() if dates["valid_to"] else None,
            "superseded_by": self.superseded_by.currentData(),
        }

    def accept(self) -> None:
        try:
            self.values()
        except MeasureInputError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
