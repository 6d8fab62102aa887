"""Running the rules: check(), check_file(), apply_fixes() and fixing a draft in place."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable

from dafu.checks.base import RULES, Finding, Rule
from dafu.checks.structure import Context, document_text, fragment_units, units_from_text
from dafu.errors import CheckInputError, DafuError
from dafu.fileio import MiB, read_regular
from dafu.model import ReplyDocument

CHECKABLE = (".dafu", ".docx", ".txt")
# A reply as text is some 20 KB; a hundred times that is not a reply (and a FIFO or a device is
# refused by read_regular instead of read until memory runs out).
MAX_CHECK_BYTES = 16 * MiB


def select_rules(rules: Iterable[str | Rule] | None = None, *, library: Any = None) -> list[Rule]:
    """Rules by id or family ("punct" selects every punct.* rule); all of them by default."""
    if rules is None:
        chosen = list(RULES.values())
    else:
        chosen = []
        for wanted in rules:
            if isinstance(wanted, Rule):
                chosen.append(wanted)
                continue
            matched = [r for r in RULES.values() if r.id == wanted or r.family == wanted]
            if not matched:
                raise ValueError(f"unknown check rule {wanted!r}")
            chosen.extend(r for r in matched if r not in chosen)
    return [r for r in chosen if library is not None or not r.needs_library]


def run(ctx: Context, rules: list[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for r in rules:
        for hit in r.run(ctx):
            line, column = ctx.line_col(hit.start)
            unit = ctx.unit_at(hit.start) if ctx.document is not None else None
            findings.append(Finding(
                rule=r.id, severity=r.severity, message=hit.message, start=hit.start, end=hit.end,
                line=line, column=column, excerpt=ctx.excerpt(hit.start, hit.end),
                text=ctx.text[hit.start:hit.end], replacement=hit.replacement,
                block=unit.block if unit is not None else None))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return findings


def check(target: ReplyDocument | str, *, library: Any = None, today: dt.date | None = None,
          rules: Iterable[str | Rule] | None = None) -> list[Finding]:
    """Findings for a reply document or a reply's text, in reading order.

    For a string, offsets are into that exact string; for a document, into its
    ``plain_text()``, and each finding also names its block.
    """
    if isinstance(target, ReplyDocument):
        text, units = document_text(target)
        ctx = Context(text, units, document=target)
    elif isinstance(target, str):
        ctx = Context(target, units_from_text(target))
    else:
        raise TypeError(f"check() takes a ReplyDocument or a str, not {type(target).__name__}")
    ctx.library = library
    ctx.today = today or dt.date.today()
    return run(ctx, select_rules(rules, library=library))


def check_paragraphs(texts: list[str], *, rules: Iterable[str | Rule] | None = None) -> list[Finding]:
    """Bare paragraphs (consecutive siblings), not a whole reply: form rules stay quiet.

    A finding's ``block`` is the index of its paragraph in ``texts``.
    """
    text, units = fragment_units(texts)
    ctx = Context(text, units, fragment=True)
    found = run(ctx, select_rules(rules))
    return [_with_block(f, ctx) for f in found]


def _with_block(finding: Finding, ctx: Context) -> Finding:
    from dataclasses import replace

    unit = ctx.unit_at(finding.start)
    return replace(finding, block=unit.block if unit is not None else None)


def safe_rules() -> list[Rule]:
    return [r for r in RULES.values() if r.safe]


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """Apply the replacements of safe rules, right to left, skipping overlaps and stale findings."""
    return fix_text(text, findings)[0]


def fix_text(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """Like :func:`apply_fixes`, also saying how many fixes were applied."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        r = RULES.get(f.rule)
        if f.replacement is None or r is None or not r.safe:
            continue
        if f.start < last_end or text[f.start:f.end] != f.text:
            continue  # overlapping another fix, or found in another version of the text
        chosen.append(f)
        last_end = f.end
    for f in reversed(chosen):
        text = text[:f.start] + f.replacement + text[f.end:]  # type: ignore[operator]
    return text, len(chosen)


# -- files -------------------------------------------------------------------

def read_checkable(path: str | Path) -> tuple[str, str | None]:
    """(text, encoding) of a .txt or .docx reply; encoding is None for .docx."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".docx"):
        raise CheckInputError(f"不能检查 {suffix or '无扩展名'} 文件（expected .dafu, .docx or .txt）", path=path)
    raw = read_regular(path, limit=MAX_CHECK_BYTES, error=CheckInputError)
    if suffix == ".txt":
        return _decode_txt(raw, path)
    try:
        from dafu.reading import read_text
    except ImportError:
        raise CheckInputError("缺少读取 .docx 的模块（dafu.reading）", path=path) from None
    try:
        return read_text(path), None
    except DafuError as exc:
        raise CheckInputError(exc.message, path=path) from None


def _decode_txt(raw: bytes, path: Path) -> tuple[str, str]:
    from dafu.reading import decode_text

    try:
        return decode_text(raw, path)
    except DafuError as exc:
        raise CheckInputError(exc.message, path=path) from None


def check_file(path: str | Path, *, library: Any = None, today: dt.date | None = None,
               rules: Iterable[str | Rule] | None = None) -> tuple[str, list[Finding]]:
    """(checked text, findings) for a .dafu draft, a .docx or a .txt reply."""
    path = Path(path)
    if path.suffix.lower() == ".dafu":
        from dafu.render import render_document

        document = render_document(path)  # read_draft names a missing file, a pipe or a device
        return document.plain_text(), check(document, library=library, today=today, rules=rules)
    text, _ = read_checkable(path)
    return text, check(text, library=library, today=today, rules=rules)


# -- fixing a draft ----------------------------------------------------------

def fix_draft(draft: Any) -> int:
    """Apply the safe fixes to every text field of a Draft in place; the number of fixes made."""
    fixed = 0

    def fix_list(texts: list[str]) -> list[str]:
        nonlocal fixed
        if not any(texts):
            return texts
        findings = check_paragraphs(texts, rules=safe_rules())
        out = list(texts)
        joined_offsets, pos = [], 0
        for t in texts:
            joined_offsets.append(pos)
            pos += len(t) + 1
        for index, t in enumerate(texts):
            own = [_shift(f, -joined_offsets[index]) for f in findings if f.block == index]
            if own:
                out[index], count = fix_text(t, own)
                fixed += count
        return out

    for name, value in list(draft.values.items()):
        if isinstance(value, str):
            draft.values[name] = fix_list([value])[0]
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            draft.values[name] = fix_list(value)

    def fix_paragraphs(paragraphs: list[Any], enumerated: bool) -> None:
        # Siblings are checked together so 一是/二是 across paragraphs renumber as one run;
        # in an enumerated section the numbers are generated, so only their text is fixed.
        texts = fix_list([p.text for p in paragraphs]) if not enumerated else [
            fix_list([p.text])[0] for p in paragraphs]
        for p, text in zip(paragraphs, texts):
            p.text = text
            if p.items:
                p.items = [fix_list([item])[0] for item in p.items]

    fix_paragraphs(draft.intro, False)
    for _, section in draft.walk():
        if section.heading:
            section.heading = fix_list([section.heading])[0]
        fix_paragraphs(section.paragraphs, section.enumerate)
    return fixed


def _shift(finding: Finding, delta: int) -> Finding:
    from dataclasses import replace

    return replace(finding, start=finding.start + delta, end=finding.end + delta)
