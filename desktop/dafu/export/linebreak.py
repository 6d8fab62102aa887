"""Where a body paragraph's lines will break, and the spacing that keeps a number or a date whole.

LibreOffice breaks Chinese text at any character (only its forbidden first and
last characters are respected) and ignores the word joiner and its kin there,
so "2022年" or "4月28日" split across lines, and "》" or "”" could start one.
Word has no run-level "keep together" either. What both honour is width: on the
fixed grid of this layout (28 characters of 15.75 pt, Times New Roman metrics
for Latin, a measured gap between Chinese and Latin) the breaks can be worked
out here. Where a break would fall inside a protected group, the characters of
that line before the group get a little extra spacing — what justification
would add anyway — so that the group no longer fits and starts the next line
whole. The text itself is untouched: no invisible characters to search around.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from dafu.export.layout import ASIAN_LATIN_GAP_EM, BODY_SIZE, SCRIPT_CHANGE_EM, TEXT_WIDTH
from dafu.export.styles import CHAR_SPACING, INDENT_TWIPS
from dafu.titles import char_em

# LibreOffice's zh-CN forbidden first and last characters (its locale data; measured: ” and 》
# never start a line there).
NO_LINE_START = set(":!),.:;?]}¢'\"、。〉》」』】〕〗〞︰︱︳﹐﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？｜｝︴︶︸︺︼︾﹀﹂﹄﹏～￠々‖•·ˇˉ―--′’”")
NO_LINE_END = set("([{£¥'\"‵〈《「『【〔〖（［｛￡￥〝︵︷︹︻︽︿﹁﹃﹙﹛﹝（｛“‘")

_NUMBER = r"\d+(?:[.．]\d+)?"
_UNIT = r"(?:万平方米|平方米|平方公里|万元|亿元|万人|[年月日号万亿元个项家人次届名所条件户期倍天米岁%％])"
_PROTECTED = re.compile(
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日"          # 2023年5月28日, 2022年, 4月28日
    rf"|{_NUMBER}[-–~～]{_NUMBER}{_UNIT}?"                              # 2023-2025年
    rf"|(?:第)?{_NUMBER}{_UNIT}?")                                      # 第126号, 100万元, 50%


@dataclass(frozen=True)
class Stretch:
    """Extra spacing (twips per character) for ``text[start:end]``."""

    start: int
    end: int
    extra: int


def _widths(text: str, size: int) -> tuple[list[float], list[float]]:
    """Advance of each character, and the space a renderer adds before it where scripts meet:
    a gap between a Chinese character and a Latin letter or digit, a sliver wherever else
    Latin and Chinese text meet (both measured). Nothing is added before a line's first character."""
    gap = ASIAN_LATIN_GAP_EM * size
    sliver = SCRIPT_CHANGE_EM * size
    advances, before = [], []
    previous = ""
    for c in text:
        advances.append(char_em(c) * size + CHAR_SPACING)
        if previous and previous.isascii() != c.isascii():
            before.append(gap if _spaced(previous, c) else sliver)
        else:
            before.append(0.0)
        previous = c
    return advances, before


def _spaced(a: str, b: str) -> bool:
    return (_ideograph(a) and b.isascii() and b.isalnum()) or (a.isascii() and a.isalnum() and _ideograph(b))


