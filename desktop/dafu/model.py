"""The reply document: an ordered list of typed blocks.

It is the one thing templates produce and exporters consume; the importer
builds it from old replies and the checks read it. No I/O here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum


class BlockKind(StrEnum):
    CLASS_MARK = "class_mark"      # A/B/C result class, top right of page 1
    DISCLOSURE = "disclosure"      # 主动公开 / 依申请公开 / 不予公开
    SIGNER = "signer"              # 签发人：…
    DOC_NUMBER = "doc_number"      # 福文旅体函〔2023〕12号
    TITLE = "title"                # one block, possibly several lines
    SALUTATION = "salutation"      # 尊敬的张昊等代表：
    PARAGRAPH = "paragraph"        # body text, first line indented two characters
    HEADING = "heading"            # levels 1–4: 一、（一）1.（1）
    CLOSING = "closing"            # 特此答复。
    ISSUER = "issuer"              # the issuing body's name
    DATE = "date"                  # 2023年5月28日
    NOTE = "note"                  # 附注: （联系人：…，联系电话：…）
    CC = "cc"                      # 抄送：…。 (版记)
    PRINTED_BY = "printed_by"      # 印发机关 (版记), e.g. 福田区文化广电旅游体育局办公室
    PRINTED_ON = "printed_on"      # 印发日期 (版记), e.g. 2023年5月28日 — printed with 印发 after it
    SEAL = "seal"                  # a marker, no text: the reply is sealed (GB/T 9704 §7.3.5.1 layout)
    TABLE = "table"                # the feedback form and the like
    SPACER = "spacer"              # an intentional blank line


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    level: int = 0                 # heading level 1–4, 0 otherwise
    number: str = ""               # a heading's printed number, e.g. "（二）"
    lines: tuple[str, ...] = ()    # a title's lines when it is broken on purpose
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, row by row
    role: str = ""                 # opening / background / work_done / next_steps / closing / other
    source: str = ""               # library paragraph id when the text came from the library

    @property
    def display_text(self) -> str:
        """The text as printed on one logical line (a heading with its number)."""
        if self.kind is BlockKind.TABLE:
            return "\n".join("\t".join(row) for row in self.rows)
        if self.kind is BlockKind.TITLE and self.lines:
            return "".join(self.lines)
        if self.kind is BlockKind.PRINTED_ON:
            return f"{self.text}印发"
        return f"{self.number}{self.text}"

    def with_text(self, text: str) -> "Block":
        return replace(self, text=text, lines=())


class ContactPlacement(StrEnum):
    NOTE = "note"        # under the date, as GB/T 9704's 附注 (the default)
    FOOTER = "footer"    # in every page's footer, clear of the page number


@dataclass
class ReplyMeta:
    """Facts about the reply that exporters and the library need besides its text."""

    title: str = ""
    number: str = ""               # the suggestion's number, e.g. JY20230126
    doc_number: str = ""           # the letter's own number, e.g. 福文旅体函〔2023〕12号
    issuing_body: str = ""
    date: dt.date | None = None
    contact_person: str = ""
    contact_phone: str = ""
    contact_placement: ContactPlacement = ContactPlacement.NOTE
    kind: str = ""                 # suggestion / proposal / co_handling / letter / feedback_form
    template: str = ""

    @property
    def is_letter(self) -> bool:
        """A 函 (GB/T 9704 §10.1 信函格式: no page number on page 1): the letter template, or a
        document number whose 代字 says 函 (福文旅体函〔2023〕12号)."""
        return self.kind == "letter" or "函〔" in self.doc_number or "函[" in self.doc_number


@dataclass
class ReplyDocument:
    blocks: list[Block] = field(default_factory=list)
    meta: ReplyMeta = field(default_factory=ReplyMeta)

    def of_kind(self, kind: BlockKind) -> list[Block]:
        return [b for b in self.blocks if b.kind is kind]

    def first(self, kind: BlockKind) -> Block | None:
        return next((b for b in self.blocks if b.kind is kind), None)

    @property
    def sealed(self) -> bool:
        """Laid out for the bureau's seal (§7.3.5.1) rather than without one (§7.3.5.2)."""
        return any(b.kind is BlockKind.SEAL for b in self.blocks)

    def text_lines(self) -> list[tuple[int, str]]:
        """(block index, printed text) for each line of plain text, titles line by line."""
        out: list[tuple[int, str]] = []
        for i, block in enumerate(self.blocks):
            if block.kind is BlockKind.TITLE and block.lines:
                out.extend((i, line) for line in block.lines)
            elif block.kind is BlockKind.TABLE:
                out.extend((i, "\t".join(row)) for row in block.rows)
            elif block.kind is BlockKind.SEAL:
                continue
            else:
                out.append((i, block.display_text))
        return out

    def plain_text(self) -> str:
        """The document as plain text, one printed line per line: what the checks read."""
        return "\n".join(text for _, text in self.text_lines())
