"""Jinja filters a clerk's templates need: numerals, ordinals, dates, money, 《》 titles."""
from __future__ import annotations

import datetime as dt
import re
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


# Year first, as clerks write dates: 2024年5月20日, 2024-5-20, 2024.5.20, 2024/5/20, 2024 年 5 月 20 日,
# 20240520, with full-width digits too; the year in Chinese digits (二〇二四年五月二十日) is read as well.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．／－", "0123456789./-")
_DATE_FORMS = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"),
    re.compile(r"(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_CN_DATE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
                      r"\s*([一二三四五六七八九十]{1,3})\s*[日号]?")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}


def parse_date_text(text: str) -> dt.date | None:
    """The date a clerk typed, year first; None when the text is not one of the forms read here.

    Raises ValueError for a date that does not exist (2024年2月30日)."""
    text = text.strip().translate(_FULL_WIDTH_DIGITS)
    for pattern in _DATE_FORMS:
        m = pattern.fullmatch(text)
        if m:
            groups = [g for g in m.groups() if g not in ("-", ".", "/")]
            return dt.date(*(int(g) for g in groups))
    m = _CN_DATE.fullmatch(text)
    if m:
        year = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
        return dt.date(year, _cn_small(m.group(2)), _cn_small(m.group(3)))
    return None


def _cn_small(text: str) -> int:
    """一 … 三十一 as a number (the month and day of a date in Chinese digits)."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def as_date(value: Any) -> dt.date:
    """A date, or a text in one of the forms clerks type (see ``parse_date_text``); ValueError otherwise,
    with a message a clerk can act on."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            date = parse_date_text(value)
        except ValueError:
            raise ValueError(f"日期“{value.strip()}”不存在（no such date）") from None
        if date is not None:
            return date
    raise ValueError(f"“{value}”不是日期，请写成 2024年5月20日 或 2024-5-20（not a date: {value!r})")


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
