"""Reading old replies: from a file's bytes to a reply document.

One module per step, the data flowing one way:

- ``formats``   the file's text as lines (.docx with tables, text boxes, headers and
                footers; .txt in any common encoding via ``decoding``; .doc/.wps through
                LibreOffice; PDF with a text layer)
- ``cleaning``  Word's debris out, widths and spaces normalised
- ``evidence``  stage one: each line's evidence for each part (patterns, position, length,
                neighbours), with reasons
- ``assign``    stage two: the most likely parts for the whole document (Viterbi)
- ``fields``    blocks and fields (title, number, salutation, issuing body, date, contact …)

``parse_reply`` is a pure function from text to a ``ReplyDocument``;
``explain_reply`` gives, per line, the part it was given and why.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dafu.errors import ImportFileError
from dafu.model import BlockKind, ReplyDocument
from dafu.reading.assign import Assigned, assign
from dafu.reading.cleaning import clean_lines, clean_text
from dafu.reading.decoding import decode_text
from dafu.reading.evidence import Part, line_evidence, make_lines
from dafu.reading.fields import build_document, meeting_of, suggestion_title_of
from dafu.reading.formats import SUPPORTED, file_lines, read_raw, read_text
from dafu.reading.patterns import parse_date

__all__ = ["SUPPORTED", "Part", "Reading", "clean_text", "decode_text", "explain_reply", "meeting_of",
           "not_a_reply", "parse_date", "parse_reply", "read_file", "read_raw", "read_reply", "read_text",
           "reading_of", "suggestion_title_of"]


@dataclass
class Reading:
    """A reply as read: the document, and each line with the part it was given."""

    document: ReplyDocument
    lines: list[Assigned]


def reading_of(text: str) -> Reading:
    """Read a reply's text: lines → evidence → parts → document. Pure."""
    lines = make_lines(clean_lines(text))
    assigned = assign(line_evidence(lines))
    return Reading(build_document(assigned), assigned)


def parse_reply(text: str) -> ReplyDocument:
    return reading_of(text).document


def explain_reply(text: str) -> list[Assigned]:
    return reading_of(text).lines


def not_a_reply(reading: Reading) -> str | None:
    """Why a file's text is not taken as a reply, or None.

    It needs a body, and a title that looks like one — or, as many published
    replies start straight with the salutation, a salutation and a signature
    (closing phrase, issuing body or date).
    """
    def found(part: Part) -> bool:
        return any(a.part is part and a.evidence.score(part) > 0 for a in reading.lines)

    signed = found(Part.CLOSING) or found(Part.DATE) or found(Part.ISSUER)
    if not reading.document.of_kind(BlockKind.PARAGRAPH) or not (
            found(Part.TITLE) or (found(Part.SALUTATION) and signed)):
        return "不像是一份答复（no title or body found）"
    return None


def read_file(path: str | Path, raw: bytes | None = None) -> Reading:
    """Read a reply file; refuses, naming the file, what is not a reply."""
    reading = reading_of("\n".join(file_lines(path, raw)))
    reason = not_a_reply(reading)
    if reason:
        raise ImportFileError(reason, path=path)
    return reading


def read_reply(path: str | Path) -> ReplyDocument:
    return read_file(path).document
