"""Taking replies back out of the library, with what only they brought in.

A paragraph shared with a reply that stays keeps its place (its usage count goes
down by the uses removed); a paragraph no remaining reply uses leaves the table
and the search index. A measure goes when none of the paragraphs left cites it —
unless a clerk entered it by hand (its key starts with ``manual|``).
"""
from __future__ import annotations

import sqlite_utils

from dafu.library import index
from dafu.library.records import RemovalReport


def remove_replies(db: sqlite_utils.Database, reply_ids: list[int]) -> RemovalReport:
    """Remove the replies with these ids; the caller holds the write transaction."""
    ids = sorted({int(i) for i in reply_ids})
    if not ids:
        return RemovalReport()
    db.execute("CREATE TEMP TABLE IF NOT EXISTS removing (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.removing")
    db.conn.executemany("INSERT OR IGNORE INTO temp.removing (id) VALUES (?)", [(i,) for i in ids])
    uses = db.execute(
        "SELECT paragraph_id, count(*) FROM reply_paragraphs WHERE reply_id IN (SELECT id FROM temp.removing)"
        " GROUP BY paragraph_id").fetchall()
    measures = [row[0] for row in db.execute(
        "SELECT DISTINCT mc.measure_id FROM measure_citations mc JOIN reply_paragraphs rp"
        " ON rp.paragraph_id = mc.paragraph_id WHERE rp.reply_id IN (SELECT id FROM temp.removing)")]
    replies = db.execute("DELETE FROM replies WHERE id IN (SELECT id FROM temp.removing)").rowcount
    paragraphs = 0
    for paragraph_id, count in uses:
        still_used = db.execute("SELECT 1 FROM reply_paragraphs WHERE paragraph_id = ? LIMIT 1",
                                [paragraph_id]).fetchone()
        if still_used:
            index.reuse(db, paragraph_id, -count)
            continue
        text = db.execute("SELECT text FROM paragraphs WHERE id = ?", [paragraph_id]).fetchone()[0]
        index.remove(db, paragraph_id, text)
        db.execute("DELETE FROM paragraphs WHERE id = ?", [paragraph_id])
        paragraphs += 1
    removed_measures = 0
    for measure_id in measures:
        cited = db.execute("SELECT 1 FROM measure_citations WHERE measure_id = ? LIMIT 1", [measure_id]).fetchone()
        if not cited:
            removed_measures += db.execute("DELETE FROM measures WHERE id = ? AND key NOT LIKE 'manual|%'",
                                           [measure_id]).rowcount
    db.execute("DELETE FROM import_batches WHERE id NOT IN (SELECT batch_id FROM replies WHERE batch_id IS NOT NULL)")
    db.execute("DELETE FROM temp.removing")
    return RemovalReport(replies=replies, paragraphs=paragraphs, measures=removed_measures)
