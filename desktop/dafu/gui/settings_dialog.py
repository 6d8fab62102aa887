"""Settings: issuing body, default contact, library location, user template folder, language."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from dafu.gui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.edits = {name: QLineEdit(str(settings.get(name))) for name in
                      ("issuing_body", "contact_person", "contact_phone", "library_path", "templates_dir")}
        self.edits["library_path"].setPlaceholderText(str(settings.library_path()))
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))
        self.autosave = QSpinBox(minimum=1, maximum=60, suffix=" s")
        self.autosave.setValue(settings.get("autosave_seconds"))
        form = QFormLayout(self)
        labels = {"issuing_body": self.tr("Issuing body"), "contact_person": self.tr("Default contact person"),
                  "contact_phone": self.tr("Default contact phone"), "library_path": self.tr("Library file"),
                  "templates_dir": self.tr("User template folder")}
        for name, edit in self.edits.items():
            form.addRow(labels[name], edit)
        form.addRow(self.tr("Language (after restart)"), self.language)
        form.addRow(self.tr("Autosave every"), self.autosave)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        for name, edit in self.edits.items():
            self.settings.set(name, edit.text().strip())
        self.settings.set("language", self.language.currentData())
        self.settings.set("autosave_seconds", self.autosave.value())
        super().accept()
