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

SUFFIX = ".dafu"
_HEADER = "# Dafu 答复 draft — edit freely; `dafu render` turns it into an official .docx\n\n"
_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_EOF = re.compile(r"\s*\(at end of document\)\s*$")


def read_draft(path: str | Path) -> Draft:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DraftError("找不到草稿文件（draft file not found）", path=path) from None
    except OSError as exc:
        raise DraftError(f"无法读取草稿（cannot read draft）: {exc.strerror}", path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DraftError("草稿不是 UTF-8 编码（draft is not UTF-8）", path=path, line=line) from None
    draft = loads(text, path=path)
    draft.path = path
    return draft


def loads(text: str, *, path: str | Path | None = None) -> Draft:
    where = path or "<draft>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_PLACE.search(message)
        if m:
            raise DraftError(f"草稿格式错误（invalid TOML）: {message[: m.start()]}", path=where,
                             line=int(m.group(1)), column=int(m.group(2))) from None
        line = text.count("\n") + 1 if _TOML_EOF.search(message) else None
        raise DraftError(f"草稿格式错误（invalid TOML）: {_TOML_EOF.sub('', message)}",
                         path=where, line=line) from None
    return _DraftReader(text, where).draft(data)


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
            enumerate=bool(data.get("enumerate", False)),
        )

    def paragraphs(self, value: Any, key: str) -> list[Paragraph]:
        out = []
        for item in self.array(value, key):
            if isinstance(item, str):
                out.append(Paragraph(item))
            elif isinstance(item, dict) and set(item) <= {"text", "items", "ref"}:
                items = item.get("items", [])
                if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                    raise self.fail("items 须为文字数组（items must be an array of strings）", "items")
                out.append(Paragraph(str(item.get("text", "")), list(items), str(item.get("ref", ""))))
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
    atomic_write_text(path, dumps(draft))
    draft.path = path
    return path


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
