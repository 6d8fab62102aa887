"""Measures a library pack holds with other figures or validity than this library: the clerk decides each.

One box per measure (policy · item), the fields that differ with this library's value (本机) beside
the pack's (资料包), and a choice: keep mine or take the pack's; "all mine" / "all the pack's" set
every choice at once. Nothing is written here: the merge runs afterwards with ``resolutions()``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QRadioButton, QScrollArea, QVBoxLayout, QWidget)

from dafu.gui.measures_model import in_wan_yuan

MINE, PACK = "mine", "pack"
DIFFERENT = "color:#b3261e"


def key_label(key: str | None) -> str:
    """A measure key (policy|item, manual|policy|item|time, text|clause) in words."""
    if not key:
        return ""
    parts = key.split("|")
    if parts[0] == "manual":
        parts = parts[1:3]
    elif parts[0] == "text":
        parts = parts[1:]
    return " · ".join(p for p in parts if p) or key


class ConflictDialog(QDialog):
    """``conflicts`` are the core's MeasureConflict records (key, label, mine, pack, differences)."""

    def __init__(self, conflicts: list, pack_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Measures that differ"))
        self.setObjectName("conflict_dialog")
        self.resize(760, 560)
        self.conflicts = list(conflicts)
        self.choices: dict[str, QButtonGroup] = {}
        intro = QLabel(self.tr("%n measure(s) in the pack %1 have other figures or validity than in this library. "
                               "Choose for each which to keep; the merge then brings in everything else.",
                               "", len(self.conflicts)).replace("%1", pack_name))
        intro.setWordWrap(True)
        boxes = QWidget()
        box_layout = QVBoxLayout(boxes)
        for conflict in self.conflicts:
            box_layout.addWidget(self._box(conflict))
        box_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(boxes)
        self.all_mine_button = QPushButton(self.tr("Keep all of mine"))
        self.all_pack_button = QPushButton(self.tr("Take all from the pack"))
        self.all_mine_button.clicked.connect(lambda: self.choose_all(MINE))
        self.all_pack_button.clicked.connect(lambda: self.choose_all(PACK))
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.all_mine_button, self.all_pack_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)

    def field_names(self) -> dict[str, str]:
        return {"policy": self.tr("Policy"), "policy_year": self.tr("Policy year"), "item": self.tr("Support item"),
                "text": self.tr("Text"), "rate_percent": self.tr("Rate"), "rate_base": self.tr("Rate base"),
                "rate_kind": self.tr("Rate kind"), "cap_yuan": self.tr("Cap"), "one_off": self.tr("One-off"),
                "valid_from": self.tr("Valid from"), "valid_to": self.tr("Valid to"),
                "superseded_by": self.tr("Superseded by")}

    def value_text(self, name: str, value) -> str:
        if value is None or value == "":
            return self.tr("(none)")
        if name == "cap_yuan":
            return in_wan_yuan(value)
        if name == "rate_percent":
            return f"{float(value):g}%"
        if name == "one_off":
            return self.tr("Yes") if value else self.tr("No")
        if name == "superseded_by":
            return key_label(value)
        return str(value)

    def _box(self, conflict) -> QGroupBox:
        box = QGroupBox(conflict.label)
        box.setObjectName("conflict")
        box.setProperty("key", conflict.key)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, text in ((1, self.tr("This library")), (2, self.tr("The pack"))):
            header = QLabel(f"<b>{text}</b>")
            grid.addWidget(header, 0, column)
        names = self.field_names()
        for row, name in enumerate(conflict.differences, 1):
            grid.addWidget(QLabel(names.get(name, name)), row, 0, Qt.AlignmentFlag.AlignTop)
            for column, side in ((1, conflict.mine), (2, conflict.pack)):
                value = QLabel(self.value_text(name, side.get(name)))
                value.setWordWrap(True)
                value.setTextFormat(Qt.TextFormat.PlainText)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setStyleSheet(DIFFERENT)
                value.setObjectName(f"{name}_{'mine' if column == 1 else 'pack'}")
                grid.addWidget(value, row, column, Qt.AlignmentFlag.AlignTop)
        mine = QRadioButton(self.tr("Keep mine"))
        pack = QRadioButton(self.tr("Take the pack's"))
        mine.setChecked(True)          # nothing changes unless the clerk says so, as on the command line
        group = QButtonGroup(box)
        group.addButton(mine)
        group.addButton(pack)
        mine.setProperty("choice", MINE)
        pack.setProperty("choice", PACK)
        choice = QHBoxLayout()
        choice.addWidget(mine)
        choice.addWidget(pack)
        choice.addStretch(1)
        grid.addLayout(choice, len(conflict.differences) + 1, 0, 1, 3)
        self.choices[conflict.key] = group
        return box

    def choose_all(self, side: str) -> None:
        for group in self.choices.values():
            next(b for b in group.buttons() if b.property("choice") == side).setChecked(True)

    def box(self, key: str) -> QGroupBox:
        return next(b for b in self.findChildren(QGroupBox, "conflict") if b.property("key") == key)

    def resolutions(self) -> dict[str, str]:
        """{measure key: "mine" | "pack"} as chosen."""
        return {key: group.checkedButton().property("choice") for key, group in self.choices.items()}
