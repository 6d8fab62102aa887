"""Recognising the policy measures a reply cites — pure text work, no database.

A measure is cited as a clause like
  2022年《深圳市福田区支持现代时尚产业集群发展若干措施》推出……建设支持……按照……总费用的30%给予最高500万元的一次性支持
The clause is the enumeration item (一是…二是…) or sentence it stands in; the
policy is the 《》 title nearest before the figures in that clause, the item the
support it names (“行业提升支持”, 推出网络交易平台建设支持), the rate the
percentage with its base and kind (不超过/不低于/按), the cap the 最高…万元.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

_ORDINAL_BREAK = re.compile(r"(?<=[。；;！？：:，])(?=[一二三四五六七八九十]是(?![否]))")
_SENTENCE_BREAK = re.compile(r"(?<=[。；;！？])")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_CAP = re.compile(r"最高(?:可|不超过)?(?:支持|给予|奖励|补贴|资助|补助)?(?:额度)?(?:为)?(\d+(?:\.\d+)?)\s*(亿|万)?元")
_POLICY = re.compile(r"(?:(\d{4})\s*年\s*(?:度)?)?《([^《》]{4,60}(?:措施|办法|政策|规定|细则|方案|通知|意见|计划|条例)[^《》]{0,10})》")
_QUOTED_ITEM = re.compile(r"[“\"]([^”\"]{2,30}?(?:支持|补贴|奖励|资助|补助|扶持))[”\"]")
_PLAIN_ITEM = re.compile(r"(?:推出|设立|实施|开展)([\u4e00-\u9fffA-Za-z]{2,30}?(?:支持|补贴|奖励|资助|补助))")
_RATE_KIND = re.compile(r"(不超过|不高于|不低于|按照|按)")


@dataclass(frozen=True)
class MeasureCitation:
    policy: str | None          # 《深圳市福田区支持商协会发展若干措施》's title, without 《》
    policy_year: int | None
    item: str | None            # 行业提升支持
    rate_percent: float | None  # 30.0
    rate_base: str | None       # 总费用
    rate_kind: str | None       # 不超过 / 不低于 / 按
    cap_yuan: int | None        # 5000000
    one_off: bool
    text: str                   # the clause as written
    start: int                  # offsets of the clause in the paragraph
    end: int

    @property
    def key(self) -> str:
        """What identifies the same measure across replies: its policy and item."""
        if not self.policy and not self.item:
            return f"text|{_norm(self.text)}"
        return f"{_norm(self.policy or '')}|{_norm(self.item or '')}"

    def to_json(self) -> dict:
        return asdict(self)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Enumeration items (一是…二是…) when the paragraph has them, else sentences."""
    splitter = _ORDINAL_BREAK if _ORDINAL_BREAK.search(text) else _SENTENCE_BREAK
    bounds = [0] + [m.start() for m in splitter.finditer(text) if 0 < m.start() < len(text)] + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _yuan(amount: str, unit: str | None) -> int:
    value = Decimal(amount) * {"亿": 100_000_000, "万": 10_000, None: 1}[unit]
    return int(value)


def _base_and_kind(prefix: str) -> tuple[str | None, str | None]:
    """From the words before a percentage: 不超过项目审计核准金额的 → (项目审计核准金额, 不超过)."""
    kind_match = None
    for kind_match in _RATE_KIND.finditer(prefix):
        pass
    if kind_match is None:
        return None, None
    kind = {"按照": "按", "不高于": "不超过"}.get(kind_match.group(1), kind_match.group(1))
    base = prefix[kind_match.end():]
    base = re.split(r"[，,。；;：:]", base)[0]
    base = base.split("等")[-1]  # 项目装修费用及设备购置费用等总费用 → 总费用
    base = re.sub(r"的$", "", base).strip()
    return (base or None), kind


def extract_measures(text: str) -> list[MeasureCitation]:
    found: list[MeasureCitation] = []
    for start, end in _clauses(text):
        clause = text[start:end]
        rates = list(_PERCENT.finditer(clause))
        caps = list(_CAP.finditer(clause))
        if not rates and not caps:
            continue
        item_match = _QUOTED_ITEM.search(clause) or _PLAIN_ITEM.search(clause)
        item = item_match.group(1) if item_match else None
        if not rates and item is None:
            continue  # a bare 最高…万元 without a named support is not a measure we can track
        # One measure per clause: its first rate and the first cap after it.
        rate = rates[0] if rates else None
        cap = next((c for c in caps if rate is None or c.start() > rate.start()), caps[0] if caps else None)
        base, kind = _base_and_kind(clause[max(0, rate.start() - 40):rate.start()]) if rate else (None, None)
        if cap is None and item is None and kind is None:
            continue  # a bare percentage (增长6%) is a statistic, not a support measure
        figures_at = rate.start() if rate else cap.start()
        policies = [p for p in _POLICY.finditer(clause) if p.start() < figures_at]
        policy = (policies[-1].group(2), int(policies[-1].group(1)) if policies[-1].group(1) else None) \
            if policies else None
        last_end = max(m.end() for m in (rate, cap) if m is not None)
        found.append(MeasureCitation(
            policy=policy[0] if policy else None,
            policy_year=policy[1] if policy else None,
            item=item,
            rate_percent=float(rate.group(1)) if rate else None,
            rate_base=base,
            rate_kind=kind,
            cap_yuan=_yuan(cap.group(1), cap.group(2)) if cap else None,
            one_off="一次性" in clause,
            text=clause.strip(),
            start=start,
            end=start + max(last_end, len(clause.rstrip())),
        ))
    return found
