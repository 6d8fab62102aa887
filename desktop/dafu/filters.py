"""Jinja filters a clerk's templates need: numerals, ordinals, dates, money, 《》 titles."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from dafu.numbering import chinese_numeral, ordinal, year_digits


def cn_num(n: Any) -> str:
    """1→一, 11→十一, 20→二十."""
    return chinese_numeral(int(n))


def cn_ordinal(n: Any) -> str:
    """1→一是, 2→二是."""
    return ordinal(int(n))


def cn_date(value: Any, style: str = "arabic") -> str:
    """2023-05-28 → 2023年5月28日 (GB/T 9704: Arabic numerals, no leading zeros).

    ``style="chinese"`` gives 二〇二三年五月二十八日 for the rare form that wants it.
    """
    date = as_date(value)
    if style == "chinese":
        return f"{year_digits(date.year)}年{chinese_numeral(date.month)}月{chinese_numeral(date.day)}日"
    return f"{date.year}年{date.month}月{date.day}日"


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"not a date: {value!r} (write it as 2023-05-28)")


def wan_yuan(amount: Any) -> str:
    """5000000 → 500万元; 15000 → 1.5万元; 800 → 800元 (amounts in yuan)."""
    value = Decimal(str(amount))
    if abs(value) < 10000:
        return f"{_trim(value)}元"
    return f"{_trim(value / 10000)}万元"


def _trim(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def book_title(text: Any) -> str:
    """关于… → 《关于…》, leaving a title that already has its 《》 alone."""
    text = str(text).strip()
    if text.startswith("《") and text.endswith("》"):
        return text
    return f"《{text}》"


def addressees(value: Any, role: str = "代表") -> str:
    """A lead deputy with 等, or a list: ["张昊", "李明"] → 张昊、李明代表; "张昊等代表" stays."""
    if isinstance(value, (list, tuple)):
        names = [str(v).strip() for v in value if str(v).strip()]
        return "、".join(names) + role
    return str(value).strip()


def cn_list(value: Any, sep: str = "，") -> str:
    """A list of names joined the Chinese way; a single string is kept as written."""
    if isinstance(value, (list, tuple)):
        return sep.join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip().rstrip("。")


def is_plural(value: Any) -> bool:
    """Whether the addressees are several people (张昊等代表, a list, 各位代表, 3名代表)."""
    if isinstance(value, (list, tuple)):
        return len(value) > 1
    text = str(value)
    return any(mark in text for mark in ("等", "各位", "、", "名代表", "名委员", "们"))


def pronoun(value: Any, polite: bool = True) -> str:
    """The pronoun that addresses them: 你们 for several, 您 (or 你) for one."""
    if is_plural(value):
        return "你们"
    return "您" if polite else "你"


FILTERS = {
    "cn_num": cn_num,
    "ordinal": cn_ordinal,
    "cn_date": cn_date,
    "wan_yuan": wan_yuan,
    "book_title": book_title,
    "addressees": addressees,
    "cn_list": cn_list,
    "pronoun": pronoun,
}
TESTS = {"plural": is_plural}
