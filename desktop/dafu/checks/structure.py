"""What the rules read: the checked text cut into units (title, salutation, paragraphs, …).

A reply document already knows its blocks; a bare text (a .txt or .docx reply)
is recognised line by line here — title lines up to the salutation that ends
in "：", the issuing body, date, contact line and 抄送 from the end, the body in
between. This stays deliberately simple and offset-exact: every unit is a span
of the one checked string, so a finding's offsets are always into that string.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from dafu.model import BlockKind, ReplyDocument
from dafu.numbering import HeadingNumber, parse_heading_number

# Word's hidden bookmark leaks into text exports as "[bookmark: _GoBack]"; it is not printed.
ARTEFACT_RE = re.compile(r"\[bookmark:[^\]\n]*\]")
_SPACE = " \t\r\u3000\u00a0\ufeff"

DATE_AR = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
DATE_CN = r"([〇零一二三四五六七八九○Ｏ]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
DATE_LINE_RE = re.compile(rf"^(?:{DATE_AR}|{DATE_CN})$")
DOC_NUMBER_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{1,15}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d+\s*号$")
CLASS_MARK_RE = re.compile(r"^(?:[A-DＡ-Ｄ甲乙丙丁]\s*类?|[A-D]类)$")
HEADER_RE = re.compile(r"^(?:签发人|公开属性|公开方式|是否同意公开|是否公开|发布时间|发文时间|类别|文号|主动公开|依申请公开|不予公开|来源)")
CLOSING_RE = re.compile(
    r"(?:特此(?:答复|回复|函复|函告|说明|复函)|专此(?:函复|答复|回复)|此复|以上意见，?供参考"
    r"|感谢.{0,20}(?:关心|关注|支持|理解)[^。！]{0,12})[。！!]?$")
NOTE_RE = re.compile(r"^[（(]?\s*(?:联系人|承办人|联系电话|经办人|联 系 人)")
CC_RE = re.compile(r"^抄\s*送")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")  # （此件主动公开） and other notes under the date


@dataclass
class Unit:
    """One printed part of the reply: a span [start, end) of the checked text."""

    kind: str                      # a BlockKind value
    start: int
    end: int
    block: int | None = None
    heading: HeadingNumber | None = None
    role: str = ""                 # "opening" for the first paragraph after the salutation


@dataclass
class Context:
    """Everything a rule may look at. Built once per check; rules never change it."""

    text: str
    units: list[Unit]
    document: ReplyDocument | None = None
    library: Any = None
    today: dt.date = field(default_factory=dt.date.today)
    fragment: bool = False  # bare paragraphs (draft fields), not a whole reply: no form rules
    masked: list[tuple[int, int]] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # shared work between rules
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.masked = [m.span() for m in ARTEFACT_RE.finditer(self.text)]

    # -- reading ------------------------------------------------------------

    def unit_text(self, unit: Unit) -> str:
        return self.text[unit.start:unit.end]

    def of_kind(self, *kinds: str) -> list[Unit]:
        return [u for u in self.units if u.kind in kinds]

    def first(self, kind: str) -> Unit | None:
        return next((u for u in self.units if u.kind == kind), None)

    def body(self) -> list[Unit]:
        """Paragraphs and headings: where prose rules look."""
        return [u for u in self.units if u.kind in ("paragraph", "heading")]

    def is_masked(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.masked)

    def unit_at(self, offset: int) -> Unit | None:
        for unit in self.units:
            if unit.start <= offset < max(unit.end, unit.start + 1):
                return unit
        return None

    def reply_date(self) -> dt.date | None:
        """The 成文日期: the document's date, else the date line's."""
        if self.document is not None and self.document.meta.date:
            return self.document.meta.date
        unit = self.first("date")
        if unit is None:
            return None
        return parse_date(self.unit_text(unit).strip())

    # -- places -------------------------------------------------------------

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def excerpt(self, start: int, end: int, width: int = 12) -> str:
        line = bisect.bisect_right(self._line_starts, start) - 1
        line_start = self._line_starts[line]
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        a, b = max(line_start, start - width), min(max(line_end, end), end + width)
        a = max(a, self.text.rfind("\n", 0, start) + 1)
        out = self.text[a:b].replace("\n", "⏎").strip(_SPACE)
        return ("…" if a > line_start else "") + out + ("…" if b < line_end else "")


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}


def _cn_small(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGIT[text[1]]
    if text.endswith("十"):
        return _CN_DIGIT[text[0]] * 10
    if "十" in text:
        return _CN_DIGIT[text[0]] * 10 + _CN_DIGIT[text[2]]
    return _CN_DIGIT[text]


def parse_date(text: str) -> dt.date | None:
    """2023年5月28日 or 二〇二三年五月二十八日 → date; None when not a (valid) date."""
    m = DATE_LINE_RE.match(text)
    if not m:
        return None
    try:
        if m.group(1):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        year = int("".join(str(_CN_DIGIT[c]) for c in m.group(4)))
        return dt.date(year, _cn_small(m.group(5)), _cn_small(m.group(6)))
    except (ValueError, KeyError):
        return None


# -- building units ----------------------------------------------------------

def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line's content, spaces and artefacts trimmed."""
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start] in _SPACE:
            start += 1
        m = ARTEFACT_RE.match(text, start, end)
        while m:
            start = m.end()
            while start < end and text[start] in _SPACE:
                start += 1
            m = ARTEFACT_RE.match(text, start, end)
        while end > start and text[end - 1] in _SPACE:
            end -= 1
        if end > start:
            yield start, end


