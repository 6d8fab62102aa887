"""The measures table as a Qt model: rows are drawn on demand, so thousands of measures cost nothing."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP

HEADERS = [QT_TRANSLATE_NOOP("LibraryPanel", "Policy"), QT_TRANSLATE_NOOP("LibraryPanel", "Item"),
           QT_TRANSLATE_NOOP("LibraryPanel", "Rate"), QT_TRANSLATE_NOOP("LibraryPanel", "Cap"),
           QT_TRANSLATE_NOOP("LibraryPanel", "One-off"), QT_TRANSLATE_NOOP("LibraryPanel", "Valid from"),
           QT_TRANSLATE_NOOP("LibraryPanel", "Valid to"), QT_TRANSLATE_NOOP("LibraryPanel", "Superseded by")]
POLICY, ITEM, RATE, CAP, ONE_OFF, VALID_FROM, VALID_TO, SUPERSEDED_BY = range(len(HEADERS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 10      # numbers sort as numbers, blanks last
MEASURE_ROLE = Qt.ItemDataRole.UserRole + 11   # the Measure record of the row


def label(measure) -> str:
    """How one measure is named where there is room for one name only (e.g. "superseded by")."""
    return measure.item or measure.policy or f"#{measure.id}"


def in_wan_yuan(cap_yuan: int | float) -> str:
    """Caps are always written in 万元, as the policies write them: 5000000 → 500万元, 8000 → 0.8万元."""
    text = format((Decimal(str(cap_yuan)) / 10_000).normalize(), "f")
    return f"{text}万元"


def cells(m, names: dict[int, str] | None = None) -> list[str]:
    rate = f"{m.rate_kind or ''}{m.rate_base or ''}{m.rate_percent:g}%" if m.rate_percent is not None else ""
    policy = (f"{m.policy_year}年" if m.policy_year else "") + (f"《{m.policy}》" if m.policy else "")
    superseded = ""
    if m.superseded_by:
        superseded = (names or {}).get(m.superseded_by) or f"#{m.superseded_by}"
    return [policy, m.item or "", rate, in_wan_yuan(m.cap_yuan) if m.cap_yuan is not None else "",
            "✓" if m.one_off else "", m.valid_from or "", m.valid_to or "", superseded]


class MeasuresModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.measures: list = []
        self._names: dict[int, str] = {}

    def set_measures(self, measures: list) -> None:
        self.beginResetModel()
        self.measures = list(measures)
        self._names = {m.id: label(m) for m in self.measures}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.measures)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        measure = self.measures[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return cells(measure, self._names)[column]
        if role == SORT_ROLE:
            number = {RATE: measure.rate_percent, CAP: measure.cap_yuan}.get(column, 0)
            if column in (RATE, CAP):
                return float("inf") if number is None else float(number)
            return cells(measure, self._names)[column]
        if role == MEASURE_ROLE:
            return measure
        if role == Qt.ItemDataRole.ToolTipRole:
            return measure.text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (RATE, CAP):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("LibraryPanel", HEADERS[section])
        return None
