"""The form of a reply: who is addressed and how, what it cites, its parts, date and phone.

Choices:

* Pronouns follow the salutation: several deputies (张昊等代表, 各位代表,
  张昊、李明代表, 纪占斌等3名代表) are 你们; one (张昊代表) is 您 or 你. A
  salutation to a unit (区人大常委会：) is not checked, nor are 你单位/你局 (the
  polite way to address a unit), quotations and idioms (你追我赶).
* The opening must cite the same 《title》 and number as the title when both
  give them; an opening that paraphrases (您提出的关于…的建议) is not flagged.
* The 成文日期 (the date line) is checked for Arabic numerals and for the
  future; any full date in the reply is checked for leading zeros.
* Phone numbers: an 8-digit landline, an area code plus a number (010 + 8
  digits, 0755 + 8 digits, 0xxx + 7 or 8 digits), an
  11-digit mobile 1[3-9]…, a 400/800 number or a 5-digit service line (12345);
  an extension after 转 or "-" is allowed.
"""
from __future__ import annotations

import re
from typing import Iterator

from dafu.checks.base import Hit, Severity, rule
from dafu.checks.structure import CLOSING_RE, DATE_AR, DATE_LINE_RE, Context, Unit, parse_date

# -- pronouns ----------------------------------------------------------------

_PLURAL_SALUTATION = re.compile(r"等|各位|诸位|们|、|\d+\s*[名位]|[两二三四五六七八九十]+[名位]")
_PERSON_SALUTATION = re.compile(r"代表|委员|同志|先生|女士")
_YOU = re.compile(r"您们|你们|(?<!迷)[你您](?![追中我来争])")
_UNIT_AFTER_YOU = set("单局委院校司处部办厅市区县省镇街所站中会馆团队组室")


def _quoted(text: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for i, c in enumerate(text):
        if c in "“《":
            stack.append(i)
        elif c in "”》" and stack:
            spans.append((stack.pop(), i))
    return spans


def salutation_number(ctx: Context) -> str | None:
    """"plural", "singular" or None (a unit, or no salutation)."""
    unit = ctx.first("salutation")
    if unit is None:
        return None
    text = ctx.unit_text(unit).removeprefix("尊敬的")
    if not _PERSON_SALUTATION.search(text):
        return None
    return "plural" if _PLURAL_SALUTATION.search(text) else "singular"


@rule("form.pronoun", Severity.ERROR, "称谓与人称代词不一致")
def pronoun(ctx: Context) -> Iterator[Hit]:
    number = salutation_number(ctx)
    if number is None:
        return
    salutation = ctx.first("salutation")
    assert salutation is not None
    who = ctx.unit_text(salutation).rstrip("：:").removeprefix("尊敬的")
    for unit in ctx.units:
        if unit.start <= salutation.start or unit.kind not in ("paragraph", "closing", "heading"):
            continue
        text = ctx.unit_text(unit)
        quoted = _quoted(text)
        for m in _YOU.finditer(text):
            word, at = m.group(), m.start()
            if any(s < at < e for s, e in quoted):
                continue
            if len(word) == 1 and text[at + 1:at + 2] in _UNIT_AFTER_YOU:
                continue
            start, end = unit.start + at, unit.start + m.end()
            if number == "plural" and word != "你们":
                yield Hit(start, end, f"称谓“{who}”为多人，应称“你们”，不应称“{word}”", "你们")
            elif number == "singular" and word in ("你们", "您们"):
                yield Hit(start, end, f"称谓“{who}”为一人，应称“您”，不应称“{word}”", "您")


# -- the opening cites what the title names -----------------------------------

_BOOK = re.compile(r"《([^《》\n]+)》")
_NUMBER = re.compile(r"[（(]\s*([A-Za-z]{0,8}\s*\d{3,}[A-Za-z0-9\-]*)\s*[）)]|第\s*(\d+)\s*号")
_NORMALISE = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！",
                            " ": None, "\n": None, "\u3000": None})


