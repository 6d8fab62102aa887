"""The main window: library | draft | preview side by side, menus, shortcuts, drafts kept safe."""
from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter,
                               QWidget)

from dafu import paths
from dafu.draft import Draft, body_text, replace_span, text_at
from dafu.errors import DafuError
from dafu.gui import commands as cmd
from dafu.gui import dialogs
from dafu.gui.assembly import assemble_for_preview
from dafu.gui.draft_panel import DraftPanel
from dafu.gui.library_panel import LibraryPanel
from dafu.gui.preview import PreviewPanel
from dafu.gui.settings import Settings
from dafu.gui.shortcuts import WindowShortcutRouter
from dafu.gui.value_form import field_label
from dafu.gui.workers import CallWorker
from dafu.library.engines import location_name

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    exported = Signal(str)          # path of a finished export
    export_failed = Signal(str)

    def __init__(self, settings: Settings, *, draft_file: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        from dafu.templates import TemplateSet

        self.settings = settings
        self.library_path = settings.library_path()
        self.library = self._open_library()
        self.templates = TemplateSet(user_dir=settings.templates_dir())
        self.draft_id: int | None = None
        self.file_path: Path | None = None
        self.dirty = False
        self._workers: list = []
        self._accepted_errors: set = set()   # open errors the clerk chose to export with, this draft

        self.library_panel = LibraryPanel(self.library_path)
        self.draft_panel = DraftPanel(self.templates)
        self.preview = PreviewPanel(self.templates)
        self.preview.set_library_path(self.library_path)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for panel in (self.library_panel, self.draft_panel, self.preview):
            self.splitter.addWidget(panel)
        self.splitter.setSizes([380, 480, 560])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.resize(1440, 900)
        self.library_label = QLabel()
        self.library_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.library_label)
        self._show_library_label()

        self.library_panel.paragraph_chosen.connect(self.draft_panel.insert_library_paragraph)
        self.library_panel.status.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.library_panel.library_notice.connect(self._show_library_notice)
        self.library_panel.measures_changed.connect(lambda: self.preview.schedule(self.draft_panel.draft))
        self.library_panel.import_requested.connect(lambda: self.import_dialog())
        self.library_panel.sample_requested.connect(self.add_sample)
        self.library_panel.tag_requested.connect(self.tag_paragraph)
        self.draft_panel.changed.connect(self._draft_changed)
        self.draft_panel.status.connect(lambda m: self.statusBar().showMessage(m, 8000))
        self.draft_panel.text_focused.connect(self.preview.follow)
        self.draft_panel.paragraph_selected.connect(lambda key: key and key[0] == "paragraph" and self.preview.follow(key))
        self.draft_panel.undo_stack.cleanChanged.connect(lambda _: self._update_title())
        self.preview.finding_activated.connect(self._jump_to)
        self.preview.fix_requested.connect(self.apply_fix)
        self.preview.problems_changed.connect(self.draft_panel.mark_problems)

        self._build_actions()
        self.shortcut_router = WindowShortcutRouter(self, self.draft_panel)
        self._autosave_timer = QTimer(self, interval=max(1, settings.get("autosave_seconds")) * 1000)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._restore_layout()
        self._starting = True
        self._open_initial(draft_file)
        self._starting = False
        # The first preview waits for the window's first paint: laying out the title loads the word
        # segmenter (~100 ms, holding the GIL), which a worker does first; the clerk can type meanwhile.
        self.preview.hold()
        self.menuBar().installEventFilter(self)
        self.preview.checked.connect(self._settled)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.menuBar() and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._warm_up)
        return False

    def _warm_up(self) -> None:
        """After the first paint: load the word segmenter on a worker, then lay the preview out."""
        if getattr(self, "_shut", False):    # closed before its first paint was handled: no thread to outlive it
            return
        from dafu.titles import words

        worker = CallWorker(lambda: words("预热"), self)
        worker.finished.connect(lambda: (self._workers.remove(worker),
                                         getattr(self, "_shut", False) or self.preview.release()))
        self._workers.append(worker)
        worker.start()

    def _settled(self) -> None:
        """Start-up is over (window painted, reply laid out and checked): what exists now lives as long as the
        app — modules, compiled templates, the widgets' wrappers. It is moved out of the garbage collector's
        sight, so a full collection no longer walks it all while the clerk types (measured: 23 ms holding the
        GUI thread on a quiet machine, a slice of 60 ms and more under load)."""
        self.preview.checked.disconnect(self._settled)
        if not getattr(self, "_shut", False):
            gc.collect()
            gc.freeze()

    def _open_library(self):
        """The library the settings name; the default one is seeded from the bundled sample on first start,
        as the command line does, so a clerk's first look is not an empty pane."""
        from dafu.library import Library

        if not self.settings.get("library_path"):
            return Library()
        return Library(self.library_path)

    def _show_library_label(self) -> None:
        self._show_library_notice(self.library.notice)

    def _show_library_notice(self, notice: str | None) -> None:
        """A server library that cannot be reached says so here in one line (its local snapshot answers);
        the library's name comes back when the server does."""
        self.library_label.setText(notice or self.tr("Library: %s") % location_name(self.library_path))
        self.library_label.setToolTip(str(self.library_path) if isinstance(self.library_path, Path)
                                      else location_name(self.library_path))

    # -- actions and menus --------------------------------------------------------------

    def _action(self, menu, name: str, text: str, slot, shortcut=None) -> QAction:
        """One action: a menu entry with its shortcut. ``slot`` is called with no arguments — never with
        triggered(bool)'s ``checked``, which once landed in import_dialog's ``folder``."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, "new_draft", self.tr("&New draft"), self.new_draft, QKeySequence.StandardKey.New)
        self._action(file_menu, "open_draft", self.tr("&Open draft file…"), self.open_file,
                     QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu(self.tr("Recent drafts"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "save", self.tr("&Save"), self.save, QKeySequence.StandardKey.Save)
        self._action(file_menu, "save_as", self.tr("Save draft file &as…"), self.save_as, "Ctrl+Shift+S")
        file_menu.addSeparator()
        # The export entries take the format and layout as arguments, so a PDF or a sealed layout is one
        # more entry here, not another code path.
        self._action(file_menu, "export_docx", self.tr("&Export .docx…"), self.export_dialog, "Ctrl+E")
        self.pdf_action = self._action(file_menu, "export_pdf", self.tr("Export &PDF for publication…"),
                                       lambda: self.export_dialog(pdf=True))
        self._action(file_menu, "export_form", self.tr("Export feedback &form…"),
                     lambda: self.export_dialog("feedback_form"))
        file_menu.setToolTipsVisible(True)      # the PDF entry says why it is off where LibreOffice is missing
        file_menu.aboutToShow.connect(self._update_pdf_action)
        self._update_pdf_action()
        file_menu.addSeparator()
        import_action = self._action(file_menu, "import", self.tr("&Import old replies…"), self.import_dialog,
                                     "Ctrl+I")
        import_files = self._action(file_menu, "import_files", self.tr("Import old reply fi&les…"),
                                    self.import_files)
        export_pack = self._action(file_menu, "export_pack", self.tr("E&xport library pack…"), self.export_pack)
        merge_pack = self._action(file_menu, "merge_pack", self.tr("&Merge library pack…"), self.merge_pack)
        file_menu.addSeparator()
        self._action(file_menu, "quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo = self.draft_panel.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setObjectName("undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.draft_panel.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setObjectName("redo")
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        redo.setShortcuts(redo_keys + [QKeySequence("Ctrl+Y")] * (QKeySequence("Ctrl+Y") not in redo_keys))
        for action in (undo, redo):
            edit_menu.addAction(action)
            self.addAction(action)
        edit_menu.addSeparator()
        self._action(edit_menu, "find", self.tr("&Find…"), self.find, QKeySequence.StandardKey.Find)
        self._action(edit_menu, "replace", self.tr("Find and &replace…"), self.replace, "Ctrl+H")
        self._action(edit_menu, "copy_body", self.tr("&Copy reply body for the online system"), self.copy_body,
                     "Ctrl+Shift+C")
        edit_menu.addSeparator()
        self._action(edit_menu, "insert_library", self.tr("Insert chosen library paragraph"),
                     self.library_panel.choose_current, "Ctrl+Return")
        self._action(edit_menu, "new_paragraph", self.tr("New &paragraph"), lambda: self.draft_panel.add_paragraph(""),
                     "Ctrl+Shift+P")
        self._action(edit_menu, "new_heading", self.tr("New &heading"), lambda: self.draft_panel.add_section(sub=False),
                     "Ctrl+Shift+H")
        self._action(edit_menu, "new_subheading", self.tr("New s&ubheading"),
                     lambda: self.draft_panel.add_section(sub=True), "Ctrl+Shift+J")
        self._action(edit_menu, "edit_selected", self.tr("Edit selected"), self.draft_panel.edit_current, "F2")
        self._action(edit_menu, "move_up", self.tr("Move up"), lambda: self.draft_panel.move_selected(-1), "Alt+Up")
        self._action(edit_menu, "move_down", self.tr("Move down"), lambda: self.draft_panel.move_selected(1),
                     "Alt+Down")
        remove = self._action(edit_menu, "remove_selected", self.tr("Remove selected"), self.draft_panel.remove_selected)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.draft_panel.tree.addAction(remove)

        view_menu = bar.addMenu(self.tr("&View"))
        views = QActionGroup(self)
        for name, text, slot, key in (("view_outline", self.tr("&Outline"), self.draft_panel.show_outline, "Ctrl+1"),
                                      ("view_full_text", self.tr("&Full text"), self.draft_panel.show_full_text,
                                       "Ctrl+2")):
            action = self._action(view_menu, name, text, slot, key)
            action.setCheckable(True)
            views.addAction(action)
        self.findChild(QAction, "view_outline").setChecked(True)
        self.draft_panel.tabs.currentChanged.connect(
            lambda index: self.findChild(QAction, "view_full_text" if index else "view_outline").setChecked(True))

        library_menu = bar.addMenu(self.tr("&Library"))
        self._action(library_menu, "search_library", self.tr("&Search the library"), self.library_panel.focus_search,
                     "Ctrl+Shift+F")
        library_menu.addAction(import_action)
        library_menu.addAction(import_files)
        library_menu.addAction(export_pack)
        library_menu.addAction(merge_pack)
        self._action(library_menu, "manage_replies", self.tr("&Replies in the library…"), self.manage_replies)
        self._action(library_menu, "tag_paragraph", self.tr("&Tags of the chosen paragraph…"),
                     lambda: self.tag_paragraph(self.library_panel.current_hit()), "Ctrl+T")
        self._action(library_menu, "add_sample", self.tr("Add the sample reply"), self.add_sample)

        tools = bar.addMenu(self.tr("&Tools"))
        self._action(tools, "check_now", self.tr("&Check now"), self.preview.update_now, "F7")
        self._action(tools, "settings", self.tr("&Settings…"), self.settings_dialog, "Ctrl+,")
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, "about", self.tr("&About Dafu"), self.about)

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

                recovered = not self.settings.get("clean_exit")
                self._open_library_draft(loads(self.library.load_draft(draft_id)), draft_id)
                if recovered:
                    # Kept in view a while: the clerk should notice the work came back, not miss it.
                    self.statusBar().showMessage(self.tr("Recovered the draft from the last session"), 20000)
                return
            except DafuError:
                pass
        self.new_draft()

    def _open_library_draft(self, draft: Draft, draft_id: int) -> None:
        """A draft kept in the library; tied again to the .dafu file it came from or was saved to."""
        tied = self._draft_files().get(str(draft_id))
        file_path = Path(tied) if tied and Path(tied).is_file() else None
        self._set_draft(draft, draft_id=draft_id, file_path=file_path)
        if file_path is not None and not self._same_as_file(file_path):
            self.draft_panel.undo_stack.resetClean()   # changes the file does not have yet: Ctrl+S writes them
            self._update_title()

    def _same_as_file(self, path: Path) -> bool:
        from dafu.draftio import dumps, read_draft

        try:
            return dumps(read_draft(path)) == dumps(self.draft_panel.draft)
        except DafuError:
            return False

    def _draft_files(self) -> dict[str, str]:
        try:
            value = json.loads(self.settings.get("draft_files") or "{}")
            return value if isinstance(value, dict) else {}
        except ValueError:
            return {}

    def _tie_to_file(self) -> None:
        """Remember which file the current (autosaved) draft belongs to, for the next start and Recent drafts."""
        if self.draft_id is None:
            return
        files = self._draft_files()
        key = str(self.draft_id)
        if self.file_path is not None:
            files[key] = str(self.file_path)
        else:
            files.pop(key, None)
        self.settings.set("draft_files", json.dumps(files, ensure_ascii=False))

    def _set_draft(self, draft: Draft, *, draft_id: int | None, file_path: Path | None = None) -> None:
        self.draft_id = draft_id
        self.file_path = file_path
        self._accepted_errors = set()
        self.preview.reset(draft)          # nothing of the previous draft stays on screen
        self.draft_panel.set_draft(draft)
        self.dirty = False
        self.settings.set("current_draft_id", draft_id or 0)
        self.settings.set("clean_exit", False)
        self._tie_to_file()
        self._update_title()
        if not self._starting:        # at start the preview follows the first paint
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
        folder = str(self.file_path.parent) if self.file_path else ""
        path = dialogs.open_file(self, self.tr("Open draft"), folder, self.tr("Dafu drafts (*.dafu);;All files (*)"))
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
            action.setObjectName(f"recent_{info.id}")
            action.triggered.connect(lambda _checked=False, i=info.id: self.open_recent(i))

    def open_recent(self, draft_id: int) -> None:
        from dafu.draftio import loads

        if not self.confirm_leave():
            return
        try:
            self._open_library_draft(loads(self.library.load_draft(draft_id)), draft_id)
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
            new = self.draft_id is None
            self.draft_id = self.library.save_draft(dumps(self.draft_panel.draft), draft_id=self.draft_id,
                                                    name=self.draft_name())
            self.settings.set("current_draft_id", self.draft_id)
            if new:
                self._tie_to_file()
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
        path = dialogs.save_file(self, self.tr("Save draft as"), suggested, self.tr("Dafu drafts (*.dafu)"))
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
        self.dirty = True   # the library copy follows the file
        self.autosave()
        self._tie_to_file()
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

    # -- find, copy ------------------------------------------------------------------------

    def find(self) -> None:
        """Ctrl+F finds where the clerk is: in the library pane its search box, anywhere else the draft."""
        focus = QApplication.focusWidget()
        if focus is not None and self.library_panel.isAncestorOf(focus):
            self.library_panel.focus_search()
        else:
            self.draft_panel.open_find(replace=False)

    def replace(self) -> None:
        self.draft_panel.open_find(replace=True)

    def copy_body(self) -> None:
        """The reply body as plain text for the online handling system: salutation to closing, no title,
        issuing body or date (those are separate fields there)."""
        assembly = assemble_for_preview(self.draft_panel.draft, self.templates, field_label)
        if assembly.document is None:
            self.show_error(self.tr("Cannot lay out the reply yet: %s") % assembly.error)
            return
        text = body_text(assembly.document)
        gaps = [field_label(n) for n in assembly.missing if any(
            mark in text for mark in assembly.placeholders if field_label(n) in mark)]
        if gaps:
            self.show_error(self.tr("The body still has gaps: fill in %s first.") % "、".join(gaps))
            return
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("Copied the reply body (%n characters) for the online handling system",
                                             "", len(text)), 8000)

    # -- findings ---------------------------------------------------------------

    def _jump_to(self, finding, match) -> None:
        """Show the flagged characters themselves (by the finding's offsets), selected where they are edited."""
        if match is not None and self._still_there(finding, match):
            self.draft_panel.show_text(match.key, match.start, match.end)
            return
        block = self.preview.document.blocks[finding.block] if self.preview.document and finding.block is not None \
            and finding.block < len(self.preview.document.blocks) else None
        if block is not None and block.kind.value in ("date", "note", "issuer"):
            name = {"date": "date", "note": "contact_phone" if "电话" in finding.message else "contact_person",
                    "issuer": "issuing_body"}[block.kind.value]
            self.draft_panel.focus_field(name)

    def _still_there(self, finding, match) -> bool:
        try:
            return text_at(self.draft_panel.draft, match.key)[match.start:match.end] == finding.text
        except (IndexError, KeyError, ValueError, TypeError):
            return False

    def apply_fix(self, finding, match) -> None:
        """Apply one finding's replacement at the very characters it flags, as one undoable edit."""
        if finding.replacement is None:
            self._jump_to(finding, match)
            self.statusBar().showMessage(self.tr("This finding has no automatic fix: the text is selected for "
                                                 "you to change by hand"), 10000)
            return
        if match is None:
            self.statusBar().showMessage(self.tr("This text is laid out by the template or the numbering, not "
                                                 "typed in the draft: change it in the form or the outline"), 10000)
            return
        if not self._still_there(finding, match):
            self.statusBar().showMessage(self.tr("The text changed since it was checked; checking again"), 8000)
            self.preview.update_now()
            return
        panel = self.draft_panel
        change = replace_span(panel.draft, match.key, match.start, match.end, finding.replacement)
        panel.undo_stack.push(cmd.ChangeTexts(panel.draft, panel.refresh, [change], self.tr("Apply fix")))
        panel.show_text(match.key, match.start, match.start + len(finding.replacement), focus=False)
        self.statusBar().showMessage(self.tr("Fixed: %s") % finding.message, 5000)
        self.preview.update_now()

    # -- export ---------------------------------------------------------------

    def default_export_name(self, template: str | None = None) -> str:
        number = self.draft_name() or "reply"
        return f"{number}{'征询意见表' if template == 'feedback_form' else '答复'}.docx"

    def export_dialog(self, template: str | None = None, *, pdf: bool = False) -> None:
        """Ask where, then export: the .docx, or (``pdf``) the .docx and the PDF beside it for publication."""
        if pdf and not self._update_pdf_action():
            self.show_error(self.pdf_action.toolTip())
            return
        if not self.ready_to_export(template):
            return
        folder = self.file_path.parent if self.file_path else Path.home()
        if not pdf:
            path = dialogs.save_file(self, self.tr("Export official reply"),
                                     str(folder / self.default_export_name(template)),
                                     self.tr("Word documents (*.docx)"))
            if path:
                self.export_to(Path(path) if path.lower().endswith(".docx") else Path(path + ".docx"), template)
            return
        # The PDF is made from the .docx written beside it (same name): one question covers both files.
        suggested = Path(self.default_export_name(template)).with_suffix(".pdf").name
        path = dialogs.save_file(self, self.tr("Export PDF for publication"), str(folder / suggested),
                                 self.tr("PDF documents (*.pdf)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        pdf_path = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        docx_path = pdf_path.with_suffix(".docx")
        existing = [p.name for p in (pdf_path, docx_path) if p.exists()]
        if existing and dialogs.ask(self, self.tr("Replace files?"),
                                    self.tr("%s already exist(s) in this folder. Replace?") % "、".join(existing),
                                    [("replace", self.tr("Replace"), dialogs.Role.AcceptRole),
                                     ("cancel", self.tr("Cancel"), dialogs.Role.RejectRole)],
                                    default="cancel", icon=QMessageBox.Icon.Warning) != "replace":
            return
        self.export_to(docx_path, template, pdf=True)

    def _update_pdf_action(self) -> bool:
        """The PDF entry is on only where LibreOffice is found (looked up again each time the menu opens)."""
        from dafu.export.pdf import available

        found = available()
        self.pdf_action.setEnabled(found)
        self.pdf_action.setToolTip(
            self.tr("Writes the .docx and, beside it, a PDF for publication (made by LibreOffice)") if found else
            self.tr("Needs LibreOffice, which was not found: install it (or set DAFU_SOFFICE to its soffice) "
                    "to export a PDF"))
        self.pdf_action.setStatusTip(self.pdf_action.toolTip())
        return found

    def ready_to_export(self, template: str | None = None) -> bool:
        """Nothing missing, and the clerk has been asked (once) about errors the checks still find."""
        draft = self.draft_panel.draft.copy()
        if template:
            draft.template = template
        assembly = assemble_for_preview(draft, self.templates, field_label)
        if not assembly.complete:
            problems = "、".join(field_label(n) for n in [*assembly.missing, *assembly.invalid])
            self.show_error(self.tr("The reply cannot be exported yet: %s") %
                            (self.tr("fill in %s (marked red in the form)") % problems if problems else assembly.error))
            first = next(iter([*assembly.missing, *assembly.invalid]), None)
            if first:
                self.draft_panel.focus_field(first)
            return False
        if template is not None:
            return True
        from dafu.checks import check

        errors = [f for f in check(assembly.document, library=self.library)
                  if str(getattr(f.severity, "value", f.severity)) == "error"]
        signature = frozenset((f.rule, f.text, f.message) for f in errors)
        if not errors or signature <= self._accepted_errors:
            return True
        listed = "\n".join(f"● {f.message}（{f.excerpt}）" for f in errors[:6]) + ("\n…" if len(errors) > 6 else "")
        answer = dialogs.ask(self, self.tr("Errors still open"),
                             self.tr("The checks still find %n error(s) in this reply.", "", len(errors)),
                             [("export", self.tr("Export anyway"), dialogs.Role.AcceptRole),
                              ("show", self.tr("Show them"), dialogs.Role.RejectRole)],
                             informative=listed, default="show", icon=QMessageBox.Icon.Warning)
        if answer == "export":
            self._accepted_errors |= signature   # asked once: the same errors do not ask again
            return True
        self.preview.update_now()
        first = next((i for i in range(self.preview.findings.count())
                      if str(self.preview.findings.item(i).data(Qt.ItemDataRole.UserRole).severity) == "error"), None)
        if first is not None:
            self.preview.findings.setCurrentRow(first)
            self.preview.findings.setFocus()
        return False

    def export_to(self, path: Path, template: str | None = None, *, pdf: bool = False) -> CallWorker:
        """Write the .docx off the GUI thread (the old file is replaced only whole); with ``pdf`` then the PDF
        beside it, through LibreOffice (dafu.export.pdf), on the same thread."""
        from dafu.render import render

        draft = self.draft_panel.draft.copy()
        templates = self.templates

        def work():
            written = Path(render(draft, path, template=template, templates=templates))
            if not pdf:
                return written
            from dafu.export.pdf import export_pdf

            return export_pdf(written)

        worker = CallWorker(work, self)
        worker.succeeded.connect(lambda written: self._exported(Path(written)))
        worker.failed.connect(self._export_failed)
        worker.finished.connect(lambda: self._workers.remove(worker))
        self._workers.append(worker)
        self.statusBar().showMessage(self.tr("Exporting the .docx and the PDF (LibreOffice)…") if pdf
                                     else self.tr("Exporting…"))
        worker.start()
        return worker

    def _exported(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Exported %s") % path, 10000)
        if path.suffix.lower() == ".pdf":
            text = self.tr("Saved %1 and, beside it, %2").replace("%1", str(path)).replace(
                "%2", path.with_suffix(".docx").name)
        else:
            text = self.tr("Saved %s") % path
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Exported"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("exported_box")
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.setEscapeButton(QMessageBox.StandardButton.Ok)   # Esc and the close button close it
        box.buttonClicked.connect(lambda button: button is open_folder and QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path.parent))))
        box.open()
        self._export_box = box
        self.exported.emit(str(path))

    def _export_failed(self, message: str) -> None:
        self.export_failed.emit(message)
        self.show_error(message)

    # -- library: import, replies, tags -------------------------------------------------------

    def import_dialog(self, folder: Path | None = None):
        from dafu.gui.import_dialog import ImportDialog

        if folder is None:
            chosen = dialogs.folder(self, self.tr("Folder of old replies"))
            if not chosen:
                return None
            folder = Path(chosen)
        sources = folder if isinstance(folder, list) else [Path(folder)]
        dialog = ImportDialog(self.library_path, sources, self)
        dialog.import_finished.connect(lambda *_: self.library_panel.refresh())
        dialog.open()
        dialog.start()
        self._import_dialog = dialog
        return dialog

    def import_files(self):
        """Single files rather than a folder: the formats the importer reads, listed in the file chooser."""
        from dafu.reading.formats import SUPPORTED

        patterns = " ".join(f"*{suffix}" for suffix in SUPPORTED)
        chosen = dialogs.open_files(self, self.tr("Old replies to import"), str(Path.home()),
                                    self.tr("Old replies (%s)") % patterns + ";;" + self.tr("All files (*)"))
        return self.import_dialog([Path(f) for f in chosen]) if chosen else None

    def export_pack(self):
        """File → Export library pack: choose what (all, or by year, body, tag, kind, date), then where."""
        from dafu.gui.pack_dialogs import ExportPackDialog

        dialog = ExportPackDialog(self.library_path, self.library_panel.worker, self)
        dialog.failed.connect(self.show_error)
        dialog.exported.connect(lambda report: self.statusBar().showMessage(
            self.tr("Exported the library pack %s") % report.path, 10000))
        dialog.open()
        self._pack_dialog = dialog
        return dialog

    def merge_pack(self, path: Path | None = None):
        """File → Merge library pack: choose the file; measures that differ are put to the clerk first."""
        from dafu.gui.pack_dialogs import MergePackDialog

        if path is None:
            chosen = dialogs.open_file(self, self.tr("Merge library pack"), str(Path.home()),
                                       self.tr("Dafu library packs (*.dafupack);;All files (*)"))
            if not chosen:
                return None
            path = Path(chosen)
        dialog = MergePackDialog(self.library_path, path, self.library_panel.worker, self)
        dialog.failed.connect(self.show_error)
        dialog.merged.connect(self._pack_merged)
        dialog.open()
        dialog.start()
        self._pack_dialog = dialog
        return dialog

    def _pack_merged(self, report) -> None:
        """The library changed: its pane (filters, results, measures, empty page) and the checks follow."""
        self.library_panel.refresh()
        self.preview.schedule(self.draft_panel.draft)
        self.statusBar().showMessage(self.tr("Merged the library pack: %n reply(ies) added", "",
                                             report.replies_added), 10000)

    def add_sample(self):
        """The sample reply that comes with Dafu, imported like any other (for a first look at the library)."""
        samples = paths.sample_reply_files()
        return self.import_dialog(samples) if samples else None

    def manage_replies(self):
        from dafu.gui.replies_dialog import RepliesDialog

        dialog = RepliesDialog(self.library_panel.worker, self)
        dialog.library_changed.connect(lambda message: (self.library_panel.refresh(),
                                                        self.statusBar().showMessage(message, 10000),
                                                        self.preview.schedule(self.draft_panel.draft)))
        dialog.open()
        self._replies_dialog = dialog
        return dialog

    def tag_paragraph(self, hit) -> None:
        """Edit the tags of a library paragraph (a search result)."""
        if hit is None:
            self.statusBar().showMessage(self.tr("Choose a paragraph among the library's results first"), 6000)
            return
        worker = self.library_panel.worker
        worker.submit(lambda lib: (lib.paragraph_tags(hit.paragraph_id), lib.tags()),
                      on_done=lambda result: self._ask_paragraph_tags(hit, *result),
                      on_error=lambda m: self.statusBar().showMessage(m, 8000))

    def _ask_paragraph_tags(self, hit, tags: list[str], all_tags: list[str]) -> None:
        from dafu.gui.tag_dialog import ask_tag_changes

        excerpt = hit.text if len(hit.text) <= 80 else hit.text[:80] + "…"
        changes = ask_tag_changes(self.tr("Tags of the paragraph: %s") % excerpt, tags, all_tags, self)
        if changes is None:
            return
        added, removed = changes

        def write(lib):
            for tag in added:
                lib.tag_paragraph(hit.paragraph_id, tag)
            for tag in removed:
                lib.untag_paragraph(hit.paragraph_id, tag)

        self.library_panel.worker.submit(write, on_done=lambda _: (self.library_panel.refresh_filters(),
                                                                   self.statusBar().showMessage(self.tr("Tags saved"),
                                                                                                5000)),
                                         on_error=lambda m: self.statusBar().showMessage(m, 8000))

    # -- settings, about ----------------------------------------------------------

    def settings_dialog(self) -> None:
        from dafu.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.accepted.connect(self._settings_changed)
        dialog.open()
        self._settings_dialog = dialog

    def _settings_changed(self) -> None:
        path = self.settings.library_path()
        if path != self.library_path:
            self.autosave()
            self.library.close()
            self.library_path = path
            self.library = self._open_library()
            self.library_panel.set_library_path(path)
            self.preview.set_library_path(path)
            self._show_library_label()
            self.draft_id = None
            self.dirty = True
            self.autosave()

    def about(self) -> None:
        import dafu

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Dafu"),
                          self.tr("Dafu %s — draft, check and export official replies.") % dafu.__version__,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("about_box")
        box.open()
        self._about_box = box

    def show_error(self, error) -> None:
        """The one place the clerk is told something went wrong: the message, without template paths
        (those go to the log)."""
        if isinstance(error, DafuError):
            if error.place and (error.path or "").endswith(".j2"):
                log.warning("%s", error)
                error = error.message
        dialogs.tell(self, self.tr("Dafu"), str(error), icon=QMessageBox.Icon.Warning)

    # -- layout and closing -----------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        return {"window/splitter": self.splitter, "window/draft_splitter": self.draft_panel.splitter,
                "window/preview_splitter": self.preview.splitter}

    def _restore_layout(self) -> None:
        q = self.settings.qsettings
        geometry, state = q.value("window/geometry"), q.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for key, splitter in self._splitters().items():
            value = q.value(key)
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        if q.value("window/view") == "full_text":
            self.draft_panel.tabs.setCurrentIndex(self.draft_panel.FULL_TEXT_TAB)

    def _save_layout(self) -> None:
        q = self.settings.qsettings
        q.setValue("window/geometry", self.saveGeometry())
        q.setValue("window/state", self.saveState())
        for key, splitter in self._splitters().items():
            q.setValue(key, splitter.saveState())
        q.setValue("window/view", "full_text" if self.draft_panel.full_text_shown() else "outline")
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
        self.shortcut_router.stop()
        self._autosave_timer.stop()
        self.draft_panel.undo_stack.blockSignals(True)  # its widgets go away from here on
        self.autosave()
        self._save_layout()
        self.settings.set("clean_exit", True)
        self.library_panel.shutdown()
        self.preview.shutdown()
        for worker in list(self._workers):
            worker.wait(10_000)
        # An import or a pack still running stops between two replies (each whole), before the library closes.
        for job in (getattr(getattr(self, name, None), attr, None)
                    for name, attr in (("_import_dialog", "worker"), ("_pack_dialog", "job"))):
            if job is not None and job.isRunning():
                job.cancel()
                job.wait(30_000)
        self.library.close()
        gc.unfreeze()    # what start-up froze can be collected again once the window is gone
