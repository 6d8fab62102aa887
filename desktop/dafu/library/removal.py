"""Taking replies back out of the library, with what only they brought in.

A paragraph shared with a reply that stays keeps its place (its usage count goes
down by the uses removed); a paragraph no remaining reply uses leaves the table
and the search index. A measure goes when none of the paragraphs left cites it —
unless a clerk entered it by hand (its key starts with ``manual|``).
"""
from __future__ import annotations

from dafu.library import index
from dafu.library.engines.base import Database, chunks
from dafu.library.records import RemovalReport


def remove_replies(db: Database, reply_ids: list[int]) -> RemovalReport:
    """Remove the replies with these ids; the caller holds the write transaction."""
    ids = sorted({int(i) for i in reply_ids})
    if not ids:
        return RemovalReport()
    uses: dict[int, int] = {}
    hashes: dict[int, str] = {}
    measures: set[int] = set()
    replies = 0
    for part in chunks(ids, 500):
        marks = ",".join("?" * len(part))
        for paragraph_id, count, text_hash in db.execute(
                "SELECT rp.paragraph_id, count(*), p.text_hash FROM reply_paragraphs rp JOIN paragraphs p"
                f" ON p.id = rp.paragraph_id WHERE rp.reply_id IN ({marks}) GROUP BY rp.paragraph_id, p.text_hash",
                part):
            uses[paragraph_id] = uses.get(paragraph_id, 0) + count
            hashes[paragraph_id] = text_hash
        measures.update(row[0] for row in db.execute(
            "SELECT DISTINCT mc.measure_id FROM measure_citations mc JOIN reply_paragraphs rp"
            f" ON rp.paragraph_id = mc.paragraph_id WHERE rp.reply_id IN ({marks})", part))
        replies += db.execute(f"DELETE FROM replies WHERE id IN ({marks})", part).rowcount
    paragraphs = 0
    # In the order of their hashes, as import writes them (a server then needs no deadlock to sort it out).
    for paragraph_id in sorted(uses, key=hashes.__getitem__):
        count = uses[paragraph_id]
        # Locked first (on a server): an import adding a use of it waits, or is waited for.
        db.one(f"SELECT id FROM paragraphs WHERE id = ?{db.for_update}", [paragraph_id])
        still_used = db.one("SELECT 1 FROM reply_paragraphs WHERE paragraph_id = ? LIMIT 1", [paragraph_id])
        if still_used:
            index.reuse(db, paragraph_id, -count)
            continue
        text = db.scalar("SELECT text FROM paragraphs WHERE id = ?", [paragraph_id])
        index.remove(db, paragraph_id, text)
        db.execute("DELETE FROM paragraphs WHERE id = ?", [paragraph_id])
        paragraphs += 1
    removed_measures = 0
    for measure_id in sorted(measures):
        cited = db.one("SELECT 1 FROM measure_citations WHERE measure_id = ? LIMIT 1", [measure_id])
        if not cited:
            removed_measures += db.execute("DELETE FROM measures WHERE id = ? AND key NOT LIKE 'manual|%'",
                                           [measure_id]).rowcount
    db.execute("DELETE FROM import_batches WHERE id NOT IN (SELECT batch_id FROM replies WHERE batch_id IS NOT NULL)")
    return RemovalReport(replies=replies, paragraphs=paragraphs, measures=removed_measures)
