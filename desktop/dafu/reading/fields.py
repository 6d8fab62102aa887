"""Stage three: from lines with their parts to a reply document — blocks and the fields the library keeps.

Each field is taken from the part it belongs to first, and from where bureaus
also put it when that part lacks it: the issuing body from the signature, else
from 承办单位：… above the title, else from the title's head (…局关于…); the
suggestion's number from the title, else from the opening sentence, else from
a header mark; the contact from the contact lines, else from anywhere in the tail.
"""
from __future__ import annotations

import re

from dafu.model import Block, BlockKind, ReplyDocument, ReplyMeta
from dafu.numbering import parse_heading_number
from dafu.reading.assign import Assigned
from dafu.reading.evidence import Part
from dafu.reading.patterns import ORGAN_END, ORGAN_PREFIX, PHONE, compact_date, find_date, line_key, parse_date

_TITLE_END = re.compile(r"(?:答复|回复|复函|答复函|的函|意见|办理情况|办理结果)(?:[（(][^（）()]{1,24}[）)])?$")
_TITLE_START = re.compile(r"^(?:关于|对)|^[\u4e00-\u9fff]{2,30}?关于")
_CODE = re.compile(r"(?<![A-Za-z])([A-Za-z]{1,6}\d{4,12}(?:[-－]\d{1,4})?)(?![\d])")
_NUMBER_PATTERNS = (
    re.compile(r"[（(〔]\s*([A-Za-z]{1,6}\d{4,12})\s*[）)〕]"),                    # （JY20230126）
    re.compile(r"(?:第|编号[：:为]?|建议|提案|议案)\s*([A-Za-z]{0,6}\d{1,12}(?:[-－]\d{1,4})?)\s*号"),  # 第190号, 建议190号
    re.compile(r"(?<![\d〕\]])(\d{1,6})\s*号(?:建议|提案|议案|代表建议|委员提案)"),      # 190号建议
    re.compile(r"(?:建议|提案|议案)(?:编号|号)[：:]?\s*([A-Za-z]{0,6}\d{1,12})"),        # 提案编号：123
)
_HEADER_SPLIT = re.compile(r"[\t]+| {2,}|\u3000+")
# where one mark ends and the next begins when they are run together: A类同意公开签发人：王建国
_MARK_START = re.compile(r"(?<=[类\w])(?=(?:同意公开|不同意公开|主动公开|依申请公开|不予公开|签\s*发\s*人|类\s*别|文\s*号)(?:[:：]|$|\s))"
                         r"|(?<=类)(?=同意|不同意|主动|依申请|不予)")
_CLASS = re.compile(r"(?:类\s*别|分\s*类|办理结果|答复类别|答复类型|办理类别)|^[A-DＡ-Ｄ甲乙丙丁]\s*类|^[A-DＡ-Ｄ甲乙丙丁]$|[A-D]类")
_SIGNER = re.compile(r"签\s*发\s*人?")
_DISCLOSURE = re.compile(r"公开|不予公开")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,20}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号")
_MEETING = re.compile(r"(?:关于)?(.{2,40}?(?:人民代表大会|人大|政协|政治协商会议)[^《》（）]{0,30}?会议)")


def build_document(assigned: list[Assigned]) -> ReplyDocument:
    builder = _Builder(assigned)
    return builder.build()


