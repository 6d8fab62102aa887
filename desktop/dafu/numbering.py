"""Chinese numbering for headings (一、（一）1.（1）) and enumerations (一是、二是).

Pure functions shared by the templates (which generate numbers), the importer
(which recognises them) and the checks (which verify sequences).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}


_UNITS = ((10**8, "亿"), (10**4, "万"), (1000, "千"), (100, "百"), (10, "十"))


def chinese_numeral(n: int) -> str:
    """1→一, 10→十, 11→十一, 105→一百零五, 1010→一千零一十, 110000→十一万 (counting form).

    Any size: a reply may enumerate a thousand items (一千零一是), and a heading
    number is only ever a count. 十 at the very start drops its 一 (十一, 十一万);
    inside a number it keeps it (一百一十, 一千零一十).
    """
    if n < 0:
        raise ValueError(f"no Chinese numeral for negative {n}")
    if n < 10:
        return _DIGITS[n]
    return _numeral(n, leading=True)


def _numeral(n: int, *, leading: bool) -> str:
    """``n`` ≥ 1 written with 十百千万亿; ``leading`` when nothing is written before it."""
    for unit, name in _UNITS:
        if n >= unit:
            head, rest = divmod(n, unit)
            if unit == 10 and head == 1 and leading:
                text = name
            elif unit >= 10**4:
                text = _numeral(head, leading=leading) + name
            else:
                text = _DIGITS[head] + name
            if rest == 0:
                return text
            # a 零 marks a skipped place: 一百零五, 一千零一十, 一万零五百
            gap = "零" if rest * 10 < unit else ""
            return text + gap + _numeral(rest, leading=False)
    return _DIGITS[n]


def parse_chinese_numeral(text: str) -> int | None:
    """Inverse of :func:`chinese_numeral`; None when ``text`` is not one."""
    if not text or any(c not in _DIGIT_VALUE and c not in _UNIT_VALUE for c in text):
        return None
    above_yi, below_yi, below_wan, digit = 0, 0, 0, 0
    for c in text:
        unit = _UNIT_VALUE.get(c)
        if unit is None:
            digit = _DIGIT_VALUE[c]
        elif unit == 10**8:
            above_yi += ((below_yi + below_wan + digit) or 1) * unit
            below_yi = below_wan = digit = 0
        elif unit == 10**4:
            below_yi += ((below_wan + digit) or 1) * unit
            below_wan = digit = 0
        else:
            below_wan += (digit or 1) * unit
            digit = 0
    return above_yi + below_yi + below_wan + digit


_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}


def year_digits(year: int) -> str:
    """2023 → 二〇二三 (the digit-by-digit form used in Chinese-numeral dates)."""
    return "".join("〇" if d == "0" else _DIGITS[int(d)] for d in str(year))


def heading_number(level: int, n: int) -> str:
    """The printed number of the ``n``-th heading at ``level`` (1–4)."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"heading level must be 1–4, not {level}")


def ordinal(n: int) -> str:
    """3 → 三是: the enumeration word used inside paragraphs."""
    return f"{chinese_numeral(n)}是"


@dataclass(frozen=True)
class HeadingNumber:
    level: int
    value: int
    number: str  # the number as printed, e.g. "（二）"
    rest: str  # the text after it


# Half-width variants are accepted because real replies use them: "(一)", "1、", "1．".
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (2, re.compile(r"^\s*([（(]\s*([一二三四五六七八九十百〇零]+)\s*[）)])\s*")),
    (1, re.compile(r"^\s*(([一二三四五六七八九十百〇零]+)\s*[、，,．.])\s*")),
    (4, re.compile(r"^\s*([（(]\s*(\d{1,3})\s*[）)])\s*")),
    (3, re.compile(r"^\s*((\d{1,3})\s*(?:[.．、]|\s)(?!\d))\s*")),
)


def parse_heading_number(text: str) -> HeadingNumber | None:
    """Recognise a leading heading number; None for ordinary text."""
    for level, pattern in _HEADING_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(2)
        value = int(raw) if raw.isdigit() else parse_chinese_numeral(raw)
        if value is None or value == 0:
            continue
        return HeadingNumber(level, value, m.group(1).strip(), text[m.end():])
    return None


ORDINAL_RE = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})是(?![是否])")


def find_ordinals(text: str) -> list[tuple[int, int, int]]:
    """All 一是/二是… in ``text`` as (start, end, value), in order of appearance.

    Only an ordinal that starts a clause counts (text start or after punctuation),
    so words like 不是 or 总是 and phrases like 三是否 are not mistaken for one.
    """
    found = []
    for m in ORDINAL_RE.finditer(text):
        start = m.start()
        if start > 0 and text[start - 1] not in "。；;：:，,！!？?\n（(、 　":
            continue
        value = parse_chinese_numeral(m.group(1))
        if value:
            found.append((start, m.end(), value))
    return found
