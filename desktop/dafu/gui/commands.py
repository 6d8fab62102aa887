"""Undoable draft edits: one QUndoCommand per clerk action, each a core Draft edit and its inverse."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from dafu.draft import (Draft, Paragraph, Section, SectionPath, TextChange, TextKey, apply_changes, fit_paragraph,
                        set_text_at, text_at)

Changed = Callable[[], None]
TEXT_EDIT_ID, VALUE_EDIT_ID, KEYED_TEXT_EDIT_ID = 1, 2, 3


class DraftCommand(QUndoCommand):
    def __init__(self, draft: Draft, changed: Changed, text: str):
        super().__init__(text)
        self.draft = draft
        self.changed = changed


class InsertParagraph(DraftCommand):
    def __init__(self, draft, changed, path: SectionPath, index: int, paragraph: Paragraph, text: str):
        super().__init__(draft, changed, text)
        self.path, self.index, self.paragraph = path, index, paragraph

    def redo(self) -> None:
        self.draft.insert_paragraph(self.path, self.index, self.paragraph)
        self.changed()

    def undo(self) -> None:
        self.draft.remove_paragraph(self.path, self.index)
        self.changed()


class RemoveParagraph(DraftCommand):
    def __init__(self, draft, changed, path: SectionPath, index: int, text: str):
        super().__init__(draft, changed, text)
        self.path, self.index = path, index
        self.paragraph: Paragraph | None = None

    def redo(self) -> None:
        self.paragraph = self.draft.remove_paragraph(self.path, self.index)
        self.changed()

    def undo(self) -> None:
        self.draft.insert_paragraph(self.path, self.index, self.paragraph)
        self.changed()


class MoveParagraph(DraftCommand):
    """Into a section that numbers its paragraphs, a paragraph leaves its own 一是 behind; the undo
    brings it back as it was."""

    def __init__(self, draft, changed, src: SectionPath, src_index: int, dst: SectionPath, dst_index: int, text: str):
        super().__init__(draft, changed, text)
        self.src, self.src_index, self.dst, self.dst_index = src, src_index, dst, dst_index
        self.original: Paragraph | None = None

    def redo(self) -> None:
        self.draft.move_paragraph(self.src, self.src_index, self.dst, self.dst_index)
        moved = self.draft.paragraphs_at(self.dst)[self.dst_index]
        enumerated = bool(self.dst) and self.draft.section(self.dst).enumerate
        fitted = fit_paragraph(moved, enumerated)
        self.original = moved if fitted is not moved else None
        if self.original is not None:
            self.draft.set_paragraph(self.dst, self.dst_index, fitted)
        self.changed()

    def undo(self) -> None:
        if self.original is not None:
            self.draft.set_paragraph(self.dst, self.dst_index, self.original)
        self.draft.move_paragraph(self.dst, self.dst_index, self.src, self.src_index)
        self.changed()


class ReplaceParagraphs(DraftCommand):
    """Enter splitting a paragraph, a paste of several, Backspace joining two: ``count`` paragraphs
    from ``index`` become ``new``, in one undo step."""

    def __init__(self, draft, changed, path: SectionPath, index: int, count: int, new: list[Paragraph], text: str):
        super().__init__(draft, changed, text)
        self.path, self.index, self.count, self.new = path, index, count, list(new)
        self.old: list[Paragraph] = []

    def redo(self) -> None:
        self.old = self.draft.replace_paragraphs(self.path, self.index, self.count, self.new)
        self.changed()

    def undo(self) -> None:
        self.draft.replace_paragraphs(self.path, self.index, len(self.new), self.old)
        self.changed()


class ChangeTexts(DraftCommand):
    """Replace all, or one fix: texts anywhere in the draft changed together, undone together."""

    def __init__(self, draft, changed, changes: list[TextChange], text: str):
        super().__init__(draft, changed, text)
        self.changes = list(changes)

    def redo(self) -> None:
        apply_changes(self.draft, self.changes)
        self.changed()

    def undo(self) -> None:
        apply_changes(self.draft, self.changes, undo=True)
        self.changed()


class EditText(DraftCommand):
    """Typing in a heading, an item or a value in the full-text view; typing in one text merges."""

    def __init__(self, draft, changed, key: TextKey, new_text: str, text: str):
        super().__init__(draft, changed, text)
        self.key, self.old, self.new = key, text_at(draft, key), new_text

    def id(self) -> int:
        return KEYED_TEXT_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, EditText) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        set_text_at(self.draft, self.key, self.new)
        self.changed()

    def undo(self) -> None:
        set_text_at(self.draft, self.key, self.old)
        self.changed()


class EditParagraph(DraftCommand):
    """Typing in one paragraph merges into one undo step."""

    def __init__(self, draft, changed, path: SectionPath, index: int, new_text: str, text: str):
        super().__init__(draft, changed, text)
        self.path, self.index = path, index
        old = draft.paragraphs_at(path)[index]
        self.old = old
        self.new = Paragraph(new_text, list(old.items), old.ref)

    def id(self) -> int:
        return TEXT_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, EditParagraph) or (other.path, other.index) != (self.path, self.index):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.draft.set_paragraph(self.path, self.index, self.new)
        self.changed()

    def undo(self) -> None:
        self.draft.set_paragraph(self.path, self.index, self.old)
        self.changed()


class InsertSection(DraftCommand):
    def __init__(self, draft, changed, parent: SectionPath, index: int, section: Section, text: str):
        super().__init__(draft, changed, text)
        self.parent, self.index, self.section = parent, index, section

    def redo(self) -> None:
        self.draft.insert_section(self.parent, self.index, self.section)
        self.changed()

    def undo(self) -> None:
        self.draft.remove_section(self.parent + (self.index,))
        self.changed()


class RemoveSection(DraftCommand):
    def __init__(self, draft, changed, path: SectionPath, text: str):
        super().__init__(draft, changed, text)
        self.path = path
        self.section: Section | None = None

    def redo(self) -> None:
        self.section = self.draft.remove_section(self.path)
        self.changed()

    def undo(self) -> None:
        self.draft.insert_section(self.path[:-1], self.path[-1], self.section)
        self.changed()


class MoveSection(DraftCommand):
    def __init__(self, draft, changed, path: SectionPath, parent: SectionPath, index: int, text: str):
        super().__init__(draft, changed, text)
        self.path, self.parent, self.index = path, parent, index

    def redo(self) -> None:
        self.draft.move_section(self.path, self.parent, self.index)
        self.changed()

    def undo(self) -> None:
        self.draft.move_section(self.parent + (self.index,), self.path[:-1], self.path[-1])
        self.changed()


class EditHeading(DraftCommand):
    def __init__(self, draft, changed, path: SectionPath, heading: str, text: str):
        super().__init__(draft, changed, text)
        self.path, self.new, self.old = path, heading, draft.section(path).heading

    def redo(self) -> None:
        self.draft.set_heading(self.path, self.new)
        self.changed()

    def undo(self) -> None:
        self.draft.set_heading(self.path, self.old)
        self.changed()


class SetValue(DraftCommand):
    """Typing in one form field merges into one undo step."""

    def __init__(self, draft, changed, name: str, value: Any, text: str):
        super().__init__(draft, changed, text)
        self.name, self.new, self.old = name, value, draft.values.get(name)

    def id(self) -> int:
        return VALUE_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, SetValue) or other.name != self.name:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.draft.set_value(self.name, self.new)
        self.changed()

    def undo(self) -> None:
        self.draft.set_value(self.name, self.old)
        self.changed()


class SetTemplate(DraftCommand):
    def __init__(self, draft, changed, template: str, text: str):
        super().__init__(draft, changed, text)
        self.new, self.old = template, draft.template

    def redo(self) -> None:
        self.draft.template = self.new
        self.changed()

    def undo(self) -> None:
        self.draft.template = self.old
        self.changed()


class SetEnumerate(DraftCommand):
    """Numbering a section's paragraphs takes the 一是 they already begin with; undo gives it back."""

    def __init__(self, draft, changed, path: SectionPath, on: bool, text: str):
        super().__init__(draft, changed, text)
        self.path, self.on = path, on
        self.old: list[Paragraph] = []

    def redo(self) -> None:
        self.old = self.draft.set_enumerate(self.path, self.on)
        self.changed()

    def undo(self) -> None:
        section = self.draft.section(self.path)
        section.enumerate = not self.on
        section.paragraphs[:] = self.old
        self.changed()
