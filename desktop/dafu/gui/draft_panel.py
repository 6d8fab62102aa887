"""The draft pane: the template's values as a form, the reply's outline, and its full text.

The Draft (core) is the only state; every action is an undoable command on it, and the outline
and the full text are redrawn from it, so numbering (一、（一）一是) always follows the order.
Both ways of editing text (the paragraph editor under the outline, the full-text page) behave
like a word processor: Enter splits a paragraph, pasting several paragraphs inserts several,
Backspace at a paragraph's start joins it to the one before — each one undo step.
"""
from __future__ import annotations

import json
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLineEdit,
                               QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTabWidget, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from dafu.draft import (Draft, Paragraph, Section, TextKey, count_occurrences, find_text, fit_paragraph,
                        join_paragraphs, paste_into, replace_all, replace_span, text_at)
from dafu.gui import commands as cmd
from dafu.gui.find_bar import FindBar
from dafu.gui.full_text import FullTextView
from dafu.gui.library_panel import PARAGRAPH_MIME
from dafu.gui.paragraph_editor import ParagraphEditor
from dafu.gui.value_form import DateField, ValueForm, field_label
from dafu.numbering import heading_number, ordinal

KEY_ROLE = Qt.ItemDataRole.UserRole


class OutlineTree(QTreeWidget):
    """Sections and paragraphs; drags within it move them, drops from the library insert."""

    move_requested = Signal(object, object, str)   # source key, target key, position (above/below/on)
    insert_requested = Signal(list, object, str)   # [(text, paragraph_id)], target key, position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)

    def _target(self, event) -> tuple[object, str]:
        item = self.itemAt(event.position().toPoint())
        position = {QAbstractItemView.DropIndicatorPosition.AboveItem: "above",
                    QAbstractItemView.DropIndicatorPosition.BelowItem: "below"}.get(self.dropIndicatorPosition(), "on")
        return (item.data(0, KEY_ROLE) if item else None), position

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(PARAGRAPH_MIME) or event.source() is self:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        super().dragMoveEvent(event)
        if event.mimeData().hasFormat(PARAGRAPH_MIME) and event.source() is not self:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        target, position = self._target(event)
        if event.source() is self:
            source = self.currentItem().data(0, KEY_ROLE) if self.currentItem() else None
            if source is not None:
                self.move_requested.emit(source, target, position)
        elif event.mimeData().hasFormat(PARAGRAPH_MIME):
            payload = json.loads(bytes(event.mimeData().data(PARAGRAPH_MIME)).decode("utf-8"))
            self.insert_requested.emit([(p["text"], p["paragraph_id"]) for p in payload], target, position)
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the tree is redrawn from the draft
        event.accept()


