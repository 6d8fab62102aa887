"""Word's automatic list numbering, written back into the text as a clerk would have typed it.

A heading numbered by Word (a multilevel list: 一、 （一） 1. …) holds no number in its text: the
number lives in numbering.xml and is counted as Word lays the document out. Without it the reader
would take 一、总体情况 for a plain paragraph and lose the reply's outline. So the paragraphs'
numbers are counted here the way Word counts them:

- a paragraph is numbered by its own ``w:numPr`` or by its style's (through ``w:basedOn``);
  ``w:numId`` 0 takes the numbering off;
- counters belong to the abstract list (several ``w:num`` sharing one abstract list count on
  together), except where a ``w:num`` overrides a level's start, which starts it anew;
- a level counts from its ``w:start``; a paragraph at a level restarts every deeper level;
- ``w:lvlText`` places the levels' numbers (``%1、``, ``（%2）``, ``%1.%2``), each in its level's
  ``w:numFmt`` (decimal as Arabic figures where ``w:isLgl`` says so); bullets and ``none`` add nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from dafu.numbering import chinese_numeral

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
MAX_LEVELS = 9
MAX_COUNT = 100_000       # a counter past this is not a reply's outline; shown as Arabic figures
_PLACEHOLDER = re.compile(r"%([1-9])")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Word's names for the same Chinese numerals (LibreOffice writes taiwaneseCountingThousand for 一、二、).
_COUNTING = {"chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
             "japaneseCounting", "koreanCounting"}
_LEGAL = {"chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"}     # 壹贰叁, as on cheques
_DIGITAL = {"ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"}
_CAPITALS = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False     # w:isLgl: every level's number in Arabic figures


@dataclass
class _List:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)    # w:lvlOverride/w:startOverride


Loader = Callable[[], Any]   # parses a part when first needed; returns its root element


class Numbering:
    """The numbering definitions of one document, and the counters while its body is read in order.

    The parts are parsed when a paragraph first needs them: most files have no list, and a styles part
    can be large (python-docx's own holds 350 KB of table styles; parsing it costs 5 ms, ten times the
    rest of the file), so a document whose paragraphs name no style and no list reads none of it."""

    def __init__(self, load_numbering: Loader | None = None, load_styles: Loader | None = None):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.lists: dict[str, _List] = {}
        self.style_numbers: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        self.counters: dict[str, list[int | None]] = {}
        self._load_numbering = load_numbering
        self._load_styles = load_styles if load_numbering else None

    def _need_numbering(self) -> None:
        if self._load_numbering is not None:
            root, self._load_numbering = self._load_numbering(), None
            if root is not None:
                self._read_numbering(root)

    def _need_styles(self) -> None:
        if self._load_styles is not None:
            root, self._load_styles = self._load_styles(), None
            if root is not None:
                self._read_styles(root)

    # -- definitions ------------------------------------------------------------------

    def _read_numbering(self, root) -> None:
        for abstract in root.iter(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_W + "lvl"):
                index = _int(lvl.get(_W + "ilvl"))
                if index is None or not 0 <= index < MAX_LEVELS:
                    continue
                start = _int(_child_val(lvl, "start"))
                legal = lvl.find(_W + "isLgl") is not None and _child_val(lvl, "isLgl") not in ("0", "false")
                levels[index] = _Level(fmt=_child_val(lvl, "numFmt") or "decimal",
                                       text=_child_val(lvl, "lvlText") or "",
                                       start=1 if start is None else start, legal=legal)
            self.abstracts[abstract.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            abstract = _child_val(num, "abstractNumId")
            if abstract is None:
                continue
            item = _List(abstract)
            for override in num.iter(_W + "lvlOverride"):
                index, start = _int(override.get(_W + "ilvl")), _int(_child_val(override, "startOverride"))
                if index is not None and start is not None:
                    item.starts[index] = start
            self.lists[num.get(_W + "numId", "")] = item

    def _read_styles(self, root) -> None:
        for style in root.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if not style_id:
                continue
            based_on = _child_val(style, "basedOn")
            if based_on:
                self.style_parent[style_id] = based_on
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                self.style_numbers[style_id] = (_child_val(num_pr, "numId"), _int(_child_val(num_pr, "ilvl")))

    # -- counting ---------------------------------------------------------------------

    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` ('' for none), counting it."""
        num_id, level = self._number_of(paragraph)
        if not num_id or num_id == "0":
            return ""
        self._need_numbering()
        if num_id not in self.lists:
            return ""
        item = self.lists[num_id]
        levels = self.abstracts.get(item.abstract)
        if not levels:
            return ""
        level = level if level is not None and 0 <= level < MAX_LEVELS else 0
        # A w:num that overrides a start counts apart from the others on its abstract list.
        key = f"{item.abstract}/{num_id}" if item.starts else item.abstract
        counters = self.counters.setdefault(key, [None] * MAX_LEVELS)
        definition = levels.get(level, _Level())
        start = item.starts.get(level, definition.start)
        counters[level] = start if counters[level] is None else counters[level] + 1
        for deeper in range(level + 1, MAX_LEVELS):
            counters[deeper] = None
        if definition.fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, _Level())
            count = counters[index]
            if count is None:     # a deeper level shown before its parent was ever used
                count = item.starts.get(index, shown.start)
            return _format(count, "decimal" if definition.legal and index != level else shown.fmt)

        text = _PLACEHOLDER.sub(number, definition.text)
        if not text:
            return ""
        return text if not text[-1].isalnum() else text + " "

    def _number_of(self, paragraph) -> tuple[str | None, int | None]:
        # (A paragraph naming no style takes the default one, which no list-making template numbers.)
        ppr = paragraph.find(_W + "pPr")
        if ppr is None:
            return None, None
        num_pr = ppr.find(_W + "numPr")
        num_id = level = None
        if num_pr is not None:
            num_id, level = _child_val(num_pr, "numId"), _int(_child_val(num_pr, "ilvl"))
        if num_id is None:
            num_id, style_level = self._style_number(_child_val(ppr, "pStyle"))
            level = level if level is not None else style_level
        return num_id, level

    def _style_number(self, style: str | None) -> tuple[str | None, int | None]:
        if not style:
            return None, None
        self._need_styles()
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numbers:
                return self.style_numbers[style]
            style = self.style_parent.get(style)
        return None, None


def _child_val(element, name: str) -> str | None:
    if element is None:
        return None
    child = element.find(_W + name)
    return None if child is None else child.get(_VAL)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _format(n: int, fmt: str) -> str:
    if n < 0 or n > MAX_COUNT:
        return str(n)
    if fmt in _COUNTING:
        return chinese_numeral(n) if n > 0 else "〇"
    if fmt in _LEGAL:
        return (chinese_numeral(n) if n > 0 else "〇").translate(_CAPITALS)
    if fmt in _DIGITAL:
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[n - 1]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        roman, rest = "", n
        for value, numeral in _ROMAN:
            while rest >= value:
                roman, rest = roman + numeral, rest - value
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)