def _ideograph(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\u3040" <= c <= "\u30ff"


def _atoms(text: str) -> list[int]:
    """Indices where a line may start, before forbidden characters are considered: any Chinese
    character; Latin text only at the start of a word (after a space or at a script change),
    and not right after closing punctuation (LibreOffice keeps "，2022" and "》IP" together
    but breaks "：/4": measured)."""
    starts = []
    for i in range(1, len(text)):
        c, prev = text[i], text[i - 1]
        if c == " ":
            continue
        if c.isascii() and prev.isascii() and prev not in " -":
            continue  # inside a Latin word or number (a hyphen may end a line: "2023-" / "2025")
        if c.isascii() and c.isalnum() and prev in _CLOSING:
            continue
        if prev in "%$¥€£" and c in "（([" and text[i + 1:i + 2].isdigit():
            continue  # Unicode's number rule: "50%（2023" stays together
        starts.append(i)
    return starts


# Unicode line-break classes CL (closing punctuation) and QU (quotation marks) among CJK marks.
_CLOSING = set("、。，．」』）》】〕〗〉〙〛｝］”’")

FIT_MARGIN = 7  # twips: LibreOffice did not count a line 4 twips short of full as fitting (measured)


def _legal(text: str, i: int) -> bool:
    return text[i] not in NO_LINE_START and text[i - 1] not in NO_LINE_END


def line_starts(text: str, *, first_indent: int = INDENT_TWIPS, width: int = TEXT_WIDTH,
                size: int = BODY_SIZE, extra: list[float] | None = None) -> list[int]:
    """Indices where each line after the first begins, as LibreOffice lays the paragraph out."""
    advances, before = _widths(text, size)
    if extra:
        advances = [w + e for w, e in zip(advances, extra)]
    allowed = set(_atoms(text))
    starts: list[int] = []
    start, used, avail = 0, 0.0, width - first_indent - FIT_MARGIN
    i, n = 0, len(text)
    while i < n:
        w = advances[i] + (before[i] if i > start else 0.0)
        if used + w <= avail or i == start:
            used += w
            i += 1
            continue
        # text[i] does not fit: break at the last allowed, legal position ≤ i
        b = i
        while b > start and not (b in allowed and _legal(text, b)):
            b -= 1
        if b == start:  # nothing legal: break where it overflows
            b = i
        starts.append(b)
        start, i, used, avail = b, b, 0.0, width - FIT_MARGIN
    return starts


def stretches(text: str, *, first_indent: int = INDENT_TWIPS, width: int = TEXT_WIDTH,
              size: int = BODY_SIZE) -> list[Stretch]:
    """Spacing that moves every protected group that would be split onto the next line whole."""
    groups = [(m.start(), m.end()) for m in _PROTECTED.finditer(text) if m.end() - m.start() > 1]
    if not groups:
        return []
    advances, before = _widths(text, size)
    allowed = set(_atoms(text))
    breaks = sorted(i for i in allowed if _legal(text, i))
    extra = [0.0] * len(text)
    out: list[Stretch] = []

    def span(a: int, b: int) -> float:  # laid-out width of text[a:b] starting a line
        return sum(advances[a:b]) + sum(before[a + 1:b]) + sum(extra[a:b])

    skipped: set[tuple[int, int]] = set()
    for _ in range(2 * len(groups)):
        starts = line_starts(text, first_indent=first_indent, width=width, size=size, extra=extra)
        split = None
        for k, b in enumerate(starts):
            line_start = starts[k - 1] if k else 0
            group = next(((gs, ge) for gs, ge in groups if gs < b < ge and (gs, ge) not in skipped), None)
            if group is not None:
                split = (k, line_start, group)
                break
        if split is None:
            break
        k, ls, group = split
        # The line must now end at the last break LibreOffice may take at or before the group …
        target = max((i for i in breaks if ls < i <= group[0]), default=None)
        if target is None:
            skipped.add(group)
            continue
        # … so what comes next up to the following break must no longer fit after it.
        following = next((i for i in breaks if i > target), len(text))
        avail = width - (first_indent if k == 0 else 0) - FIT_MARGIN
        room = avail - span(ls, target)
        unit = span(target, following)
        per_char = int((room - unit / 2) // (target - ls)) + 1
        if per_char <= 0 or per_char > size // 2:
            skipped.add(group)  # nothing to do, or the line would gape: leave it
            continue
        for j in range(ls, target):
            extra[j] += per_char
        out.append(Stretch(ls, target, per_char))
    return _merged(out)


def _merged(stretches: list[Stretch]) -> list[Stretch]:
    """One stretch per range (a range stretched twice gets the sum)."""
    totals: dict[tuple[int, int], int] = {}
    for s in stretches:
        totals[(s.start, s.end)] = totals.get((s.start, s.end), 0) + s.extra
    return [Stretch(a, b, x) for (a, b), x in sorted(totals.items())]
