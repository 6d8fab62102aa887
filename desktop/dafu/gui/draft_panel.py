"""The draft pane: the template's values as a form, and the reply's outline.

The Draft (core) is the only state; every action is an undoable command on it,
and the outline is redrawn from it, so numbering (一、（一）一是) always follows
the order.
"""
from __future__ import annotations

import datetime as dt
import json
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from dafu.draft import Draft, Paragraph, Section
from dafu.gui import commands as cmd
from dafu.gui.library_panel import PARAGRAPH_MIME
from dafu.numbering import heading_number, ordinal

KEY_ROLE = Qt.ItemDataRole.UserRole
CHOICES = {"result_class": ["", "A", "B", "C"], "disclosure": ["", "主动公开", "依申请公开", "不予公开"],
           "contact_placement": ["note", "footer"]}
LIST_FIELDS = {"cc", "title_lines"}
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
}


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
    changed = Signal()          # the draft changed (edit, undo, redo, new draft)
    paragraph_selected = Signal(object)

    def __init__(self, templates, parent: QWidget | None = None):
        super().__init__(parent)
        self.templates = templates
        self.draft = Draft()
        self.undo_stack = QUndoStack(self)
        self._fields: dict[str, QWidget] = {}
        self._loading = False
        self._editing_key = None
        self._build()

    # -- widgets ---------------------------------------------------------------

    def _build(self) -> None:
        self.template_combo = QComboBox()
        for info in self.templates.all_info():
            self.template_combo.addItem(f"{info.title}（{info.name}）", info.name)
        self.template_combo.currentIndexChanged.connect(self._template_chosen)
        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(self.form_host)

        self.tree = OutlineTree()
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemChanged.connect(self._item_edited)
        self.tree.move_requested.connect(self.move_by_drop)
        self.tree.insert_requested.connect(self.insert_by_drop)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("Select a paragraph to edit it here"))
        self.editor.textChanged.connect(self._editor_changed)
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
        outline_layout.addWidget(QLabel(self.tr("Outline")))
        outline_layout.addWidget(self.tree, 3)
        outline_layout.addLayout(buttons)
        outline_layout.addWidget(self.enumerate_box)
        outline_layout.addWidget(self.editor, 2)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(form_scroll)
        split.addWidget(outline)
        split.setSizes([300, 600])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.template_combo)
        layout.addWidget(split)

    # -- the draft ---------------------------------------------------------------

    def set_draft(self, draft: Draft) -> None:
        self.draft = draft
        self.undo_stack.clear()
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
        """Redraw the outline (numbers follow the order) and the form, keeping the selection."""
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
        self._sync_form_values()
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
        while self.form.rowCount():
            self.form.removeRow(0)
        self._fields = {}
        try:
            info = self.templates.info(self.draft.template)
            names = list(info.requires) + [n for n in info.optional if n not in info.requires]
            required = set(info.requires)
        except Exception:
            names, required = sorted(self.draft.values), set()
        for name in names:
            label = self.tr(FIELD_LABELS.get(name, name)) + (" *" if name in required else "")
            if name in CHOICES:
                widget = QComboBox()
                widget.setEditable(name != "contact_placement")
                for choice in CHOICES[name]:
                    widget.addItem(choice, choice)
                widget.currentTextChanged.connect(lambda text, n=name: self._field_edited(n, text))
            elif name == "opening":
                widget = QPlainTextEdit()
                widget.setFixedHeight(80)
                widget.textChanged.connect(lambda n=name, w=widget: self._field_edited(n, w.toPlainText()))
            else:
                widget = QLineEdit()
                if name == "date":
                    widget.setPlaceholderText("2023-05-28")
                widget.textEdited.connect(lambda text, n=name: self._field_edited(n, text))
            widget.setObjectName(f"field_{name}")
            self._fields[name] = widget
            self.form.addRow(label, widget)
        self._sync_form_values()

    def _sync_form_values(self) -> None:
        self._loading = True
        for name, widget in self._fields.items():
            text = self._as_text(name, self.draft.values.get(name))
            if isinstance(widget, QComboBox):
                if widget.currentText() != text:
                    widget.setCurrentText(text)
            elif isinstance(widget, QPlainTextEdit):
                if widget.toPlainText() != text:
                    widget.setPlainText(text)
            elif widget.text() != text:
                widget.setText(text)
        self._loading = False

    @staticmethod
    def _as_text(name: str, value) -> str:
        if value is None:
            return ""
        if isinstance(value, (list, tuple)):
            return "、".join(str(v) for v in value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def _field_edited(self, name: str, text: str) -> None:
        if self._loading:
            return
        value: object = text.strip()
        if name in LIST_FIELDS or isinstance(self.draft.values.get(name), list):
            value = [v for v in re.split(r"[、，,\n]", text) if v.strip()]
        elif name == "date":
            try:
                value = dt.date.fromisoformat(text.strip())
            except ValueError:
                value = text.strip()  # the preview names the bad date until it is complete
        elif name == "consulted":
            value = text.strip() in ("是", "yes", "true", "1")
        self._push(cmd.SetValue(self.draft, self._after_change, name, value or None,
                                self.tr("Edit %s") % self.tr(FIELD_LABELS.get(name, name))))

    def set_value(self, name: str, value) -> None:
        self._push(cmd.SetValue(self.draft, self._after_change, name, value, self.tr("Edit %s") % name))

    def field(self, name: str) -> QWidget | None:
        return self._fields.get(name)

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

    def _insert_point(self, key=None, position: str = "below") -> tuple[tuple, int]:
        key = key if key is not None else self.selected_key()
        if key and key[0] == "paragraph":
            return key[1], key[2] + (0 if position == "above" else 1)
        path = key[1] if key else ()
        return path, len(self.draft.paragraphs_at(path))

    def add_paragraph(self, text: str, ref: str = "", key=None, position: str = "below") -> None:
        path, index = self._insert_point(key, position)
        self._push(cmd.InsertParagraph(self.draft, self._after_change, path, index, Paragraph(text, [], ref),
                                       self.tr("Insert paragraph")))
        self.select_key(("paragraph", path, index))
        if not text:
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
        item = self.item_for(("section", parent + (index,)))
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
        if key and key[0] == "paragraph":
            self.editor.setFocus()
        elif key and key[1]:
            self.tree.editItem(self.tree.currentItem())
