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
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dafu.numbering import heading_number, ordinal

if TYPE_CHECKING:
    from dafu.model import ReplyDocument

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

    def replace_paragraphs(self, path: SectionPath, index: int, count: int,
                           new: list[Paragraph]) -> list[Paragraph]:
        """Put ``new`` in place of the ``count`` paragraphs from ``index``; returns the ones taken out.

        Splitting a paragraph (count 1, two new), pasting several (count 1, many new) and joining
        two (count 2, one new) are all this one edit; its inverse is the same call the other way.
        """
        paragraphs = self.paragraphs_at(path)
        old = paragraphs[index:index + count]
        paragraphs[index:index + count] = new
        return old

    def set_enumerate(self, path: SectionPath, on: bool) -> list[Paragraph]:
        """Number the section's paragraphs 一是、二是… (or stop). Turning it on takes a 一是 the text
        already begins with (a library paragraph often does), so it is not printed twice. Returns the
        paragraphs as they were, for the undo."""
        section = self.section(path)
        old = list(section.paragraphs)
        section.enumerate = on
        if on:
            section.paragraphs = [fit_paragraph(p, True) for p in old]
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


# -- text in the draft -----------------------------------------------------------------
#
# Every piece of text the clerk wrote has a key: ("value", name), ("value", name, i) for one
# entry of a list value, ("section", path) for a heading, ("paragraph", path, index) for a
# paragraph's text and ("item", path, index, i) for one of its 一是/二是 items. Find, replace,
# fixes and the editors all address text this way.

TextKey = tuple

_ORDINAL_START = re.compile(r"^[一二三四五六七八九十]+是(?=\S)")


def strip_ordinal(text: str) -> str:
    """一是加强… → 加强…: the number an enumerated section prints itself."""
    return _ORDINAL_START.sub("", text, count=1)


def fit_paragraph(paragraph: Paragraph, enumerated: bool) -> Paragraph:
    """The paragraph as it belongs in a section that numbers (or does not number) its paragraphs."""
    if not enumerated:
        return paragraph
    text = strip_ordinal(paragraph.text)
    return paragraph if text == paragraph.text else Paragraph(text, list(paragraph.items), paragraph.ref)


def text_keys(draft: Draft) -> list[TextKey]:
    """Every text of the draft: the values in the draft's order, then the body in reading order."""
    keys: list[TextKey] = []
    for name, value in draft.values.items():
        if isinstance(value, str):
            keys.append(("value", name))
        elif isinstance(value, list):
            keys.extend(("value", name, i) for i, v in enumerate(value) if isinstance(v, str))

    def paragraphs(path: SectionPath, items: list[Paragraph]) -> None:
        for index, paragraph in enumerate(items):
            keys.append(("paragraph", path, index))
            keys.extend(("item", path, index, i) for i in range(len(paragraph.items)))

    paragraphs((), draft.intro)
    for path, section in draft.walk():
        keys.append(("section", path))
        paragraphs(path, section.paragraphs)
    return keys


def text_at(draft: Draft, key: TextKey) -> str:
    kind = key[0]
    if kind == "value":
        value = draft.values.get(key[1])
        if len(key) == 3:
            return str(value[key[2]])
        return "" if value is None else str(value)
    if kind == "section":
        return draft.section(key[1]).heading
    paragraph = draft.paragraphs_at(key[1])[key[2]]
    return paragraph.text if kind == "paragraph" else paragraph.items[key[3]]


def set_text_at(draft: Draft, key: TextKey, text: str) -> str:
    """Set one text; returns the old one."""
    old = text_at(draft, key)
    kind = key[0]
    if kind == "value":
        if len(key) == 3:
            value = list(draft.values[key[1]])
            value[key[2]] = text
            draft.values[key[1]] = value
        else:
            draft.set_value(key[1], text)
    elif kind == "section":
        draft.set_heading(key[1], text)
    else:
        paragraph = draft.paragraphs_at(key[1])[key[2]]
        if kind == "paragraph":
            new = Paragraph(text, list(paragraph.items), paragraph.ref)
        else:
            items = list(paragraph.items)
            items[key[3]] = text
            new = Paragraph(paragraph.text, items, paragraph.ref)
        draft.set_paragraph(key[1], key[2], new)
    return old


@dataclass(frozen=True)
class TextMatch:
    key: TextKey
    start: int
    end: int


@dataclass(frozen=True)
class TextChange:
    key: TextKey
    old: str
    new: str


