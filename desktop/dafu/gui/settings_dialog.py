"""Settings: issuing body, default contact, library location, user template folder, language."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QSpinBox, QWidget)

from dafu.gui import dialogs
from dafu.gui.settings import Settings

FIELD_MIN_WIDTH = 420


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settings_dialog")
        self.edits = {name: QLineEdit(str(settings.get(name))) for name in
                      ("issuing_body", "contact_person", "contact_phone", "library_path", "templates_dir")}
        for edit in self.edits.values():
            edit.setMinimumWidth(FIELD_MIN_WIDTH)
        self.edits["library_path"].setPlaceholderText(str(settings.library_path()))
        self.edits["templates_dir"].setPlaceholderText(self.tr("(the user template folder in the data folder)"))
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))
        self.autosave = QSpinBox(minimum=1, maximum=60, suffix=" s")
        self.autosave.setValue(settings.get("autosave_seconds"))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels = {"issuing_body": self.tr("Issuing body"), "contact_person": self.tr("Default contact person"),
                  "contact_phone": self.tr("Default contact phone"), "library_path": self.tr("Library file"),
                  "templates_dir": self.tr("User template folder")}
        self.browse_buttons = {}
        for name, edit in self.edits.items():
            if name in ("library_path", "templates_dir"):
                row = QHBoxLayout()
                row.addWidget(edit, 1)
                button = QPushButton(self.tr("Browse…"))
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, n=name: self.browse(n))
                self.browse_buttons[name] = button
                row.addWidget(button)
                form.addRow(labels[name], row)
            else:
                form.addRow(labels[name], edit)
        form.addRow(self.tr("Language (after restart)"), self.language)
        form.addRow(self.tr("Autosave every"), self.autosave)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def browse(self, name: str) -> None:
        edit = self.edits[name]
        start = edit.text() or edit.placeholderText()
        if name == "library_path":
            path = dialogs.save_file(self, self.tr("Library file"), start,
                                     self.tr("Dafu library (*.sqlite);;All files (*)"),
                                     options=QFileDialog.Option.DontConfirmOverwrite)
        else:
            path = dialogs.folder(self, self.tr("User template folder"), start if Path(start).is_dir() else str(Path.home()))
        if path:
            edit.setText(path)

    def accept(self) -> None:
        for name, edit in self.edits.items():
            self.settings.set(name, edit.text().strip())
        self.settings.set("language", self.language.currentData())
        self.settings.set("autosave_seconds", self.autosave.value())
        super().accept()