def _citation(text: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    return _BOOK.search(text), _NUMBER.search(text)


@rule("form.citation", Severity.ERROR, "开头语引用的建议题目或编号与标题不一致")
def citation(ctx: Context) -> Iterator[Hit]:
    title = ctx.first("title")
    opening = next((u for u in ctx.units if u.role == "opening"), None)
    if title is None or opening is None:
        return
    # A title broken over lines is one title: join its lines (breaks fall between words).
    t_book, t_number = _citation(re.sub(r"[ \t\u3000]*\r?\n[ \t\u3000]*", "", ctx.unit_text(title)))
    o_text = ctx.unit_text(opening)
    o_book, o_number = _citation(o_text)
    if t_book and o_book and t_book.group(1).translate(_NORMALISE) != o_book.group(1).translate(_NORMALISE):
        s, e = opening.start + o_book.start(), opening.start + o_book.end()
        yield Hit(s, e, f"开头语引用的题目与标题不一致：标题为“{t_book.group(0).replace(chr(10), '')}”")
    if t_number and o_number:
        t_value = (t_number.group(1) or t_number.group(2)).replace(" ", "")
        o_value = (o_number.group(1) or o_number.group(2)).replace(" ", "")
        if t_value.upper() != o_value.upper():
            s, e = opening.start + o_number.start(), opening.start + o_number.end()
            yield Hit(s, e, f"开头语引用的编号“{o_value}”与标题中的“{t_value}”不一致")


# -- required parts ----------------------------------------------------------

_CONTACT = re.compile(r"联系人|联系电话|承办人|经办人")


@rule("form.parts", Severity.WARNING, "缺少答复函的必备部分")
def parts(ctx: Context) -> Iterator[Hit]:
    if ctx.fragment:
        return
    meta = ctx.document.meta if ctx.document is not None else None
    if meta is not None and meta.kind == "feedback_form":
        return  # a form, not a letter
    units = ctx.units
    end_of_text = len(ctx.text)
    body = ctx.body()

    def at_end_of(unit: Unit | None) -> int:
        return unit.end if unit is not None else 0

    if ctx.first("title") is None:
        yield Hit(0, 0, "缺少标题")
    if ctx.first("salutation") is None:
        yield Hit(at_end_of(ctx.first("title")), at_end_of(ctx.first("title")), "缺少称谓（主送，如“尊敬的张昊等代表：”）")
    if not any(u.role == "opening" for u in units) and ctx.first("salutation") is not None:
        at = at_end_of(ctx.first("salutation"))
        yield Hit(at, at, "缺少开头语（如“你们提出的《…》已收悉……现将办理情况答复如下：”）")
    last_body = body[-1] if body else None
    has_closing = ctx.first("closing") is not None or (
        last_body is not None and CLOSING_RE.search(ctx.unit_text(last_body).rstrip()) is not None)
    if not has_closing:
        at = at_end_of(last_body)
        yield Hit(at, at, "缺少结束语（如“特此答复。”）")
    if ctx.first("issuer") is None:
        at = at_end_of(ctx.first("closing") or last_body)
        yield Hit(at, at, "缺少落款（发文机关署名）")
    if ctx.first("date") is None:
        at = at_end_of(ctx.first("issuer") or ctx.first("closing") or last_body)
        yield Hit(at, at, "缺少成文日期")
    in_footer = meta is not None and meta.contact_placement == "footer" and (meta.contact_person or meta.contact_phone)
    # Some offices put the contact line above the signature, as a paragraph: anywhere counts.
    candidates = [u for u in units if u.kind not in ("title", "salutation") and u.role != "opening"]
    if not in_footer and not any(_CONTACT.search(ctx.unit_text(u)) for u in candidates):
        at = at_end_of(ctx.first("date")) if ctx.first("date") else end_of_text
        yield Hit(at, at, "缺少联系人及联系电话（附注，如“（联系人：…，联系电话：…）”）")


# -- dates -------------------------------------------------------------------

_FULL_DATE = re.compile(DATE_AR)


@rule("form.date_format", Severity.WARNING, "日期格式不规范")
def date_format(ctx: Context) -> Iterator[Hit]:
    for m in _FULL_DATE.finditer(ctx.text):
        if ctx.is_masked(*m.span()):
            continue
        month, day = m.group(2), m.group(3)
        if month.startswith("0") or day.startswith("0") or " " in m.group(0):
            right = f"{m.group(1)}年{int(month)}月{int(day)}日"
            yield Hit(m.start(), m.end(), f"日期“{m.group(0)}”应写作“{right}”（不编虚位）", right)
    unit = ctx.first("date")
    if unit is None:
        return
    text = ctx.unit_text(unit).replace(" ", "")
    m = DATE_LINE_RE.match(text)
    if m and m.group(4):
        date = parse_date(text)
        right = f"{date.year}年{date.month}月{date.day}日" if date else None
        yield Hit(unit.start, unit.end, "成文日期应使用阿拉伯数字" + (f"：“{right}”" if right else ""), right)


@rule("form.date_invalid", Severity.ERROR, "成文日期无效或晚于今天")
def date_invalid(ctx: Context) -> Iterator[Hit]:
    unit = ctx.first("date")
    if unit is None:
        return
    text = ctx.unit_text(unit).replace(" ", "")
    if not DATE_LINE_RE.match(text):
        return
    date = parse_date(text)
    if date is None:
        yield Hit(unit.start, unit.end, f"成文日期“{text}”不存在")
    elif date > ctx.today:
        today = f"{ctx.today.year}年{ctx.today.month}月{ctx.today.day}日"
        yield Hit(unit.start, unit.end, f"成文日期“{text}”晚于今天（{today}）")


# -- phone numbers -----------------------------------------------------------

_PHONE_CONTEXT = re.compile(r"(?:联系)?(?:电话|手机|座机|热线|电话号码|联系方式|Tel|TEL|tel)[：:\s]*")
_PHONE = re.compile(r"[（(]?\d[\d\-－ （）()]{2,}\d(?:\s*(?:转|分机)\s*\d{1,6})?")
_VALID_PHONE = (
    re.compile(r"[2-9]\d{7}"),            # local landline: 8 digits
    re.compile(r"1[3-9]\d{9}"),           # mobile
    re.compile(r"[48]00\d{7}"),           # 400/800 service numbers
    re.compile(r"1\d{4}|9\d{4,5}"),       # 12345 hotline, 95xxx/96xxx
)
# An area code (3 digits for the big cities, whose numbers have 8; 4 digits elsewhere, 7 or 8).
_WITH_AREA = re.compile(r"[（(]?(0\d{2,3})[）)]?[\s\-－]*([2-9]\d{6,7})")


def plausible_phone(raw: str) -> bool:
    number = re.sub(r"\s*(?:转|分机)\s*\d{1,6}$", "", raw).strip()
    m = _WITH_AREA.fullmatch(number)
    if m and not number.isdigit():
        return len(m.group(2)) == 8 or len(m.group(1)) == 4
    digits = re.sub(r"[\s\-－（）()]", "", number)
    if any(p.fullmatch(digits) for p in _VALID_PHONE):
        return True
    if re.fullmatch(r"0(?:[12]\d|[3-9]\d{2})[2-9]\d{7}|0[3-9]\d{2}[2-9]\d{6}", digits):
        return True  # area code written without a separator
    m = re.fullmatch(r"(.*\d)-(\d{1,5})", number)  # 83131539-8001: an extension
    return bool(m) and plausible_phone(m.group(1))


@rule("form.phone", Severity.WARNING, "联系电话号码位数不对")
def phone(ctx: Context) -> Iterator[Hit]:
    for unit in ctx.units:
        if unit.kind == "table":
            continue
        text = ctx.unit_text(unit)
        for label in _PHONE_CONTEXT.finditer(text):
            pos = label.end()
            while (m := _PHONE.match(text, pos)) is not None:
                raw = m.group().strip()
                if not plausible_phone(raw):
                    s = unit.start + m.start()
                    yield Hit(s, s + len(raw), f"联系电话“{raw}”不像有效号码：固定电话为8位（可加区号，如0755-83131539），"
                                                f"手机为1开头的11位")
                sep = re.match(r"\s*(?:、|，|,|；|;|/|或)\s*", text[m.end():])
                if not sep:
                    break
                pos = m.end() + sep.end()