def find_text(draft: Draft, needle: str, keys: list[TextKey] | None = None) -> list[TextMatch]:
    """Every occurrence of ``needle`` (exact, not overlapping), values first, then the body in order."""
    if not needle:
        return []
    found = []
    for key in keys if keys is not None else text_keys(draft):
        text, at = text_at(draft, key), 0
        while (at := text.find(needle, at)) >= 0:
            found.append(TextMatch(key, at, at + len(needle)))
            at += len(needle)
    return found


def replace_all(draft: Draft, needle: str, replacement: str,
                keys: list[TextKey] | None = None) -> list[TextChange]:
    """The changes that replace every occurrence of ``needle``; apply them with :func:`apply_changes`."""
    if not needle:
        return []
    changes = []
    for key in keys if keys is not None else text_keys(draft):
        text = text_at(draft, key)
        if needle in text:
            changes.append(TextChange(key, text, text.replace(needle, replacement)))
    return changes


def replace_span(draft: Draft, key: TextKey, start: int, end: int, replacement: str) -> TextChange:
    """The change that puts ``replacement`` in place of characters [start, end) of one text."""
    text = text_at(draft, key)
    return TextChange(key, text, text[:start] + replacement + text[end:])


def apply_changes(draft: Draft, changes: list[TextChange], *, undo: bool = False) -> None:
    for change in reversed(changes) if undo else changes:
        set_text_at(draft, change.key, change.old if undo else change.new)


def count_occurrences(changes: list[TextChange], needle: str) -> int:
    return sum(change.old.count(needle) for change in changes)


# -- paragraphs from typing and pasting --------------------------------------------------

_END_OF_PARAGRAPH = tuple("。！？!?；;：:…”’）)》】」』")
_MID_SENTENCE = tuple("，,、")
_STARTS_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|"
                              r"[一二三四五六七八九十]+是)")
_WRAPPED_LINE = 20   # a line this long that does not end a sentence was broken by the page, not the writer


def join_text(before: str, after: str) -> str:
    """Two pieces of text as one: Chinese is joined as is; only two Latin words get a space between."""
    if before and after and before[-1].isascii() and before[-1].isalnum() and after[0].isascii() \
            and after[0].isalnum():
        return f"{before} {after}"
    return before + after


def split_pasted_text(text: str) -> list[str]:
    """Pasted text as the paragraphs it holds.

    A blank line always ends a paragraph, and so does a line break after the end of a sentence or
    before a number (一、（一）1. 一是). A line broken after a comma, or a long line broken in
    mid-sentence, as text copied from a PDF or a web page is, continues its paragraph and is joined
    without a space; a short line without punctuation (a heading) stays a paragraph of its own. Indents (including the two
    ideographic spaces of a printed reply) and trailing spaces go.
    """
    paragraphs: list[str] = []
    current: str | None = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").replace("\u2028", "\n") \
            .split("\n"):
        line = raw.strip(" \t\u3000\u00a0")
        if not line:
            if current is not None:
                paragraphs.append(current)
                current = None
            continue
        wrapped = current is not None and (current.endswith(_MID_SENTENCE) or (
            len(current) >= _WRAPPED_LINE and not current.endswith(_END_OF_PARAGRAPH)))
        if wrapped and not _STARTS_NUMBERED.match(line):
            current = join_text(current, line)
            continue
        if current is not None:
            paragraphs.append(current)
        current = line
    if current is not None:
        paragraphs.append(current)
    return paragraphs


def split_paragraph(paragraph: Paragraph, at: int) -> list[Paragraph]:
    """Enter at ``at`` in the paragraph's text: two paragraphs; the second keeps the 一是/二是 items."""
    return [Paragraph(paragraph.text[:at], [], paragraph.ref), Paragraph(paragraph.text[at:], list(paragraph.items))]


def paste_into(paragraph: Paragraph, start: int, end: int, parts: list[str]) -> list[Paragraph]:
    """Pasting ``parts`` (one or more paragraphs) over characters [start, end) of the text."""
    text = paragraph.text
    if len(parts) <= 1:
        inserted = parts[0] if parts else ""
        return [Paragraph(text[:start] + inserted + text[end:], list(paragraph.items), paragraph.ref)]
    first = Paragraph(join_text(text[:start], parts[0]), [], paragraph.ref)
    middle = [Paragraph(part) for part in parts[1:-1]]
    last = Paragraph(join_text(parts[-1], text[end:]), list(paragraph.items))
    return [first, *middle, last]


def join_paragraphs(first: Paragraph, second: Paragraph) -> Paragraph | None:
    """Backspace at the start of ``second``: one paragraph; None when ``first`` ends in items."""
    if first.items:
        return None
    return Paragraph(join_text(first.text, second.text), list(second.items), first.ref or second.ref)


