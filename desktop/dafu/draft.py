"""A draft: the template's values and the outline of the reply body.

Sections nest (一、 holds （一）, which holds 1. …); each holds paragraphs. A
paragraph is free text, optionally followed by an enumeration whose 一是/二是
numbers are generated, or a copy of a library paragraph (``ref``). Edits are
small methods that return what an undo needs, so the GUI can wrap each one in
a QUndoCommand without knowing the tree's internals.

A section path is a tuple of indices from the top: () is the body before the
first heading (the background), (1,) the second level-1 section, (1, 0) its
first sub-section.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dafu.numbering import ordinal

SectionPath = tuple[int, ...]


@dataclass
class Paragraph:
    text: str = ""
    items: list[str] = field(default_factory=list)  # 一是… 二是… appended after text
    ref: str = ""  # the library paragraph this came from, if any

    def rendered(self) -> str:
        """The printed text, with generated enumeration numbers."""
        return self.text + "".join(f"{ordinal(i)}{item}" for i, item in enumerate(self.items, 1))


@dataclass
class Section:
    heading: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
    enumerate: bool = False  # number the paragraphs themselves: 一是… 二是… across siblings


@dataclass
class Draft:
    template: str = "suggestion_reply"
    values: dict[str, Any] = field(default_factory=dict)
    intro: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    path: Path | None = None  # the file it was read from, for messages and "save"
    # Where each value was written in that file ({"meeting": 12}), so a message can name the line.
    value_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    # -- addressing ---------------------------------------------------------

    def section(self, path: SectionPath) -> Section:
        if not path:
            raise ValueError("the empty path is the intro, not a section")
        children, node = self.sections, None
        for index in path:
            node = children[index]
            children = node.sections
        assert node is not None
        return node

    def paragraphs_at(self, path: SectionPath) -> list[Paragraph]:
        return self.intro if not path else self.section(path).paragraphs

    def _children(self, parent: SectionPath) -> list[Section]:
        return self.sections if not parent else self.section(parent).sections

    # -- paragraph edits ----------------------------------------------------

    def insert_paragraph(self, path: SectionPath, index: int, paragraph: Paragraph) -> None:
        self.paragraphs_at(path).insert(index, paragraph)

    def remove_paragraph(self, path: SectionPath, index: int) -> Paragraph:
        return self.paragraphs_at(path).pop(index)

    def move_paragraph(self, src: SectionPath, src_index: int, dst: SectionPath, dst_index: int) -> None:
        """Move a paragraph; ``dst_index`` is its index after the move."""
        paragraph = self.remove_paragraph(src, src_index)
        self.insert_paragraph(dst, dst_index, paragraph)

    def set_paragraph(self, path: SectionPath, index: int, paragraph: Paragraph) -> Paragraph:
        """Replace a paragraph, returning the old one (text edits go through here)."""
        paragraphs = self.paragraphs_at(path)
        old, paragraphs[index] = paragraphs[index], paragraph
        return old

    # -- section edits ------------------------------------------------------

    def insert_section(self, parent: SectionPath, index: int, section: Section) -> None:
        if len(parent) >= 4:
            raise ValueError("headings go four levels deep at most (一、（一）1.（1）)")
        self._children(parent).insert(index, section)

    def remove_section(self, path: SectionPath) -> Section:
        return self._children(path[:-1]).pop(path[-1])

    def move_section(self, path: SectionPath, parent: SectionPath, index: int) -> None:
        section = self.remove_section(path)
        self._children(parent).insert(index, section)

    def set_heading(self, path: SectionPath, heading: str) -> str:
        section = self.section(path)
        old, section.heading = section.heading, heading
        return old

    def set_value(self, name: str, value: Any) -> Any:
        """Set a template value; None removes it. Returns the old value (or None)."""
        old = self.values.get(name)
        if value is None or value == "":
            self.values.pop(name, None)
        else:
            self.values[name] = value
        return old

    def copy(self) -> "Draft":
        return copy.deepcopy(self)

    def walk(self) -> list[tuple[SectionPath, Section]]:
        """Every section with its path, depth-first in reading order."""
        out: list[tuple[SectionPath, Section]] = []

        def visit(children: list[Section], prefix: SectionPath) -> None:
            for i, child in enumerate(children):
                out.append((prefix + (i,), child))
                visit(child.sections, prefix + (i,))

        visit(self.sections, ())
        return out
