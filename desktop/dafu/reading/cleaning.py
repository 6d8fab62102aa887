"""Cleaning the text bureaus' files really contain: Word's debris out, widths and spaces normalised.

One logical line per line, numbered as in the file's text (``dafu import
--explain`` shows those numbers). Two kinds of line are cut in pieces, each
piece keeping its line number: a salutation run into the opening sentence
(罗元代表:你提出的…), and a whole letter stored as one line, as some web pages
give it (title, salutation, paragraphs and signature separated only by spaces).
"""
from __future__ import annotations

import re
import unicodedata

_ARTEFACTS = re.compile(r"\[(?:bookmark|BOOKMARK): [^\]]*\]|\[[A-Za-z ]*(?:image|IMAGE)[^\]]*\]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])[ \u00a0\u3000]+(?=[{_CJK}])")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\u0085\x0b\x0c]")
_EDGE = " \t\u3000|｜"

# 罗元代表:你提出的… — the addressee, then the letter's first sentence on the same line
_SALUTATION_HEAD = re.compile(
    r"^((?:尊敬的)?[^，。；！？:：\s]{2,60}?(?:代表|委员|同志|先生|女士|代表团|代表组|委员会|局|委|办|政府|中心|公司)[:：])"
    r"\s*(?=(?:您|你|贵|首先|感谢|现|关于|对|根据|经|针对)\S{8,})")
# where a letter packed on one line breaks: after a sentence, a colon, a title's or a closing's last word
_PACKED_BREAK = re.compile(r"(?<=[。！？!?：:；;])\s+|(?<=答复|回复|复函|顺致|此致|此函)\s+|\s+(?=(?:19|20)\d{2}年)")
_PACKED_TOP = re.compile(r"(?:答复|回复|复函)$|(?:代表|委员|同志)[:：]$")
_PACKED_END = re.compile(r"^(?:特此|此复|此函|顺致|此致|(?:19|20)\d{2}年)")


def clean_text(text: str) -> str:
    """Word debris out, widths and spaces normalised; one logical line per line."""
    return "\n".join(clean_line(line) for line in _raw_lines(text))


def clean_lines(text: str) -> list[tuple[int, str]]:
    """(line number, cleaned piece) for every line; packed lines come back in pieces under one number."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(_raw_lines(text), 1):
        out.extend((number, clean_line(piece)) for piece in split_packed(line))
    return out


def _raw_lines(text: str) -> list[str]:
    text = _LINE_BREAKS.sub("\n", text)
    text = _ARTEFACTS.sub("", text)
    text = _INVISIBLE.sub("", text)
    return text.split("\n")


def clean_line(line: str) -> str:
    line = fold_width(line).replace("\u00a0", " ").strip(_EDGE)
    return _SPACE_IN_CJK.sub("", line)


def split_packed(line: str) -> list[str]:
    pieces = [line]
    stripped = line.strip(_EDGE)
    if len(stripped) >= 150 and re.search(r"\s", stripped):
        candidate = [p for p in _PACKED_BREAK.split(stripped) if p.strip(_EDGE)]
        if any(_PACKED_TOP.search(p.strip()) for p in candidate[:3]) and \
                any(_PACKED_END.match(p.strip()) for p in candidate[-4:]):
            pieces = candidate
    out: list[str] = []
    for piece in pieces:
        m = _SALUTATION_HEAD.match(piece.strip(_EDGE))
        if m:
            out.extend([m.group(1), piece.strip(_EDGE)[m.end():]])
        else:
            out.append(piece)
    return out


# Full-width Latin letters and digits (ＪＹ２０２３) become ordinary ones; CJK punctuation stays.
_WIDTH = str.maketrans({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF10, 0xFF5B)
                        if chr(c).isalnum()})


def fold_width(line: str) -> str:
    return line.translate(_WIDTH)
