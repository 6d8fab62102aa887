"""The template's values as a form: one field per value, in the clerk's words.

Fields that take a wheel (choices, the opening) change only once the clerk has clicked into them;
over an unfocused field the wheel scrolls the form, as in any long form. The date takes the forms
clerks type (dafu.filters.as_date) and has a calendar. Values a template still needs, or cannot
read, are marked red and named in words, never by template path.
"""
from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QCalendarWidget, QCheckBox, QComboBox, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QToolButton, QWidget)

from dafu.filters import as_date
from dafu.gui.paragraph_editor import ParagraphEditor

CHOICES = {"result_class": ["", "A", "B", "C"], "disclosure": ["", "主动公开", "依申请公开", "不予公开"],
           "contact_placement": ["note", "footer"], "consulted": ["", "是", "否"]}
LIST_FIELDS = {"cc", "title_lines"}
# Choices shown in the clerk's words, stored as the template's value.
CHOICE_WORDS = {"contact_placement": {"note": QT_TRANSLATE_NOOP("DraftPanel", "Under the date (附注)"),
                                      "footer": QT_TRANSLATE_NOOP("DraftPanel", "In the page footer")}}
# A yes/no value whose "not given" differs from "no" (the feedback form prints □是　□否 without it) is a
# choice of three; every other yes/no value of a template (seal …) is a checkbox.
TRISTATE = {"consulted": {"是": True, "否": False}}
# What a value that is left empty falls back to in the templates (shown greyed in the empty field).
DEFAULTS_FROM = {"printed_by": "issuing_body", "printed_on": "date"}
DEFAULT_TEXT = QT_TRANSLATE_NOOP("DraftPanel", "Empty: as the %1 (%2)")
FIELD_LABELS = {
    "meeting": QT_TRANSLATE_NOOP("DraftPanel", "Meeting"),
    "meeting_short": QT_TRANSLATE_NOOP("DraftPanel", "Meeting (short form)"),
    "suggestion_title": QT_TRANSLATE_NOOP("DraftPanel", "Suggestion title"),
    "proposal_title": QT_TRANSLATE_NOOP("DraftPanel", "Proposal title"),
    "number": QT_TRANSLATE_NOOP("DraftPanel", "Number"),
    "deputies": QT_TRANSLATE_NOOP("DraftPanel", "Deputies"),
    "members": QT_TRANSLATE_NOOP("DraftPanel", "Members"),
    "issuing_body": QT_TRANSLATE_NOOP("DraftPanel", "Issuing body"),
    "date": QT_TRANSLATE_NOOP("DraftPanel", "Date"),
    "contact_person": QT_TRANSLATE_NOOP("DraftPanel", "Contact person"),
    "contact_phone": QT_TRANSLATE_NOOP("DraftPanel", "Contact phone"),
    "doc_number": QT_TRANSLATE_NOOP("DraftPanel", "Document number"),
    "result_class": QT_TRANSLATE_NOOP("DraftPanel", "Result class"),
    "disclosure": QT_TRANSLATE_NOOP("DraftPanel", "Disclosure"),
    "signer": QT_TRANSLATE_NOOP("DraftPanel", "Signer"),
    "cc": QT_TRANSLATE_NOOP("DraftPanel", "CC"),
    "opening": QT_TRANSLATE_NOOP("DraftPanel", "Opening"),
    "thanks": QT_TRANSLATE_NOOP("DraftPanel", "Thanks"),
    "closing": QT_TRANSLATE_NOOP("DraftPanel", "Closing"),
    "thanks_closing": QT_TRANSLATE_NOOP("DraftPanel", "Closing thanks"),
    "reply_word": QT_TRANSLATE_NOOP("DraftPanel", "Reply word"),
    "salutation": QT_TRANSLATE_NOOP("DraftPanel", "Salutation"),
    "title_lines": QT_TRANSLATE_NOOP("DraftPanel", "Title lines"),
    "contact_placement": QT_TRANSLATE_NOOP("DraftPanel", "Contact line"),
    "lead_unit": QT_TRANSLATE_NOOP("DraftPanel", "Lead unit"),
    "subject": QT_TRANSLATE_NOOP("DraftPanel", "Subject"),
    "addressee": QT_TRANSLATE_NOOP("DraftPanel", "Addressee"),
    "consulted": QT_TRANSLATE_NOOP("DraftPanel", "Consulted"),
    "form_title": QT_TRANSLATE_NOOP("DraftPanel", "Form title"),
    "return_days": QT_TRANSLATE_NOOP("DraftPanel", "Return within days"),
    "seal": QT_TRANSLATE_NOOP("DraftPanel", "Seal"),
    "printed_by": QT_TRANSLATE_NOOP("DraftPanel", "Printed by"),
    "printed_on": QT_TRANSLATE_NOOP("DraftPanel", "Printed on"),
}
# The checkbox's own words, beside its label (a template's own yes/no values show "Yes").
CHECKBOX_TEXT = {"seal": QT_TRANSLATE_NOOP("DraftPanel", "Sealed layout (room for the seal)")}
YES = QT_TRANSLATE_NOOP("DraftPanel", "Yes")
TOOLTIPS = {
    "seal": QT_TRANSLATE_NOOP("DraftPanel", "GB/T 9704 §7.3.5.1: the date ends four characters from the right, the "
                                            "issuing body is centred over it, and two blank lines leave room for "
                                            "the seal"),
    "printed_by": QT_TRANSLATE_NOOP("DraftPanel", "The 印发机关 of the 版记 at the foot of the last page (printed "
                                                  "with 抄送); empty: the issuing body"),
    "printed_on": QT_TRANSLATE_NOOP("DraftPanel", "The 印发日期 of the 版记 (printed with 抄送); empty: the date"),
}
PROBLEM_BASE = QColor("#fde8e8")
PROBLEM_TEXT = "#b3261e"


