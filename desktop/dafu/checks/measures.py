"""Policy measures cited in a reply, checked against each other and the library; units.

A measure is identified by its policy and support item (what
:func:`dafu.library.measures.extract_measures` recognises). Choices:

* Within one reply, the same policy + item cited with a different rate or cap
  is an error (one of them is wrong). A citation without a named item is not
  compared: two different items of one policy are not "the same measure".
* Against the library (only when one is given): a citation matches a record
  with the same item and policy (or the same item alone when the citation names
  no policy and the library has exactly one such record). A different rate or cap
  is a warning — the library may itself need updating. A record whose validity
  ended before the reply's date, that was not yet in force, or that was
  superseded by then, is a warning naming the newer measure.
* A unit spelled two ways in one reply (平米 and 平方米) is flagged at the
  less used spelling (the standard one on a tie), replacement the other.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator

from dafu.checks.base import Hit, Severity, rule
from dafu.checks.structure import Context


def _normalise(text: str | None) -> str:
    return re.sub(r"[\s“”\"《》]", "", text or "")


def citations(ctx: Context) -> list[tuple[Any, int, int]]:
    """(citation, start, end) for every measure cited in the body, offsets into ctx.text."""
    if "measures" in ctx.cache:
        return ctx.cache["measures"]
    try:
        from dafu.library.measures import extract_measures
    except ImportError:  # the library package is optional for checking
        ctx.cache["measures"] = []
        return []
    found = []
    for unit in ctx.body():
        for c in extract_measures(ctx.unit_text(unit)):
            found.append((c, unit.start + c.start, unit.start + c.end))
    ctx.cache["measures"] = found
    return found


def _figures(rate: float | None, cap: int | None) -> str:
    parts = []
    if rate is not None:
        parts.append(f"{rate:g}%")
    if cap is not None:
        parts.append(f"最高{cap / 10_000:g}万元" if cap >= 10_000 else f"最高{cap}元")
    return "、".join(parts) or "无具体数额"


def _differs(a: float | int | None, b: float | int | None) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) > 1e-9


def _name(c: Any) -> str:
    return f"《{c.policy}》“{c.item}”" if c.policy else f"“{c.item}”"


@rule("measure.inconsistent", Severity.ERROR, "同一政策措施前后数额不一致")
def inconsistent(ctx: Context) -> Iterator[Hit]:
    first_seen: dict[str, Any] = {}
    for c, start, end in citations(ctx):
        if not c.item:
            continue
        key = f"{_normalise(c.policy)}|{_normalise(c.item)}"
        earlier = first_seen.setdefault(key, c)
        if earlier is c:
            continue
        if _differs(c.rate_percent, earlier.rate_percent) or _differs(c.cap_yuan, earlier.cap_yuan):
            yield Hit(start, end, f"{_name(c)}前文为{_figures(earlier.rate_percent, earlier.cap_yuan)}，"
                                  f"此处为{_figures(c.rate_percent, c.cap_yuan)}，前后不一致")


def _records(ctx: Context) -> list[Any]:
    """Every record — only for a library that cannot look measures up (a stand-in in tests)."""
    if "records" not in ctx.cache:
        ctx.cache["records"] = list(ctx.library.measures()) if ctx.library is not None else []
    return ctx.cache["records"]


def _matching_records(ctx: Context, c: Any) -> list[Any]:
    if not c.item or ctx.library is None:
        return []
    lookup = getattr(ctx.library, "measures_for", None)
    if lookup is not None:
        # Looked up by item through the library's index: the cost does not grow with the library.
        key = ("measures_for", c.item)
        if key not in ctx.cache:
            ctx.cache[key] = lookup(c.item)
        same_item = ctx.cache[key]
    else:
        item = _normalise(c.item)
        same_item = [r for r in _records(ctx) if _normalise(r.item) == item]
    if c.policy:
        return [r for r in same_item if _normalise(r.policy) == _normalise(c.policy)]
    return same_item if len(same_item) == 1 else []


def _record(ctx: Context, measure_id: int | None) -> Any:
    if measure_id is None or ctx.library is None:
        return None
    lookup = getattr(ctx.library, "measure", None)
    if lookup is not None:
        return lookup(measure_id)
    return next((r for r in _records(ctx) if r.id == measure_id), None)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


@rule("measure.library", Severity.WARNING, "政策措施数额与政策库记录不符", needs_library=True)
def library_figures(ctx: Context) -> Iterator[Hit]:
    for c, start, end in citations(ctx):
        records = _matching_records(ctx, c)
        if not records:
            continue
        if any(not _differs(c.rate_percent, r.rate_percent) and not _differs(c.cap_yuan, r.cap_yuan)
               for r in records):
            continue
        r = records[0]
        yield Hit(start, end, f"{_name(c)}此处为{_figures(c.rate_percent, c.cap_yuan)}，"
                              f"政策库记录为{_figures(r.rate_percent, r.cap_yuan)}")


@rule("measure.validity", Severity.WARNING, "引用的政策措施已失效或被取代", needs_library=True)
def validity(ctx: Context) -> Iterator[Hit]:
    on = ctx.reply_date() or ctx.today
    when = f"{on.year}年{on.month}月{on.day}日"
    for c, start, end in citations(ctx):
        records = _matching_records(ctx, c)
        if not records:
            continue
        r = records[0]
        valid_to, valid_from = _date(r.valid_to), _date(r.valid_from)
        newer = _record(ctx, r.superseded_by)
        if newer is not None and (_date(newer.valid_from) is None or _date(newer.valid_from) <= on):
            name = f"《{newer.policy}》“{newer.item}”" if newer.policy else f"“{newer.item}”"
            yield Hit(start, end, f"{_name(c)}在{when}前已被{name}取代"
                                  f"（{_figures(newer.rate_percent, newer.cap_yuan)}）")
        elif valid_to is not None and valid_to < on:
            yield Hit(start, end, f"{_name(c)}有效期至{valid_to.year}年{valid_to.month}月{valid_to.day}日，"
                                  f"答复日期{when}已失效")
        elif valid_from is not None and valid_from > on:
            yield Hit(start, end, f"{_name(c)}自{valid_from.year}年{valid_from.month}月{valid_from.day}日起施行，"
                                  f"答复日期{when}尚未施行")


# The standard spelling first; longer spellings are matched before their parts
# (平方公里 before 公里, 平方千米 before 千米).
UNIT_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("平方米", "平米", "㎡", "平方公尺"),
    ("平方千米", "平方公里", "k㎡"),
    ("千米", "公里"),
    ("千克", "公斤"),
)
_SPELLING_GROUP = {s: i for i, group in enumerate(UNIT_SPELLINGS) for s in group}
_UNIT_RE = re.compile("|".join(sorted(map(re.escape, _SPELLING_GROUP), key=len, reverse=True)))


@rule("measure.unit", Severity.WARNING, "同一计量单位写法不统一")
def unit_spelling(ctx: Context) -> Iterator[Hit]:
    seen: dict[int, dict[str, list[tuple[int, int]]]] = {}
    for unit in ctx.units:
        for m in _UNIT_RE.finditer(ctx.text, unit.start, unit.end):
            seen.setdefault(_SPELLING_GROUP[m.group()], {}).setdefault(m.group(), []).append(m.span())
    for group, spellings in sorted(seen.items()):
        if len(spellings) < 2:
            continue
        order = UNIT_SPELLINGS[group]
        keep = max(spellings, key=lambda s: (len(spellings[s]), -order.index(s)))
        for spelling, spans in spellings.items():
            if spelling == keep:
                continue
            for s, e in spans:
                yield Hit(s, e, f"计量单位写法不统一：“{spelling}”与“{keep}”同时出现，宜统一为“{keep}”", keep)
