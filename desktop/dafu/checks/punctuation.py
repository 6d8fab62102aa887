"""Punctuation a reviewer marks: half-width marks in Chinese text, a hyphen in a
year range, the wrong brackets in a document number.

Half-width , ; : ? ! ( ) are flagged only when a Chinese character or Chinese
punctuation is right beside them. Between two digits (3,000 10:30)
or two Latin letters/digits (Fashion Channel, i.e., http://…) they are Latin
and left alone. A pair of half-width parentheses is judged as one: if either
side of either bracket touches Chinese, both become full width. These fixes
change only the width of a mark, so they are safe for `--fix`.
"""
from __future__ import annotations

import re
from typing import Iterator

from dafu.checks.base import Hit, Severity, rule
from dafu.checks.structure import Context

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF = re.compile(r"[,;:?!()]")
_SPACES = " \t\u3000"


def is_chinese(c: str | None) -> bool:
    if not c:
        return False
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F
            or 0xFF01 <= o <= 0xFF5E or c in "“”‘’—…·")


def _neighbour(text: str, i: int, step: int, lo: int, hi: int) -> str | None:
    # The character right beside the mark: a space between Latin and Chinese
    # ("Fashion Channel (FC) 入驻") marks the bracket as part of the Latin run.
    j = i + step
    return text[j] if lo <= j < hi else None


DOC_NUMBER_RE = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{2,15})\s*(?P<year>(?P<open>[\[［(（【〔<＜〈])\s*(?P<y>(?:19|20)\d{2})\s*"
    r"(?P<close>[\]］)）】〕>＞〉]))\s*(?P<nth>第?)\s*(?P<n>\d+)\s*号")


def doc_numbers(ctx: Context) -> list[re.Match[str]]:
    if "doc_numbers" not in ctx.cache:
        ctx.cache["doc_numbers"] = [m for m in DOC_NUMBER_RE.finditer(ctx.text)
                                    if "\n" not in m.group(0)]
    return ctx.cache["doc_numbers"]


@rule("punct.halfwidth", Severity.WARNING, "中文文字中使用了半角标点", safe=True)
def halfwidth(ctx: Context) -> Iterator[Hit]:
    in_doc_number = [m.span("year") for m in doc_numbers(ctx)]
    for unit in ctx.units:
        if unit.kind == "table":
            continue
        lo, hi = unit.start, unit.end
        text = ctx.text
        pending_close: dict[int, bool] = {}  # ")" offsets already decided with their "("
        for m in _HALF.finditer(text, lo, hi):
            i, c = m.start(), m.group()
            if ctx.is_masked(i, i + 1) or any(s <= i < e for s, e in in_doc_number):
                continue
            if c == ")" and i in pending_close:
                if pending_close.pop(i):
                    yield Hit(i, i + 1, "中文文字中使用了半角括号“)”，应为“）”", "）")
                continue
            left, right = _neighbour(text, i, -1, lo, hi), _neighbour(text, i, 1, lo, hi)
            if c == "(":
                close = _matching_close(text, i, hi)
                chinese = is_chinese(left) or is_chinese(right)
                if close is not None:
                    chinese = chinese or is_chinese(_neighbour(text, close, -1, lo, hi)) \
                        or is_chinese(_neighbour(text, close, 1, lo, hi))
                    pending_close[close] = chinese
                if chinese:
                    yield Hit(i, i + 1, "中文文字中使用了半角括号“(”，应为“（”", "（")
                continue
            if not (is_chinese(left) or is_chinese(right)):
                continue
            if c in ",:" and left and right and left.isdigit() and right.isdigit():
                continue  # 3,000 and 10:30 even when spaced oddly
            end = i + 1
            if c != ")":
                while end < hi and text[end] in _SPACES:
                    end += 1  # "措, 按照" → "措，按照": the space was the half-width habit
            yield Hit(i, end, f"中文文字中使用了半角标点“{c}”，应为“{FULL_WIDTH[c]}”", FULL_WIDTH[c])


def _matching_close(text: str, i: int, hi: int) -> int | None:
    depth = 0
    for j in range(i, hi):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
        elif text[j] == "\n":
            return None
    return None


_YEAR_RANGE = re.compile(r"(?P<y1>(?:19|20)\d{2})(?P<nian>年?)(?P<dash>\s*[-－–‐−]\s*)(?P<y2>(?:19|20)\d{2})(?!\d)")


@rule("punct.year_range", Severity.WARNING, "年份起止应用一字线“—”", safe=True)
def year_range(ctx: Context) -> Iterator[Hit]:
    for unit in ctx.body() + ctx.of_kind("title"):
        for m in _YEAR_RANGE.finditer(ctx.text, unit.start, unit.end):
            before = ctx.text[m.start() - 1] if m.start() > unit.start else ""
            if before and (before.isascii() and (before.isalnum() or before in "/-._ ")):
                continue  # GB/T 9704-2012, ISO 9001-2015: a standard's number, not a range
            y1, y2 = int(m.group("y1")), int(m.group("y2"))
            if not y1 < y2 <= y1 + 50:
                continue
            s, e = m.span("dash")
            yield Hit(s, e, f"年份起止“{m.group(0)}”应使用一字线：“{y1}{m.group('nian')}—{y2}”", "—")


@rule("punct.doc_number", Severity.WARNING, "发文字号年份应用六角括号〔〕", safe=True)
def doc_number_brackets(ctx: Context) -> Iterator[Hit]:
    for m in doc_numbers(ctx):
        if m.group("open") == "〔" and m.group("close") == "〕":
            continue
        s, e = m.span("year")
        right = f"〔{m.group('y')}〕"
        yield Hit(s, e, f"发文字号中的年份应用六角括号：“{right}”，而不是“{m.group('year')}”", right)


@rule("form.doc_number", Severity.WARNING, "发文字号序号不加“第”、不编虚位")
def doc_number_form(ctx: Context) -> Iterator[Hit]:
    for m in doc_numbers(ctx):
        if not m.group("nth") and not m.group("n").startswith("0"):
            continue
        s, e = m.start("nth") if m.group("nth") else m.start("n"), m.end()
        right = f"{int(m.group('n'))}号"
        yield Hit(s, e, f"发文字号序号应写作“{right}”（不加“第”，不编虚位）", right)
