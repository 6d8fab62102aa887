"""Breaking a long title into lines the way GB/T 9704 §7.3.3 asks.

A title breaks only between words (found by a real segmenter, jieba-rs through
``rjieba``), never inside a number, a suggestion code such as （JY20230126）,
or a 《》 name that fits on a line, and never leaves punctuation at a line's
start or an opening bracket at its end. Among the legal breaks it picks the
fewest lines in a trapezoid (each line no longer, or each no shorter, than the
one above) or a diamond (longer towards the middle) — never an hourglass,
whose middle line is shorter than both neighbours.

Titles of real length (up to eight lines) are shaped by dynamic programming
over (break, width of the line above, rising or falling); anything longer is
pasted junk and is wrapped greedily at word boundaries, in linear time.
"""
from __future__ import annotations

import functools
import unicodedata
from typing import Callable

TITLE_LINE_EMS = 20.0  # 156 mm text width / 21.75 pt (二号, −0.25 pt spacing) ≈ 20.3 characters
SHAPED_MAX_LINES = 8   # beyond this a title is not a title: wrap greedily

_NO_LINE_START = set("，。、；：！？）》」』”’〕】…—·,.;:!?)]}%％")
_NO_LINE_END = set("（《「『“‘〔【([{")
_FREE_AFTER = set("，、；：》）」』”〕】")
_FREE_BEFORE = set("《（「『“〔【")

# Advance widths of Times New Roman (= Liberation Serif, metric-compatible) in 1/2048 em, ASCII 32–126.
_LATIN_WIDTHS = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
    1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
    1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
    682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
    1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
)


def char_em(c: str) -> float:
    """Width of one character in ems: CJK and full-width one em, Latin as Times New Roman sets it."""
    code = ord(c)
    if 32 <= code < 127:
        return _LATIN_WIDTHS[code - 32] / 2048
    if c == "\xa0":
        return _LATIN_WIDTHS[0] / 2048
    return 1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5


def width_em(text: str) -> float:
    return sum(char_em(c) for c in text)


# -- words ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _tagger() -> Callable[[str], list[tuple[str, str]]]:
    """jieba-rs (words and their part of speech), imported on first use — about 90 ms, its
    dictionary is inside the wheel — and kept for the process.

    Without it (a broken install) every character is a word: titles still break
    legally, only less well.
    """
    try:
        import rjieba
    except ImportError:  # pragma: no cover - rjieba is a dependency
        return lambda text: [(c, "x") for c in text]
    return rjieba.tag


