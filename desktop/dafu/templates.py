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
import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Callable

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from dafu import paths
from dafu.draft import Draft, Section
from dafu.draftio import coerce_date
from dafu.errors import MissingValueError, TemplateError
from dafu.filters import FILTERS, TESTS
from dafu.model import Block, BlockKind, ContactPlacement, ReplyDocument, ReplyMeta
from dafu.numbering import heading_number, ordinal
from dafu.titles import break_title

TEMPLATE_SUFFIX = ".j2"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


def _strict(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter given a missing value reports that value, not a confusing type error."""

    @functools.wraps(func)
    def wrapper(value: Any, *args: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            value._fail_with_undefined_error()
        return func(value, *args)

    return wrapper


def _one_line(value: Any) -> Any:
    """Every value lands on one markup line: newlines and control characters go.

    Applied to the whole context up front (not as Jinja's ``finalize``, which
    would also flatten the multi-line output of includes and macros).
    """
    if isinstance(value, str):
        return _CONTROL.sub("", value.replace("\r", "").replace("\n", " "))
    if isinstance(value, list):
        return [_one_line(v) for v in value]
    if isinstance(value, dict):
        return {k: _one_line(v) for k, v in value.items()}
    return value


class TemplateSet:
    """The shipped templates plus the clerk's own (which win on a name clash)."""

    def __init__(self, user_dir: str | Path | None = None, shipped_dir: str | Path | None = None):
        self.shipped_dir = Path(shipped_dir) if shipped_dir else paths.shipped_templates_dir()
        self.user_dir = Path(user_dir) if user_dir else paths.user_templates_dir()
        search = [str(d) for d in (self.user_dir, self.shipped_dir) if d.is_dir()]
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader(search),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update({name: _strict(f) for name, f in FILTERS.items()})
        self.env.tests.update({name: _strict(f) for name, f in TESTS.items()})

    def names(self) -> list[str]:
        found: dict[str, None] = {}
        for folder in (self.user_dir, self.shipped_dir):
            if folder.is_dir():
                for f in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
                    if not f.name.startswith("_"):
                        found.setdefault(f.stem, None)
        return list(found)

    def path_of(self, name: str) -> Path:
        for folder in (self.user_dir, self.shipped_dir):
            candidate = folder / f"{name}{TEMPLATE_SUFFIX}"
            if candidate.is_file():
                return candidate
        raise TemplateError(f"没有名为 “{name}” 的模板（no such template; see `dafu templates`）",
                            path=name)

    def info(self, name: str) -> TemplateInfo:
        path = self.path_of(name)
        header = _read_header(path)
        return TemplateInfo(
            name=name, path=path, title=header.get("title", name), kind=header.get("kind", ""),
            description=header.get("description", ""),
            requires=tuple(header.get("requires", "").split()),
            optional=tuple(header.get("optional", "").split()),
            user=path.parent == self.user_dir,
        )

    def all_info(self) -> list[TemplateInfo]:
        return [self.info(n) for n in self.names()]

    def render_markup(self, name: str, context: dict[str, Any]) -> str:
        path = self.path_of(name)
        try:
            template = self.env.get_template(path.name)
            return template.render(context)
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
        except (ValueError, TypeError, ArithmeticError, LookupError) as exc:
            where, line = _template_place(exc.__traceback__, path)
            raise TemplateError(f"模板取值出错（bad value）: {exc}", path=where, line=line) from None


def _read_header(path: Path) -> dict[str, str]:
    """The ``{# key: value #}`` comment a template opens with."""
    text = path.read_text(encoding="utf-8")
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
    """The innermost template frame of a rendering error (Jinja rewrites its frames to template lines)."""
    where, line = str(fallback), None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return where, line


# -- from draft to context -----------------------------------------------------


def draft_context(draft: Draft) -> dict[str, Any]:
    """What a template sees: the draft's values, the body outline and today's date."""
    context: dict[str, Any] = dict(draft.values)
    if "date" in context:
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

    for number, raw in enumerate(markup.splitlines(), 1):
        line = raw.strip()
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


def assemble(draft: Draft, templates: TemplateSet | None = None) -> ReplyDocument:
    """Render a draft through its template into a reply document."""
    templates = templates or TemplateSet()
    info = templates.info(draft.template)
    markup = templates.render_markup(draft.template, draft_context(draft))
    blocks = parse_markup(markup, source=str(info.path))
    values = draft.values
    placement = str(values.get("contact_placement", ContactPlacement.NOTE))
    if placement not in (ContactPlacement.NOTE, ContactPlacement.FOOTER):
        raise TemplateError(f"contact_placement 须为 note 或 footer，而不是 “{placement}”",
                            path=draft.path or "<draft>")
    title = next((b for b in blocks if b.kind is BlockKind.TITLE), None)
    meta = ReplyMeta(
        title=title.text if title else "",
        number=str(values.get("number", "")),
        doc_number=str(values.get("doc_number", "")),
        issuing_body=str(values.get("issuing_body", "")),
        date=coerce_date(values.get("date")),
        contact_person=str(values.get("contact_person", "")),
        contact_phone=str(values.get("contact_phone", "")),
        contact_placement=ContactPlacement(placement),
        kind=info.kind,
        template=info.name,
    )
    return ReplyDocument(blocks=blocks, meta=meta)