class DraftPanel(QWidget):
    changed = Signal()              # the draft changed (edit, undo, redo, new draft)
    paragraph_selected = Signal(object)
    text_focused = Signal(object)   # the key of the text the clerk is editing (the preview follows it)
    status = Signal(str)            # a message for the status bar

    OUTLINE_TAB, FULL_TEXT_TAB = range(2)

    def __init__(self, templates, parent: QWidget | None = None):
        super().__init__(parent)
        self.templates = templates
        self.draft = Draft()
        self.undo_stack = QUndoStack(self)
        self._loading = False
        self._editing_key = None
        self._match: tuple | None = None     # the find match shown last: (key, start, end)
        self._build()

    # -- widgets ---------------------------------------------------------------

    def _build(self) -> None:
        self.template_combo = QComboBox()
        for info in self.templates.all_info():
            self.template_combo.addItem(info.title, info.name)
            self.template_combo.setItemData(self.template_combo.count() - 1, info.description,
                                            Qt.ItemDataRole.ToolTipRole)
        self.template_combo.currentIndexChanged.connect(self._template_chosen)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.value_form = ValueForm(self.form_scroll)
        self.value_form.value_edited.connect(self._field_edited)
        self.form_scroll.setWidget(self.value_form)
        self.form_host = self.value_form
        self.form = self.value_form.form
        self.value_form.wheel_guard.guard(self.template_combo)

        self.tree = OutlineTree()
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemChanged.connect(self._item_edited)
        self.tree.move_requested.connect(self.move_by_drop)
        self.tree.insert_requested.connect(self.insert_by_drop)
        self.editor = ParagraphEditor()
        self.editor.setObjectName("paragraph_editor")
        self.editor.setPlaceholderText(self.tr("Select a paragraph to edit it here"))
        self.editor.textChanged.connect(self._editor_changed)
        self.editor.split_requested.connect(lambda s, e: self._split(self._editing_key, s, e))
        self.editor.paste_requested.connect(lambda s, e, parts: self._paste(self._editing_key, s, e, parts))
        self.editor.join_previous_requested.connect(lambda: self._join(self._editing_key, -1))
        self.editor.join_next_requested.connect(lambda: self._join(self._editing_key, 1))
        self.editor.focused.connect(lambda: self._editing_key and self.text_focused.emit(self._editing_key))
        self.enumerate_box = QCheckBox(self.tr("Number paragraphs 一是, 二是…"))
        self.enumerate_box.toggled.connect(self._enumerate_toggled)

        buttons = QHBoxLayout()
        for label, slot in ((self.tr("+ Section"), lambda: self.add_section(sub=False)),
                            (self.tr("+ Subsection"), lambda: self.add_section(sub=True)),
                            (self.tr("+ Paragraph"), lambda: self.add_paragraph("")),
                            (self.tr("Remove"), self.remove_selected),
                            ("↑", lambda: self.move_selected(-1)), ("↓", lambda: self.move_selected(1))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)

        outline = QWidget()
        outline_layout = QVBoxLayout(outline)
        outline_layout.setContentsMargins(0, 0, 0, 0)
        outline_layout.addWidget(self.tree, 3)
        outline_layout.addLayout(buttons)
        outline_layout.addWidget(self.enumerate_box)
        outline_layout.addWidget(self.editor, 2)

        self.full_text = FullTextView()
        self.full_text.text_edited.connect(self._text_edited)
        self.full_text.split_requested.connect(self._split)
        self.full_text.paste_requested.connect(self._paste)
        self.full_text.join_previous_requested.connect(lambda key: self._join(key, -1))
        self.full_text.join_next_requested.connect(lambda key: self._join(key, 1))
        self.full_text.focused.connect(self._full_text_focused)

        self.tabs = QTabWidget()
        self.tabs.addTab(outline, self.tr("Outline"))
        self.tabs.addTab(self.full_text, self.tr("Full text"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.find_bar = FindBar()
        self.find_bar.find_requested.connect(self.find_next)
        self.find_bar.replace_requested.connect(self.replace_current)
        self.find_bar.replace_all_requested.connect(self.replace_all)
        self.find_bar.text_changed.connect(self._find_text_changed)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.form_scroll)
        split.addWidget(self.tabs)
        split.setSizes([300, 600])
        split.setChildrenCollapsible(False)
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.template_combo)
        layout.addWidget(split, 1)
        layout.addWidget(self.find_bar)

    # -- the draft ---------------------------------------------------------------

    def set_draft(self, draft: Draft) -> None:
        self.draft = draft
        self.undo_stack.clear()
        self._match = None
        self._loading = True
        index = self.template_combo.findData(draft.template)
        self.template_combo.setCurrentIndex(max(index, 0))
        self._loading = False
        self._rebuild_form()
        self.refresh()

    def _push(self, command) -> None:
        self.undo_stack.push(command)

    def _after_change(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Redraw the outline (numbers follow the order), the full text and the form, keeping the selection."""
        selected = self.selected_key()
        self._loading = True
        self.tree.clear()
        intro = QTreeWidgetItem(self.tree, [self.tr("(Background, before the first heading)")])
        intro.setData(0, KEY_ROLE, ("section", ()))
        self._add_paragraph_items(intro, (), self.draft.intro, enumerate_=False)

        def add_sections(parent_item, sections, prefix, level):
            for i, section in enumerate(sections):
                path = prefix + (i,)
                item = QTreeWidgetItem(parent_item, [heading_number(level, i + 1) + section.heading])
                item.setData(0, KEY_ROLE, ("section", path))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                self._add_paragraph_items(item, path, section.paragraphs, enumerate_=section.enumerate)
                add_sections(item, section.sections, path, level + 1)

        add_sections(self.tree, self.draft.sections, (), 1)
        self.tree.expandAll()
        self._loading = False
        if selected is not None:
            self.select_key(selected)
        self._selection_changed()
        self.value_form.set_values(self.draft.values)
        self.full_text.sync(self.draft)
        self.changed.emit()

    def _add_paragraph_items(self, parent, path, paragraphs, *, enumerate_: bool) -> None:
        for index, paragraph in enumerate(paragraphs):
            prefix = ordinal(index + 1) if enumerate_ else ""
            text = prefix + paragraph.rendered()
            item = QTreeWidgetItem(parent, [text if len(text) <= 60 else text[:60] + "…"])
            item.setToolTip(0, text)
            item.setData(0, KEY_ROLE, ("paragraph", path, index))

    def selected_key(self):
        item = self.tree.currentItem()
        return item.data(0, KEY_ROLE) if item else None

    def select_key(self, key) -> None:
        def visit(item):
            if item.data(0, KEY_ROLE) == key:
                return item
            for i in range(item.childCount()):
                found = visit(item.child(i))
                if found:
                    return found
            return None

        for i in range(self.tree.topLevelItemCount()):
            found = visit(self.tree.topLevelItem(i))
            if found:
                self.tree.setCurrentItem(found)
                return

    def item_for(self, key) -> QTreeWidgetItem | None:
        self.select_key(key)
        item = self.tree.currentItem()
        return item if item and item.data(0, KEY_ROLE) == key else None

    # -- views: outline or full text ----------------------------------------------------

    def full_text_shown(self) -> bool:
        return self.tabs.currentIndex() == self.FULL_TEXT_TAB

    def show_outline(self) -> None:
        self.tabs.setCurrentIndex(self.OUTLINE_TAB)
        self.tree.setFocus()

    def show_full_text(self) -> None:
        self.tabs.setCurrentIndex(self.FULL_TEXT_TAB)
        key = self.selected_key()
        if not (key and key[0] == "paragraph" and self.full_text.focus_key(key, 0)):
            first = next((k for k in self.full_text.order if k[0] != "value"), None)
            if first is not None:
                self.full_text.focus_key(first, 0)
            else:
                self.full_text.setFocus()

    def _tab_changed(self, index: int) -> None:
        if index == self.FULL_TEXT_TAB:
            self.full_text.sync(self.draft)

    def _full_text_focused(self, key: TextKey) -> None:
        """The outline follows the text being edited, so Alt+↑, Del and the library insert act there."""
        outline_key = ("paragraph", key[1], key[2]) if key[0] == "item" else key
        if outline_key[0] in ("paragraph", "section") and self.selected_key() != outline_key:
            self.select_key(outline_key)
        self.text_focused.emit(key)

    def show_text(self, key: TextKey, start: int = 0, end: int | None = None, *, focus: bool = True) -> None:
        """Show characters [start, end) of one draft text selected, where the clerk edits it."""
        end = start if end is None else end
        if key[0] == "value":
            self._show_value(key, start, end, focus)
            return
        outline_key = ("paragraph", key[1], key[2]) if key[0] == "item" else key
        self.select_key(outline_key)
        if self.full_text_shown():
            self.full_text.focus_key(key, start, end, focus=focus)
            return
        if key[0] == "paragraph":
            cursor = self.editor.textCursor()
            cursor.setPosition(min(start, len(self.editor.toPlainText())))
            cursor.setPosition(min(end, len(self.editor.toPlainText())), QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)
            self.editor.ensureCursorVisible()
            if focus:
                self.editor.setFocus()
        elif focus:
            self.tree.setFocus()

    def _show_value(self, key: TextKey, start: int, end: int, focus: bool) -> None:
        widget = self.field(key[1])
        if widget is None:
            return
        if len(key) == 3:   # one entry of a list, shown joined with 、
            before = sum(len(str(v)) + 1 for v in self.draft.values[key[1]][:key[2]])
            start, end = start + before, end + before
        self.form_scroll.ensureWidgetVisible(widget)
        if focus:
            widget.setFocus()
        if isinstance(widget, DateField):
            widget = widget.edit
        if isinstance(widget, QLineEdit):
            widget.setSelection(start, end - start)
        elif isinstance(widget, (QPlainTextEdit, ParagraphEditor)):
            cursor = widget.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)

    # -- form --------------------------------------------------------------------

    def _template_chosen(self) -> None:
        name = self.template_combo.currentData()
        if self._loading or not name or name == self.draft.template:
            return
        self._push(cmd.SetTemplate(self.draft, self._template_changed, name, self.tr("Change template")))

    def _template_changed(self) -> None:
        self._loading = True
        self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(self.draft.template)))
        self._loading = False
        self._rebuild_form()
        self.refresh()

    def _rebuild_form(self) -> None:
        from dafu.valuetypes import DEFAULT_TYPES

        try:
            info = self.templates.info(self.draft.template)
            names = list(info.requires) + [n for n in info.optional if n not in info.requires]
            required = set(info.requires)
            types = {n: info.types.get(n) or DEFAULT_TYPES.get(n) for n in names}
        except Exception:
            names, required = sorted(self.draft.values), set()
            types = {n: DEFAULT_TYPES.get(n) for n in names}
        if names != list(self.value_form.fields) or required != self.value_form.required \
                or types != self.value_form.types:
            self.value_form.build(names, required, types)   # the same template keeps its fields (and the focus)
        self._fields = self.value_form.fields
        self.value_form.set_values(self.draft.values)

    def _field_edited(self, name: str, value) -> None:
        if isinstance(self.draft.values.get(name), list) and isinstance(value, str):
            value = [v.strip() for v in re.split(r"[、，,\n]", value) if v.strip()]
        self._push(cmd.SetValue(self.draft, self._after_change, name, value,
                                self.tr("Edit %s") % field_label(name)))

    def set_value(self, name: str, value) -> None:
        self._push(cmd.SetValue(self.draft, self._after_change, name, value, self.tr("Edit %s") % field_label(name)))

    def field(self, name: str) -> QWidget | None:
        return self.value_form.fields.get(name)

    def mark_problems(self, problems: dict[str, str]) -> None:
        """Mark the values the template still needs (or cannot read) in the form."""
        self.value_form.mark(problems)

    def focus_field(self, name: str) -> None:
        widget = self.field(name)
        if widget is not None:
            self.form_scroll.ensureWidgetVisible(widget)
            widget.setFocus()
            if not widget.isVisible():   # a field just built is shown on the next turn of the event loop
                QTimer.singleShot(0, widget.setFocus)

    # -- outline editing -------------------------------------------------------------

    def _selection_changed(self) -> None:
        if self._loading:
            return  # the outline is being redrawn; refresh() re-selects and calls back
        key = self.selected_key()
        self._loading = True
        if key and key[0] == "paragraph":
            paragraph = self.draft.paragraphs_at(key[1])[key[2]]
            if self._editing_key != key or self.editor.toPlainText() != paragraph.text:
                self.editor.setPlainText(paragraph.text)
            self.editor.setEnabled(True)
        else:
            self.editor.setPlainText("")
            self.editor.setEnabled(False)
        path = self._section_path(key)
        self.enumerate_box.setEnabled(bool(path))
        self.enumerate_box.setChecked(bool(path) and self.draft.section(path).enumerate)
        self._editing_key = key
        self._loading = False
        self.paragraph_selected.emit(key)

    def _editor_changed(self) -> None:
        key = self._editing_key
        if self._loading or not key or key[0] != "paragraph":
            return
        self._push(cmd.EditParagraph(self.draft, self._after_change, key[1], key[2], self.editor.toPlainText(),
                                     self.tr("Edit paragraph")))

    def _text_edited(self, key: TextKey, text: str) -> None:
        """Typing in the full text: one merging undo step per text, like typing in the outline's editor."""
        if key[0] == "paragraph":
            self._push(cmd.EditParagraph(self.draft, self._after_change, key[1], key[2], text,
                                         self.tr("Edit paragraph")))
        elif key[0] == "value":
            self._push(cmd.SetValue(self.draft, self._after_change, key[1], text or None,
                                    self.tr("Edit %s") % field_label(key[1])))
        else:
            self._push(cmd.EditText(self.draft, self._after_change, key, text,
                                    self.tr("Edit heading") if key[0] == "section" else self.tr("Edit paragraph")))

    def _item_edited(self, item: QTreeWidgetItem) -> None:
        if self._loading:
            return
        key = item.data(0, KEY_ROLE)
        if key and key[0] == "section" and key[1]:
            text = re.sub(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)", "", item.text(0)).strip()
            if text != self.draft.section(key[1]).heading:
                self._push(cmd.EditHeading(self.draft, self._after_change, key[1], text, self.tr("Edit heading")))

    def _enumerate_toggled(self, on: bool) -> None:
        path = self._section_path(self.selected_key())
        if self._loading or not path or self.draft.section(path).enumerate == on:
            return
        self._push(cmd.SetEnumerate(self.draft, self._after_change, path, on, self.tr("Number paragraphs")))

    @staticmethod
    def _section_path(key) -> tuple:
        if not key:
            return ()
        return key[1]

    def _enumerated(self, path: tuple) -> bool:
        return bool(path) and self.draft.section(path).enumerate

    # -- Enter, paste, Backspace: paragraphs as in a word processor -------------------------

    def _split(self, key, start: int, end: int) -> None:
        if not key or key[0] != "paragraph":
            return
        path, index = key[1], key[2]
        paragraph = self.draft.paragraphs_at(path)[index]
        new = [fit_paragraph(p, self._enumerated(path)) if i else p
               for i, p in enumerate(paste_into(paragraph, start, end, ["", ""]))]
        self._push(cmd.ReplaceParagraphs(self.draft, self._after_change, path, index, 1, new,
                                         self.tr("Split paragraph")))
        self._put_cursor(("paragraph", path, index + 1), 0)

    def _paste(self, key, start: int, end: int, parts: list) -> None:
        if not key or key[0] != "paragraph":
            return
        path, index = key[1], key[2]
        paragraph = self.draft.paragraphs_at(path)[index]
        new = [fit_paragraph(p, self._enumerated(path)) for p in paste_into(paragraph, start, end, parts)]
        self._push(cmd.ReplaceParagraphs(self.draft, self._after_change, path, index, 1, new,
                                         self.tr("Paste %n paragraph(s)", "", len(parts))))
        last = index + len(new) - 1
        self._put_cursor(("paragraph", path, last), len(new[-1].text) - len(paragraph.text[end:]))

    def _join(self, key, direction: int) -> None:
        """Backspace at the start (direction -1) or Delete at the end (+1) of a paragraph."""
        if not key or key[0] != "paragraph":
            return
        path, index = key[1], key[2]
        paragraphs = self.draft.paragraphs_at(path)
        first = index - 1 if direction < 0 else index
        if first < 0 or first + 1 >= len(paragraphs):
            return
        joined = join_paragraphs(paragraphs[first], paragraphs[first + 1])
        if joined is None:
            self.status.emit(self.tr("A paragraph that ends in 一是/二是 items cannot take more text"))
            return
        at = len(joined.text) - len(paragraphs[first + 1].text)
        self._push(cmd.ReplaceParagraphs(self.draft, self._after_change, path, first, 2, [joined],
                                         self.tr("Join paragraphs")))
        self._put_cursor(("paragraph", path, first), at)

    def _put_cursor(self, key, position: int) -> None:
        """After a split, paste or join: the cursor where the clerk's typing goes on."""
        self.select_key(key)
        if self.full_text_shown():
            self.full_text.focus_key(key, position)
        else:
            self.show_text(key, position, position)

    # -- inserting, moving, removing ---------------------------------------------------------

    def _insert_point(self, key=None, position: str = "below") -> tuple[tuple, int]:
        key = key if key is not None else self.selected_key()
        if key and key[0] == "paragraph":
            return key[1], key[2] + (0 if position == "above" else 1)
        path = key[1] if key else ()
        return path, len(self.draft.paragraphs_at(path))

    def add_paragraph(self, text: str, ref: str = "", key=None, position: str = "below") -> None:
        path, index = self._insert_point(key, position)
        paragraph = fit_paragraph(Paragraph(text, [], ref), self._enumerated(path))
        self._push(cmd.InsertParagraph(self.draft, self._after_change, path, index, paragraph,
                                       self.tr("Insert paragraph")))
        self.select_key(("paragraph", path, index))
        if not text:
            if self.full_text_shown():
                self.full_text.focus_key(("paragraph", path, index), 0)
            else:
                self.editor.setFocus()

    def insert_library_paragraph(self, text: str, paragraph_id: str) -> None:
        self.add_paragraph(text, f"library:{paragraph_id}")

    def insert_by_drop(self, paragraphs: list, target, position: str) -> None:
        self.undo_stack.beginMacro(self.tr("Insert library paragraphs"))
        key = target
        for text, paragraph_id in paragraphs:
            self.add_paragraph(text, f"library:{paragraph_id}", key=key, position=position)
            key, position = self.selected_key(), "below"
        self.undo_stack.endMacro()

    def add_section(self, *, sub: bool) -> None:
        key = self.selected_key()
        current = self._section_path(key)
        if sub and current:
            parent, index = current, len(self.draft.section(current).sections)
        elif current:
            parent, index = current[:-1], current[-1] + 1
        else:
            parent, index = (), len(self.draft.sections)
        if len(parent) >= 4:
            return
        self._push(cmd.InsertSection(self.draft, self._after_change, parent, index, Section(self.tr("New heading")),
                                     self.tr("Insert heading")))
        new_key = ("section", parent + (index,))
        if self.full_text_shown():
            self.select_key(new_key)
            self.full_text.focus_key(new_key, 0, len(self.draft.section(new_key[1]).heading))
            return
        item = self.item_for(new_key)
        if item:
            self.tree.editItem(item)

    def remove_selected(self) -> None:
        key = self.selected_key()
        if not key:
            return
        if key[0] == "paragraph":
            self._push(cmd.RemoveParagraph(self.draft, self._after_change, key[1], key[2],
                                           self.tr("Remove paragraph")))
        elif key[1]:
            self._push(cmd.RemoveSection(self.draft, self._after_change, key[1], self.tr("Remove heading")))

    def move_selected(self, delta: int) -> None:
        key = self.selected_key()
        if not key:
            return
        if key[0] == "paragraph":
            path, index = key[1], key[2]
            new = index + delta
            if 0 <= new < len(self.draft.paragraphs_at(path)):
                self._push(cmd.MoveParagraph(self.draft, self._after_change, path, index, path, new,
                                             self.tr("Move paragraph")))
                self.select_key(("paragraph", path, new))
            else:
                # Past the first or last paragraph: on into the neighbouring section, in reading order.
                order = self._section_paths()
                at = order.index(path) + delta
                if 0 <= at < len(order):
                    dst = order[at]
                    dst_index = len(self.draft.paragraphs_at(dst)) if delta < 0 else 0
                    self._push(cmd.MoveParagraph(self.draft, self._after_change, path, index, dst, dst_index,
                                                 self.tr("Move paragraph")))
                    self.select_key(("paragraph", dst, dst_index))
        elif key[1]:
            path = key[1]
            siblings = self.draft.sections if len(path) == 1 else self.draft.section(path[:-1]).sections
            new = path[-1] + delta
            if 0 <= new < len(siblings):
                self._push(cmd.MoveSection(self.draft, self._after_change, path, path[:-1], new,
                                           self.tr("Move heading")))
                self.select_key(("section", path[:-1] + (new,)))

    def _section_paths(self) -> list[tuple]:
        """Every place paragraphs can live, in reading order: the background, then each section."""
        paths: list[tuple] = [()]

        def visit(sections, prefix):
            for i, section in enumerate(sections):
                paths.append(prefix + (i,))
                visit(section.sections, prefix + (i,))

        visit(self.draft.sections, ())
        return paths

    def move_by_drop(self, source, target, position: str) -> None:
        if source == target or target is None:
            return
        if source[0] == "paragraph":
            dst_path, dst_index = self._insert_point(target, position)
            src_path, src_index = source[1], source[2]
            if src_path == dst_path and src_index < dst_index:
                dst_index -= 1  # the paragraph leaves its old place first
            self._push(cmd.MoveParagraph(self.draft, self._after_change, src_path, src_index, dst_path, dst_index,
                                         self.tr("Move paragraph")))
            self.select_key(("paragraph", dst_path, dst_index))
        elif source[1]:
            target_path = target[1]
            if not target_path or target_path[:len(source[1])] == source[1]:
                return  # not into the background, not into itself
            parent, index = target_path[:-1], target_path[-1] + (0 if position == "above" else 1)
            if parent == source[1][:-1] and source[1][-1] < index:
                index -= 1
            self._push(cmd.MoveSection(self.draft, self._after_change, source[1], parent, index,
                                       self.tr("Move heading")))

    def edit_current(self) -> None:
        key = self.selected_key()
        if self.full_text_shown() and key:
            self.full_text.focus_key(key)
        elif key and key[0] == "paragraph":
            self.editor.setFocus()
        elif key and key[1]:
            self.tree.editItem(self.tree.currentItem())

    # -- find and replace ------------------------------------------------------------------

    def open_find(self, *, replace: bool) -> None:
        """Ctrl+F / Ctrl+H: the bar opens with the selected text to find, if any."""
        selected = self._selected_text()
        if selected and "\n" not in selected and "\u2029" not in selected:
            self.find_bar.find_edit.setText(selected)
        self.find_bar.open_bar(replace=replace)
        if self._match is None:
            self._find_text_changed(self.find_bar.needle())   # the count; a match being shown stays current

    def _selected_text(self) -> str:
        from PySide6.QtWidgets import QApplication

        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit) and widget is not self.find_bar.find_edit:
            return widget.selectedText()
        if hasattr(widget, "textCursor") and self.isAncestorOf(widget):
            return widget.textCursor().selectedText()
        return ""

    def _matches(self) -> list:
        return find_text(self.draft, self.find_bar.needle())

    def _find_text_changed(self, needle: str) -> None:
        self._match = None
        count = len(self._matches()) if needle else 0
        self.find_bar.set_status("" if not needle else self.tr("%n match(es) in the draft", "", count))

    def find_next(self, backward: bool = False) -> None:
        matches = self._matches()
        if not matches:
            self.find_bar.set_status(self.tr("Not found") if self.find_bar.needle() else "")
            return
        at = -1
        if self._match is not None:
            places = [(m.key, m.start, m.end) for m in matches]
            if self._match in places:
                at = places.index(self._match)
            else:   # the text changed: go on from the first match after the old place in reading order
                at = self._first_after(matches) - (0 if backward else 1)
        at = (at - 1 if backward else at + 1) % len(matches)
        match = matches[at]
        self._match = (match.key, match.start, match.end)
        self.show_text(match.key, match.start, match.end, focus=False)
        self.find_bar.set_status(self.tr("%1 of %2").replace("%1", str(at + 1)).replace("%2", str(len(matches))))

    def _first_after(self, matches) -> int:
        from dafu.draft import text_keys

        order = {key: i for i, key in enumerate(text_keys(self.draft))}
        key, start, _ = self._match
        mine = (order.get(key, -1), start)
        return next((i for i, m in enumerate(matches) if (order.get(m.key, -1), m.start) > mine), len(matches))

    def replace_current(self) -> None:
        needle = self.find_bar.needle()
        if self._match is None:
            self.find_next()
            return
        key, start, end = self._match
        try:
            current = text_at(self.draft, key)[start:end]
        except (IndexError, KeyError, ValueError):
            current = None
        if current != needle:
            self.find_next()
            return
        change = replace_span(self.draft, key, start, end, self.find_bar.replacement())
        self._push(cmd.ChangeTexts(self.draft, self._after_change, [change],
                                   self.tr("Replace “%1”").replace("%1", needle)))
        self._match = (key, start, start + len(self.find_bar.replacement()))
        self.find_next()

    def replace_all(self) -> int:
        needle, replacement = self.find_bar.needle(), self.find_bar.replacement()
        changes = replace_all(self.draft, needle, replacement)
        count = count_occurrences(changes, needle)
        if changes:
            self._push(cmd.ChangeTexts(self.draft, self._after_change, changes,
                                       self.tr("Replace “%1” with “%2”").replace("%1", needle).replace("%2", replacement)))
        message = self.tr("Replaced %n occurrence(s)", "", count)
        self.find_bar.set_status(message)
        self.status.emit(message)
        self._match = None
        return count