def words(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) in order; the words join back into ``text``."""
    found = _tagger()(text)
    if "".join(w for w, _ in found) != text:  # the segmenter must give back what it got
        return [(c, "x") for c in text]
    return found


# What a break between two words costs, by their parts of speech (jieba's tag set):
# a preposition (关于), numeral (第三次) or conjunction (和) belongs with what follows it;
# a proper name (人民代表大会, 深圳市) ends a phrase; a verb wants its object.
_AFTER_COST = {"p": 4.0, "m": 3.0, "c": 3.0, "v": 2.0, "vn": 1.5, "nt": 0.5}
_BEFORE_COST = {"uj": 2.0}


def break_costs(text: str, max_em: float = TITLE_LINE_EMS) -> dict[int, float]:
    """Every legal break (index before which a new line may start) with its cost."""
    inside_name = _book_title_depth(text, max_em)
    tagged = words(text)
    costs: dict[int, float] = {}
    at = 0
    for (word, tag), (_, next_tag) in zip(tagged, tagged[1:]):
        at += len(word)
        prev, nxt = text[at - 1], text[at]
        extra = inside_name[at]
        if nxt in _NO_LINE_START or prev in _NO_LINE_END or extra is None:
            continue  # punctuation at a line's start, or inside a 《》 name that fits on a line
        if prev.isdigit() or nxt.isdigit() or (prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum()):
            continue  # 第126号, 2023年, codes: numbers stay whole and with their unit
        if prev in _FREE_AFTER or nxt in _FREE_BEFORE:
            cost = 0.0
        else:
            cost = max(_AFTER_COST.get(tag, 1.0), _BEFORE_COST.get(next_tag, 1.0))
        costs[at] = cost + extra
    return costs


def _book_title_depth(text: str, max_em: float) -> list[float | None]:
    """Extra cost of breaking before each index because of 《》: None inside a name that fits
    on a line (never break it), 2.0 inside a longer one (break only where needed)."""
    extra: list[float | None] = [0.0] * (len(text) + 1)
    start = None
    for i, c in enumerate(text):
        if c == "《" and start is None:
            start = i
        elif c == "》" and start is not None:
            fits = width_em(text[start:i + 1]) <= max_em
            for k in range(start + 1, i + 1):
                extra[k] = None if fits else 2.0
            start = None
    return extra


# -- lines ------------------------------------------------------------------------


def break_title(text: str, max_em: float = TITLE_LINE_EMS) -> tuple[str, ...]:
    """Lines for a title; one line when it fits."""
    text = text.strip()
    total = width_em(text)
    if total <= max_em:
        return (text,)
    costs = break_costs(text, max_em)
    if total > max_em * SHAPED_MAX_LINES:
        cuts = _greedy(text, costs, max_em)
    else:
        cuts = _shaped(text, costs, max_em)
        if cuts is None:
            cuts = _greedy(text, costs, max_em)
    bounds = (0, *cuts, len(text))
    return tuple(text[a:b] for a, b in zip(bounds, bounds[1:]))


def _prefix_widths(text: str) -> list[float]:
    prefix = [0.0]
    for c in text:
        prefix.append(prefix[-1] + char_em(c))
    return prefix


def _shaped(text: str, costs: dict[int, float], max_em: float) -> tuple[int, ...] | None:
    """The best trapezoid or diamond; None when no legal breaks give lines that fit.

    A state is (where the line starts, width of the line above in half-ems,
    whether the widths have started falling); widths may rise, then fall, never
    rise again. Each line costs 10 (fewer lines first), plus its break's cost,
    plus penalties for a short line and a steep step.
    """
    n = len(text)
    prefix = _prefix_widths(text)
    stops = sorted(costs) + [n]
    State = tuple[int, int, bool]
    best: dict[State, tuple[float, State | None]] = {(0, 0, False): (0.0, None)}
    by_start: dict[int, list[State]] = {0: [(0, 0, False)]}
    for start in [0, *stops[:-1]]:
        for state in by_start.get(start, ()):
            cost = best[state][0]
            _, above, falling = state
            for end in stops:
                if end <= start:
                    continue
                em = prefix[end] - prefix[start]
                if em > max_em:
                    break
                w = round(em * 2)  # half-ems: a digit more or less is "as long as"
                if falling and w > above:
                    continue  # rising again after falling: an hourglass
                step = 10.0 + _line_cost(em, max_em, last=end == n)
                if end < n:
                    step += 4.0 * costs[end]
                if above:
                    step += 0.02 * (w - above) ** 2
                nxt = (end, w, falling or (above > 0 and w < above))
                total = cost + step
                if nxt not in best:
                    by_start.setdefault(end, []).append(nxt)
                elif total >= best[nxt][0]:
                    continue
                best[nxt] = (total, state)
    ends = [(best[s][0], s) for s in by_start.get(n, ())]
    if not ends:
        return None
    state: State | None = min(ends)[1]
    out: list[int] = []
    while state is not None and state[0] != 0:
        out.append(state[0])
        state = best[state][1]
    return tuple(reversed(out[1:]))


def _line_cost(em: float, max_em: float, *, last: bool) -> float:
    short = max_em * 0.5 - em
    cost = short * short * 0.5 if short > 0 else 0.0
    if last and em < 4:
        cost += 8.0  # a stub of a last line looks accidental
    return cost


def _greedy(text: str, costs: dict[int, float], max_em: float) -> tuple[int, ...]:
    """Fill each line up to the width, breaking at the last legal break; hard-wrap where none fits."""
    prefix = _prefix_widths(text)
    n, start, out = len(text), 0, []
    legal = sorted(costs)
    k = 0
    while prefix[n] - prefix[start] > max_em:
        last = None
        while k < len(legal) and prefix[legal[k]] - prefix[start] <= max_em:
            if legal[k] > start:
                last = legal[k]
            k += 1
        if last is None:  # no legal break within the line: cut at the width
            last = start + 1
            while last < n and prefix[last + 1] - prefix[start] <= max_em:
                last += 1
        out.append(last)
        start = last
    return tuple(out)