def field_label(name: str) -> str:
    """A value's name in the clerk's words (translated)."""
    return QApplication.translate("DraftPanel", FIELD_LABELS.get(name, name))


def date_text(value) -> str:
    """A date as the clerk writes it: 2024年5月20日."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "" if value is None else str(value)


class WheelGuard(QObject):
    """Over a field the clerk has not clicked into, the wheel scrolls the form instead of changing it."""

    def __init__(self, scroll_area: QAbstractScrollArea, parent: QObject | None = None):
        super().__init__(parent)
        self.scroll_area = scroll_area

    def guard(self, widget: QWidget) -> None:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)   # not WheelFocus: the wheel never focuses it
        target = widget.viewport() if isinstance(widget, QAbstractScrollArea) else widget
        target.installEventFilter(self)
        target.setProperty("wheel_owner", widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Wheel:
            owner = watched.property("wheel_owner") or watched
            if not owner.hasFocus():
                QApplication.sendEvent(self.scroll_area.verticalScrollBar(), event)
                return True
        return False


class DateField(QWidget):
    """A date typed as clerks write it (2024年5月20日, 2024-5-20, 2024.5.20 …) or picked from a calendar."""

    edited = Signal(object)   # a date, or the text as typed while it is not one yet

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("e.g. 2024年5月20日 or 2024-5-20"))
        self.edit.textEdited.connect(self._typed)
        self.pick_button = QToolButton()
        self.pick_button.setArrowType(Qt.ArrowType.DownArrow)
        self.pick_button.setToolTip(self.tr("Choose the date on a calendar"))
        self.pick_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick_button.clicked.connect(self.show_calendar)
        self._calendar: QCalendarWidget | None = None   # made on first use: it costs start-up time
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick_button)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 (reads like the line edit's)
        self.edit.setText(text)

    def date(self) -> dt.date | None:
        try:
            return as_date(self.edit.text())
        except ValueError:
            return None

    @property
    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setGridVisible(True)
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            self._calendar = calendar
        return self._calendar

    def show_calendar(self) -> None:
        current = self.date() or dt.date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, qdate: QDate) -> None:
        date = dt.date(qdate.year(), qdate.month(), qdate.day())
        self.calendar.hide()
        self.edit.setText(date_text(date))
        self.edit.setFocus()
        self.edited.emit(date)

    def _typed(self, text: str) -> None:
        try:
            self.edited.emit(as_date(text))
        except ValueError:
            self.edited.emit(text.strip())


class ValueForm(QWidget):
    """One field per template value; ``value_edited(name, value)`` for each edit the clerk makes."""

    value_edited = Signal(str, object)

    def __init__(self, scroll_area: QScrollArea, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.wheel_guard = WheelGuard(scroll_area, self)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.required: set[str] = set()
        self.problems: dict[str, str] = {}
        self.types: dict = {}
        self._loading = False

    def build(self, names: list[str], required: set[str], types: dict | None = None) -> None:
        """One field per name; ``types`` (name -> the template's ValueType) picks the kind of field:
        a checkbox for yes/no, the date field for dates, a list for choices."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields, self.labels, self.required, self.problems = {}, {}, set(required), {}
        types = dict(types or {})
        self.types = types
        for name in names:
            kind = getattr(types.get(name), "kind", "text")
            label = QLabel(field_label(name) + (" *" if name in required else ""))
            if name in CHOICES or (kind == "choice" and name not in TRISTATE):
                widget = QComboBox()
                widget.setEditable(name not in ("contact_placement", *TRISTATE) and kind != "choice")
                words = CHOICE_WORDS.get(name, {})
                for choice in CHOICES.get(name) or ["", *types[name].choices]:
                    widget.addItem(QApplication.translate("DraftPanel", words[choice]) if choice in words else choice,
                                   choice)
                if words:   # shown in words, stored as the template's value (note / footer)
                    widget.currentIndexChanged.connect(lambda _i, n=name, w=widget: self._emit(n, w.currentData()))
                else:
                    widget.currentTextChanged.connect(lambda text, n=name: self._edited(n, text))
                self.wheel_guard.guard(widget)
            elif kind == "bool":
                widget = QCheckBox(QApplication.translate("DraftPanel", CHECKBOX_TEXT.get(name, YES)))
                widget.toggled.connect(lambda checked, n=name: self._emit(n, True if checked else None))
            elif name == "opening":
                # One paragraph: Enter does not break it (the reply would print a space there), a paste
                # of several lines is joined the Chinese way.
                widget = ParagraphEditor(splits=False)
                widget.setFixedHeight(80)
                widget.textChanged.connect(lambda n=name, w=widget: self._edited(n, w.toPlainText()))
                self.wheel_guard.guard(widget)
            elif name == "date" or kind == "date":
                widget = DateField()
                widget.edited.connect(lambda value, n=name: self._emit(n, value))
            else:
                widget = QLineEdit()
                widget.textEdited.connect(lambda text, n=name: self._edited(n, text))
            if name in TOOLTIPS:
                label.setToolTip(QApplication.translate("DraftPanel", TOOLTIPS[name]))
                widget.setToolTip(label.toolTip())
            widget.setObjectName(f"field_{name}")
            label.setBuddy(widget)
            self.fields[name] = widget
            self.labels[name] = label
            self.form.addRow(label, widget)

    # -- values in and out ---------------------------------------------------------------

    def set_values(self, values: dict) -> None:
        self._loading = True
        for name, widget in self.fields.items():
            text = self.as_text(name, values.get(name))
            if isinstance(widget, QCheckBox):
                if widget.isChecked() != (values.get(name) is True):
                    widget.setChecked(values.get(name) is True)
            elif isinstance(widget, QComboBox) and name in CHOICE_WORDS:
                index = max(widget.findData(values.get(name) or widget.itemData(0)), 0)
                if widget.currentIndex() != index:
                    widget.setCurrentIndex(index)
            elif isinstance(widget, QComboBox):
                if widget.currentText() != text:
                    widget.setCurrentText(text)
            elif isinstance(widget, (QPlainTextEdit, ParagraphEditor)):
                if widget.toPlainText() != text:
                    widget.setPlainText(text)
            elif isinstance(widget, DateField):
                if widget.date() != values.get(name) and widget.text() != text:
                    widget.setText(text)
            elif widget.text() != text and self.parse(name, widget.text()) != self._normal(values.get(name)):
                # (a field that already says it stays as typed: 抄送 with a 、 just typed after the last name)
                widget.setText(text)
            if name in DEFAULTS_FROM:
                self._show_default(name, values)
        self._loading = False

    @staticmethod
    def _normal(value):
        return None if value in ("", []) else value

    def _show_default(self, name: str, values: dict) -> None:
        """An empty 印发机关 / 印发日期 shows, greyed, what the reply will print there (the issuing body, the date)."""
        fallback = self.as_text(DEFAULTS_FROM[name], values.get(DEFAULTS_FROM[name]))
        widget = self.fields[name]
        edit = widget.edit if isinstance(widget, DateField) else widget
        edit.setPlaceholderText(QApplication.translate("DraftPanel", DEFAULT_TEXT).replace(
            "%1", field_label(DEFAULTS_FROM[name])).replace("%2", fallback) if fallback else "")

    @staticmethod
    def as_text(name: str, value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) and name in TRISTATE:
            return next(word for word, flag in TRISTATE[name].items() if flag is value)
        if isinstance(value, (list, tuple)):
            return "、".join(str(v) for v in value)
        if isinstance(value, dt.date):
            return date_text(value)
        return str(value)

    def _edited(self, name: str, text: str) -> None:
        self._emit(name, self.parse(name, text))

    @staticmethod
    def parse(name: str, text: str):
        """The value a field's text stands for."""
        value: object = text.strip()
        if name in LIST_FIELDS:
            value = [v.strip() for v in re.split(r"[、，,\n]", text) if v.strip()]
        elif name == "opening":
            value = "".join(line.strip() for line in text.splitlines())   # one paragraph, no ASCII spaces
        elif name in TRISTATE:
            value = TRISTATE[name].get(text.strip())
        return value if value not in ("", []) else None

    def _emit(self, name: str, value) -> None:
        if not self._loading:
            self.value_edited.emit(name, value if value not in ("", []) else None)

    # -- problems ------------------------------------------------------------------------

    def mark(self, problems: dict[str, str]) -> None:
        """Mark the fields a template still needs or cannot read; ``problems`` maps a name to what is wrong."""
        if problems == self.problems:
            return      # after every render: restyling every field would cost the GUI thread for nothing
        self.problems = dict(problems)
        for name, widget in self.fields.items():
            problem = problems.get(name)
            label = self.labels[name]
            label.setStyleSheet(f"color:{PROBLEM_TEXT}" if problem else "")
            label.setToolTip(problem or "")
            target = widget.edit if isinstance(widget, DateField) else widget
            target.setToolTip(problem or "")
            palette = target.palette()
            if problem:
                palette.setColor(QPalette.ColorRole.Base, PROBLEM_BASE)
            else:
                palette = QApplication.palette(target)
            target.setPalette(palette)
            target.setProperty("problem", bool(problem))