def heading_of(text: str) -> HeadingNumber | None:
    number = parse_heading_number(text)
    if number is None:
        return None
    if number.level == 3 and number.number.isdigit():
        return None  # "10 家企业…": a number followed by a space is not a heading
    return number


def units_from_text(text: str) -> list[Unit]:
    lines = list(_lines(text))
    content = [text[s:e] for s, e in lines]
    salutation = next((i for i, c in enumerate(content[:12])
                       if c[-1] in "：:" and len(c) <= 40 and "。" not in c
                       and not HEADER_RE.match(c) and heading_of(c) is None), None)
    units: list[Unit] = []
    if salutation is None:
        head_end = _title_end_without_salutation(content)
    else:
        head_end = salutation
    title_lines: list[int] = []
    for i in range(head_end):
        c = content[i]
        if not title_lines and DOC_NUMBER_LINE_RE.match(c):
            units.append(Unit("doc_number", *lines[i]))
        elif not title_lines and CLASS_MARK_RE.match(c):
            units.append(Unit("class_mark", *lines[i]))
        elif not title_lines and HEADER_RE.match(c):
            units.append(Unit("disclosure", *lines[i]))
        else:
            title_lines.append(i)
    if title_lines:
        units.append(Unit("title", lines[title_lines[0]][0], lines[title_lines[-1]][1]))
    body_start = head_end
    if salutation is not None:
        units.append(Unit("salutation", *lines[salutation]))
        body_start = salutation + 1

    tail = _tail(content, body_start)
    for i in range(body_start, len(lines) - len(tail)):
        c = content[i]
        number = heading_of(c)
        kind = "heading" if number is not None and len(c) <= 60 and not c.endswith("。") else "paragraph"
        units.append(Unit(kind, *lines[i], heading=number))
    first_tail = len(lines) - len(tail)
    units.extend(Unit(kind, *lines[first_tail + k]) for k, kind in enumerate(tail))
    _mark_opening(units)
    return units


_TITLE_END = re.compile(r"(答复|回复|复函|的函|意见|建议|提案|答\s+复|[）)])$")


def _title_end_without_salutation(content: list[str]) -> int:
    """Lines of a title when there is no salutation: only when they look like one.

    A bare paragraph checked on its own must stay body text, or it would escape
    every prose rule.
    """
    if not content or "。" in content[0] or not (content[0].startswith("关于") or _TITLE_END.search(content[0])):
        return 0
    for i, c in enumerate(content[:4]):
        if "。" in c:
            break
        if _TITLE_END.search(c):
            return i + 1
    return 1


def _tail(content: list[str], body_start: int) -> list[str]:
    """Kinds of the closing lines, in order: closing…, issuer, date, note, cc."""
    kinds: list[str] = []
    i = len(content) - 1
    while i >= body_start and (CC_RE.match(content[i]) or NOTE_RE.match(content[i])
                               or _BRACKETED.fullmatch(content[i])):
        kinds.append("cc" if CC_RE.match(content[i]) else "note")
        i -= 1
    if i >= body_start and DATE_LINE_RE.match(content[i].replace(" ", "")):
        kinds.append("date")
        i -= 1
        if (i >= body_start and len(content[i]) <= 30 and "。" not in content[i]
                and not CLOSING_RE.search(content[i]) and heading_of(content[i]) is None):
            kinds.append("issuer")
            i -= 1
    while i >= body_start and NOTE_RE.match(content[i]):
        kinds.append("note")  # a contact line some offices put above the signature
        i -= 1
    while i >= body_start and CLOSING_RE.search(content[i]) and len(content[i]) <= 40:
        kinds.append("closing")
        i -= 1
    return kinds[::-1]


def _mark_opening(units: list[Unit]) -> None:
    seen_salutation = False
    for unit in units:
        if unit.kind == "salutation":
            seen_salutation = True
        elif seen_salutation and unit.kind == "paragraph":
            unit.role = "opening"
            return


def document_text(document: ReplyDocument) -> tuple[str, list[Unit]]:
    """The document's plain text and one unit per block (a title unit spans its lines)."""
    spans: dict[int, list[int]] = {}
    pos = 0
    for index, line in document.text_lines():
        span = spans.setdefault(index, [pos, pos])
        span[1] = pos + len(line)
        pos += len(line) + 1
    text = document.plain_text()
    units: list[Unit] = []
    for index, (start, end) in spans.items():
        block = document.blocks[index]
        kind = block.kind.value
        heading = None
        if block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH):
            heading = heading_of(text[start:end])
        units.append(Unit(kind, start, end, block=index, heading=heading, role=block.role))
    _mark_opening(units)
    return text, units


def fragment_units(texts: list[str]) -> tuple[str, list[Unit]]:
    """Bare paragraphs joined by newlines, one paragraph unit each (for fixing draft fields)."""
    units, pos = [], 0
    for i, t in enumerate(texts):
        units.append(Unit("paragraph", pos, pos + len(t), block=i, heading=heading_of(t)))
        pos += len(t) + 1
    return "\n".join(texts), units
