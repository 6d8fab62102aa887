"""What kind of value each template field takes, and checking a draft's values against it.

A template declares the kinds in its header, next to ``requires`` and ``optional``::

    types: date=date deputies=names cc=list consulted=bool return_days=int contact_placement=note|footer

A field not named there is text. Kinds:

- ``text``   one line of text; a TOML integer is taken as its digits (``number = 126``);
- ``list``   several lines of text (``cc = ["甲", "乙"]``), or one line;
- ``names``  one name or several (``deputies = "张昊等代表"`` or ``["张昊", "李明"]``);
- ``date``   a TOML date (``date = 2023-05-28``) or a date written as text;
- ``bool``   true / false (also 是 / 否);
- ``int``    a whole number (also written as text: "15");
- ``a|b|c``  one of the words listed;
- ``any``    text, a number, a date or a list of text (what an undeclared value the template uses
  may be: anything that does not print as Python).

A field a template does not declare takes the kind it has in the shipped templates
(``date`` a date, ``cc`` a list, …; see DEFAULT_TYPES), else text.

Without this, TOML's other types printed as Python in an official reply:
``尊敬的True：``, ``关于nan建议``, ``抄送：{'a': 1}。``, ``联系电话：3.5``.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from dafu.errors import TemplateError

KINDS = ("text", "list", "names", "date", "bool", "int", "any")
_TRUE = {"true", "yes", "是", "1"}
_FALSE = {"false", "no", "否", "0"}

# The clerk's words for the shipped templates' fields (a user template's own fields show their name).
LABELS = {
    "meeting": "会议名称", "meeting_short": "会议简称", "suggestion_title": "建议题目",
    "proposal_title": "提案题目", "number": "编号", "deputies": "代表", "members": "委员",
    "issuing_body": "发文机关", "date": "日期", "contact_person": "联系人", "contact_phone": "联系电话",
    "doc_number": "发文字号", "result_class": "办理结果类别", "disclosure": "公开方式", "signer": "签发人",
    "cc": "抄送", "opening": "开头语", "thanks": "致谢语", "closing": "结束语", "thanks_closing": "结尾致谢",
    "reply_word": "答复用语", "salutation": "称谓", "title_lines": "标题分行", "contact_placement": "联系人位置",
    "lead_unit": "主办单位", "subject": "事由", "addressee": "收文单位", "consulted": "是否沟通",
    "form_title": "表格标题", "return_days": "反馈天数",
}


def label(name: str) -> str:
    """会议名称（meeting） for a known field, the bare name for a template's own."""
    return f"{LABELS[name]}（{name}）" if name in LABELS else name


@dataclass(frozen=True)
class ValueType:
    kind: str = "text"
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.choices:
            return "以下之一：" + "、".join(self.choices) + f"（one of {', '.join(self.choices)}）"
        return {
            "text": "一行文字，写在引号中（text in quotes）",
            "list": "文字或文字列表，如 [\"甲\", \"乙\"]（text or a list of text）",
            "names": "姓名或姓名列表，如 \"张昊等代表\" 或 [\"张昊\", \"李明\"]（a name or a list of names）",
            "date": "日期，如 2023-05-28（a date）",
            "bool": "true 或 false（yes/no）",
            "int": "整数，如 15（a whole number）",
            "any": "文字、数字、日期或文字列表（text, a number, a date or a list of text）",
        }[self.kind]


TEXT = ValueType()
ANY = ValueType("any")
# The kinds of the shipped templates' fields, for a user template that uses them without declaring.
DEFAULT_TYPES = {
    "date": ValueType("date"), "deputies": ValueType("names"), "members": ValueType("names"),
    "cc": ValueType("list"), "title_lines": ValueType("list"), "consulted": ValueType("bool"),
    "return_days": ValueType("int"), "contact_placement": ValueType("choice", ("note", "footer")),
}


@dataclass(frozen=True)
class ValueProblem:
    name: str
    message: str


