"""Reading old replies: decode a .txt or .docx, clean Word's debris, recognise the parts.

``read_text`` gives the file's text untouched (the checker reports offsets into
it); ``clean_text`` normalises what bureaus' files really contain; and
``parse_reply`` finds title, salutation, sections, closing, issuing body, date,
contact line and 抄送 in replies as they are really written — half-width
colons, titles over several lines or repeated, 答 复 on a line of its own, a
header above the title, no signature line.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

from dafu.errors import ImportFileError
from dafu.model import Block, BlockKind, ReplyDocument, ReplyMeta
from dafu.numbering import parse_chinese_numeral, parse_heading_number

SUPPORTED = (".txt", ".docx")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and old .doc files


# -- reading ------------------------------------------------------------------------


def read_text(path: str | Path) -> str:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ImportFileError(f"不支持的文件类型 {suffix or '（无扩展名）'}（only .docx and .txt）", path=path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"无法读取文件（cannot read）: {exc.strerror}", path=path) from None
    if not raw.strip():
        raise ImportFileError("文件是空的（empty file）", path=path)
    if suffix == ".txt":
        return decode_text(raw, path)[0]
    return _docx_text(raw, path)


def decode_text(raw: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of a text file as bureaus save them: UTF-8 (with or without BOM), UTF-16, GB18030.

    No newline translation, so offsets are into the file's own text.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text, encoding
    raise ImportFileError("无法识别文本编码（not UTF-8 or GB18030）", path=path)


def _docx_text(raw: bytes, path: Path) -> str:
    if raw.startswith(_OLE_MAGIC):
        raise ImportFileError("文件已加密或是旧版 .doc 格式（encrypted or old .doc file）", path=path)
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ImportFileError("不是 Word 文档（no word/document.xml）", path=path)
        from docx import Document

        document = Document(io.BytesIO(raw))
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(f"文件已损坏（corrupt .docx）: {exc}", path=path) from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends: the file is damaged inside
        raise ImportFileError(f"文件已损坏（corrupt .docx）: {type(exc).__name__}", path=path) from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t"))
                             for cell in row if cell.tag.endswith("}tc")]
                    lines.append("\t".join(cells))
    return "\n".join(lines)


# -- cleaning ------------------------------------------------------------------------

_ARTEFACTS = re.compile(r"\[(?:bookmark|BOOKMARK): [^\]]*\]|\[[A-Za-z ]*(?:image|IMAGE)[^\]]*\]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")


def clean_text(text: str) -> str:
    """Word debris out, widths and spaces normalised; one logical line per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ARTEFACTS.sub("", text)
    text = _INVISIBLE.sub("", text)
    out = []
    for line in text.split("\n"):
        line = _fold_width(line).replace("\u00a0", " ").strip(" \t\u3000")
        line = _SPACE_IN_CJK.sub("", line)
        out.append(line)
    return "\n".join(out)


def _fold_width(line: str) -> str:
    # Full-width Latin letters and digits (ＪＹ２０２３) become ordinary ones; CJK punctuation stays.
    return "".join(unicodedata.normalize("NFKC", c) if "\uff10" <= c <= "\uff5a" and c.isalnum() else c
                   for c in line)


# -- recognising the parts -------------------------------------------------------------

_HEADER_LINE = re.compile(
    r"^(?:(?:类\s*别|分\s*类|办理结果|答复类别|签\s*发\s*人|公开(?:方式|属性)?|是否同意公开|发布(?:时间|日期)|"
    r"来\s*源|文\s*号|索\s*引\s*号|信息来源|浏览次数|字号)\s*[:：].*|[A-DＡ-Ｄ甲乙丙丁]\s*类?|"
    r"(?:主动公开|依申请公开|不予公开))$")
