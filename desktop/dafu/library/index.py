"""The paragraph search index: what goes in when a paragraph is added, and out when it goes.

Both engines index the same terms (a character or a pair of neighbouring characters, see
tokens.py) and keep, beside the index, each term's document frequency and the totals; how is
the engine's (engines/sqlite.py: an FTS5 table; engines/postgresql.py: a GIN index over text[]).
What they share is written here: the rank key, and the order of writes.

**Rank order in the index.** A paragraph's index row carries its *rank key*: its standing
(``prior``: BM25 with each query word counted as present — all matches of an AND query contain
every word, so what tells them apart is the paragraph's length — plus a bonus for reuse by many
replies) in the high bits, newest first below it. Candidates read in rank-key order come out
best first: search checks them in that order and stops after ``limit`` — the exact top of all
matches at the cost of the first few. A change of a paragraph's usage count re-keys its row
(``reuse``).

**Frequencies lag a little.** Counting the ~300 terms of every new paragraph into the term
table one by one costs more than the rest of an import, so new paragraphs are counted in one
pass (``fold``) whenever FOLD_AT are pending. Frequencies only choose which of a word's terms to
ask the index for and weigh "more like this"; matching never depends on them, so the lag costs
no result, and FOLD_AT paragraphs are a small share of any library where it matters.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from dafu.library.engines.base import Database

Progress = Callable[[int, int], None]

FOLD_AT = 20000       # pending paragraphs that trigger counting them into the term table
ID_BITS = 26          # paragraph ids below 2**26 (67 million paragraphs)
ID_MASK = (1 << ID_BITS) - 1
LEVELS = 64           # prior in steps of PRIOR_STEP
PRIOR_STEP = 0.05
REFERENCE_LENGTH = 180.0   # a typical paragraph, in characters


def prior(length: int, usage: int) -> float:
    """A paragraph's standing for any query it matches: 2.2 at no length, 1.0 at a typical 180
    characters, 0.67 at 400 (BM25's length weight with k1 = 1.2, b = 0.75 and each query word
    counted once), plus up to 0.4 for reuse (0.08 at 2 uses, 0.28 at 10)."""
    return (2.2 / (1 + 1.2 * (0.25 + 0.75 * length / REFERENCE_LENGTH))
            + 0.4 * (usage - 1) / (usage + 3))


def rank_key(paragraph_id: int, length: int, usage: int) -> int:
    """The paragraph's key in the index: best standing first, then newest first."""
    if not 0 < paragraph_id <= ID_MASK:
        raise ValueError(f"paragraph id {paragraph_id} out of the index's range")
    level = min(LEVELS - 1, max(0, round(prior(length, usage) / PRIOR_STEP)))
    return ((LEVELS - 1 - level) << ID_BITS) | (ID_MASK - paragraph_id)


def paragraph_of(key: int) -> int:
    return ID_MASK - (key & ID_MASK)


def standing_of(key: int) -> float:
    return (LEVELS - 1 - (key >> ID_BITS)) * PRIOR_STEP


# SQL for the paragraph id of a rank key held in ``f.rowid`` (SQLite's FTS table).
SQL_PARAGRAPH_OF = f"({ID_MASK} - (f.rowid & {ID_MASK}))"


# Rows waiting to go into the index, per connection, while a batch is open (see batch()).
_batches: dict[int, dict[int, str]] = {}


@contextmanager
def batch(db: Database) -> Iterator[None]:
    """Hold the index rows of the paragraphs added inside, and write them in rank-key order at the end.

    FTS5 writes its pending rows out as a new segment whenever a rowid is not larger than the
    last one; rank keys arrive in no order, so one reply's paragraphs added one by one would
    make a segment each. Sorted, they make one (as at the transaction's commit anyway); on a
    server they go in one round trip. Leaving the block through an exception writes nothing
    (the caller rolls back).
    """
    key = id(db)
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
        ids = list(held)
        usage = dict(db.execute(f"SELECT id, usage_count FROM paragraphs WHERE id IN ({','.join('?' * len(ids))})",
                                ids).fetchall())
        db.index_write(sorted((rank_key(pid, len(text), usage[pid]), pid, text) for pid, text in pending.items()))


def add(db: Database, paragraph_id: int, text: str, usage: int = 1) -> None:
    held = _batches.get(id(db))
    if held is not None:
        held[paragraph_id] = text
    else:
        db.index_write([(rank_key(paragraph_id, len(text), usage), paragraph_id, text)])
    db.index_added(paragraph_id, text)


def remove(db: Database, paragraph_id: int, text: str) -> None:
    """Take a paragraph out (before its row leaves ``paragraphs``)."""
    usage = db.scalar("SELECT usage_count FROM paragraphs WHERE id = ?", [paragraph_id])
    db.index_remove(paragraph_id, text, rank_key(paragraph_id, len(text), usage))


def reuse(db: Database, paragraph_id: int, change: int) -> bool:
    """Change a paragraph's usage count (never below 1), moving its index row if its standing moves.
    False when the paragraph is gone (another client removed it meanwhile)."""
    row = db.one(f"SELECT text, usage_count FROM paragraphs WHERE id = ?{db.for_update}", [paragraph_id])
    if row is None:
        return False
    text, usage = row
    set_usage(db, paragraph_id, text, usage, max(1, usage + change))
    return True


def set_usage(db: Database, paragraph_id: int, text: str, usage: int, new: int) -> None:
    """Give a paragraph (whose count is ``usage`` now) the usage count ``new``, re-keying its row."""
    if new == usage:
        return
    db.execute("UPDATE paragraphs SET usage_count = ? WHERE id = ?", [new, paragraph_id])
    if paragraph_id in _batches.get(id(db), {}):
        return                   # its row is not written yet; it will be, keyed by the new count
    old_key, new_key = rank_key(paragraph_id, len(text), usage), rank_key(paragraph_id, len(text), new)
    if old_key != new_key:
        db.index_rekey(paragraph_id, text, old_key, new_key)


def fold(db: Database) -> None:
    """Count the pending paragraphs' terms into the term table (the caller holds the transaction)."""
    db.index_fold()


def fold_pending(db: Database) -> None:
    """Fold in its own write transaction, when paragraphs are pending (e.g. after building a library)."""
    db.index_fold_pending()


def rebuild(db: Database, progress: Progress | None = None) -> None:
    """Index every paragraph afresh (the caller holds the transaction)."""
    db.index_rebuild(progress)


def frequencies(db: Database, terms_: list[str], *, count_new: bool = False) -> dict[str, int]:
    """How many paragraphs hold each term (not counting those added since the last fold).

    With ``count_new``, a term the table does not know yet (new since the last fold — in a
    library smaller than FOLD_AT, every term) is counted in the index instead, up to FOLD_AT.
    """
    return db.index_frequencies(terms_, count_new)


def totals(db: Database) -> tuple[int, int]:
    """(paragraphs indexed, their total length in characters)."""
    return db.index_totals()


def check(db: Database) -> None:
    """Raise LibraryError when the index and the paragraphs disagree."""
    db.index_check()
