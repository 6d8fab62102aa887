"""Changing the text values of a draft file in place, keeping everything else byte for byte.

`dafu check --fix` corrects punctuation and numbering inside a draft. Writing the
draft out again from its parsed form would lose what TOML parsing forgets: comments,
the order and layout the clerk chose, empty values kept as placeholders. Instead the
string literals of the file are located, and only those whose value changed are
rewritten, in the same quoting style where it can hold the new text.

How a literal is matched to its place in the draft: every string literal is replaced
by a numbered marker and the result is parsed with tomllib, so the parser itself says
which value (``sections[1].paragraphs[0]``…) each literal is.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from dafu.draft import Draft, Paragraph
from dafu.errors import DraftError

Path_ = tuple[Any, ...]
_MARK = re.compile(r"^\ue000(\d+)\ue001$")


@dataclass(frozen=True)
class Literal:
    start: int
    end: int
    style: str     # '"', "'", '"""' or "'''"
    value: str


def literals(text: str) -> list[Literal]:
    """The string literals of a TOML text, in order (comments skipped)."""
    out: list[Literal] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c not in "\"'":
            i += 1
            continue
        style = c * 3 if text.startswith(c * 3, i) else c
        end = _literal_end(text, i, style)
        raw = text[i:end]
        try:
            value = tomllib.loads(f"x = {raw}")["x"]
        except tomllib.TOMLDecodeError:
            raise DraftError("草稿格式错误：字符串未闭合（unterminated string）",
                             line=text.count("\n", 0, i) + 1) from None
        out.append(Literal(i, end, style, value))
        i = end
    return out


def _literal_end(text: str, start: int, style: str) -> int:
    i = start + len(style)
    n = len(text)
    while i < n:
        if style[0] == '"' and text[i] == "\\":
            i += 2
            continue
        if text.startswith(style, i):
            end = i + len(style)
            if len(style) == 3:  # up to two quotes may stand right before the closing three
                extra = 0
                while end < n and text[end] == style[0] and extra < 2:
                    end += 1
                    extra += 1
            return end
        if len(style) == 1 and text[i] == "\n":
            break
        i += 1
    return n  # unterminated: tomllib reports it


def value_literals(text: str) -> dict[Path_, Literal]:
    """The literal behind each string value of the draft, by its path in the parsed data."""
    found = literals(text)
    pieces, last = [], 0
    for index, lit in enumerate(found):
        pieces.append(text[last:lit.start])
        pieces.append(f'"\ue000{index}\ue001"')
        last = lit.end
    pieces.append(text[last:])
    try:
        data = tomllib.loads("".join(pieces))
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise DraftError(f"草稿格式错误（invalid TOML）: {exc}") from None
    out: dict[Path_, Literal] = {}

    def key_of(k: str) -> str:
        m = _MARK.match(k)
        return found[int(m.group(1))].value if m else k

    def walk(node: Any, path: Path_) -> None:
        if isinstance(node, str):
            m = _MARK.match(node)
            if m:
                out[path] = found[int(m.group(1))]
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, path + (key_of(k),))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + (i,))

    walk(data, ())
    return out


def draft_string(draft: Draft, path: Path_) -> str | None:
    """The text at a data path (as the TOML has it) in a Draft object, or None if it holds none."""
    try:
        head = path[0]
        if head == "template" and len(path) == 1:
            return draft.template
        if head == "values":
            value = draft.values[path[1]]
            for step in path[2:]:
                value = value[step]
            return value if isinstance(value, str) else None
        if head == "intro":
            return _paragraph_string(draft.intro[path[1]], path[2:])
        if head == "sections":
            section = draft.sections[path[1]]
            rest = path[2:]
            while rest and rest[0] == "sections":
                section = section.sections[rest[1]]
                rest = rest[2:]
            if rest == ("heading",):
                return section.heading
            if rest and rest[0] == "paragraphs":
                return _paragraph_string(section.paragraphs[rest[1]], rest[2:])
    except (IndexError, KeyError, TypeError):
        return None
    return None


def _paragraph_string(p: Paragraph, rest: Path_) -> str | None:
    if rest in ((), ("text",)):
        return p.text
    if rest == ("ref",):
        return p.ref
    if len(rest) == 2 and rest[0] == "items":
        return p.items[rest[1]]
    return None


def edit_in_place(text: str, fixed: Draft) -> tuple[str, int]:
    """``text`` with each string value that differs in ``fixed`` rewritten; (new text, literals changed)."""
    edits = []
    for path, lit in value_literals(text).items():
        new = draft_string(fixed, path)
        if new is not None and new != lit.value:
            edits.append((lit, new))
    out = text
    for lit, new in sorted(edits, key=lambda e: e[0].start, reverse=True):
        out = out[:lit.start] + encode(new, lit.style, text[lit.start:lit.end]) + out[lit.end:]
    return out, len(edits)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def encode(value: str, style: str, original: str = "") -> str:
    """``value`` as a TOML literal, in ``style`` when that style can hold it."""
    if style == "'" and "'" not in value and not _CONTROL.search(value) and "\n" not in value and "\t" not in value:
        return f"'{value}'"
    if style == "'''" and "'''" not in value and not _CONTROL.search(value) and not value.endswith("'"):
        lead = "\n" if original.startswith("'''\n") or original.startswith("'''\r\n") else ""
        return f"'''{lead}{value}'''"
    if style in ('"""', "'''"):
        lead = "\n" if original[3:4] == "\n" or original[3:5] == "\r\n" else ""
        body = _escape(value, keep_newlines=True).replace('"""', '""\\"')
        if body.endswith('"'):
            body = body[:-1] + '\\"'
        return f'"""{lead}{body}"""'
    return f'"{_escape(value, keep_newlines=False)}"'


def _escape(value: str, *, keep_newlines: bool) -> str:
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"' and not keep_newlines:
            out.append('\\"')
        elif ch == "\n":
            out.append("\n" if keep_newlines else "\\n")
        elif ch == "\t":
            out.append("\t" if keep_newlines else "\\t")
        elif _CONTROL.match(ch) or ch == "\x7f":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)
