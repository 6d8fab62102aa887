"""Stage one: what each line looks like, as evidence for each part it could be.

Every line gets a score per part (``Part``): hand-weighted features of its own
text (patterns, length, punctuation), of where it stands (near the top, near the
end) and of its neighbours (a line before an opening sentence is likely the
salutation). The scores are log-odds-like numbers — positive for "looks like
it", negative for "does not" — and each carries the reasons, so ``--explain``
can show why a line got its part. Stage two (``assign``) picks the best
sequence of parts for the whole document from these.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from dafu.numbering import parse_heading_number
from dafu.reading.patterns import (CONTACT_WORD, DATE_ANY, HEADING_NUMBER, ORGAN_END, ORGAN_PREFIX, PHONE,
                                   line_key, parse_date)


class Part(StrEnum):
    NOISE = "noise"            # web-page debris, page furniture: not part of the letter
    HEADER = "header"          # marks above the title: 文号, 类别, 签发人, 公开, 承办单位
    TITLE = "title"
    SALUTATION = "salutation"
    BODY = "body"              # paragraphs and headings
    CLOSING = "closing"        # 特此答复。
    ISSUER = "issuer"          # the issuing body's name under the letter
    DATE = "date"
    CONTACT = "contact"        # 联系人/联系电话 …
    CC = "cc"                  # 抄送
    NOTE = "note"              # notes under the signature: （此件主动公开）, 附件 …


@dataclass
class Line:
    number: int                # 1-based line number in the file's text
    text: str                  # the cleaned line
    key: str                   # what patterns match (see patterns.line_key)
    blank_before: bool = False
    blank_after: bool = False


@dataclass
class Evidence:
    """Scores of one line for each part, with the reasons behind them."""

    line: Line
    scores: dict[Part, float] = field(default_factory=dict)
    reasons: dict[Part, list[str]] = field(default_factory=dict)

    def add(self, part: Part, weight: float, reason: str) -> None:
        self.scores[part] = self.scores.get(part, 0.0) + weight
        if reason:
            self.reasons.setdefault(part, []).append(f"{reason} {weight:+g}")

    def score(self, part: Part) -> float:
        return self.scores.get(part, 0.0)


# -- patterns ---------------------------------------------------------------------------

_WEB = re.compile(
    r"^(?:发布(?:时间|日期|机构|单位)|发文(?:时间|日期)|成文日期|更新时间|时间|日期|来源|信息来源|文章来源|作者|编辑|责任编辑|"
    r"浏览(?:次数|量)?|阅读(?:次数|量)?|点击(?:数|量|次数)?|访问量|字号|字体|分享到?|打印|索引号|主题分类|体裁分类|"
    r"服务对象|所属机构|公开方式|公开时限|公开范围|发布机构|信息分类|组配分类|文号|有效性|主题词|标题|名称|"
    r"当前位置|您(?:当前)?的?位置|所在位置|首页|网站地图|上一篇|下一篇|上一条|下一条|上一页|下一页|相关(?:链接|文章|阅读|新闻)|"
    r"附件下载|扫一扫)"
    r"(?:：|$)")
_WEB_ANYWHERE = re.compile(
    r"打印本页|关闭窗口|【打印】|【关闭】|〔打印〕|〔关闭〕|【大】|【中】|【小】|〔大〕|〔中〕|〔小〕|字号：?〔?大|"
    r"分享到|微信|微博|QQ空间|QQ好友|朋友圈|收藏本页|加入收藏|返回顶部|回到顶部|扫一扫|二维码|版权所有|ICP备|网站标识码|"
    r"网站地图|联系我们|主办单位：.*网|技术支持|政府网站|浏览器|分辨率|首页〉|首页》|首页>|»|>>|→|\|\||您是第.*位访问")
_WEB_WORDS = {"大", "中", "小", "打印", "关闭", "分享", "收藏", "首页", "返回", "顶部", "〉", "》", "|", "›", "»", "-",
              "默认", "字号", "字体", "【", "】", "〔", "〕", "微信", "微博", "扫码", "打印本页", "关闭窗口", "分享到：",
              "政务公开", "建议提案", "建议提案办理", "建议提案办理结果", "人大建议", "政协提案", "人大代表建议", "政协委员提案",
              "信息公开", "政府信息公开", "法定主动公开内容", "主动公开", "正文", "详情"}
_PAGE_NUMBER = re.compile(r"^[—\-－–]?\s*\d{1,3}\s*[—\-－–]?$|^第\d{1,3}页(?:，?共\d{1,3}页)?$|^\d{1,3}/\d{1,3}$")
_URL = re.compile(r"https?://|www\.|\.(?:gov|com|cn|net)\b", re.IGNORECASE)
_DATETIME = re.compile(r"(?:19|20)\d{2}[\-/.年]\d{1,2}[\-/.月]\d{1,2}日?\s*\d{1,2}[:：]\d{2}")

_HEADER_MARK = re.compile(
    r"(?:^|(?<=[\t ]))(?:类\s*别|分\s*类|办理结果|答复类别|答复类型|办理类别|签\s*发\s*人|签发|公开(?:属性|方式|类型|选项)|是否同意公开|"
    r"同意公开|不同意公开|主动公开|依申请公开|不予公开|此件公开发布|文\s*号|建议编号|提案编号|编号|"
    r"(?:承办|主办|答复|办理|协办|会办)单位|紧急程度|缓急|密级|[A-DＡ-Ｄ甲乙丙丁]\s*类|"
    r"[A-DＡ-Ｄ]$)")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,20}〔(?:19|20)\d{2}〕第?\d{1,5}号$")
_CLASS_ONLY = re.compile(r"^(?:[A-DＡ-Ｄ甲乙丙丁]类?|[A-D]类答复)$")
_TITLE_END = re.compile(r"(?:答复|回复|复函|答复函|的函|答复意见|办理意见|会办意见|办理情况|办理结果|意见的函)"
                        r"(?:[（〔][^（）〔〕]{1,24}[）〕])?$")
_TITLE_START = re.compile(r"^(?:关于|对|有关)|^[\u4e00-\u9fff（）]{2,40}?关于")
_TITLE_WORDS = re.compile(r"建议|提案|议案|意见|批评|代表|委员|人大|政协|会议|第\d+号|〔\d{4}〕")
_SALUTATION_WHO = re.compile(
    r"代表|委员|同志|先生|女士|老师|代表团|代表组|小组|联组|界别|民革|民盟|民建|民进|农工|致公|九三|台盟|工商联|"
    r"党派|委员会|尊敬的|各位|您好|你好")
_OPENING = re.compile(
    r"^(?:首先|非常|衷心|十分)?(?:感谢)?(?:您|你们|你|贵|各位)|收悉|提出的|所提|领衔|现答复如下|现将.{0,12}答复如下|答复如下|"
    r"现就.{0,12}答复|现(?:将|就).{0,20}(?:函复|说明)如下")
_CLOSING = re.compile(r"^(?:特此(?:答复|回复|函复|复函|函告|说明|函达|致函)|专此(?:答复|函复|回复)|此复|以上(?:意见|答复)，?(?:供参考|请审阅)?|"
                      r"顺致|祝.{0,6}(?:工作顺利|身体健康))[。！]?$")
_THANKS = re.compile(r"^(?:再次|最后，?)?(?:衷心|真诚|诚挚|非常)?感谢.{0,40}(?:关心|支持|关注|理解|监督|建议).{0,12}[！。]?$")
_CC = re.compile(r"^(?:抄\s*送|抄\s*报|抄\s*告)[：\s]")
_TAIL_NOTE = re.compile(r"^（?(?:此件|本件|该件)?(?:主动公开|依申请公开|不予公开|公开发布|同意公开|不公开)|^（?(?:此页无正文)|"
                        r"^附件[：\d]|^注[：:]|^（?(?:共印|印发)")
_SENTENCE_END = "。；！？"
_WITHOUT_SIGN = {Part.HEADER: -1.0, Part.TITLE: -1.0, Part.SALUTATION: -1.5, Part.CLOSING: -1.5, Part.ISSUER: -0.5,
                 Part.DATE: -2.0, Part.CONTACT: -1.5, Part.CC: -2.0, Part.NOTE: -0.5}


def line_evidence(lines: list[Line]) -> list[Evidence]:
    """Evidence for every line, given the whole document (positions and neighbours count)."""
    n = len(lines)
    facts = [_facts(line) for line in lines]
    out = []
    for i, line in enumerate(lines):
        e = Evidence(line)
        f = facts[i]
        before = facts[i - 1] if i > 0 else None
        after = facts[i + 1] if i + 1 < n else None
        _score(e, f, before, after, i, n)
        out.append(e)
    return out


@dataclass
class _Facts:
    key: str
    length: int
    sentence_end: bool
    commas: int
    web: str
    header: str
    doc_number: bool
    title_end: bool
    title_start: bool
    title_words: int
    colon_end: bool
    opening: bool
    heading: bool
    closing: bool
    thanks: bool
    date_line: bool
    has_date: bool
    organ: bool
    organ_prefix: bool
    contact_word: bool
    phone: bool
    cc: bool
    tail_note: bool
    organ_with_date: bool


def _facts(line: Line) -> _Facts:
    key = line.key
    text = line.text
    web = ""
    if _WEB.match(key) or _URL.search(key) or _DATETIME.search(key):
        web = "web page field" if _WEB.match(key) else ("address" if _URL.search(key) else "time stamp")
    elif _WEB_ANYWHERE.search(key):
        web = "page furniture"
    elif key in _WEB_WORDS or _PAGE_NUMBER.match(key):
        web = "one word of page furniture" if key in _WEB_WORDS else "page number"
    header = ""
    header_match = _HEADER_MARK.search(text.translate(str.maketrans({"：": " ", ":": " "})) if "\t" in text else key)
    if header_match:
        header = header_match.group(0)
    heading = parse_heading_number(key)
    date_line = parse_date(key) is not None
    stripped = key.rstrip("。；！？")
    return _Facts(
        key=key,
        length=len(key),
        sentence_end=bool(key) and key[-1] in _SENTENCE_END,
        commas=key.count("，") + key.count("、"),
        web=web,
        header=header,
        doc_number=bool(_DOC_NUMBER.match(key)),
        title_end=bool(_TITLE_END.search(key)),
        title_start=bool(_TITLE_START.match(key)),
        title_words=len(_TITLE_WORDS.findall(key)),
        colon_end=key.endswith("：") or key.endswith("："),
        opening=bool(_OPENING.search(key)) and len(key) > 8,
        heading=heading is not None and len(heading.rest) < 60 and not key.endswith("。"),
        closing=bool(_CLOSING.match(key)),
        thanks=bool(_THANKS.match(key)),
        date_line=date_line,
        has_date=bool(DATE_ANY.search(key)),
        organ=bool(ORGAN_END.search(ORGAN_PREFIX.sub("", stripped))) and not any(c in key for c in "，。；！？"),
        organ_prefix=bool(ORGAN_PREFIX.match(key)),
        contact_word=bool(CONTACT_WORD.search(key)),
        phone=bool(PHONE.search(key)),
        cc=bool(_CC.match(key)),
        tail_note=bool(_TAIL_NOTE.match(key)),
        organ_with_date=_organ_with_date(key),
    )


def _score(e: Evidence, f: _Facts, before: _Facts | None, after: _Facts | None, i: int, n: int) -> None:
    from_end = n - 1 - i
    near_top = i < 12
    near_end = from_end < 12
    short = f.length <= 40 and f.commas <= 1 and not f.sentence_end
    prose = f.length > 50 or f.sentence_end or f.commas >= 2

    # -- body: the default for prose -------------------------------------------------
    e.add(Part.BODY, 0.5, "")
    if prose:
        e.add(Part.BODY, 2.0, "prose (long, or ends a sentence)")
    if f.heading:
        e.add(Part.BODY, 2.5, "numbered heading")
    if f.opening and (f.length > 15):
        e.add(Part.BODY, 1.5, "opening sentence (您/你们…收悉/答复如下)")
    if f.thanks:
        e.add(Part.BODY, 1.0, "thanks")

    # -- noise ---------------------------------------------------------------------
    if f.web:
        e.add(Part.NOISE, 4.0 if f.length < 60 else 2.0, f.web)
    if f.length <= 2 and not f.heading and not re.search(r"[A-D]", f.key):
        e.add(Part.NOISE, 1.5, "a word or two alone")
    if f.length > 0 and not re.search(r"[\u4e00-\u9fff\d]", f.key):
        e.add(Part.NOISE, 2.0, "no Chinese and no figures")

    # -- header marks above the title ----------------------------------------------------
    if f.doc_number:
        e.add(Part.HEADER, 4.0, "document number 〔year〕N号")
    if f.header and f.length < 60 and not f.sentence_end:
        e.add(Part.HEADER, 3.5 if not f.title_end else 1.0, f"mark {f.header}")
    if _CLASS_ONLY.match(f.key):
        e.add(Part.HEADER, 3.0, "class mark")
    if f.organ_prefix and near_top:
        e.add(Part.HEADER, 3.0, "承办单位：…")

    # -- title ---------------------------------------------------------------------
    title = 0.0
    reasons = []
    if f.title_start:
        title += 1.5
        reasons.append("starts like a title (关于/…关于)")
    if f.title_end:
        title += 2.0
        reasons.append("ends like a title (…的答复)")
    if f.title_words:
        title += min(f.title_words, 2) * 0.75
        reasons.append("names a suggestion/proposal")
    if title:
        if f.sentence_end or f.length > 110:
            title -= 2.5
            reasons.append("but reads like a sentence")
        if near_top:
            title += 0.5
        e.add(Part.TITLE, title, "; ".join(reasons))
    if f.length <= 30 and re.fullmatch(r"(?:的)?(?:答复|回复|复函|答复函|办理情况的?答复)", f.key):
        e.add(Part.TITLE, 3.5, "答复 on a line of its own")
    if after is not None and after.title_end and not after.title_start and f.length < 60 and not f.sentence_end \
            and (f.title_start or f.title_words):
        e.add(Part.TITLE, 1.0, "title continues on the next line")
    if before is not None and (before.title_start or before.title_words) and not before.title_end \
            and not before.sentence_end and before.length < 60 and f.length < 50 and not f.sentence_end \
            and not f.colon_end and not f.opening:
        e.add(Part.TITLE, 1.0, "continues the title above")

    # -- salutation ----------------------------------------------------------------------
    if f.colon_end and f.length <= 80 and not f.opening and f.commas <= 6 and not f.contact_word:
        weight = 2.0
        reason = "ends with a colon"
        if _SALUTATION_WHO.search(f.key):
            weight += 2.0
            reason += ", names deputies/members"
        if after is not None and after.opening:
            weight += 1.5
            reason += ", before the opening sentence"
        if f.title_end or "如下" in f.key or f.heading:
            weight -= 3.0
            reason += " (but looks like a title or lead-in)"
        e.add(Part.SALUTATION, weight, reason)
    elif _SALUTATION_WHO.search(f.key) and f.length <= 60 and after is not None and after.opening \
            and not f.sentence_end and not f.title_end and not f.commas > 4:
        e.add(Part.SALUTATION, 2.0, "names deputies, before the opening sentence (colon lost)")

    # -- closing -------------------------------------------------------------------------
    if f.closing:
        e.add(Part.CLOSING, 5.0, "closing phrase (特此答复)")
    if f.thanks and near_end:
        e.add(Part.CLOSING, 1.5, "thanks near the end")

    # -- signature: issuer and date ---------------------------------------------------
    if f.organ and f.length <= 45 and not f.colon_end:
        weight = 2.5 if not f.title_end else 0.0
        e.add(Part.ISSUER, weight, "an organ's name (…局/委/办)")
        if f.organ_prefix:
            e.add(Part.ISSUER, 1.5, "承办单位：…")
        if near_end:
            e.add(Part.ISSUER, 1.0, "near the end")
        if after is not None and after.date_line:
            e.add(Part.ISSUER, 1.0, "above a date")
    if f.date_line:
        e.add(Part.DATE, 5.0, "a date alone on its line")
    elif f.has_date and f.length <= 45 and not f.sentence_end and not f.web and f.organ_with_date:
        e.add(Part.DATE, 3.5, "organ's name and date on one line")
        e.add(Part.ISSUER, 2.5, "organ's name and date on one line")

    # -- contact, 抄送, notes ------------------------------------------------------------
    if f.contact_word and (f.phone or re.search(r"联系人|承办人|经办人|办理人", f.key)) and f.length <= 90:
        e.add(Part.CONTACT, 4.5, "contact person or phone")
    elif f.phone and f.length <= 30 and not f.date_line:
        e.add(Part.CONTACT, 2.0, "a phone number")
    if f.cc:
        e.add(Part.CC, 6.0, "抄送")
    if f.tail_note:
        e.add(Part.NOTE, 3.0, "note under the letter")
    if f.header and near_end and not f.title_end:
        e.add(Part.NOTE, 2.0, f"mark {f.header} at the end")

    # -- a part that needs its own sign costs something without it -----------------------
    for part, cost in _WITHOUT_SIGN.items():
        if e.score(part) == 0:
            e.add(part, cost, "")

    # -- position --------------------------------------------------------------------------
    if not near_top and not near_end:
        for part in (Part.NOISE, Part.HEADER, Part.TITLE, Part.SALUTATION):
            e.add(part, -1.5, "")


def _organ_with_date(key: str) -> bool:
    m = DATE_ANY.search(key)
    if not m:
        return False
    rest = (key[:m.start()] + key[m.end():]).strip("，、 ").replace("（盖章）", "")
    return bool(rest) and bool(ORGAN_END.search(rest))


def make_lines(text_lines: list[str]) -> list[Line]:
    """Non-empty cleaned lines with their numbers and blank-line neighbours."""
    out: list[Line] = []
    blank = False
    for number, text in enumerate(text_lines, 1):
        if not text.strip():
            blank = True
            if out:
                out[-1].blank_after = True
            continue
        out.append(Line(number, text, line_key(text), blank_before=blank))
        blank = False
    return out


def header_mark_pattern() -> re.Pattern[str]:
    return _HEADER_MARK
