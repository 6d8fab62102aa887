"""The measures table as a Qt model: rows are drawn on demand, so thousands of measures cost nothing."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QT_TRANSLATE_NOOP, QCoreApplication

from dafu.filters import wan_yuan

HEADERS = [QT_TRANSLATE_NOOP("LibraryPanel", "Item"), QT_TRANSLATE_NOOP("LibraryPanel", "Policy"),
           QT_TRANSLATE_NOOP("LibraryPanel", "Rate"), QT_TRANSLATE_NOOP("LibraryPanel", "Cap"),
           QT_TRANSLATE_NOOP("LibraryPanel", "One-off"), QT_TRANSLATE_NOOP("LibraryPanel", "Valid from"),
           QT_TRANSLATE_NOOP("LibraryPanel", "Valid to"), QT_TRANSLATE_NOOP("LibraryPanel", "Superseded by")]


def cells(m) -> list[str]:
    rate = f"{m.rate_kind or ''}{m.rate_base or ''}{m.rate_percent:g}%" if m.rate_percent is not None else ""
    policy = (f"{m.policy_year}年" if m.policy_year else "") + (f"《{m.policy}》" if m.policy else "")
    return [m.item or "", policy, rate, wan_yuan(m.cap_yuan) if m.cap_yuan else "", "✓" if m.one_off else "",
            m.valid_from or "", m.valid_to or "", f"#{m.superseded_by}" if m.superseded_by else ""]


class MeasuresModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.measures: list = []

    def set_measures(self, measures: list) -> None:
        self.beginResetModel()
        self.measures = measures
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.measures)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        measure = self.measures[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells(measure)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return measure.text
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("LibraryPanel", HEADERS[section])
        return None