class _Builder:
    def __init__(self, assigned: list[Assigned]):
        self.assigned = assigned
        self.blocks: list[Block] = []
        self.meta = ReplyMeta()
        self.header_issuer = ""
        self.header_number = ""

    def lines(self, part: Part, phase: int | None = None) -> list[str]:
        return [a.evidence.line.text for a in self.assigned if a.part is part and (phase is None or a.phase == phase)]

    def build(self) -> ReplyDocument:
        top = [a for a in self.assigned if a.phase == 0]
        self._header([a for a in top if a.part is Part.HEADER])
        self._title(self.assigned)
        salutation = self.lines(Part.SALUTATION)
        if salutation:
            text = "".join(s.strip() for s in salutation)
            self.blocks.append(Block(BlockKind.SALUTATION, re.sub(r"[:：]\s*$", "：", text)))
        self._body(self.lines(Part.BODY))
        self._tail([a for a in self.assigned if a.phase >= 3])
        self._fill_meta()
        return ReplyDocument(self.blocks, self.meta)

    # -- top ---------------------------------------------------------------------------

    def _header(self, header: list[Assigned]) -> None:
        for a in header:
            for piece in _split_marks(a.evidence.line.text):
                compact = re.sub(r"\s+", "", piece)
                key = line_key(piece)
                if m := _DOC_NUMBER.search(compact):
                    number = m.group(0)
                    self.blocks.append(Block(BlockKind.DOC_NUMBER, number))
                    self.meta.doc_number = self.meta.doc_number or number
                elif ORGAN_PREFIX.match(key):
                    self.header_issuer = self.header_issuer or ORGAN_PREFIX.sub("", key).strip("，。；")
                elif _SIGNER.match(compact):
                    self.blocks.append(Block(BlockKind.SIGNER, piece.strip()))
                elif _CLASS.search(compact):
                    self.blocks.append(Block(BlockKind.CLASS_MARK, piece.strip()))
                elif _DISCLOSURE.search(compact):
                    self.blocks.append(Block(BlockKind.DISCLOSURE, piece.strip()))
                elif self._suggestion_number(key):
                    pass  # 建议编号：… kept as the number, not a block
                elif re.fullmatch(r"\d{1,4}", key):
                    self.header_number = self.header_number or key  # a bare number under the title

    def _suggestion_number(self, key: str) -> bool:
        m = re.match(r"^(?:建议|提案|议案)?编号：?(.+)$", key)
        if m:
            self.header_number = self.header_number or _number_in(m.group(1)) or m.group(1)
            return True
        return False

    def _title(self, assigned: list[Assigned]) -> None:
        runs: list[list[str]] = []
        previous = None
        for a in assigned:
            if a.part is Part.TITLE:
                if previous is not Part.TITLE:
                    runs.append([])
                runs[-1].append(a.evidence.line.text)
            previous = a.part
        candidates: list[list[str]] = []
        for run in runs:
            candidates.extend(_split_repeated(run))
        if not candidates:
            return
        # The letter's own title is the last one above the salutation; a web heading comes first.
        chosen = candidates[-1]
        if len("".join(chosen)) < 8 and len(candidates) > 1:
            chosen = max(candidates, key=lambda c: len("".join(c)))
        lines = tuple(re.sub(r"\s+", "", line) if re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", line) else line
                      for line in chosen)
        title = "".join(line.strip() for line in lines)
        self.blocks.append(Block(BlockKind.TITLE, title, lines=lines if len(lines) > 1 else ()))
        self.meta.title = title

    # -- body --------------------------------------------------------------------------------

    def _body(self, lines: list[str]) -> None:
        path: list[str] = []
        current_role = "background"
        first = True
        for line in lines:
            heading = parse_heading_number(line)
            if heading and len(heading.rest) < 60 and not re.search(r"[。；]$", heading.rest) \
                    and not heading.rest.endswith("是"):
                del path[heading.level - 1:]
                while len(path) < heading.level - 1:
                    path.append("")
                path.append(heading.number)
                self.blocks.append(Block(BlockKind.HEADING, heading.rest, level=heading.level, number=heading.number))
                if heading.level == 1:
                    current_role = _section_role(heading.rest)
                continue
            if first:
                role = "opening"
                first = False
            elif re.match(r"^(?:再次|最后，?)?(?:衷心|真诚|诚挚|非常)?感谢.{0,40}(?:关心|支持|关注|理解).{0,12}[！!。]?$", line):
                role = "closing"
            else:
                role = current_role if path else "background"
            self.blocks.append(Block(BlockKind.PARAGRAPH, line, role=role))

    # -- tail ----------------------------------------------------------------------------------

    def _tail(self, tail: list[Assigned]) -> None:
        issuer_lines: list[str] = []
        for a in tail:
            text = a.evidence.line.text
            key = a.evidence.line.key
            if a.part is Part.CLOSING:
                self.blocks.append(Block(BlockKind.CLOSING, text, role="closing"))
            elif a.part is Part.ISSUER or (a.part is Part.DATE and _line_date(key) is None and find_date(key)):
                found = find_date(key)
                name = key
                if found is not None:
                    date, m = found
                    name = (key[:m.start()] + key[m.end():]).strip("，、 ")
                    self.meta.date = self.meta.date or date
                name = ORGAN_PREFIX.sub("", name).replace("（盖章）", "").strip()
                if name:
                    issuer_lines.append(name)
                    self.blocks.append(Block(BlockKind.ISSUER, name))
                if found is not None:
                    self.blocks.append(Block(BlockKind.DATE, key[found[1].start():found[1].end()]))
            elif a.part is Part.DATE:
                self.blocks.append(Block(BlockKind.DATE, re.sub(r"\s+", "", text)))
                self.meta.date = self.meta.date or _line_date(key)
            elif a.part is Part.CC:
                self.blocks.append(Block(BlockKind.CC, text))
            elif a.part in (Part.CONTACT, Part.NOTE):
                self.blocks.append(Block(BlockKind.NOTE, text))
        if issuer_lines:
            self.meta.issuing_body = _join_issuer(issuer_lines)

    # -- fields --------------------------------------------------------------------------------

    def _fill_meta(self) -> None:
        meta = self.meta
        title = meta.title
        paragraphs = [b.text for b in self.blocks if b.kind is BlockKind.PARAGRAPH]
        for source in (title, *paragraphs[:2]):
            number = _number_in(line_key(source))
            if number:
                meta.number = number
                break
        meta.number = meta.number or self.header_number
        salutation = next((b.text for b in self.blocks if b.kind is BlockKind.SALUTATION), "")
        if "提案" in title or "委员" in salutation or "政协" in title:
            meta.kind = "proposal"
        elif "建议" in title or "议案" in title or "代表" in salutation:
            meta.kind = "suggestion"
        elif "会办" in title:
            meta.kind = "co_handling"
        else:
            meta.kind = "letter"
        if not meta.issuing_body and self.header_issuer:
            meta.issuing_body = self.header_issuer
        if not meta.issuing_body:
            m = re.match(r"^([\u4e00-\u9fff（）]{2,30}?)(?:关于|对)", title)
            if m and ORGAN_END.search(m.group(1)):
                meta.issuing_body = m.group(1)
        if not meta.date:
            for a in reversed(self.assigned):
                if a.phase >= 3 and (found := find_date(a.evidence.line.key)):
                    meta.date = found[0]
                    break
        self._contact()

    def _contact(self) -> None:
        meta = self.meta
        contact = [a for a in self.assigned if a.part is Part.CONTACT]
        tail = [a for a in self.assigned if a.phase >= 3 and a.part not in (Part.CONTACT, Part.NOISE)]
        last_body = [a for a in self.assigned[-4:] if a.part is Part.BODY]
        for a in contact + tail + last_body:
            key = a.evidence.line.key
            if not meta.contact_person:
                meta.contact_person = contact_person_in(key)
            if not meta.contact_phone and (a.part is Part.CONTACT or re.search(r"电话|手机|联系方式", key)):
                meta.contact_phone = _phone_in(key)
            if meta.contact_person and meta.contact_phone:
                break


