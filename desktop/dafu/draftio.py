"""Draft files: TOML, one paragraph per line, so a draft diffs like prose.

Reading reports every problem with the draft's path and line; saving replaces
the old file whole (temporary file beside it, then rename).
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from dafu.draft import Draft, Paragraph, Section
from dafu.errors import DraftError
from dafu.fileio import MiB, read_regular, write_target

SUFFIX = ".dafu"
# A long reply is some 30 KB of TOML; a draft a hundred times that is no reply, and reading
# it whole (then rendering it) must stay well inside a desktop's memory.
MAX_DRAFT_BYTES = 4 * MiB
_HEADER = "# Dafu 答复 draft — edit freely; `dafu render` turns it into an official .docx\n\n"
_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_EOF = re.compile(r"\s*\(at end of document\)\s*$")


def read_draft(path: str | Path) -> Draft:
    path = Path(path)
    draft = loads(read_draft_text(path), path=path)
    draft.path = path
    return draft


def read_draft_text(path: str | Path) -> str:
    """The text of a draft file: a regular file of at most MAX_DRAFT_BYTES, in UTF-8."""
    path = Path(path)
    raw = read_regular(path, limit=MAX_DRAFT_BYTES, error=DraftError, what="草稿文件")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DraftError("草稿不是 UTF-8 编码（draft is not UTF-8）", path=path, line=line) from None


def loads(text: str, *, path: str | Path | None = None) -> Draft:
    where = path or "<draft>"
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise DraftError("草稿嵌套过深（draft nested too deeply）", path=where) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_PLACE.search(message)
        if m:
            raise DraftError(f"草稿格式错误（invalid TOML）: {message[: m.start()]}", path=where,
                             line=int(m.group(1)), column=int(m.group(2))) from None
        line = text.count("\n") + 1 if _TOML_EOF.search(message) else None
        raise DraftError(f"草稿格式错误（invalid TOML）: {_TOML_EOF.sub('', message)}",
                         path=where, line=line) from None
    reader = _DraftReader(text, where)
    draft = reader.draft(data)
    draft.value_lines = value_lines(reader.lines, draft.values)
    return draft


class _DraftReader:
    """Turns parsed TOML into a Draft, naming the line of any misplaced value."""

    def __init__(self, text: str, where: str | Path):
        self.lines = text.splitlines()
        self.where = where

    def fail(self, message: str, key: str) -> DraftError:
        return DraftError(message, path=self.where, line=self.line_of(key))

    def line_of(self, key: str) -> int | None:
        # A key on its own line or as a table header first, then inside an inline table.
        own_line = re.compile(rf"^\s*(\[\[?\s*)?([\w.]*\.)?{re.escape(key)}\s*(=|\]\]?)")
        inline = re.compile(rf"(?<![\w.]){re.escape(key)}\s*=")
        for pattern in (own_line.match, inline.search):
            for number, line in enumerate(self.lines, 1):
                if pattern(line):
                    return number
        return None

    def draft(self, data: dict[str, Any]) -> Draft:
        unknown = set(data) - {"template", "values", "intro", "sections"}
        if unknown:
            key = sorted(unknown)[0]
            raise self.fail(f"未知的草稿项 “{key}”（unknown key; expected template, values, intro, sections）", key)
        template = data.get("template")
        if not isinstance(template, str) or not template.strip():
            raise self.fail("草稿须写明模板：template = \"…\"（missing template name）", "template")
        values = data.get("values", {})
        if not isinstance(values, dict):
            raise self.fail("values 须为表（values must be a table）", "values")
        return Draft(
            template=template.strip(),
            values=values,
            intro=self.paragraphs(data.get("intro", []), "intro"),
            sections=[self.section(s, "sections", 1) for s in self.array(data.get("sections", []), "sections")],
        )

    def array(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"{key} 须为数组（{key} must be an array）", key)
        return value

    def section(self, data: Any, key: str, level: int) -> Section:
        if not isinstance(data, dict):
            raise self.fail(f"{key} 的每一项须为表（each {key} entry must be a table）", key)
        if level > 4:
            raise self.fail("标题最多四级（headings go four levels deep at most）", "sections")
        heading = data.get("heading", "")
        if not isinstance(heading, str):
            raise self.fail("heading 须为文字（heading must be a string）", "heading")
        unknown = set(data) - {"heading", "paragraphs", "sections", "enumerate"}
        if unknown:
            name = sorted(unknown)[0]
            raise self.fail(f"未知的章节项 “{name}”（unknown section key）", name)
        return Section(
            heading=heading,
            paragraphs=self.paragraphs(data.get("paragraphs", []), "paragraphs"),
            sections=[self.section(s, "sections", level + 1)
                      for s in self.array(data.get("sections", []), "sections")],
            enumerate=self.flag(data.get("enumerate", False), "enumerate"),
        )

    def flag(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(f"{key} 须为 true 或 false（{key} must be true or false）", key)
        return value

    def paragraphs(self, value: Any, key: str) -> list[Paragraph]:
        out = []
        for item in self.array(value, key):
            if isinstance(item, str):
                out.append(Paragraph(item))
            elif isinstance(item, dict) and set(item) <= {"text", "items", "ref"}:
                items = item.get("items", [])
                if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                    raise self.fail("items 须为文字数组（items must be an array of strings）", "items")
                text, ref = item.get("text", ""), item.get("ref", "")
                if not isinstance(text, str):
                    raise self.fail("段落的 text 须为文字（paragraph text must be a string）", "text")
                if not isinstance(ref, str):
                    raise self.fail("ref 须为文字（ref must be a string）", "ref")
                out.append(Paragraph(text, list(items), ref))
            else:
                raise self.fail(f"{key} 的每一段须为文字或 {{ text, items, ref }}（bad paragraph）", key)
        return out


def dumps(draft: Draft) -> str:
    data: dict[str, Any] = {"template": draft.template, "values": _plain(draft.values)}
    if draft.intro:
        data["intro"] = [_paragraph(p) for p in draft.intro]
    if draft.sections:
        data["sections"] = [_section(s) for s in draft.sections]
    return _HEADER + tomli_w.dumps(data, multiline_strings=True)


def save_draft(draft: Draft, path: str | Path) -> Path:
    """Write the draft, replacing any old file whole."""
    from dafu.export.atomic import atomic_write_text

    path = Path(path)
    atomic_write_text(write_target(path), dumps(draft))
    draft.path = path
    return path


def value_lines(lines: list[str], values: dict[str, Any]) -> dict[str, int]:
    """The line each value of ``[values]`` is written on: ``[values]`` then ``name = …``,
    ``values.name = …`` or ``values = { name = … }``."""
    found: dict[str, int] = {}
    table: tuple[str, ...] = ()
    in_string = ""
    for number, line in enumerate(lines, 1):
        if in_string:  # inside a multi-line string: nothing here is a key
            if line.count(in_string) % 2:
                in_string = ""
            continue
        stripped = line.strip()
        header = re.match(r"^\[(?!\[)(.*)\]\s*(#.*)?$", stripped)
        if header:
            table = _key_path(header.group(1)) or ("?",)
            continue
        if stripped.startswith("[["):
            table = ("[[]]",)
            continue
        key = re.match(r"^((?:[\w-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')(?:\s*\.\s*(?:[\w-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*'))*)"
                       r"\s*=\s*(.*)$", stripped)
        if key:
            full = table + _key_path(key.group(1))
            rest = key.group(2)
            if len(full) == 2 and full[0] == "values":
                found.setdefault(full[1], number)
            elif full == ("values",) and rest.startswith("{"):
                for name in values:
                    if re.search(rf"(?:[{{,]\s*)(?:{re.escape(name)}|\"{re.escape(name)}\")\s*=", rest):
                        found.setdefault(name, number)
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2:
                    in_string = quote
    return found


def _key_path(text: str) -> tuple[str, ...]:
    """The parts of a TOML key as written (bare, quoted or dotted), by asking tomllib itself."""
    try:
        data: Any = tomllib.loads(f"{text} = 0")
    except (tomllib.TOMLDecodeError, RecursionError):
        return ()
    parts = []
    while isinstance(data, dict) and len(data) == 1:
        key, data = next(iter(data.items()))
        parts.append(key)
    return tuple(parts)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    # TOML has no null; drop empty values rather than write "".
    return {k: v for k, v in values.items() if v is not None and v != "" and v != []}


def _paragraph(p: Paragraph) -> Any:
    if not p.items and not p.ref:
        return p.text
    out: dict[str, Any] = {"text": p.text}
    if p.items:
        out["items"] = list(p.items)
    if p.ref:
        out["ref"] = p.ref
    return out


def _section(s: Section) -> dict[str, Any]:
    out: dict[str, Any] = {"heading": s.heading}
    if s.enumerate:
        out["enumerate"] = True
    if s.paragraphs:
        out["paragraphs"] = [_paragraph(p) for p in s.paragraphs]
    if s.sections:
        out["sections"] = [_section(c) for c in s.sections]
    return out


def coerce_date(value: Any) -> dt.date | None:
    """A draft date may be a TOML date or an ISO string; None when it is neither."""
    from dafu.filters import as_date

    try:
        return as_date(value)
    except ValueError:
        return None
