"""Jinja assembly: draft values → template → reply document.

A template writes one block per line in a small markup (``@p text``,
``@h1 heading``, ``@enum text``, …; see templates/README.md). Numbers of
headings and 一是/二是 enumerations are added here, from the order of the
blocks, so a template can neither skip nor repeat one.

The environment is sandboxed (a template cannot reach Python internals) and
strict (a missing value is an error naming it, never a blank).
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Callable

import jinja2
import jinja2.meta
from jinja2.sandbox import SecurityError

from dafu import paths
from dafu.draft import Draft, Section
from dafu.draftio import coerce_date
from dafu.errors import DafuError, DraftValueError, MissingValueError, TemplateError
from dafu.filters import FILTERS, TESTS
from dafu.model import Block, BlockKind, ContactPlacement, ReplyDocument, ReplyMeta
from dafu.numbering import heading_number, ordinal
from dafu.sandbox import (BoundedSandbox, FolderLoader, LimitExceeded, Limits, RenderTimeout, check_inside,
                          read_template, render as sandbox_render)
from dafu.titles import break_title
from dafu.valuetypes import ANY, DEFAULT_TYPES, ValueType, check_values, is_empty, parse_types

TEMPLATE_SUFFIX = ".j2"
# What `template =` and `-t` may name: a file name without its .j2, never a path (no separators,
# no "..", no leading dot, no control characters).
_NAME = re.compile(r"^(?!\.)(?!.*\.\.)[^/\\:\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]{1,100}$")
# Line breaks a clerk pastes from Word: newline, vertical tab (Word's Shift+Enter), form feed,
# the file/group/record separators, NEL and the Unicode line and paragraph separators.
_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
# Other characters that have no place in an official reply and that XML 1.0 cannot carry.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_UNCLEAN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")  # either of the above, or a tab
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_MARKUP = re.compile(r"^@(\w+)(?:\s(.*))?$")
_SIMPLE_KINDS = {
    "class_mark": BlockKind.CLASS_MARK, "disclosure": BlockKind.DISCLOSURE, "signer": BlockKind.SIGNER,
    "doc_number": BlockKind.DOC_NUMBER, "salutation": BlockKind.SALUTATION, "p": BlockKind.PARAGRAPH,
    "closing": BlockKind.CLOSING, "issuer": BlockKind.ISSUER, "date": BlockKind.DATE,
    "note": BlockKind.NOTE, "cc": BlockKind.CC, "spacer": BlockKind.SPACER,
    "printed_by": BlockKind.PRINTED_BY, "printed_on": BlockKind.PRINTED_ON, "seal": BlockKind.SEAL,
}
_TEXTLESS = {"spacer", "seal"}


@dataclass(frozen=True)
class TemplateInfo:
    name: str                  # file stem, what a draft's `template =` names
    path: Path
    title: str                 # what a clerk sees, e.g. 人大代表建议答复
    kind: str                  # suggestion / proposal / co_handling / letter / feedback_form
    description: str
    requires: tuple[str, ...]
    optional: tuple[str, ...]
    user: bool                 # from the clerk's own template folder
    types: dict[str, ValueType] = field(default_factory=dict, compare=False, hash=False)

    def value_type(self, name: str) -> ValueType:
        return self.types.get(name, ValueType())


def _strict(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter given a missing value reports that value, not a confusing type error."""

    @functools.wraps(func)
    def wrapper(value: Any, *args: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return func(value, *args)

    return wrapper


def clean_text(text: str) -> str:
    """One line of text fit for a reply: line breaks joined, control characters gone.

    A break between two Chinese characters is simply removed (Word wraps Chinese text
    with no space); elsewhere it becomes one space.
    """
    if not _UNCLEAN.search(text):
        return text
    text = _CONTROL.sub("", text)

    def join(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if not before or not after or (_WIDE.match(before) and _WIDE.match(after)) else " "

    return _BREAKS.sub(join, text).replace("\t", " ")


def _one_line(value: Any) -> Any:
    """Every value lands on one markup line (see clean_text).

    Applied to the whole context up front (not as Jinja's ``finalize``, which
    would also flatten the multi-line output of includes and macros).
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    if isinstance(value, dict):
        return {k: _one_line(v) for k, v in value.items()}
    return value


class TemplateSet:
    """The shipped templates plus the clerk's own (which win on a name clash)."""

    def __init__(self, user_dir: str | Path | None = None, shipped_dir: str | Path | None = None,
                 limits: Limits | None = None):
        self.shipped_dir = Path(shipped_dir) if shipped_dir else paths.shipped_templates_dir()
        self.user_dir = Path(user_dir) if user_dir else paths.user_templates_dir()
        self.limits = limits or Limits()
        folders = [d for d in (self.user_dir, self.shipped_dir) if d.is_dir()]
        self.env = BoundedSandbox(
            loader=FolderLoader(folders, self.limits),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            limits=self.limits,
        )
        self.env.filters.update({name: _strict(f) for name, f in FILTERS.items()})
        self.env.tests.update({name: _strict(f) for name, f in TESTS.items()})
        self.env.guard_filters()
        self.broken: dict[str, TemplateError] = {}   # templates all_info() had to leave out
        self._referenced: dict[tuple[Path, float | None], frozenset[str]] = {}

    def names(self) -> list[str]:
        found: dict[str, None] = {}
        for folder in (self.user_dir, self.shipped_dir):
            if folder.is_dir():
                for f in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
                    if not f.name.startswith("_") and _NAME.match(f.stem):
                        found.setdefault(f.stem, None)
        return list(found)

    def path_of(self, name: str) -> Path:
        if not isinstance(name, str) or not _NAME.match(name):
            raise TemplateError(f"模板名不能是路径（not a template name: “{str(name)[:60]}”; "
                                "see `dafu templates`）", path=str(name)[:200])
        for folder in (self.user_dir, self.shipped_dir):
            candidate = folder / f"{name}{TEMPLATE_SUFFIX}"
            if not os.path.lexists(candidate):
                continue
            check_inside(candidate, folder)
            try:
                mode = os.stat(candidate).st_mode
            except OSError as exc:
                raise TemplateError(f"无法读取模板（cannot read）: {exc.strerror}", path=candidate) from None
            if not stat.S_ISREG(mode):
                raise TemplateError("模板不是普通文件（not a regular file）", path=candidate)
            return candidate
        raise TemplateError(f"没有名为 “{name}” 的模板（no such template; see `dafu templates`）",
                            path=name)

    def info(self, name: str) -> TemplateInfo:
        path = self.path_of(name)
        header = _read_header(path, self.limits)
        return TemplateInfo(
            name=name, path=path, title=header.get("title", name), kind=header.get("kind", ""),
            description=header.get("description", ""),
            requires=tuple(header.get("requires", "").split()),
            optional=tuple(header.get("optional", "").split()),
            user=path.parent == self.user_dir,
            types=parse_types(header.get("types", ""), path=path),
        )

    def all_info(self) -> list[TemplateInfo]:
        """Every usable template; one that cannot be read is left out and kept in ``broken``."""
        out = []
        self.broken = {}
        for name in self.names():
            try:
                out.append(self.info(name))
            except TemplateError as exc:
                self.broken[name] = exc
        return out

    def referenced(self, info: TemplateInfo) -> frozenset[str]:
        """The values a template (with what it includes) uses; empty when it cannot be parsed."""
        key = (info.path, _mtime(info.path))
        if key not in self._referenced:
            names: set[str] = set()
            seen: set[str] = set()
            pending = [info.path.name]
            while pending and len(seen) < 20:
                current = pending.pop()
                if current in seen:
                    continue
                seen.add(current)
                try:
                    located = self.env.loader.locate(current)  # type: ignore[union-attr]
                    if located is None:
                        continue
                    ast = self.env.parse(read_template(located, self.limits))
                except (DafuError, jinja2.TemplateError, RecursionError, ValueError):
                    continue
                names |= jinja2.meta.find_undeclared_variables(ast)
                pending.extend(t for t in jinja2.meta.find_referenced_templates(ast) if isinstance(t, str))
            self._referenced[key] = frozenset(names)
        return self._referenced[key]

    def render_markup(self, name: str, context: dict[str, Any]) -> str:
        path = self.path_of(name)
        try:
            return sandbox_render(self.env, path.name, context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"模板语法错误（template syntax error）: {exc.message}",
                                path=exc.filename or path, line=exc.lineno) from None
        except jinja2.UndefinedError as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise MissingValueError(_undefined_name(str(exc)), template=where, line=line) from None
        except SecurityError as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise TemplateError(f"模板做了不允许的操作（not allowed in a template）: {exc}",
                                path=where, line=line) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"模板引用的文件不存在（included template not found）: {exc.name}",
                                path=path) from None
        except LimitExceeded as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise TemplateError(f"模板超出限制（template limit）: {exc}", path=where, line=line) from None
        except RenderTimeout as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise TemplateError(f"模板运行超过 {self.limits.seconds:g} 秒，已停止：可能有不会结束的循环"
                                "（template ran too long）", path=where, line=line) from None
        except RecursionError as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise TemplateError("模板递归过深：宏调用自身或模板包含自身（recursion too deep）",
                                path=where, line=line) from None
        except MemoryError:
            raise TemplateError("模板用尽了内存（template ran out of memory）", path=path) from None
        except DafuError:
            raise  # an included file refused by the loader names itself
        except jinja2.TemplateError as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise TemplateError(f"模板出错（template error）: {exc}", path=where, line=line) from None
        except (ValueError, TypeError, ArithmeticError, LookupError, AttributeError) as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise TemplateError(f"模板取值出错（bad value）: {exc}", path=where, line=line) from None


def _mtime(path: Path) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def _read_header(path: Path, limits: Limits) -> dict[str, str]:
    """The ``{# key: value #}`` comment a template opens with."""
    text = read_template(path, limits)
    m = re.match(r"\s*\{#(.*?)#\}", text, re.S)
    header: dict[str, str] = {}
    if m:
        key = None
        for line in m.group(1).splitlines():
            km = re.match(r"\s*(\w+)\s*:\s*(.*)$", line)
            if km:
                key = km.group(1)
                header[key] = km.group(2).strip()
            elif key and line.strip():
                header[key] += " " + line.strip()
    return header


def _undefined_name(message: str) -> str:
    m = re.search(r"'([^']+)' is undefined", message) or re.search(r"has no attribute '([^']+)'", message)
    return m.group(1) if m else message


def _template_place(tb: TracebackType | None, fallback: Path) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error, as a template file and line."""
    where, line = str(fallback), None
    while tb is not None:
        frame = tb.tb_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            # A frame of compiled template code: map its Python line to the template's.
            where, line = template.filename, template.get_corresponding_lineno(tb.tb_lineno)
        elif frame.f_code.co_filename.endswith(TEMPLATE_SUFFIX):
            where, line = frame.f_code.co_filename, tb.tb_lineno  # already rewritten by Jinja
        tb = tb.tb_next
    return where, line


# -- from draft to context -----------------------------------------------------


def draft_context(draft: Draft, values: dict[str, Any] | None = None) -> dict[str, Any]:
    """What a template sees: the draft's values, the body outline and today's date.

    ``values`` are the draft's values as checked against the template (see assemble);
    an empty value ("" or []) counts as not given, so an optional part is left out.
    """
    source = draft.values if values is None else values
    context: dict[str, Any] = {k: v for k, v in source.items() if not is_empty(v)}
    if values is None and "date" in context:
        context["date"] = coerce_date(context["date"]) or context["date"]
    context["intro"] = [p.rendered() for p in draft.intro]
    context["sections"] = [_section_context(s) for s in draft.sections]
    context["today"] = dt.date.today()
    return _one_line(context)


def _section_context(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "enumerate": section.enumerate,
        "paragraphs": [p.rendered() for p in section.paragraphs],
        "sections": [_section_context(s) for s in section.sections],
    }


# -- from markup to blocks -----------------------------------------------------


def parse_markup(markup: str, *, source: str = "<template>") -> list[Block]:
    """Turn the template's output into blocks, numbering headings and enumerations."""
    blocks: list[Block] = []
    counters = [0, 0, 0, 0]
    enum_count = 0
    title_lines: list[str] = []
    table_rows: list[tuple[str, ...]] = []

    def flush() -> None:
        nonlocal title_lines, table_rows
        if title_lines:
            lines = tuple(title_lines) if len(title_lines) > 1 else break_title(title_lines[0])
            blocks.append(Block(BlockKind.TITLE, "".join(lines), lines=lines))
            title_lines = []
        if table_rows:
            blocks.append(Block(BlockKind.TABLE, rows=tuple(table_rows)))
            table_rows = []

    # Only "\n" ends a line: str.splitlines() would also split at U+2028, NEL or a vertical
    # tab inside a paragraph, and what followed would become a block of its own.
    for raw in markup.split("\n"):
        line = clean_text(raw).strip()
        if not line:
            continue
        m = _MARKUP.match(line)
        if not m:
            raise TemplateError(f"模板输出的行须以 @标记 开头（output line must start with a @tag）: {line[:40]}",
                                path=source, line=None)
        tag, text = m.group(1), (m.group(2) or "").strip()
        if tag != "title" and title_lines or tag != "row" and table_rows:
            flush()
        if tag != "enum":
            enum_count = 0
        if tag == "title":
            if text:
                title_lines.append(text)
        elif tag == "row":
            # only ASCII blanks: a cell's full-width spaces are room to write in (日期 ||　　年　　月　　日)
            table_rows.append(tuple(cell.strip(" \t") for cell in text.split("||")))
        elif tag in ("h1", "h2", "h3", "h4"):
            level = int(tag[1])
            counters[level - 1] += 1
            for deeper in range(level, 4):
                counters[deeper] = 0
            blocks.append(Block(BlockKind.HEADING, text, level=level,
                                number=heading_number(level, counters[level - 1])))
        elif tag == "enum":
            enum_count += 1
            blocks.append(Block(BlockKind.PARAGRAPH, ordinal(enum_count) + text))
        elif tag in _SIMPLE_KINDS:
            if text or tag in _TEXTLESS:
                blocks.append(Block(_SIMPLE_KINDS[tag], text))
        else:
            raise TemplateError(f"未知的标记 @{tag}（unknown tag）", path=source)
    flush()
    return blocks


def check_draft_values(draft: Draft, info: TemplateInfo, templates: TemplateSet) -> dict[str, Any]:
    """The draft's values as the template declares them, or DraftValueError naming each bad one."""
    declared = set(info.requires) | set(info.optional) | set(info.types)
    types = dict(info.types)
    for name in templates.referenced(info) - declared:
        # Used but not declared: still nothing that would print as Python.
        types[name] = DEFAULT_TYPES.get(name, ANY)
    values, problems = check_values(draft.values, types, declared | set(types))
    if problems:
        raise DraftValueError([(p.name, draft.value_lines.get(p.name), p.message) for p in problems],
                              path=draft.path)
    return values


def assemble(draft: Draft, templates: TemplateSet | None = None) -> ReplyDocument:
    """Render a draft through its template into a reply document."""
    templates = templates or TemplateSet()
    info = templates.info(draft.template)
    values = check_draft_values(draft, info, templates)
    context = draft_context(draft, values)
    missing = [name for name in info.requires if name not in context]
    try:
        markup = templates.render_markup(draft.template, context)
    except MissingValueError as exc:
        # Name every missing value at once (the declared ones, and the one Jinja met first).
        names = missing + [n for n in exc.names if n not in missing]
        raise MissingValueError(names, template=exc.path, line=exc.line, draft=draft.path) from None
    if missing:
        raise MissingValueError(missing, template=info.path, draft=draft.path)
    blocks = parse_markup(markup, source=str(info.path))
    placement = _meta_text(context.get("contact_placement", ContactPlacement.NOTE))
    if placement not in (ContactPlacement.NOTE, ContactPlacement.FOOTER):
        raise DraftValueError([("contact_placement", draft.value_lines.get("contact_placement"),
                                f"须为 note 或 footer，而不是 “{placement[:40]}”")], path=draft.path)
    title = next((b for b in blocks if b.kind is BlockKind.TITLE), None)
    meta = ReplyMeta(
        title=title.text if title else "",
        number=_meta_text(context.get("number")),
        doc_number=_meta_text(context.get("doc_number")),
        issuing_body=_meta_text(context.get("issuing_body")),
        date=coerce_date(context.get("date")),
        contact_person=_meta_text(context.get("contact_person")),
        contact_phone=_meta_text(context.get("contact_phone")),
        contact_placement=ContactPlacement(placement),
        kind=info.kind,
        template=info.name,
    )
    return ReplyDocument(blocks=blocks, meta=meta)


def _meta_text(value: Any) -> str:
    """A document property from a value: text as cleaned for the context, digits for a number."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""