# -- the draft in the assembled document -----------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A draft text printed inside a block, beginning at ``start`` of the block's display text."""

    key: TextKey
    start: int


def block_sources(draft: Draft, document: "ReplyDocument") -> dict[int, list[Segment]]:
    """Which draft texts each block of the document prints, and where in the block.

    Paragraphs and headings are matched in reading order; a block printing one value whole (an
    opening written in the form) is matched to it. Blocks a template composes from values (title,
    salutation, contact line) are located per finding by :func:`locate`."""
    wanted: list[tuple[str, list[Segment]]] = []

    def paragraph_segments(path: SectionPath, index: int, paragraph: Paragraph, prefix: str) -> tuple[str, list]:
        segments = [Segment(("paragraph", path, index), len(prefix))]
        at = len(prefix) + len(paragraph.text)
        for i, item in enumerate(paragraph.items):
            at += len(ordinal(i + 1))
            segments.append(Segment(("item", path, index, i), at))
            at += len(item)
        return prefix + paragraph.rendered(), segments

    for index, paragraph in enumerate(draft.intro):
        wanted.append(paragraph_segments((), index, paragraph, ""))

    def visit(sections: list[Section], prefix: SectionPath, level: int) -> None:
        for i, section in enumerate(sections):
            path = prefix + (i,)
            number = heading_number(level, i + 1)
            wanted.append((number + section.heading, [Segment(("section", path), len(number))]))
            for index, paragraph in enumerate(section.paragraphs):
                enum = ordinal(index + 1) if section.enumerate else ""
                wanted.append(paragraph_segments(path, index, paragraph, enum))
            visit(section.sections, path, level + 1)

    visit(draft.sections, (), 1)
    for name, value in draft.values.items():
        if isinstance(value, str) and len(value) > 8:
            wanted.append((value, [Segment(("value", name), 0)]))
    sources: dict[int, list[Segment]] = {}
    texts = [block.display_text for block in document.blocks]
    next_free = 0
    for text, segments in wanted:
        # Body texts come in reading order; search on from the last match first, then anywhere free.
        order = list(range(next_free, len(texts))) + list(range(0, next_free))
        for i in order:
            if i not in sources and texts[i] == text:
                sources[i] = segments
                if segments[0].key[0] != "value":
                    next_free = i + 1
                break
    return sources


def block_at(document: "ReplyDocument", offset: int) -> tuple[int, int] | None:
    """(block index, offset in the block's display text) of an offset into ``document.plain_text()``."""
    from dafu.model import BlockKind

    pos = 0
    inner: dict[int, int] = {}   # block -> characters of its display text before the current line
    for index, line in document.text_lines():
        before = inner.get(index, 0)
        if pos <= offset <= pos + len(line):
            return index, before + offset - pos
        # A title's lines are one display text without breaks; a table's rows keep theirs.
        inner[index] = before + len(line) + (document.blocks[index].kind is BlockKind.TABLE)
        pos += len(line) + 1
    return None


def locate(draft: Draft, document: "ReplyDocument", sources: dict[int, list[Segment]], block: int,
           start: int, end: int) -> TextMatch | None:
    """The draft text that printed characters [start, end) of a block, or None when the template or the
    numbering printed them (a heading's number, 一是, 特此答复) rather than the clerk."""
    segments = sources.get(block)
    if segments:
        for segment in segments:
            length = len(text_at(draft, segment.key))
            if segment.start <= start and end <= segment.start + length:
                return TextMatch(segment.key, start - segment.start, end - segment.start)
        return None
    # A block the template composed from values: the value whose printed text holds the span.
    text = document.blocks[block].display_text
    found = []
    for name, value in draft.values.items():
        if not isinstance(value, str) or len(value) < 2:
            continue
        at = text.find(value)
        while at >= 0:
            if at <= start and end <= at + len(value):
                found.append(TextMatch(("value", name), start - at, end - at))
            at = text.find(value, at + 1)
    return found[0] if len(found) == 1 else None


_BODY_KINDS = ("salutation", "paragraph", "heading", "closing")


def body_text(document: "ReplyDocument", indent: str = "\u3000\u3000") -> str:
    """The reply's body as the online handling systems take it: the salutation, then every paragraph
    and heading through the closing (特此答复。), one per line, indented as printed — without the title,
    the marks above it, the issuing body, the date, the contact line or 抄送."""
    lines = []
    for block in document.blocks:
        if block.kind.value not in _BODY_KINDS:
            continue
        text = block.display_text
        lines.append(text if block.kind.value == "salutation" else indent + text)
    return "\n".join(lines)
