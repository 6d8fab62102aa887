"""Index terms for substring search: every character and every pair of neighbouring characters.

A clerk searches for a string, and every paragraph that contains it must be found —
Chinese words, but also 时尚+科技, 商协会、企业, 2023-2025, the 2022 inside JY202200585 or
the 100万元 inside 2100万元. So nothing is a word here: each run of non-space text gives
every character (for one-character queries) and every pair of neighbouring characters,
punctuation, digits and Latin letters included. A query word of two or more characters
needs each of its pairs; the index yields the paragraphs holding all of them (a superset
of the true matches), and search keeps those whose text really contains the word.
Latin letters fold to lower case (ASCII only, as SQLite's lower() and LIKE do).

The terms go to FTS5's ``ascii`` tokenizer, which keeps every non-ASCII character inside
a token; ASCII punctuation, which it would treat as a separator, is mapped to a private-use
character first (a clash with real private-use text only adds candidates the check removes).
"""
from __future__ import annotations

from operator import add

# ASCII letters to lower case; ASCII punctuation and symbols to U+E000 + code.
_FOLD = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
# (Control characters too, except the white space that separates runs.)
_ENCODE = {c: 0xE000 + c for c in range(0x80) if not chr(c).isalnum() and not chr(c).isspace()}


def fold(text: str) -> str:
    """Case-fold as SQLite's lower() does (ASCII only), so index, check and query agree."""
    return text.translate(_FOLD)


def _encoded(text: str) -> str:
    return fold(text).translate(_ENCODE)


def terms(text: str) -> set[str]:
    """The distinct index terms of a text: its characters and neighbouring pairs, within runs of non-space."""
    out: set[str] = set()
    for run in _encoded(text).split():
        out.update(run)
        out.update(map(add, run, run[1:]))
    return out


def words(query: str) -> list[str]:
    """The words of a query (split at spaces), folded; each must occur in a paragraph."""
    return list(dict.fromkeys(fold(w) for w in query.split()))


def word_terms(word: str) -> list[str]:
    """The index terms every paragraph containing ``word`` holds (one for a single character)."""
    run = _encoded(word)
    if len(run) == 1:
        return [run]
    return list(dict.fromkeys(run[i:i + 2] for i in range(len(run) - 1)))


def match_expression(terms_: list[str]) -> str:
    """An FTS5 MATCH for paragraphs holding all the terms (terms never contain a double quote)."""
    return " AND ".join(f'"{t}"' for t in terms_)


def highlight_terms(query: str) -> list[str]:
    """The strings to highlight in a hit's text."""
    return [w for w in query.split() if w]
