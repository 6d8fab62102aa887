"""The paragraph search index: what goes in when a paragraph is added, and out when it goes.

Three tables move together, in the caller's transaction:
- ``paragraph_fts`` (FTS5, contentless, detail=none): for each term (a character or a pair of
  neighbouring characters, see tokens.py) the paragraphs holding it — no positions, as search
  checks candidates against the stored text anyway;
- ``search_terms``: each term's document frequency, so a query learns how many paragraphs
  hold a term with a lookup instead of reading its whole doclist;
- ``search_stats``: how many paragraphs are indexed and their total length, and ``folded``:
  the paragraph id up to which ``search_terms`` counts them.

**Rank order in the index.** A paragraph's row in paragraph_fts is not its id but its
*rank key*: its standing (``prior``: BM25 with each query word counted as present — all
matches of an AND query contain every word, so what tells them apart is the paragraph's
length — plus a bonus for reuse by many replies) in the high bits, newest first below it.
FTS5 walks a doclist in rowid order, so the matches of any query come out best first:
search checks them in that order and stops after ``limit`` — the exact top of all matches at
the cost of the first few. A change of a paragraph's usage count re-keys its row (``reuse``).

**Frequencies lag a little.** Counting the ~300 terms of every new paragraph into
``search_terms`` one by one costs more than the rest of an import, so new paragraphs are
counted in one sorted pass (``fold``) whenever FOLD_AT are pending (a library rebuilt by a
migration is counted whole). Frequencies only choose which of a word's terms to ask the
index for and weigh "more like this"; matching never depends on them, so the lag costs no
result, and FOLD_AT paragraphs are a small share of any library where it matters.
The index is contentless, so removing a row means giving FTS5 the terms it was given on
insert; keeping both directions here is what keeps removal correct.
"""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from typing import Callable, Iterator

import sqlite_utils

from dafu.library import tokens

Progress = Callable[[int, int], None]

FOLD_AT = 20000       # pending paragraphs that trigger counting them into search_terms
FOLD_CACHE_KIB = 65536  # page cache while folding (the term table is visited all over)
ID_BITS = 26          # paragraph ids below 2**26 (67 million paragraphs)
ID_MASK = (1 << ID_BITS) - 1
LEVELS = 64           # prior in steps of PRIOR_STEP
PRIOR_STEP = 0.05
REFERENCE_LENGTH = 180.0   # a typical paragraph, in characters

SCHEMA = """
CREATE VIRTUAL TABLE paragraph_fts USING fts5(terms, content='', detail=none, columnsize=0, tokenize='ascii');
CREATE TABLE search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE search_stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO search_stats (name, value) VALUES ('paragraphs', 0), ('characters', 0), ('folded', 0), ('pending', 0);
"""

_DF_ADD = ("INSERT INTO search_terms (term, df) VALUES (?, ?)"
           " ON CONFLICT (term) DO UPDATE SET df = df + excluded.df")
_DF_SUB = "UPDATE search_terms SET df = df - 1 WHERE term = ?"


def prior(length: int, usage: int) -> float:
    """A paragraph's standing for any query it matches: 2.2 at no length, 1.0 at a typical 180
    characters, 0.67 at 400 (BM25's length weight with k1 = 1.2, b = 0.75 and each query word
    counted once), plus up to 0.4 for reuse (0.08 at 2 uses, 0.28 at 10)."""
    return (2.2 / (1 + 1.2 * (0.25 + 0.75 * length / REFERENCE_LENGTH))
            + 0.4 * (usage - 1) / (usage + 3))


def rank_key(paragraph_id: int, length: int, usage: int) -> int:
    """The paragraph's rowid in paragraph_fts: best standing first, then newest first."""
    if not 0 < paragraph_id <= ID_MASK:
        raise ValueError(f"paragraph id {paragraph_id} out of the index's range")
    level = min(LEVELS - 1, max(0, round(prior(length, usage) / PRIOR_STEP)))
    return ((LEVELS - 1 - level) << ID_BITS) | (ID_MASK - paragraph_id)


def paragraph_of(key: int) -> int:
    return ID_MASK - (key & ID_MASK)


def standing_of(key: int) -> float:
    return (LEVELS - 1 - (key >> ID_BITS)) * PRIOR_STEP