def parse_types(spec: str, *, path: Any = None) -> dict[str, ValueType]:
    """``date=date cc=list contact_placement=note|footer`` → {name: ValueType}."""
    types: dict[str, ValueType] = {}
    for item in spec.split():
        name, sep, kind = item.partition("=")
        if not sep or not re.fullmatch(r"\w+", name) or not kind:
            raise TemplateError(f"types 的写法应为 名称=类型（bad types entry “{item}”; write name=kind）",
                                path=path)
        if "|" in kind:
            types[name] = ValueType("choice", tuple(c for c in kind.split("|") if c))
        elif kind in KINDS:
            types[name] = ValueType(kind)
        else:
            raise TemplateError(f"未知的取值类型 “{kind}”（unknown kind; one of {', '.join(KINDS)} or a|b）",
                                path=path)
    return types


def is_empty(value: Any) -> bool:
    """An empty value counts as not given: "" or whitespace, or an empty list."""
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, (list, tuple)) and not any(not is_empty(v) for v in value)


def check_values(values: dict[str, Any], types: dict[str, ValueType],
                 checked: set[str] | frozenset[str]) -> tuple[dict[str, Any], list[ValueProblem]]:
    """(values as the template should see them, problems) for the names in ``checked``.

    Values of names outside ``checked`` (left over from another template) are passed on
    untouched; the template does not use them.
    """
    out: dict[str, Any] = {}
    problems: list[ValueProblem] = []
    for name, value in values.items():
        if name not in checked:
            out[name] = value
            continue
        vtype = types.get(name) or DEFAULT_TYPES.get(name, TEXT)
        try:
            out[name] = convert(value, vtype)
        except ValueError as exc:
            problems.append(ValueProblem(name, str(exc)))
    return out, problems


def convert(value: Any, vtype: ValueType) -> Any:
    """The value in the form the template expects, or ValueError saying what was expected."""
    kind = vtype.kind
    if kind == "text":
        return _text(value, vtype)
    if kind in ("list", "names"):
        if isinstance(value, list):
            return [_text(v, vtype) for v in value]
        return _text(value, vtype)
    if kind == "date":
        return _date(value, vtype)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(_expected(value, vtype))
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,9}\s*", value):
            return int(value)
        raise ValueError(_expected(value, vtype))
    if kind == "any":
        if isinstance(value, list):
            return [_text(v, vtype) for v in value]
        if isinstance(value, dt.date):
            return value
        return _text(value, vtype)
    if kind == "choice":
        if isinstance(value, str) and value.strip() in vtype.choices:
            return value.strip()
        raise ValueError(_expected(value, vtype))
    raise ValueError(f"unknown kind {kind}")  # pragma: no cover - parse_types refuses it


def _text(value: Any, vtype: ValueType) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(_expected(value, vtype))


def _date(value: Any, vtype: ValueType) -> dt.date:
    from dafu.draftio import coerce_date

    if isinstance(value, (dt.date, str)) and not isinstance(value, bool):
        date = coerce_date(value)
        if date is not None:
            return date
    raise ValueError(_expected(value, vtype))


def _expected(value: Any, vtype: ValueType) -> str:
    return f"应为{vtype.describe()}，而草稿中是{_shown(value)}"


def _shown(value: Any) -> str:
    """How the clerk wrote the value, in TOML's words rather than Python's."""
    if isinstance(value, bool):
        return f" {str(value).lower()}（true/false）"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return f" {value}（不是数）"
        return f"数 {value:g}（a number; write it in quotes: \"{value:g}\"）"
    if isinstance(value, dict):
        return "一个表 { … }（a table）"
    if isinstance(value, list):
        return "一个列表 [ … ]（a list）"
    if isinstance(value, dt.datetime):
        return f"日期时间 {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"日期 {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"时刻 {value.isoformat()}"
    text = str(value)
    return f"“{text[:40]}{'…' if len(text) > 40 else ''}”"