_DOC_NUMBER = re.compile(r"^\S{1,20}[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*\d+\s*号$")
_TITLE_END = re.compile(r"(?:答复|回复|复函|的函|会办意见|意见|答复函|报告)$")
_SALUTATION = re.compile(r"^(?:尊敬的)?[^，。；！？]{1,40}[:：]$")
_CLOSING = re.compile(r"^(?:特此(?:答复|回复|函复|复函|函告|说明)|专此(?:答复|函复)|此复|以上意见，?供参考)[。.!！]?$")
_THANKS = re.compile(r"^(?:再次)?(?:衷心)?感谢.{0,40}(?:关心|支持|关注).{0,10}[！!。]?$")
_ARABIC_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_CHINESE_DATE = re.compile(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_CONTACT = re.compile(r"(?:联系人|承办人|经办人)")
_PERSON = re.compile(r"(?:联系人|承办人(?:及联系电话)?|经办人)\s*[:：]\s*([\u4e00-\u9fff·]{2,4})")
_PHONE = re.compile(r"(?:电话|手机|联系方式|联系电话)[^\d]{0,6}([0-9][0-9\-－—\s()（）]{6,18}[0-9])"
                    r"|(?<![\d])(0\d{2,3}-\d{7,8}|1[3-9]\d{9}|\d{8})(?![\d])")
_CC = re.compile(r"^抄\s*送\s*[:：]")
_NUMBER = re.compile(r"[（(]\s*([A-Za-z]{1,6}\d{5,12})\s*[）)]|第\s*([A-Za-z]*\d{1,12})\s*号")
_MEETING = re.compile(r"(?:关于)?(.{2,40}?(?:人民代表大会|人大|政协|政治协商会议)[^《》（）]{0,30}?会议)")


def parse_date(text: str) -> dt.date | None:
    text = text.strip().replace(" ", "")
    m = _ARABIC_DATE.match(text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = _CHINESE_DATE.match(text)
        if not m:
            return None
        digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
        year = int("".join(str(digits[c]) for c in m.group(1)))
        month, day = parse_chinese_numeral(m.group(2)), parse_chinese_numeral(m.group(3))
        if not month or not day:
            return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_reply(text: str) -> ReplyDocument:
    lines = [line for line in clean_text(text).split("\n") if line]
    return _Parser(lines).parse()


def read_reply(path: str | Path) -> ReplyDocument:
    document = parse_reply(read_text(path))
    if document.first(BlockKind.TITLE) is None or not document.of_kind(BlockKind.PARAGRAPH):
        raise ImportFileError("不像是一份答复（no title or body found）", path=path)
    return document


class _Parser:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.blocks: list[Block] = []
        self.meta = ReplyMeta()

    def parse(self) -> ReplyDocument:
        i = self._header(0)
        i = self._title(i)
        i = self._salutation(i)
        body_end, tail_start = self._find_tail(i)
        self._body(i, body_end)
        self._tail(body_end, tail_start)
        self._fill_meta()
        return ReplyDocument(self.blocks, self.meta)

    # header lines above the title
    def _header(self, i: int) -> int:
        while i < len(self.lines) and not self.lines[i].startswith("关于"):
            line = self.lines[i]
            compact = line.replace(" ", "")
            if _DOC_NUMBER.match(compact):
                self.blocks.append(Block(BlockKind.DOC_NUMBER, compact))
                self.meta.doc_number = compact
            elif re.match(r"^[A-DＡ-Ｄ甲乙丙丁]\s*类?$", compact) or compact.startswith(("类别", "分类", "办理结果", "答复类别")):
                self.blocks.append(Block(BlockKind.CLASS_MARK, line))
            elif compact.startswith("签发人"):
                self.blocks.append(Block(BlockKind.SIGNER, line))
            elif compact.startswith(("公开", "是否同意公开")) or compact in ("主动公开", "依申请公开", "不予公开"):
                self.blocks.append(Block(BlockKind.DISCLOSURE, line))
            elif _HEADER_LINE.match(line):
                pass  # 发布时间, 来源 … of a web page: not part of the reply
            else:
                break  # a title that does not start with 关于 (e.g. the body's name first)
            i += 1
        return i

    def _title(self, i: int) -> int:
        title_lines: list[str] = []
        while i < len(self.lines) and len(title_lines) < 6:
            line = self.lines[i]
            if title_lines and (_SALUTATION.match(line) or len(line) > 60):
                break
            title_lines.append(line)
            i += 1
            joined = "".join(title_lines)
            if _TITLE_END.search(joined) and not (i < len(self.lines) and self.lines[i] in ("答复", "回复", "的答复")):
                break
        title = "".join(title_lines)
        # A title repeated (a web page's heading, then the letter's own) is kept once.
        while i < len(self.lines):
            rest = ""
            j = i
            while j < len(self.lines) and len(rest) < len(title):
                rest += self.lines[j]
                j += 1
            if rest == title:
                i = j
            else:
                break
        if title:
            self.blocks.append(Block(BlockKind.TITLE, title, lines=tuple(title_lines)))
            self.meta.title = title
        return i

    def _salutation(self, i: int) -> int:
        if i < len(self.lines) and _SALUTATION.match(self.lines[i]):
            self.blocks.append(Block(BlockKind.SALUTATION, self.lines[i].replace(":", "：")))
            return i + 1
        return i

    def _find_tail(self, start: int) -> tuple[int, int]:
        """(end of body, start of tail): the closing phrase, or failing that the signature block."""
        for k in range(len(self.lines) - 1, start - 1, -1):
            if _CLOSING.match(self.lines[k]):
                return k, k
        k = len(self.lines)
        while k > start and self._is_tail_line(self.lines[k - 1]):
            k -= 1
        return k, k

    def _is_tail_line(self, line: str) -> bool:
        return bool(parse_date(line) or _CC.match(line) or (_CONTACT.search(line) and len(line) < 60)
                    or re.match(r"^[（(].*(?:联系|电话).*[）)]$", line)
                    or (len(line) <= 25 and not re.search(r"[，。；！？,;]", line)
                        and re.search(r"(?:局|委|办|院|会|厅|部|中心|政府|公司|街道|所|站|队)$", line)))

    def _body(self, start: int, end: int) -> None:
        path: list[str] = []
        current_role = "background"
        first = True
        for line in self.lines[start:end]:
            heading = parse_heading_number(line)
            if heading and len(heading.rest) < 60 and not re.search(r"[。；]$", heading.rest) \
                    and not heading.rest.endswith("是"):
                del path[heading.level - 1:]
                while len(path) < heading.level - 1:
                    path.append("")
                path.append(heading.number)
                self.blocks.append(Block(BlockKind.HEADING, heading.rest, level=heading.level,
                                         number=heading.number))
                if heading.level == 1:
                    current_role = _section_role(heading.rest)
                continue
            if first:
                role = "opening"
                first = False
            elif _THANKS.match(line):
                role = "closing"
            else:
                role = current_role if path else "background"
            self.blocks.append(Block(BlockKind.PARAGRAPH, line, role=role))

    def _tail(self, end: int, _tail_start: int) -> None:
        for line in self.lines[end:]:
            if _CLOSING.match(line) or _THANKS.match(line):
                self.blocks.append(Block(BlockKind.CLOSING, line, role="closing"))
            elif (date := parse_date(line)) is not None:
                self.blocks.append(Block(BlockKind.DATE, line.replace(" ", "")))
                self.meta.date = self.meta.date or date
            elif _CC.match(line):
                self.blocks.append(Block(BlockKind.CC, line))
            elif _CONTACT.search(line) or re.search(r"联系电话|电话[:：]", line):
                self.blocks.append(Block(BlockKind.NOTE, line))
            else:
                self.blocks.append(Block(BlockKind.ISSUER, line))
                self.meta.issuing_body = self.meta.issuing_body or line

    def _fill_meta(self) -> None:
        meta = self.meta
        title = meta.title
        opening = next((b.text for b in self.blocks if b.kind is BlockKind.PARAGRAPH), "")
        for source in (title, opening):
            m = _NUMBER.search(source)
            if m:
                meta.number = m.group(1) or m.group(2)
                break
        if "提案" in title or "委员" in "".join(b.text for b in self.blocks if b.kind is BlockKind.SALUTATION):
            meta.kind = "proposal"
        elif "建议" in title:
            meta.kind = "suggestion"
        elif "会办" in title:
            meta.kind = "co_handling"
        else:
            meta.kind = "letter"
        if not meta.issuing_body and "关于" in title and not title.startswith("关于"):
            meta.issuing_body = title.split("关于", 1)[0]  # 深圳市福田区教育局关于…的答复
        for block in self.blocks:
            if block.kind is BlockKind.NOTE or (block.kind is BlockKind.PARAGRAPH and _CONTACT.search(block.text)):
                if not meta.contact_person and (m := _PERSON.search(block.text)):
                    meta.contact_person = m.group(1)
                if not meta.contact_phone and (m := _PHONE.search(block.text)):
                    meta.contact_phone = re.sub(r"[\s()（）]", "", m.group(1) or m.group(2)).replace("－", "-")


def _section_role(heading: str) -> str:
    if re.search(r"下一步|今后|计划|打算|工作安排|措施建议", heading):
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
