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

import bisect
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


class _Layout:
    """One paragraph's characters laid out line by line, as LibreOffice does it."""

    def __init__(self, text: str, *, first_indent: int, width: int, size: int):
        self.text = text
        self.advances, self.before = _widths(text, size)
        self.extra = [0.0] * len(text)
        allowed = _atoms(text)
        self.breaks = [i for i in allowed if _legal(text, i)]   # sorted: where a line may start
        self.breakable = set(self.breaks)
        self.first_avail = width - first_indent - FIT_MARGIN
        self.avail = width - FIT_MARGIN

    def next_start(self, start: int, avail: float) -> int | None:
        """Where the line beginning at ``start`` ends (the next line's first index); None at the end."""
        text, advances, before, extra = self.text, self.advances, self.before, self.extra
        used, i, n = 0.0, start, len(text)
        while i < n:
            w = advances[i] + extra[i] + (before[i] if i > start else 0.0)
            if used + w <= avail or i == start:
                used += w
                i += 1
                continue
            # text[i] does not fit: break at the last allowed, legal position ≤ i
            b = i
            while b > start and b not in self.breakable:
                b -= 1
            return i if b == start else b  # nothing legal: break where it overflows
        return None

    def span(self, a: int, b: int) -> float:
        """Laid-out width of text[a:b] starting a line."""
        return sum(self.advances[a:b]) + sum(self.before[a + 1:b]) + sum(self.extra[a:b])


def line_starts(text: str, *, first_indent: int = INDENT_TWIPS, width: int = TEXT_WIDTH,
                size: int = BODY_SIZE, extra: list[float] | None = None) -> list[int]:
    """Indices where each line after the first begins, as LibreOffice lays the paragraph out."""
    layout = _Layout(text, first_indent=first_indent, width=width, size=size)
    if extra:
        layout.extra = list(extra)
    starts: list[int] = []
    start, avail = 0, layout.first_avail
    while (b := layout.next_start(start, avail)) is not None:
        starts.append(b)
        start, avail = b, layout.avail
    return starts


def stretches(text: str, *, first_indent: int = INDENT_TWIPS, width: int = TEXT_WIDTH,
              size: int = BODY_SIZE) -> list[Stretch]:
    """Spacing that moves every protected group that would be split onto the next line whole.

    Lines are laid out one after another: stretching a line changes only where the lines
    after it fall, so each line is settled once (linear in the paragraph's length).
    """
    groups = [(m.start(), m.end()) for m in _PROTECTED.finditer(text) if m.end() - m.start() > 1]
    if not groups:
        return []
    inside = {i: g for g in groups for i in range(g[0] + 1, g[1])}  # groups never overlap
    layout = _Layout(text, first_indent=first_indent, width=width, size=size)
    breaks = layout.breaks
    out: list[Stretch] = []
    tries: dict[tuple[int, int], int] = {}
    start, avail = 0, layout.first_avail
    while (b := layout.next_start(start, avail)) is not None:
        group = inside.get(b)
        if group is not None and tries.get(group, 0) < 2:
            tries[group] = tries.get(group, 0) + 1
            per_char, target = _stretch_for(layout, start, avail, group, size)
            if per_char:
                for j in range(start, target):
                    layout.extra[j] += per_char
                out.append(Stretch(start, target, per_char))
                continue  # lay this line out again with its new spacing
            tries[group] = 2  # nothing to do, or the line would gape: leave it
        start, avail = b, layout.avail
    return _merged(out)


def _stretch_for(layout: _Layout, line_start: int, avail: float, group: tuple[int, int],
                 size: int) -> tuple[int, int]:
    """(extra twips per character, end of the stretched range) that push ``group`` to the next line."""
    breaks = layout.breaks
    # The line must now end at the last break LibreOffice may take at or before the group …
    k = bisect.bisect_right(breaks, group[0])
    target = breaks[k - 1] if k and breaks[k - 1] > line_start else None
    if target is None:
        return 0, 0
    # … so what comes next up to the following break must no longer fit after it.
    following = breaks[k] if k < len(breaks) else len(layout.text)
    room = avail - layout.span(line_start, target)
    unit = layout.span(target, following)
    per_char = int((room - unit / 2) // (target - line_start)) + 1
    if per_char <= 0 or per_char > size // 2:
        return 0, 0
    return per_char, target


def _merged(stretches: list[Stretch]) -> list[Stretch]:
    """One stretch per range (a range stretched twice gets the sum)."""
    totals: dict[tuple[int, int], int] = {}
    for s in stretches:
        totals[(s.start, s.end)] = totals.get((s.start, s.end), 0) + s.extra
    return [Stretch(a, b, x) for (a, b), x in sorted(totals.items())]