_PERSON_LABEL = re.compile(r"(?:联系人|承办人|经办人|办理人|联系人员)(?:姓名)?(?:[（(]?及(?:联系)?电话[）)]?|及联系方式|和(?:联系)?电话)?：?")
_NEXT_LABEL = re.compile(r"(?:联系)?电话|手机|联系方式|办公室?电话|座机|传真|邮箱|地址")


def contact_person_in(key: str) -> str:
    """The contact's name after 联系人/承办人/经办人: a unit before it and a phone after it left out."""
    m = _PERSON_LABEL.search(key)
    if not m:
        return ""
    value = key[m.end():]
    stop = _NEXT_LABEL.search(value)
    if stop:
        value = value[:stop.start()]
    value = PHONE.sub(" ", value)
    tokens = [t for t in re.split(r"[，,、；;：:（）()\s\d\-—/]+", value) if t]
    for token in reversed(tokens):
        token = re.sub(r"(?:同志|先生|女士)$", "", token) if len(token) > 3 else token
        if re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", token) and not ORGAN_END.search(token):
            return token
        # 县林业和草原局黑绍刚: the name after the unit's last word
        tail = re.search(r"(?:局|处|科|室|委|办|中心|院|所|站|队|公司|股|组|部)([\u4e00-\u9fff·]{2,4})$", token)
        if tail and len(token) > 5:
            return tail.group(1)
    return ""