# SQL for the paragraph id of a rowid of paragraph_fts.
SQL_PARAGRAPH_OF = f"({ID_MASK} - (f.rowid & {ID_MASK}))"


# Rows waiting to go into paragraph_fts, per connection, while a batch is open (see batch()).
_batches: dict[int, dict[int, str]] = {}


@contextmanager
def batch(db: sqlite_utils.Database) -> Iterator[None]:
    """Hold the index rows of the paragraphs added inside, and write them in rank-key order at the end.

    FTS5 writes its pending rows out as a new segment whenever a rowid is not larger than the
    last one; rank keys arrive in no order, so one reply's paragraphs added one by one would
    make a segment each. Sorted, they make one (as at the transaction's commit anyway).
    Leaving the block through an exception writes nothing (the caller rolls back).
    """
    key = id(db.conn)
    if key in _batches:          # nested: the outer block writes
        yield
        return
    _batches[key] = {}
    try:
        yield
        held = _batches[key]
    finally:
        pending = _batches.pop(key)
    if held:
        usage = dict(db.execute(f"SELECT id, usage_count FROM paragraphs WHERE id IN ({','.join('?' * len(held))})",
                                list(held)).fetchall())
        rows = sorted((rank_key(pid, len(text), usage[pid]), " ".join(tokens.terms(text))) for pid, text in pending.items())
        db.conn.executemany("INSERT INTO paragraph_fts (rowid, terms) VALUES (?, ?)", rows)


def add(db: sqlite_utils.Database, paragraph_id: int, text: str, usage: int = 1) -> None:
    held = _batches.get(id(db.conn))
    if held is not None:
        held[paragraph_id] = text
    else:
        db.execute("INSERT INTO paragraph_fts (rowid, terms) VALUES (?, ?)",
                   [rank_key(paragraph_id, len(text), usage), " ".join(tokens.terms(text))])
    stats = _stats(db)
    if paragraph_id <= stats["folded"]:
        # An id below the fold mark (reused after a removal) is counted at once.
        db.conn.executemany(_DF_ADD, ((t, 1) for t in sorted(tokens.terms(text))))
        _update(db, paragraphs=1, characters=len(text))
        return
    _update(db, paragraphs=1, characters=len(text), pending=1)
    if stats["pending"] + 1 >= FOLD_AT:
        fold(db)


def remove(db: sqlite_utils.Database, paragraph_id: int, text: str) -> None:
    """Take a paragraph out (before its row leaves ``paragraphs``)."""
    usage = db.execute("SELECT usage_count FROM paragraphs WHERE id = ?", [paragraph_id]).fetchone()[0]
    found = tokens.terms(text)
    db.execute("INSERT INTO paragraph_fts (paragraph_fts, rowid, terms) VALUES ('delete', ?, ?)",
               [rank_key(paragraph_id, len(text), usage), " ".join(found)])
    if paragraph_id <= _stats(db)["folded"]:
        db.conn.executemany(_DF_SUB, ((t,) for t in sorted(found)))
        _update(db, paragraphs=-1, characters=-len(text))
    else:
        _update(db, paragraphs=-1, characters=-len(text), pending=-1)


def reuse(db: sqlite_utils.Database, paragraph_id: int, change: int) -> None:
    """Change a paragraph's usage count (never below 1), moving its index row if its standing moves."""
    text, usage = db.execute("SELECT text, usage_count FROM paragraphs WHERE id = ?", [paragraph_id]).fetchone()
    new = max(1, usage + change)
    db.execute("UPDATE paragraphs SET usage_count = ? WHERE id = ?", [new, paragraph_id])
    if paragraph_id in _batches.get(id(db.conn), {}):
        return                   # its row is not written yet; it will be, keyed by the new count
    old_key, new_key = rank_key(paragraph_id, len(text), usage), rank_key(paragraph_id, len(text), new)
    if old_key != new_key:
        terms_ = " ".join(tokens.terms(text))
        db.execute("INSERT INTO paragraph_fts (paragraph_fts, rowid, terms) VALUES ('delete', ?, ?)",
                   [old_key, terms_])
        db.execute("INSERT INTO paragraph_fts (rowid, terms) VALUES (?, ?)", [new_key, terms_])


