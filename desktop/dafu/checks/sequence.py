"""Numbering that must count 1, 2, 3…: 一是/二是 enumerations and headings 一、（一）1.（1）.

Choices:

* An enumeration runs within a paragraph and on across sibling paragraphs when
  the next paragraph opens with its next ordinal (一是… on one paragraph, 二是…
  on the next, as under 二、下一步工作安排). A heading or another kind of block
  ends it. A new 一是 starts a new enumeration.
* The fix renumbers consecutively from the first number, so a repeat
  (四是 … 四是 五是) becomes 四是 五是 六是 and a gap closes. Renumbering is safe.
* Heading counters reset under a new parent. Starting at （一） with no 一、 above
  is accepted (short replies do it); skipping a level under an existing parent
  (一、 then 1.) is only an info: GB/T 9704 says the levels go 一、（一）1.（1） in
  order, but many offices skip one.
"""
from __future__ import annotations

from typing import Iterator

from dafu.checks.base import Hit, Severity, rule
from dafu.checks.structure import Context
from dafu.numbering import find_ordinals, heading_number, ordinal, parse_chinese_numeral


def _ordinal_runs(ctx: Context) -> list[list[tuple[int, int, int]]]:
    """Enumerations as lists of (start, end, value), offsets into ctx.text."""
    runs: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    previous_had_ordinals = False
    for unit in ctx.units:
        if unit.kind not in ("paragraph", "heading") or unit.kind == "heading" and unit.heading:
            if current:
                runs.append(current)
            current, previous_had_ordinals = [], False
            continue
        text = ctx.unit_text(unit)
        offset = unit.start
        if unit.heading is not None:  # a run-in heading: its number is not part of the prose
            if current:
                runs.append(current)
            current, previous_had_ordinals = [], False
            skip = len(text) - len(unit.heading.rest)
            text, offset = unit.heading.rest, unit.start + skip
        found = [(offset + s, offset + e, v) for s, e, v in find_ordinals(text)]
        if not found:
            if current:
                runs.append(current)
            current, previous_had_ordinals = [], False
            continue
        continues = previous_had_ordinals and found[0][0] == offset and found[0][2] != 1
        if not continues and current:
            runs.append(current)
            current = []
        for item in found:
            if item[2] == 1 and current:
                runs.append(current)
                current = []
            current.append(item)
        previous_had_ordinals = True
    if current:
        runs.append(current)
    return runs


@rule("sequence.ordinal", Severity.ERROR, "一是、二是序号重复或跳号", safe=True)
def ordinal_sequence(ctx: Context) -> Iterator[Hit]:
    for run in _ordinal_runs(ctx):
        first = run[0][2]
        if first != 1:
            s, e, _ = run[0]
            yield Hit(s, e, f"序号从“{ctx.text[s:e]}”开始，前面缺少“一是”")
            continue
        reported_cause = False
        for expected, (s, e, value) in enumerate(run, 1):
            if value == expected:
                continue
            written = ctx.text[s:e]
            if reported_cause:
                message = f"序号“{written}”应顺延为“{ordinal(expected)}”"
            elif value < expected:
                message = f"序号“{written}”重复，应为“{ordinal(expected)}”"
            else:
                message = f"序号跳号：“{ordinal(expected - 1)}”之后是“{written}”，应为“{ordinal(expected)}”"
            reported_cause = True
            yield Hit(s, e, message, ordinal(expected))


def _heading_units(ctx: Context):
    return [u for u in ctx.units if u.kind in ("heading", "paragraph") and u.heading is not None]


_LEVEL_FORM = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


@rule("sequence.heading", Severity.ERROR, "标题序号重复或跳号", safe=True)
def heading_sequence(ctx: Context) -> Iterator[Hit]:
    counters: dict[int, int] = {}
    shifted: dict[int, bool] = {}
    for unit in _heading_units(ctx):
        number = unit.heading
        assert number is not None
        level = number.level
        for deeper in [lv for lv in counters if lv > level]:
            del counters[deeper]
            shifted.pop(deeper, None)
        expected = counters.get(level, 0) + 1
        counters[level] = expected
        if number.value == expected:
            continue
        start = unit.start + ctx.unit_text(unit).find(number.number)
        end = start + len(number.number)
        printed = number.number
        if expected == 1:
            # The first at its level is not 1: something was lost; renumbering would guess.
            counters[level] = number.value
            yield Hit(start, end, f"标题序号从“{printed}”开始，前面缺少“{_renumbered(printed, 1)}”")
            continue
        right = _renumbered(printed, expected)
        if shifted.get(level):
            message = f"标题序号“{printed}”应顺延为“{right}”"
        elif number.value < expected:
            message = f"标题序号“{printed}”重复，应为“{right}”"
        else:
            message = f"标题序号跳号：应为“{right}”，而不是“{printed}”"
        shifted[level] = True
        yield Hit(start, end, message, right)


def _renumbered(printed: str, value: int) -> str:
    """The same number form with another value: (三) → (二) keeps the writer's brackets."""
    digits = "".join(c for c in printed if c.isdigit())
    if digits:
        return printed.replace(digits, str(value), 1)
    numeral = "".join(c for c in printed if c in "一二三四五六七八九十百〇零")
    if numeral and parse_chinese_numeral(numeral):
        return printed.replace(numeral, heading_number(1, value)[:-1], 1)
    return printed


@rule("sequence.level", Severity.INFO, "标题层级跳跃")
def heading_level(ctx: Context) -> Iterator[Hit]:
    open_levels: set[int] = set()
    reported: set[int] = set()  # once per run of skipped headings, not on every one
    for unit in _heading_units(ctx):
        number = unit.heading
        assert number is not None
        level = number.level
        open_levels = {lv for lv in open_levels if lv < level}
        reported = {lv for lv in reported if lv <= level}
        if open_levels and level - 1 not in open_levels and level not in reported:
            reported.add(level)
            parent = max(open_levels)
            start = unit.start + ctx.unit_text(unit).find(number.number)
            yield Hit(start, start + len(number.number),
                      f"标题层级跳跃：“{_LEVEL_FORM[parent]}”下直接用“{_LEVEL_FORM[level]}”，"
                      f"按序应先用“{_LEVEL_FORM[parent + 1]}”")
        open_levels.add(level)
