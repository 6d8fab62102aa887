"""Breaking a long title into lines the way GB/T 9704 asks: between words,
never splitting a number or leaving punctuation at a line's start, in a
trapezoid (upper lines no shorter than lower ones) or a diamond.

Without a dictionary we cannot know every word boundary, so each possible
break gets a cost: after punctuation or before a 《（ is free, after words that
end a name (会议, 大会, 建议 …) is cheap, inside a run of Chinese is dear,
and inside a run of Latin letters or digits is impossible.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

TITLE_LINE_EMS = 20.0  # 156 mm text width / 22 pt (二号) ≈ 20.1 characters

_NO_LINE_START = set("，。、；：！？）》」』”’〕】…—·,.;:!?)]")
_NO_LINE_END = set("（《「『“‘〔【([")
_FREE_AFTER = set("，、；：》）」』”〕】")
_FREE_BEFORE = set("《（「『“〔【")
_CHEAP_AFTER = ("关于", "会议", "大会", "建议", "提案", "代表", "委员会", "政府", "市", "区", "省", "县")
_CHEAP_BEFORE = ("的答复", "的回复", "的复函", "的函", "的意见", "的建议", "的提案")


def width_em(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def break_cost(text: str, i: int) -> float | None:
    """Cost of breaking ``text`` before index ``i``; None where it must not break."""
    prev, nxt = text[i - 1], text[i]
    if nxt in _NO_LINE_START or prev in _NO_LINE_END:
        return None
    if prev.isascii() and nxt.isascii() and (prev.isalnum() and nxt.isalnum()):
        return None
    if prev in _FREE_AFTER or nxt in _FREE_BEFORE:
        return 0.0
    if any(text.startswith(w, i) for w in _CHEAP_BEFORE) or any(text.endswith(w, 0, i) for w in _CHEAP_AFTER):
        return 2.0
    if prev.isascii() != nxt.isascii():
        return 3.0
    return 8.0


def break_title(text: str, max_em: float = TITLE_LINE_EMS) -> tuple[str, ...]:
    """Lines for a title; one line when it fits."""
    text = text.strip()
    if width_em(text) <= max_em:
        return (text,)
    n = len(text)
    costs = {i: c for i in range(1, n) if (c := break_cost(text, i)) is not None}
    cuts = sorted(costs)
    prefix = [0.0]
    for c in text:
        prefix.append(prefix[-1] + width_em(c))

    def span(a: int, b: int) -> float:
        return prefix[b] - prefix[a]

    @lru_cache(maxsize=None)
    def best(start: int, prev_em: float) -> tuple[float, tuple[int, ...]] | None:
        rest = span(start, n)
        if rest <= max_em:
            return _shape_cost(rest, prev_em, last=True), ()
        choice: tuple[float, tuple[int, ...]] | None = None
        for cut in cuts:
            if cut <= start:
                continue
            line_em = span(start, cut)
            if line_em < max_em * 0.45:
                continue  # a line under half the width is never the best shape; skip the search
            if line_em > max_em:
                break
            tail = best(cut, line_em)
            if tail is None:
                continue
            cost = 12.0 + costs[cut] + _shape_cost(line_em, prev_em, last=False) + tail[0]
            if choice is None or cost < choice[0]:
                choice = (cost, (cut,) + tail[1])
        return choice

    found = best(0, 0.0)
    if found is None:  # nothing legal: fall back to hard wrapping
        return tuple(text[i:i + int(max_em)] for i in range(0, n, int(max_em)))
    bounds = (0,) + found[1] + (n,)
    return tuple(text[a:b] for a, b in zip(bounds, bounds[1:]))


def _shape_cost(line_em: float, prev_em: float, *, last: bool) -> float:
    cost = 0.0
    if prev_em and line_em > prev_em:  # a lower line longer than the one above
        cost += (line_em - prev_em) * 1.5
    if last and line_em < 4:  # a stub of a last line looks accidental
        cost += 6.0
    return cost
