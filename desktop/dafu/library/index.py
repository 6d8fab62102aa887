"""The paragraph search index: what goes in when a paragraph is added, and out when it goes.

The index is contentless (the text lives in ``paragraphs``), so removing a row means
giving FTS5 the same terms it was given on insert. Keeping both directions here is
what lets removal stay correct whatever the index stores.
"""
from __future__ import annotations

import sqlite_utils

from dafu.library import tokens


def add(db: sqlite_utils.Database, paragraph_id: int, text: str) -> None:
    db.execute("INSERT INTO paragraph_fts (rowid, uni, bi) VALUES (?,?,?)",
               [paragraph_id, tokens.unigrams(text), tokens.bigrams(text)])


def remove(db: sqlite_utils.Database, paragraph_id: int, text: str) -> None:
    db.execute("INSERT INTO paragraph_fts (paragraph_fts, rowid, uni, bi) VALUES ('delete', ?, ?, ?)",
               [paragraph_id, tokens.unigrams(text), tokens.bigrams(text)])