def _line_date(key: str):
    return parse_date(key) or compact_date(key)


def _phone_in(key: str) -> str:
    return _phone_at(key).replace("（", "(").replace("）", ")")


def _phone_at(key: str) -> str:
    # the number after 电话/手机 when the line names one; a fax number is not the contact phone
    m = re.search(r"(?:电话|手机|联系方式|号码)", key)
    start = m.start() if m else 0
    for found in PHONE.finditer(key, start):
        before = key[max(0, found.start() - 4):found.start()]
        if "传真" in before:
            continue
        return re.sub(r"[\s]", "", found.group(0)).replace("－", "-").replace("—", "-")
    return ""


_YEAR_NUMBER = re.compile(r"[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,6})\s*号")


def _number_in(key: str) -> str:
    """The suggestion's number in a title or sentence: 第190号 → 190, （JY20230126）, 〔2023〕第5号 → 〔2023〕5."""
    for m in _YEAR_NUMBER.finditer(key):
        before = key[:m.start()]
        if re.search(r"[\u4e00-\u9fffA-Za-z]$", before) and not re.search(r"(?:关于|对|的|第|及|和|、)$", before):
            continue  # 福教函〔2023〕45号: the letter's own document number
        return f"〔{m.group(1)}〕{m.group(2)}"
    for pattern in _NUMBER_PATTERNS:
        for m in pattern.finditer(key):
            value = re.sub(r"\s+", "", m.group(1))
            if re.fullmatch(r"(?:19|20)\d{2}", value) and "第" not in m.group(0):
                continue  # a year, not a number
            if m.start() > 0 and key[m.start() - 1] in "〕]":
                continue  # the tail of a document number
            return value
    return ""


def _join_issuer(lines: list[str]) -> str:
    # A long name broken over two lines joins; two whole names (a joint reply) keep the first, the lead handler.
    name = lines[0]
    for line in lines[1:]:
        if ORGAN_END.search(name):
            break
        name += line
    return name


def _split_marks(text: str) -> list[str]:
    """Several header marks on one line (a header table's row, or marks run together) → one per mark."""
    pieces = [p for p in _HEADER_SPLIT.split(text) if p.strip()]
    pieces = [q for p in pieces for q in _MARK_START.split(p) if q.strip()]
    out: list[str] = []
    for piece in pieces:
        # 类别：A福教函〔2023〕45号 — a document number run onto another mark
        m = _DOC_NUMBER.search(piece)
        if m and m.start() > 0 and not piece[:m.start()].rstrip().endswith(("：", ":")):
            out.extend([piece[:m.start()], piece[m.start():]])
        else:
            out.append(piece)
    return out


def _split_repeated(run: list[str]) -> list[list[str]]:
    """A title run that holds the title twice (a web heading, then the letter's own) → each copy."""
    joined = [re.sub(r"\s+", "", line) for line in run]
    for k in range(1, len(run)):
        first, second = "".join(joined[:k]), "".join(joined[k:])
        if first == second:
            return [run[:k], run[k:]]
        if _TITLE_END.search(line_key(first)) and _TITLE_START.match(line_key(second)) and len(second) >= 8 \
                and _TITLE_END.search(line_key(second)):
            return [run[:k], *_split_repeated(run[k:])]
    return [run]


def _section_role(heading: str) -> str:
    if re.search(r"下一步|今后|计划|打算|工作安排|措施建议|工作思路", heading):
        return "next_steps"
    if re.search(r"开展|办理|做法|情况|成效|已", heading):
        return "work_done"
    return "other"


def meeting_of(title: str) -> str:
    """The meeting named in a title: 深圳市福田区第八届人民代表大会第三次会议."""
    m = _MEETING.search(title)
    return m.group(1) if m else ""


def suggestion_title_of(title: str) -> str:
    m = re.search(r"《([^《》]+)》", title)
    return m.group(1) if m else ""


__all__ = ["build_document", "contact_person_in", "meeting_of", "suggestion_title_of"]
