"""Words typed twice: 推动推动, 时尚时尚 — without crying wolf on real reduplication.

Why the rules look the way they do:

* Only a run of two or more Chinese characters repeated at once is a suspect
  (``XX`` with ``len(X) >= 2``). Single-character doubling (常常 人人 层层 一一,
  and the AABB forms 方方面面 实实在在 家家户户 that are built from it) is
  ordinary Chinese and also appears by accident across word boundaries (发展展示,
  为了了解), so it is never flagged — except 的的, which is never a word, checked
  with its few legitimate neighbours (目的的, 的的确确) excluded.
* ``X`` made only of numerals (一一, 万万) or of 一 plus a measure word (一个一个,
  一步一步, 一点一点: "one by one") is legitimate.
* ABAB adjectives and onomatopoeia (雪白雪白, 哗啦哗啦) are legitimate.
* ABAB tentative verbs (研究研究, 商量商量) are real Chinese but colloquial; a
  reply is a formal letter, so they get their own gentle rule (info), not the
  typo rule.
"""
from __future__ import annotations

import re
from typing import Iterator

from dafu.checks.base import Hit, Severity, rule
from dafu.checks.structure import Context

_CJK = "\u4e00-\u9fff"
_DOUBLED = re.compile(rf"([{_CJK}]{{2,8}})\1")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两几")

# ABAB forms of adjectives and sounds: the doubling is the word.
ALLOWED_ABAB = frozenset({
    "雪白", "通红", "火红", "冰凉", "笔直", "漆黑", "碧绿", "蔚蓝", "滚烫", "冰冷", "崭新",
    "哗啦", "叮当", "扑通", "轰隆", "哗哗", "嘀嗒",
    "一会", "谢谢",
})

# ABAB tentative verbs: correct Chinese, too colloquial for a formal reply.
COLLOQUIAL_ABAB = frozenset({
    "研究", "讨论", "考虑", "商量", "学习", "锻炼", "交流", "沟通", "了解", "介绍", "打听",
    "休息", "活动", "琢磨", "合计", "打扫", "收拾", "整理", "准备", "检查", "比划", "溜达",
})


def _legitimate(word: str) -> bool:
    if all(c in _NUMERALS for c in word):
        return True                      # 一一, 千千万万 are numerals, not typos
    if len(word) == 2 and word[0] == "一":
        return True                      # 一个一个, 一步一步, 一点一点
    return word in ALLOWED_ABAB


def _doubled(ctx: Context) -> Iterator[tuple[int, int, str]]:
    for unit in ctx.units:
        if unit.kind in ("table",):
            continue
        text = ctx.unit_text(unit)
        pos = 0
        while (m := _DOUBLED.search(text, pos)) is not None:
            word = m.group(1)
            start, end = unit.start + m.start(), unit.start + m.end()
            # A third copy (推动推动推动) belongs to the same finding.
            while ctx.text.startswith(word, end) and end + len(word) <= unit.end:
                end += len(word)
            yield start, end, word
            pos = end - unit.start


@rule("repeat.word", Severity.WARNING, "词语重复")
def repeated_word(ctx: Context) -> Iterator[Hit]:
    for start, end, word in _doubled(ctx):
        if _legitimate(word) or word in COLLOQUIAL_ABAB:
            continue
        yield Hit(start, end, f"词语重复“{ctx.text[start:end]}”，应为“{word}”", word)


@rule("repeat.colloquial", Severity.INFO, "口语化重叠")
def colloquial_reduplication(ctx: Context) -> Iterator[Hit]:
    for start, end, word in _doubled(ctx):
        if word in COLLOQUIAL_ABAB:
            yield Hit(start, end, f"“{word}{word}”是口语化的重叠，答复函中宜写“{word}”", word)


# 的 before 的: never a word, except after a word ending in 的 (目的, 有的 …) or in 的的确确 / before 的确.
_DE_DE = re.compile(r"(?<![目有别似是真端])的的(?![确士])")


@rule("repeat.char", Severity.WARNING, "“的的”重复")
def doubled_de(ctx: Context) -> Iterator[Hit]:
    for unit in ctx.body():
        for m in _DE_DE.finditer(ctx.text, unit.start, unit.end):
            yield Hit(m.start(), m.end(), "“的”字重复：“的的”", "的")