def fold(db: sqlite_utils.Database) -> None:
    """Count the pending paragraphs' terms into search_terms (the caller holds the transaction)."""
    folded = _stats(db)["folded"]
    df: Counter[str] = Counter()
    last = folded
    for paragraph_id, text in db.execute("SELECT id, text FROM paragraphs WHERE id > ? ORDER BY id", [folded]):
        df.update(tokens.terms(text))
        last = paragraph_id
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{FOLD_CACHE_KIB}")
    try:
        _flush_frequencies(db, df)
    finally:
        db.execute(f"PRAGMA cache_size = {int(cache)}")
    db.execute("UPDATE search_stats SET value = CASE name WHEN 'folded' THEN ? ELSE 0 END"
               " WHERE name IN ('folded', 'pending')", [last])


def fold_pending(db: sqlite_utils.Database) -> None:
    """Fold in its own write transaction, when paragraphs are pending (e.g. after building a library)."""
    if _stats(db)["pending"] <= 0:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        fold(db)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _stats(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.execute("SELECT name, value FROM search_stats").fetchall())


def _update(db: sqlite_utils.Database, paragraphs: int = 0, characters: int = 0, pending: int = 0) -> None:
    db.execute("UPDATE search_stats SET value = value + CASE name WHEN 'paragraphs' THEN ? WHEN 'characters' THEN ?"
               " WHEN 'pending' THEN ? ELSE 0 END WHERE name != 'folded'", [paragraphs, characters, pending])


def rebuild(db: sqlite_utils.Database, progress: Progress | None = None, chunk: int = 2000) -> None:
    """Index every paragraph afresh (a migration step: the caller holds the transaction)."""
    db.execute("DELETE FROM search_terms")
    db.execute("INSERT INTO paragraph_fts (paragraph_fts) VALUES ('delete-all')")
    db.execute("UPDATE search_stats SET value = 0")
    total = db.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    done, last = 0, 0
    df: Counter[str] = Counter()
    while True:
        rows = db.execute("SELECT id, text, usage_count FROM paragraphs WHERE id > ? ORDER BY id LIMIT ?",
                          [last, chunk]).fetchall()
        if not rows:
            break
        batch, characters = [], 0
        for paragraph_id, text, usage in rows:
            found = tokens.terms(text)
            batch.append((rank_key(paragraph_id, len(text), usage), " ".join(found)))
            df.update(found)
            characters += len(text)
        db.conn.executemany("INSERT INTO paragraph_fts (rowid, terms) VALUES (?, ?)", sorted(batch))
        _update(db, paragraphs=len(rows), characters=characters)
        done += len(rows)
        last = rows[-1][0]
        if len(df) > 2_000_000:  # bound the memory a large library's migration takes
            _flush_frequencies(db, df)
        if progress is not None:
            progress(done, total)
    _flush_frequencies(db, df)
    db.execute("UPDATE search_stats SET value = ? WHERE name = 'folded'", [last])


def _flush_frequencies(db: sqlite_utils.Database, df: Counter[str]) -> None:
    db.conn.executemany(_DF_ADD, sorted(df.items()))
    df.clear()


def frequencies(db: sqlite_utils.Database, terms_: list[str], *, count_new: bool = False) -> dict[str, int]:
    """How many paragraphs hold each term (not counting those added since the last fold).

    With ``count_new``, a term the table does not know yet (new since the last fold — in a
    library smaller than FOLD_AT, every term) is counted in the index instead, up to FOLD_AT.
    """
    found = dict.fromkeys(terms_, 0)
    unique = list(found)
    for start in range(0, len(unique), 500):
        part = unique[start:start + 500]
        for term, df in db.execute(f"SELECT term, df FROM search_terms WHERE term IN ({','.join('?' * len(part))})",
                                   part):
            found[term] = df
    if count_new:
        for term in unique:
            if not found[term]:
                found[term] = db.execute(
                    "SELECT count(*) FROM (SELECT 1 FROM paragraph_fts WHERE paragraph_fts MATCH ? LIMIT ?)",
                    [tokens.match_expression([term]), FOLD_AT]).fetchone()[0]
    return found


def totals(db: sqlite_utils.Database) -> tuple[int, int]:
    """(paragraphs indexed, their total length in characters)."""
    stats = _stats(db)
    return stats["paragraphs"], stats["characters"]
