"""Stage one: what each line looks like, as evidence for each part it could be.

Every line gets a score per part (``Part``): hand-weighted features of its own
text (patterns, length, punctuation), of where it stands (near the top, near the
end) and of its neighbours (a line before an opening sentence is likely the
salutation; a phone number right under the site's copyright line is the
portal's). The scores are log-odds-like numbers — positive for "looks like it",
negative for "does not" — and each carries its reason, so ``--explain`` can show
why a line got its part. Stage two (``assign``) picks the best sequence of parts
for the whole document from these.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from dafu.numbering import parse_heading_number
from dafu.reading.patterns import (CONTACT_WORD, DATE_ANY, ORGAN_END, ORGAN_PREFIX, PHONE, compact_date, line_key,
                                   parse_date)


class Part(StrEnum):
    NOISE = "noise"            # web-page debris, page furniture: not part of the letter
    HEADER = "header"          # marks above the title: 文号, 类别, 签发人, 公开, 承办单位, a form's fields
    TITLE = "title"
    SALUTATION = "salutation"
    BODY = "body"              # paragraphs and headings
    CLOSING = "closing"        # 特此答复。
    ISSUER = "issuer"          # the issuing body's name under the letter
    DATE = "date"
    CONTACT = "contact"        # 联系人/联系电话 …
    CC = "cc"                  # 抄送
    NOTE = "note"              # notes under the signature: （此件主动公开）, 附件, 承办负责人 …


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

# a web page's own fields, at the start of a line …
_WEB = re.compile(
    r"^(?:发布(?:时间|日期|机构|单位)|发文(?:时间|日期)|发文字号|成文(?:日期|时间)|更新时间|时间|日期|来源|信息来源|文章来源|"
    r"作者|编辑|责任编辑|审核|浏览(?:次数|量)?|阅读(?:次数|量)?|点击(?:数|量|次数|率)?|访问量|字号|字体|分享到?|打印|索引号|"
    r"主题分类|体裁分类|服务对象|所属机构|公开方式|公开时限|公开范围|发布机构|信息分类|组配分类|有效性|主题词|关键词|公文时效|"
    r"标题|名称|当前位置|您(?:当前)?的?位置|所在位置|首页|网站地图|上一篇|下一篇|上一条|下一条|上一页|下一页|"
    r"相关(?:链接|文章|阅读|新闻)|附件下载|扫一扫|登录|注册)(?:：|$)")
# … and anywhere in it
_WEB_FIELD = re.compile(r"(?:发布(?:时间|日期|机构)|发文日期|成文日期|浏览次数|阅读次数|点击(?:数|量|率)|信息来源|来源|"
                        r"主题分类|组配分类|索引号|发文字号|公文时效|责任编辑|字体|字号)：")
_WEB_ANYWHERE = re.compile(
    r"打印本页|关闭窗口|【打印】|【关闭】|〔打印〕|〔关闭〕|【大】|【中】|【小】|〔大〕|〔中〕|〔小〕|字号：?〔?大|"
    r"分享到|微信|微博|QQ空间|QQ好友|朋友圈|收藏本页|收藏本站|加入收藏|设为首页|返回顶部|回到顶部|扫一扫|二维码|版权所有|"
    r"ICP备|公网安备|网站标识码|网站地图|联系我们|技术支持|政府网站|浏览器|分辨率|您是第.*位访问|长者模式|无障碍|"
    r"账号|密码登录|立即注册|用户登录|文章播报|语音播报|»|>>|→")
_WEB_WORDS = {"大", "中", "小", "打印", "关闭", "分享", "收藏", "首页", "返回", "顶部", "〉", "》", "|", "›", "»", "-",
              "默认", "字号", "字体", "【", "】", "〔", "〕", "微信", "微博", "扫码", "扫码关注", "打印本页", "关闭窗口",
              "政务公开", "建议提案", "建议提案办理", "建议提案办理结果", "人大建议", "政协提案", "人大代表建议", "政协委员提案",
              "信息公开", "政府信息公开", "法定主动公开内容", "主动公开", "正文", "详情", "建议内容", "答复内容", "提案内容",
              "建议提案办理情况", "提案办理", "建议办理", "人大代表建议答复", "政协委员提案答复", "通知公告", "工作动态"}
_PAGE_NUMBER = re.compile(r"^[—\-－–]\s*\d{1,3}\s*[—\-－–]$|^第\d{1,3}页(?:，?共\d{1,3}页)?$|^\d{1,3}/\d{1,3}$")
_URL = re.compile(r"https?://|www\.|\.(?:gov|com|cn|net)\b|\.s?html?\b|/col/|/art/", re.IGNORECASE)
_DATETIME = re.compile(r"(?:19|20)\d{2}[\-/.年]\d{1,2}[\-/.月]\d{1,2}日?\s*\d{1,2}[:：]\d{2}")
_MENU = re.compile(r"[|｜]|\s[>›»/]\s|^[>›»•·●▪■]|^\s*[-—]{3,}")

_HEADER_MARK = re.compile(
    r"(?:^|(?<=[\t ]))(?:类\s*别|分\s*类|办理结果|答复类别|答复类型|办理类别|签\s*发\s*人|签发|公开(?:属性|方式|类型|选项)|是否同意公开|"
    r"同意公开|不同意公开|主动公开|依申请公开|不予公开|此件公开发布|文\s*号|建议编号|提案编号|编号|"
    r"(?:承办|主办|答复|办理|协办|会办)单位|紧急程度|缓急|密级|[A-DＡ-Ｄ甲乙丙丁]\s*类|"
    r"[A-DＡ-Ｄ]$)")
_DOC_NUMBER_IN = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,20}〔(?:19|20)\d{2}〕第?\d{1,5}号")
_MARKS_AFTER = re.compile(r"^(?:[A-DＡ-Ｄ甲乙丙丁]?类|同意公开|不同意公开|主动公开|依申请公开|不予公开|签发人：?\S{0,4}|[\s，、])*$")
_CLASS_ONLY = re.compile(r"^(?:[A-DＡ-Ｄ甲乙丙丁]类?|[A-D]类答复)$")
_LETTERHEAD = re.compile(r"^[\u4e00-\u9fff（）]{2,40}(?:文件|函|便函)$")
_FORM_FIELD = re.compile(
    r"^(?:事由|案由|办理情况|代表姓名|建议人|提案人|领衔代表|领衔人|附议代表|附议人|委员姓名|新编号|原编号|建议编号|提案编号|"
    r"议案编号|建议号|提案号|编号|答复时间|办理时间|交办时间|办理结果|主办单位|协办单位|会办单位|分办单位|答复类型|内容摘要|"
    r"提出人|界别|类别|标题)：")
_TITLE_END = re.compile(r"(?:答复|回复|复函|答复函|的函|答复意见|办理意见|会办意见|办理情况|办理结果|意见的函|办理单|答复单|"
                        r"办理报告|的意见)(?:[（〔][^（）〔〕]{1,24}[）〕])?$")
_TITLE_START = re.compile(r"^(?:关于|对|有关)|^[\u4e00-\u9fff（）]{2,40}?(?:关于|对(?=.{0,12}(?:人大|政协|会议)))")
_TITLE_WORDS = re.compile(r"建议|提案|议案|意见|批评|代表|委员|人大|政协|会议|第\d+号")
_SALUTATION_WHO = re.compile(
    r"代表|委员|同志|先生|女士|老师|代表团|代表组|小组|联组|界别|民革|民盟|民建|民进|农工|致公|九三|台盟|工商联|"
    r"党派|委员会|尊敬的|各位|您好|你好")
_OPENING = re.compile(
    r"^(?:首先|非常|衷心|十分)?(?:感谢)?(?:您|你们|你|贵|各位)|收悉|提出的|所提|领衔|现答复如下|现将.{0,12}答复如下|答复如下|"
    r"现就.{0,12}答复|现(?:将|就).{0,20}(?:函复|函告|说明|复函)如下")
_CLOSING = re.compile(r"^(?:特此(?:答复|回复|函复|复函|函告|说明|函达|致函|告知)|专此(?:答复|函复|回复)|此复|此函|"
                      r"以上(?:意见|答复)，?(?:供参考|请审阅)?|顺致|此致|敬礼|祝.{0,6}(?:工作顺利|身体健康))[。！]?$")
_THANKS = re.compile(r"^(?:再次|最后，?)?(?:衷心|真诚|诚挚|非常)?感谢.{0,40}(?:关心|支持|关注|理解|监督|建议).{0,12}[！。]?$")
_CC = re.compile(r"^(?:抄\s*送|抄\s*报|抄\s*告)[：\s]")
_TAIL_NOTE = re.compile(r"^（?(?:此件|本件|该件)?(?:主动公开|依申请公开|不予公开|公开发布|同意公开|不公开)|^（?(?:此页无正文)|"
                        r"^附件[：\d]|^注[：:]|^（?(?:共印|印发)|"
                        r"^(?:承办负责人|单位负责人|分管领导|主管领导|签发领导|主要签发领导|主要负责人|审核人|核稿人|核稿|审稿|"
                        r"邮编|邮政编码|地址|传真|电子邮箱|邮箱)：")
_SENTENCE_END = "。；！？"
_WITHOUT_SIGN = {Part.HEADER: -1.0, Part.TITLE: -1.0, Part.SALUTATION: -1.5, Part.CLOSING: -1.5, Part.ISSUER: -0.5,
                 Part.DATE: -2.0, Part.CONTACT: -1.5, Part.CC: -2.0, Part.NOTE: -0.5}
_FOOTER = re.compile(r"版权所有|ICP备|公网安备|网站标识码|技术支持|主办单位：.{0,30}(?:政府|办公室|网)")


def line_evidence(lines: list[Line]) -> list[Evidence]:
    """Evidence for every line, given the whole document (positions and neighbours count)."""
    n = len(lines)
    facts = [_facts(line) for line in lines]
    out = []
    footer_seen = False
    for i, line in enumerate(lines):
        e = Evidence(line)
        f = facts[i]
        before = facts[i - 1] if i > 0 else None
        after = facts[i + 1] if i + 1 < n else None
        _score(e, f, before, after, i, n, footer_seen)
        if _continues_title(before, f, facts[i + 1:i + 3]):
            e.add(Part.TITLE, 1.5, "continues the title above")
        footer_seen = footer_seen or (f.footer and i > n // 2)
        out.append(e)
    return out


@dataclass
class _Facts:
    key: str
    length: int
    sentence_end: bool
    commas: int                # ，；  (、 lists names and does not make prose)
    web: str
    menu: bool
    footer: bool
    header: str
    doc_number: bool
    letterhead: bool
    form_field: bool
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
    organ_with_date: bool
    contact_word: bool
    contact_person: bool
    phone: bool
    cc: bool
    tail_note: bool


def _facts(line: Line) -> _Facts:
    key = line.key
    text = line.text
    web = ""
    if _WEB.match(key):
        web = "web page field"
    elif _URL.search(key):
        web = "web address"
    elif _DATETIME.search(key):
        web = "time stamp"
    elif len(_WEB_FIELD.findall(key)) >= 1 and not key.startswith(("承办", "联系")):
        web = "web page field"
    elif _WEB_ANYWHERE.search(key):
        web = "page furniture"
    elif key in _WEB_WORDS or _PAGE_NUMBER.match(key):
        web = "one word of page furniture" if key in _WEB_WORDS else "page number"
    header = ""
    header_match = _HEADER_MARK.search(text.replace("：", " ").replace(":", " ") if "\t" in text else key)
    if header_match:
        header = header_match.group(0)
    doc_number = False
    if m := _DOC_NUMBER_IN.search(key):
        doc_number = m.start() == 0 and bool(_MARKS_AFTER.match(key[m.end():]))
    heading = parse_heading_number(key)
    stripped = key.rstrip("。；！？")
    organ_name = ORGAN_PREFIX.sub("", stripped)
    return _Facts(
        key=key,
        length=len(key),
        sentence_end=bool(key) and key[-1] in _SENTENCE_END,
        commas=key.count("，") + key.count("；"),
        web=web,
        menu=bool(_MENU.search(text)),
        footer=bool(_FOOTER.search(key)),
        header=header,
        doc_number=doc_number,
        letterhead=bool(_LETTERHEAD.match(key)) and len(key) <= 30,
        form_field=bool(_FORM_FIELD.match(key)),
        title_end=bool(_TITLE_END.search(key)),
        title_start=bool(_TITLE_START.match(key)),
        title_words=len(_TITLE_WORDS.findall(key)),
        colon_end=key.endswith("："),
        opening=bool(_OPENING.search(key)) and len(key) > 8,
        heading=heading is not None and len(heading.rest) < 60 and not key.endswith("。"),
        closing=bool(_CLOSING.match(key)),
        thanks=bool(_THANKS.match(key)),
        date_line=parse_date(key) is not None or compact_date(key) is not None,
        has_date=bool(DATE_ANY.search(key)),
        organ=bool(organ_name) and bool(ORGAN_END.search(organ_name)) and not any(c in key for c in "，。；！？"),
        organ_prefix=bool(ORGAN_PREFIX.match(key)),
        organ_with_date=_organ_with_date(key),
        contact_word=bool(CONTACT_WORD.search(key)),
        contact_person=bool(re.search(r"联系人|承办人|经办人|办理人|联\S?系\S?人", key)),
        phone=bool(PHONE.search(key)),
        cc=bool(_CC.match(key)),
        tail_note=bool(_TAIL_NOTE.match(key)),
    )


def _score(e: Evidence, f: _Facts, before: _Facts | None, after: _Facts | None, i: int, n: int,
           footer_seen: bool) -> None:
    from_end = n - 1 - i
    near_top = i < 14
    near_end = from_end < 14
    prose = f.length > 50 or f.sentence_end or f.commas >= 2

    # -- body: the default for prose -------------------------------------------------
    e.add(Part.BODY, 0.5, "")
    if prose:
        e.add(Part.BODY, 2.0, "prose (long, or ends a sentence)")
    if f.heading:
        e.add(Part.BODY, 2.5, "numbered heading")
    if f.opening and f.length > 15:
        e.add(Part.BODY, 1.5, "opening sentence (您/你们…收悉/答复如下)")
    if f.thanks:
        e.add(Part.BODY, 1.0, "thanks")

    # -- noise ---------------------------------------------------------------------
    if f.web:
        e.add(Part.NOISE, 4.0 if f.length < 80 else 2.0, f.web)
    if f.menu and f.length < 120 and not f.sentence_end:
        e.add(Part.NOISE, 3.0, "menu, breadcrumb or table of the web page")
    if f.length <= 2 and not f.heading and not re.search(r"[A-D]", f.key):
        e.add(Part.NOISE, 1.5, "a word or two alone")
    if f.length > 0 and not re.search(r"[\u4e00-\u9fff\d]", f.key):
        e.add(Part.NOISE, 2.0, "no Chinese and no figures")
    if footer_seen and near_end:
        e.add(Part.NOISE, 3.0, "below the web page's footer")
    if f.footer:
        e.add(Part.NOISE, 3.0, "the web page's footer")

    # -- header marks above the title ----------------------------------------------------
    if f.doc_number:
        e.add(Part.HEADER, 4.0, "document number 〔year〕N号")
    if f.header and f.length < 60 and not f.sentence_end and not f.doc_number:
        e.add(Part.HEADER, 3.5 if not f.title_end else 1.0, f"mark {f.header}")
    if _CLASS_ONLY.match(f.key):
        e.add(Part.HEADER, 3.0, "class mark")
    if f.organ_prefix:
        e.add(Part.HEADER, 3.0, "承办单位：…")
    if f.letterhead:
        e.add(Part.HEADER, 3.0, "letterhead (…文件)")
    if f.form_field and near_top:
        e.add(Part.HEADER, 3.5, "a form's field (事由：/代表姓名：…)")
    if re.fullmatch(r"\d{1,4}", f.key) and i < 15 and before is not None and (before.title_words or before.title_end):
        e.add(Part.HEADER, 5.0, "a bare number under the title: the suggestion's number")

    # -- title ---------------------------------------------------------------------
    if f.title_start or f.title_end:
        title = 0.0
        reasons = []
        if f.title_start:
            title += 1.5
            reasons.append("starts like a title (关于/对/…关于)")
        if f.title_end:
            title += 2.0
            reasons.append("ends like a title (…的答复)")
        if f.title_words:
            title += min(f.title_words, 2) * 0.75
            reasons.append("names a suggestion/proposal")
        if f.sentence_end or f.length > 110 or f.commas >= 2:
            title -= 3.0
            reasons.append("but reads like a sentence")
        if f.web or f.menu:
            title -= 2.0
            reasons.append("but is web debris")
        if near_top:
            title += 0.5
        e.add(Part.TITLE, title, "; ".join(reasons))
    if re.fullmatch(r"(?:的)?(?:答复|回复|复函|答复函|办理情况的?答复)", f.key):
        e.add(Part.TITLE, 3.5, "答复 on a line of its own")
    if after is not None and after.title_start and not after.title_end and f.organ and f.length <= 30 and near_top \
            and not f.colon_end:
        e.add(Part.TITLE, 2.5, "the issuing body's name above 关于…")

    # -- salutation ----------------------------------------------------------------------
    if f.colon_end and not f.opening and not f.contact_word and (f.length <= 60 or f.commas == 0) \
            and f.length <= 240 and not f.form_field:
        weight = 2.0
        reason = "ends with a colon"
        if _SALUTATION_WHO.search(f.key) or f.organ:
            weight += 2.0
            reason += ", names deputies, members or a unit"
        if after is not None and after.opening:
            weight += 1.5
            reason += ", before the opening sentence"
        if f.title_end or "如下" in f.key or f.heading or f.web:
            weight -= 3.5
            reason += " (but looks like a title, lead-in or web field)"
        e.add(Part.SALUTATION, weight, reason)
    elif (_SALUTATION_WHO.search(f.key) or f.organ) and f.length <= 80 and after is not None and after.opening \
            and not f.sentence_end and not f.title_end and f.commas == 0 and not f.web and not f.form_field:
        e.add(Part.SALUTATION, 3.0, "names deputies or a unit, before the opening sentence (no colon)")

    # -- closing -------------------------------------------------------------------------
    if f.closing:
        e.add(Part.CLOSING, 5.0, "closing phrase (特此答复)")
    if f.thanks and near_end:
        e.add(Part.CLOSING, 1.5, "thanks near the end")

    # -- signature: issuer and date ---------------------------------------------------
    if f.organ and f.length <= 45 and not f.colon_end and not f.web:
        e.add(Part.ISSUER, 2.5 if not f.title_end else 0.0, "an organ's name (…局/委/办)")
        if near_end:
            e.add(Part.ISSUER, 1.0, "near the end")
        if after is not None and after.date_line:
            e.add(Part.ISSUER, 1.0, "above a date")
    if after is not None and after.organ and not f.organ and after.length <= 20 and 2 <= f.length <= 20 \
            and re.fullmatch(r"[\u4e00-\u9fff（）]+", f.key) and not f.title_end and not f.closing:
        e.add(Part.ISSUER, 3.0, "an organ's name broken over two lines")
    if f.organ_prefix and f.length <= 50:
        e.add(Part.ISSUER, 4.0, "承办单位：… under the letter")
    if f.date_line:
        e.add(Part.DATE, 5.0, "a date alone on its line")
    elif f.has_date and f.length <= 45 and not f.sentence_end and not f.web and f.organ_with_date:
        e.add(Part.DATE, 3.5, "organ's name and date on one line")
        e.add(Part.ISSUER, 2.5, "organ's name and date on one line")
    elif f.has_date and near_end and f.length <= 40 and not f.sentence_end:
        e.add(Part.DATE, 2.5, "a date with debris on its line")

    # -- contact, 抄送, notes ------------------------------------------------------------
    if f.contact_word and (f.phone or f.contact_person) and f.length <= 100:
        e.add(Part.CONTACT, 4.5, "contact person or phone")
    elif f.phone and f.length <= 30 and not f.date_line:
        e.add(Part.CONTACT, 2.0, "a phone number")
    if (footer_seen or f.footer) and near_end and f.contact_word:
        e.add(Part.CONTACT, -4.0, "in or under the web page's footer: the portal's")
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


def _continues_title(before: _Facts | None, f: _Facts, following: list[_Facts]) -> bool:
    """A line in the middle or at the end of a title broken over lines."""
    if before is None or not (before.title_start or before.title_words) or before.title_end:
        return False
    if before.sentence_end or before.length >= 80 or before.web or before.menu:
        return False
    if f.sentence_end or f.colon_end or f.opening or f.web or f.menu or f.form_field or f.length > 60:
        return False
    if f.title_start and before.title_start:
        return False  # a new title (the letter's own after a web heading) rather than the rest of this one
    # the title closes on this line or one of the next two
    return f.title_end or any(g.title_end and g.length < 40 and not g.sentence_end for g in following)


def _organ_with_date(key: str) -> bool:
    m = DATE_ANY.search(key)
    if not m:
        return False
    rest = (key[:m.start()] + key[m.end():]).strip("，、 ").replace("（盖章）", "")
    return bool(rest) and bool(ORGAN_END.search(rest))


def make_lines(numbered: list[tuple[int, str]]) -> list[Line]:
    """Lines with their numbers and blank-line neighbours, from (line number, cleaned text) pairs."""
    out: list[Line] = []
    blank = False
    for number, text in numbered:
        if not text.strip():
            blank = True
            if out:
                out[-1].blank_after = True
            continue
        out.append(Line(number, text, line_key(text), blank_before=blank))
        blank = False
    return out
