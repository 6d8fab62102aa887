"""Paired punctuation: 《》（）“”‘’【】〔〕 must open and close within one printed part.

Each unit (a paragraph, or the whole title across its lines) is scanned with a
stack. A closer that meets a different opener on top means the opener in
between was never closed — 《方案（2023—2025年》 — and that opener is what is
reported; the scan then recovers at the matching opener so one slip gives one
finding. Half-width ( ) are paired like （） (their width is another rule's job).
No fixes: where the missing bracket belongs is the clerk's call.
"""
from __future__ import annotations

from typing import Iterator

from dafu.checks.base import Hit, Severity, rule
from dafu.checks.structure import Context

PAIRS = {"《": "》", "（": "）", "(": ")", "“": "”", "‘": "’", "【": "】", "〔": "〕", "〈": "〉", "「": "」"}
_CLOSER_OF = {o: c for o, c in PAIRS.items()}
_OPENERS_OF: dict[str, set[str]] = {}
for _o, _c in PAIRS.items():
    _OPENERS_OF.setdefault(_c, set()).add(_o)
# (…）and （…) pair: the width is reported by punct.halfwidth, not here.
_OPENERS_OF["）"].add("(")
_OPENERS_OF[")"].add("（")
_ALL = set(PAIRS) | set(_OPENERS_OF)


def _latin(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalpha()


def _scan(ctx: Context) -> Iterator[tuple[str, int, str]]:
    """("unclosed", offset, opener-inside) | ("unopened", offset, closer) events."""
    for unit in ctx.units:
        if unit.kind == "table":
            continue
        stack: list[tuple[str, int]] = []
        for i in range(unit.start, unit.end):
            c = ctx.text[i]
            if c not in _ALL or ctx.is_masked(i, i + 1):
                continue
            if c in "‘’" and _latin(ctx.text, i - 1) and _latin(ctx.text, i + 1):
                continue  # an apostrophe in Latin text: Children’s
            if c in PAIRS:
                stack.append((c, i))
                continue
            openers = _OPENERS_OF[c]
            if stack and stack[-1][0] in openers:
                stack.pop()
                continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] in openers), None)
            if depth is None:
                yield "unopened", i, c
                continue
            for opener, at in stack[depth + 1:]:
                yield "unclosed_inside", at, f"{opener}|{stack[depth][0]}{c}|{i}"
            del stack[depth:]
        for opener, at in stack:
            yield "unclosed", at, opener


_NAME = {"《": "书名号", "〈": "书名号", "（": "括号", "(": "括号", "“": "引号", "‘": "单引号",
         "「": "引号", "【": "方头括号", "〔": "六角括号"}


def _left(opener: str) -> str:
    return f"左{_NAME[opener]}{opener}"


def _right(opener: str) -> str:
    return f"右{_NAME[opener]}{_CLOSER_OF[opener]}"


@rule("pair.unclosed", Severity.ERROR, "括号、引号、书名号未闭合")
def unclosed(ctx: Context) -> Iterator[Hit]:
    for event, at, info in _scan(ctx):
        if event == "unclosed_inside":
            opener, pair, _ = info.split("|")
            yield Hit(at, at + 1, f"{_left(opener)}未闭合：在{_NAME[pair[0]]}{pair[0]}…{pair[1]}内缺少{_right(opener)}")
        elif event == "unclosed":
            yield Hit(at, at + 1, f"{_left(info)}未闭合，缺少{_right(info)}")


@rule("pair.unopened", Severity.ERROR, "多余的右括号、引号、书名号")
def unopened(ctx: Context) -> Iterator[Hit]:
    for event, at, info in _scan(ctx):
        if event == "unopened":
            opener = sorted(_OPENERS_OF[info])[-1]  # the full-width one names it
            yield Hit(at, at + 1, f"右{_NAME[opener]}{info}前没有与之配对的{_left(opener)}")
