"""The patterns replies are written in: dates, phone numbers, organ names, marks — and the key they are matched on.

Lines are matched on a *key*: spaces out, half-width punctuation folded to
full-width, the few traditional characters the patterns use folded to
simplified. So a stored copy with half-width punctuation throughout (or a Big5
file) meets the same patterns, and no pattern relies on one exact mark.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from dafu.numbering import parse_chinese_numeral

_FOLD = str.maketrans({
    ":": "：", "(": "（", ")": "）", ",": "，", ";": "；", "!": "！", "?": "？", "[": "〔", "]": "〕",
    "［": "〔", "］": "〕", "【": "〔", "】": "〕", "﹝": "〔", "﹞": "〕", "〈": "《", "〉": "》",
    "︰": "：", "﹕": "：", "∶": "：",
    # traditional forms of the characters the patterns look for
    "關": "关", "於": "于", "覆": "复", "複": "复", "議": "议", "會": "会", "團": "团", "員": "员", "聯": "联",
    "繫": "系", "係": "系", "絡": "络", "電": "电", "話": "话", "辦": "办", "機": "机", "構": "构", "時": "时",
    "間": "间", "來": "来", "源": "源", "發": "发", "佈": "布", "瀏": "浏", "覽": "览", "數": "数", "號": "号",
    "類": "类", "別": "别", "簽": "签", "開": "开", "區": "区", "廳": "厅", "處": "处", "協": "协", "經": "经",
    "؛": "；",
})
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


@functools.lru_cache(maxsize=4096)
def line_key(text: str) -> str:
    """What a line is matched on: no spaces, full-width punctuation, simplified pattern characters."""
    return _SPACES.sub("", text.translate(_FOLD))


# -- dates --------------------------------------------------------------------------

_CN_DIGITS = "〇零一二三四五六七八九○Ｏ0О"
_DATE_AR = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*(?:日|号|(?![\d]))"
_DATE_CN = rf"([{_CN_DIGITS}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月\s*([一二三四五六七八九十]{{1,3}})\s*日"
_DATE_NUM = r"((?:19|20)\d{2})\s*[.．\-－/／]\s*(\d{1,2})\s*[.．\-－/／]\s*(\d{1,2})(?![\d:：])"
DATE_ANY = re.compile(rf"{_DATE_AR}|{_DATE_CN}|{_DATE_NUM}")
_CN_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "0": 0, "О": 0}


def date_from_match(m: re.Match) -> dt.date | None:
    g = m.groups()
    try:
        if g[0]:
            year, month, day = int(g[0]), int(g[1]), int(g[2])
        elif g[3]:
            year = int("".join(str(_CN_VALUE[c]) for c in g[3]))
            month, day = parse_chinese_numeral(g[4]), parse_chinese_numeral(g[5])
            if not month or not day:
                return None
        else:
            year, month, day = int(g[6]), int(g[7]), int(g[8])
        return dt.date(year, month, day)
    except (ValueError, KeyError, TypeError):
        return None


def parse_date(text: str) -> dt.date | None:
    """The date a whole line states (2023年5月28日, 二〇二三年五月二十八日, 2023.5.28, 2023-05-28), else None."""
    text = line_key(text).strip("（）")
    m = DATE_ANY.fullmatch(text)
    return date_from_match(m) if m else None


def compact_date(text: str) -> dt.date | None:
    """A date written as bare digits on its own line: 20211026, 2023518 (→ 2023-05-18), 202198 (→ 2021-09-08)."""
    digits = line_key(text).strip("（）")
    if not re.fullmatch(r"(?:19|20)\d{4,6}", digits):
        return None
    year, rest = int(digits[:4]), digits[4:]
    splits = {2: [(1, 1)], 3: [(1, 2), (2, 1)], 4: [(2, 2)]}[len(rest)]
    for m_len, _ in splits:
        try:
            return dt.date(year, int(rest[:m_len]), int(rest[m_len:]))
        except ValueError:
            continue
    return None


def find_date(text: str) -> tuple[dt.date, re.Match] | None:
    """The first date written anywhere in the text."""
    for m in DATE_ANY.finditer(text):
        date = date_from_match(m)
        if date is not None:
            return date, m
    return None


# -- people, phones and organs ---------------------------------------------------------

# landlines with an area code (0755-83320000, (0755)83320000, 0755 83320000), mobiles, 7–8 digit local numbers;
# an extension may follow (转8021, -8021, ext. 8021)
PHONE = re.compile(
    r"(?<![\d\-])(?:"
    r"[（(]?0\d{2,3}[）)]?[\-－—\s]?\d{7,8}(?:[\-－—](?!0\d{2,3}[\-－—]?\d{7})\d{1,5}|(?:转|分机|ext\.?)\d{1,5})?"
    r"|1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4}"
    r"|\d{3,4}[\-－—]\d{4}(?:[\-－—]\d{1,5})?"
    r"|[2-9]\d{6,7}(?:(?:转|分机)\d{1,5})?"
    r")(?![\d])")
CONTACT_WORD = re.compile(r"联系人|联系电话|联系方式|承办人|经办人|办理人|联系单位|联系部门|办公电话|咨询电话|手机|电话|传真|邮箱")
ORGAN_END = re.compile(
    r"(?:人民政府|政府|委员会|办公室|办公厅|局|委|办|院|厅|部|署|中心|公司|集团|街道|街道办事处|镇|乡|所|站|队|支队|大队|"
    r"馆|会|社|行|银行|分行|法院|检察院|处|科|管委会|管理处|总站|学校|大学|医院|工委|党组|商会|协会|联合会|指挥部)$")
ORGAN_PREFIX = re.compile(r"^(?:承办单位|答复单位|主办单位|办理单位|发文单位|发文机关|答复部门|承办部门|主办部门|联系单位|单位)：")
HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、]|[（(]\d{1,2}[）)])")
