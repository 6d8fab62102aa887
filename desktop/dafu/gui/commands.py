"""Undoable draft edits: one QUndoCommand per clerk action, each a core Draft edit and its inverse."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from dafu.draft import Draft, Paragraph, Section, SectionPath

Changed = Callable[[], None]
TEXT_EDIT_ID, VALUE_EDIT_ID = 1, 2


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
    def __init__(self, draft, changed, src: SectionPath, src_index: int, dst: SectionPath, dst_index: int, text: str):
        super().__init__(draft, changed, text)
        self.src, self.src_index, self.dst, self.dst_index = src, src_index, dst, dst_index

    def redo(self) -> None:
        self.draft.move_paragraph(self.src, self.src_index, self.dst, self.dst_index)
        self.changed()

    def undo(self) -> None:
        self.draft.move_paragraph(self.dst, self.dst_index, self.src, self.src_index)
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
    def __init__(self, draft, changed, path: SectionPath, on: bool, text: str):
        super().__init__(draft, changed, text)
        self.path, self.on = path, on

    def redo(self) -> None:
        self.draft.section(self.path).enumerate = self.on
        self.changed()

    def undo(self) -> None:
        self.draft.section(self.path).enumerate = not self.on
        self.changed()
