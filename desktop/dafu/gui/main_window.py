"""The main window: library | draft | preview side by side, menus, shortcuts, drafts kept safe."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QSplitter, QWidget

from dafu.draft import Draft
from dafu.errors import DafuError
from dafu.gui.draft_panel import DraftPanel
from dafu.gui.library_panel import LibraryPanel
from dafu.gui.preview import PreviewPanel
from dafu.gui.settings import Settings
from dafu.gui.workers import CallWorker


class MainWindow(QMainWindow):
    exported = Signal(str)          # path of a finished export
    export_failed = Signal(str)

    def __init__(self, settings: Settings, *, draft_file: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        from dafu.library import Library
        from dafu.templates import TemplateSet

        self.settings = settings
        self.library_path = settings.library_path()
        self.library = Library(self.library_path)
        self.templates = TemplateSet(user_dir=settings.templates_dir())
        self.draft_id: int | None = None
        self.file_path: Path | None = None
        self.dirty = False
        self._workers: list = []

        self.library_panel = LibraryPanel(self.library_path)
        self.draft_panel = DraftPanel(self.templates)
        self.preview = PreviewPanel(self.templates)
        self.preview.set_library_path(self.library_path)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for panel in (self.library_panel, self.draft_panel, self.preview):
            self.splitter.addWidget(panel)
        self.splitter.setSizes([380, 480, 560])
        self.setCentralWidget(self.splitter)
        self.resize(1440, 900)

        self.library_panel.paragraph_chosen.connect(self.draft_panel.insert_library_paragraph)
        self.library_panel.status.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.library_panel.measures_changed.connect(lambda: self.preview.schedule(self.draft_panel.draft))
        self.draft_panel.changed.connect(self._draft_changed)
        self.draft_panel.undo_stack.cleanChanged.connect(lambda _: self._update_title())
        self.preview.finding_activated.connect(self._jump_to)
        self.preview.fix_requested.connect(self.apply_fix)

        self._build_actions()
        self._autosave_timer = QTimer(self, interval=max(1, settings.get("autosave_seconds")) * 1000)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._restore_layout()
        self._open_initial(draft_file)
        self.statusBar().showMessage(self.library.notice or self.tr("Library: %s") % self.library_path)

    # -- actions and menus --------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&New draft"), self.new_draft, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open draft file…"), self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("Recent drafts"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, self.tr("&Save"), self.save, QKeySequence.StandardKey.Save)
        self._action(file_menu, self.tr("Save draft file &as…"), self.save_as, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Export .docx…"), self.export_dialog, "Ctrl+E")
        self._action(file_menu, self.tr("Export feedback &form…"), lambda: self.export_dialog("feedback_form"))
        self._action(file_menu, self.tr("&Import old replies…"), self.import_dialog, "Ctrl+I")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo = self.draft_panel.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.draft_panel.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        for action in (undo, redo):
            edit_menu.addAction(action)
            self.addAction(action)
        edit_menu.addSeparator()
        self._action(edit_menu, self.tr("&Find in library"), self.library_panel.focus_search, QKeySequence.StandardKey.Find)
        self._action(edit_menu, self.tr("Insert chosen library paragraph"), self.library_panel.choose_current,
                     "Ctrl+Return")
        self._action(edit_menu, self.tr("New &paragraph"), lambda: self.draft_panel.add_paragraph(""), "Ctrl+Shift+P")
        self._action(edit_menu, self.tr("New &heading"), lambda: self.draft_panel.add_section(sub=False), "Ctrl+Shift+H")
        self._action(edit_menu, self.tr("Edit selected"), self.draft_panel.edit_current, "F2")
        self._action(edit_menu, self.tr("Move up"), lambda: self.draft_panel.move_selected(-1), "Alt+Up")
        self._action(edit_menu, self.tr("Move down"), lambda: self.draft_panel.move_selected(1), "Alt+Down")
        remove = self._action(edit_menu, self.tr("Remove selected"), self.draft_panel.remove_selected)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.draft_panel.tree.addAction(remove)

        tools = bar.addMenu(self.tr("&Tools"))
        self._action(tools, self.tr("&Check now"), self.preview.update_now, "F7")
        self._action(tools, self.tr("&Settings…"), self.settings_dialog, "Ctrl+,")
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Dafu"), self.about)

    # -- drafts ---------------------------------------------------------------

    def _open_initial(self, draft_file: Path | None) -> None:
        if draft_file is not None:
            try:
                self.open_path(draft_file)
                return
            except DafuError as exc:
                self.show_error(exc)
        # Recovery: the draft being worked on last time is in the library, whatever happened to the process.
        draft_id = self.settings.get("current_draft_id")
        if draft_id:
            try:
                from dafu.draftio import loads

                self._set_draft(loads(self.library.load_draft(draft_id)), draft_id=draft_id)
                if not self.settings.get("clean_exit"):
                    self.statusBar().showMessage(self.tr("Recovered the draft from the last session"), 10000)
                return
            except DafuError:
                pass
        self.new_draft()

    def _set_draft(self, draft: Draft, *, draft_id: int | None, file_path: Path | None = None) -> None:
        self.draft_id = draft_id
        self.file_path = file_path
        self.draft_panel.set_draft(draft)
        self.dirty = False
        self.settings.set("current_draft_id", draft_id or 0)
        self.settings.set("clean_exit", False)
        self._update_title()
        self.preview.update_now()

    def confirm_leave(self) -> bool:
        """Before the draft is closed or replaced. Whatever the answer nothing is lost: the library keeps
        the draft (File → Recent drafts); only a draft tied to a file asks whether to write that file too."""
        self.autosave()
        if self.file_path is None or self.draft_panel.undo_stack.isClean():
            return True
        answer = self.ask_unsaved()
        if answer == "save":
            self._write_file(self.file_path)
            return self.draft_panel.undo_stack.isClean()  # a failed write keeps the draft open
        return answer == "discard"

    def ask_unsaved(self) -> str:
        """'save', 'discard' or 'cancel'."""
        if os.environ.get("DAFU_NO_DIALOGS"):
            return "discard"
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("Save the changes to %s?") % self.file_path.name,
                          buttons.Save | buttons.Discard | buttons.Cancel, self)
        box.setInformativeText(self.tr("Either way the draft stays in the library under File → Recent drafts."))
        box.setDefaultButton(buttons.Save)
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(buttons(box.exec()), "cancel")

    def new_draft(self) -> None:
        if not self.confirm_leave():
            return
        values = {"date": dt.date.today()}
        for name in ("issuing_body", "contact_person", "contact_phone"):
            if self.settings.get(name):
                values[name] = self.settings.get(name)
        draft = Draft("suggestion_reply", values, intro=[], sections=[])
        self.autosave()
        self._set_draft(draft, draft_id=None)
        self.dirty = True
        self.autosave()

    def open_file(self) -> None:
        if not self.confirm_leave():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open draft"), "", self.tr("Dafu drafts (*.dafu);;All files (*)"))
        if path:
            try:
                self.open_path(Path(path))
            except DafuError as exc:
                self.show_error(exc)

    def open_path(self, path: Path) -> None:
        from dafu.draftio import read_draft

        draft = read_draft(path)
        self.autosave()
        self._set_draft(draft, draft_id=None, file_path=path)
        self.dirty = True
        self.autosave()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        untitled = self.tr("(untitled)")  # outside the f-string, where lupdate can see it
        for info in self.library.list_drafts()[:12]:
            action = self.recent_menu.addAction(f"{info.name or untitled}  {info.updated_at}")
            action.triggered.connect(lambda _=False, i=info.id: self.open_recent(i))

    def open_recent(self, draft_id: int) -> None:
        from dafu.draftio import loads

        if not self.confirm_leave():
            return
        try:
            self._set_draft(loads(self.library.load_draft(draft_id)), draft_id=draft_id)
        except DafuError as exc:
            self.show_error(exc)

    def draft_name(self) -> str:
        values = self.draft_panel.draft.values
        return str(values.get("number") or values.get("suggestion_title") or values.get("subject") or "")

    def autosave(self) -> None:
        """Keep the draft in the library (survives a crash or a kill), only when it changed."""
        if not self.dirty:
            return
        from dafu.draftio import dumps

        try:
            self.draft_id = self.library.save_draft(dumps(self.draft_panel.draft), draft_id=self.draft_id,
                                                    name=self.draft_name())
            self.settings.set("current_draft_id", self.draft_id)
            self.dirty = False
        except DafuError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def save(self) -> None:
        if self.file_path is None:
            self.save_as()
            return
        self._write_file(self.file_path)

    def save_as(self) -> None:
        suggested = str(self.file_path or Path.home() / f"{self.draft_name() or 'draft'}.dafu")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save draft as"), suggested, self.tr("Dafu drafts (*.dafu)"))
        if path:
            self._write_file(Path(path) if path.endswith(".dafu") else Path(path + ".dafu"))

    def _write_file(self, path: Path) -> None:
        from dafu.draftio import save_draft

        try:
            save_draft(self.draft_panel.draft, path)
        except DafuError as exc:
            self.show_error(exc)
            return
        self.file_path = path
        self.draft_panel.undo_stack.setClean()
        self.autosave()
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved %s") % path, 5000)

    def _draft_changed(self) -> None:
        self.dirty = True
        self.preview.schedule(self.draft_panel.draft)
        self._update_title()

    def _update_title(self) -> None:
        name = self.file_path.name if self.file_path else (self.draft_name() or self.tr("New reply"))
        # "*" only for changes not yet in the draft's file: a draft without a file is kept by autosave.
        modified = " *" if self.file_path and not self.draft_panel.undo_stack.isClean() else ""
        self.setWindowTitle(f"{name}{modified} — Dafu 答复")

    # -- findings ---------------------------------------------------------------

    def _jump_to(self, finding, key) -> None:
        if key and key[0] in ("paragraph", "section"):
            self.draft_panel.select_key(key)
            if key[0] == "paragraph":
                editor = self.draft_panel.editor
                text = editor.toPlainText()
                at = text.find(finding.text) if finding.text else -1
                if at >= 0:
                    cursor = editor.textCursor()
                    cursor.setPosition(at)
                    cursor.setPosition(at + len(finding.text), cursor.MoveMode.KeepAnchor)
                    editor.setTextCursor(cursor)
        elif key and key[0] == "value":
            widget = self.draft_panel.field(key[1])
            if widget:
                widget.setFocus()

    def apply_fix(self, finding, key) -> None:
        """Apply one finding's replacement to the draft text it came from, as one undoable edit."""
        if key is None or finding.replacement is None:
            self.statusBar().showMessage(self.tr("This finding cannot be fixed automatically here"), 5000)
            return
        panel = self.draft_panel
        if key[0] == "paragraph":
            paragraph = panel.draft.paragraphs_at(key[1])[key[2]]
            if finding.text not in paragraph.text:
                return
            panel.select_key(key)
            panel.editor.setPlainText(paragraph.text.replace(finding.text, finding.replacement, 1))
        elif key[0] == "value":
            value = str(panel.draft.values.get(key[1], ""))
            if finding.text in value:
                panel.set_value(key[1], value.replace(finding.text, finding.replacement, 1))
        self.preview.update_now()

    # -- export ---------------------------------------------------------------

    def default_export_name(self, template: str | None = None) -> str:
        number = self.draft_name() or "reply"
        return f"{number}{'征询意见表' if template == 'feedback_form' else '答复'}.docx"

    def export_dialog(self, template: str | None = None) -> None:
        folder = self.file_path.parent if self.file_path else Path.home()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export official reply"),
                                              str(folder / self.default_export_name(template)),
                                              self.tr("Word documents (*.docx)"))
        if path:
            self.export_to(Path(path) if path.lower().endswith(".docx") else Path(path + ".docx"), template)

    def export_to(self, path: Path, template: str | None = None) -> CallWorker:
        """Write the .docx off the GUI thread; the old file is replaced only whole."""
        from dafu.render import render

        draft = self.draft_panel.draft.copy()
        templates = self.templates
        worker = CallWorker(lambda: render(draft, path, template=template, templates=templates), self)
        worker.succeeded.connect(lambda written: self._exported(Path(written)))
        worker.failed.connect(self._export_failed)
        worker.finished.connect(lambda: self._workers.remove(worker))
        self._workers.append(worker)
        self.statusBar().showMessage(self.tr("Exporting…"))
        worker.start()
        return worker

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Exported %s") % path, 10000)
        self.exported.emit(str(path))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Exported"), self.tr("Saved %s") % path,
                          QMessageBox.StandardButton.Ok, self)
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.buttonClicked.connect(lambda button: button is open_folder and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path.parent))))
        box.open()
        self._export_box = box

    def _export_failed(self, message: str) -> None:
        self.export_failed.emit(message)
        self.show_error(message)

    # -- import, settings, about ----------------------------------------------------------

    def import_dialog(self, folder: Path | None = None):
        from dafu.gui.import_dialog import ImportDialog

        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder of old replies"))
            if not chosen:
                return None
            folder = Path(chosen)
        dialog = ImportDialog(self.library_path, [folder], self)
        dialog.import_finished.connect(lambda *_: (self.library_panel.refresh_filters(),
                                                   self.library_panel.refresh_measures()))
        dialog.open()
        dialog.start()
        self._import_dialog = dialog
        return dialog

    def settings_dialog(self) -> None:
        from dafu.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.accepted.connect(self._settings_changed)
        dialog.open()
        self._settings_dialog = dialog

    def _settings_changed(self) -> None:
        path = self.settings.library_path()
        if path != self.library_path:
            from dafu.library import Library

            self.autosave()
            self.library.close()
            self.library_path = path
            self.library = Library(path)
            self.library_panel.set_library_path(path)
            self.preview.set_library_path(path)
            self.draft_id = None
            self.dirty = True
            self.autosave()

    def about(self) -> None:
        import dafu

        QMessageBox.about(self, self.tr("About Dafu"),
                          self.tr("Dafu %s — draft, check and export official replies.") % dafu.__version__)

    def show_error(self, error) -> None:
        """The one place the clerk is told something went wrong."""
        QMessageBox.warning(self, self.tr("Dafu"), str(error))

    # -- layout and closing -----------------------------------------------------------

    def _restore_layout(self) -> None:
        q = self.settings.qsettings
        geometry, state, split = q.value("window/geometry"), q.value("window/state"), q.value("window/splitter")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if isinstance(split, QByteArray):
            self.splitter.restoreState(split)

    def _save_layout(self) -> None:
        q = self.settings.qsettings
        q.setValue("window/geometry", self.saveGeometry())
        q.setValue("window/state", self.saveState())
        q.setValue("window/splitter", self.splitter.saveState())
        q.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        if not getattr(self, "_shut", False) and not self.confirm_leave():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Save everything and stop the workers: used on close, SIGTERM and logout alike."""
        if getattr(self, "_shut", False):
            return
        self._shut = True
        self._autosave_timer.stop()
        self.draft_panel.undo_stack.blockSignals(True)  # its widgets go away from here on
        self.autosave()
        self._save_layout()
        self.settings.set("clean_exit", True)
        self.library_panel.shutdown()
        self.preview.shutdown()
        for worker in list(self._workers):
            worker.wait(10_000)
        self.library.close()
