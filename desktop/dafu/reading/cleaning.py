"""Cleaning the text bureaus' files really contain: Word's debris out, widths and spaces normalised.

One logical line per line; nothing is reordered, so line numbers stay those of
the file's text (``dafu import --explain`` shows them).
"""
from __future__ import annotations

import re
import unicodedata

_ARTEFACTS = re.compile(r"\[(?:bookmark|BOOKMARK): [^\]]*\]|\[[A-Za-z ]*(?:image|IMAGE)[^\]]*\]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}])[ \u00a0\u3000]+(?=[{_CJK}])")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\u0085\x0b\x0c]")


def clean_text(text: str) -> str:
    """Word debris out, widths and spaces normalised; one logical line per line."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _ARTEFACTS.sub("", text)
    text = _INVISIBLE.sub("", text)
    return "\n".join(clean_line(line) for line in text.split("\n"))


def clean_line(line: str) -> str:
    line = fold_width(line).replace("\u00a0", " ").strip(" \t\u3000")
    return _SPACE_IN_CJK.sub("", line)


def fold_width(line: str) -> str:
    # Full-width Latin letters and digits (ＪＹ２０２３) become ordinary ones; CJK punctuation stays.
    return "".join(unicodedata.normalize("NFKC", c) if "\uff10" <= c <= "\uff5a" and c.isalnum() else c
                   for c in line)
