"""Index terms for Chinese search: character bigrams, plus single characters.

SQLite's FTS5 tokenizers do not segment Chinese: unicode61 takes a whole run
of Hanzi as one word and trigram cannot match one- or two-character queries.
We hand FTS5 pre-split terms instead — every character (column ``uni``) and
every pair of neighbouring characters (column ``bi``) — so a query of any
length becomes: one character → a unigram; two or more → the phrase of its
bigrams. Latin words and numbers stay whole. docs/library.md has the figures
that chose this over jieba and trigram.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?|[\u3400-\u9fff\uf900-\ufaff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def units(text: str) -> list[str]:
    """Characters and Latin/number words, in order; punctuation and spaces dropped."""
    return [t.lower() for t in _TOKEN.findall(text)]


def unigrams(text: str) -> str:
    return " ".join(units(text))


def bigrams_of(seq: list[str]) -> list[str]:
    if len(seq) == 1:
        return seq[:]
    return [a + b for a, b in zip(seq, seq[1:])]


def bigrams(text: str) -> str:
    """Bigrams within runs of text; punctuation breaks a run so no pair spans a comma."""
    out: list[str] = []
    for run in re.split(r"[^\w]+", text):
        out.extend(bigrams_of(units(run)))
    return " ".join(out)


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression for what a clerk typed; None when nothing is searchable.

    Space-separated words must all match (AND); each word is a phrase of its bigrams.
    """
    parts: list[str] = []
    for word in query.split():
        seq = units(word)
        if not seq:
            continue
        if len(seq) == 1:
            column = "uni" if _HAN.match(seq[0]) else "bi"
            parts.append(f'{column} : "{seq[0]}"' if column == "uni" else f'(uni : "{seq[0]}" OR bi : "{seq[0]}")')
        else:
            phrase = " ".join(bigrams_of(seq))
            parts.append(f'bi : "{phrase}"')
    return " AND ".join(parts) if parts else None


def query_terms(query: str) -> list[list[tuple[str, str]]]:
    """(column, term) pairs per word of a query, for estimating how many paragraphs match."""
    out = []
    for word in query.split():
        seq = units(word)
        if len(seq) == 1:
            out.append([("uni" if _HAN.match(seq[0]) else "bi", seq[0])])
        elif seq:
            out.append([("bi", gram) for gram in bigrams_of(seq)])
    return out


def highlight_terms(query: str) -> list[str]:
    """The strings to highlight in a hit's text."""
    return [w for w in query.split() if units(w)]
