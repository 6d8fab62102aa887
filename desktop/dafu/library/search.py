"""Search and "more like this" over the paragraph index.

Ranking is FTS5's bm25 over the bigram column, nudged up for paragraphs many
replies reuse. Filters narrow by the replies a paragraph appears in. Snippets
are cut in Python from the stored text (the index is contentless to keep the
file small).
"""
from __future__ import annotations

import html
import math
import re
import sqlite3
from collections import Counter

import sqlite_utils

from dafu.library import tokens
from dafu.library.records import SearchHit

SNIPPET_CHARS = 80
MARK_OPEN, MARK_CLOSE = "【", "】"
# Characters too common to say anything about a suggestion's subject.
_STOP_BIGRAMS = {"我们", "进一步", "工作", "建议", "推动", "加快", "加强", "提升", "发展", "代表", "以及", "我区", "一是",
                 "二是", "三是", "的建", "议的", "关于", "问题", "情况", "相关", "进行", "开展", "有关", "目前"}


def _filters(role=None, year=None, issuing_body=None, tag=None, kind=None) -> tuple[str, list]:
    clauses, params = [], []
    reply_clauses = []
    if role:
        clauses.append("p.role = ?")
        params.append(role)
    if year:
        reply_clauses.append("substr(r.date, 1, 4) = ?")
        params.append(str(year))
    if issuing_body:
        reply_clauses.append("r.issuing_body = ?")
        params.append(issuing_body)
    if kind:
        reply_clauses.append("r.kind = ?")
        params.append(kind)
    if reply_clauses:
        clauses.append("p.id IN (SELECT rp.paragraph_id FROM reply_paragraphs rp JOIN replies r ON r.id = rp.reply_id"
                       " WHERE " + " AND ".join(reply_clauses) + ")")
    if tag:
        clauses.append("p.id IN (SELECT pt.paragraph_id FROM paragraph_tags pt JOIN tags t ON t.id = pt.tag_id"
                       " WHERE t.name = ?)")
        params.append(tag)
    return (" AND " + " AND ".join(clauses)) if clauses else "", params


def search(db: sqlite_utils.Database, query: str, limit: int = 20, **filters) -> list[SearchHit]:
    match = tokens.fts_query(query)
    if match is None:
        return []
    where, params = _filters(**filters)
    # bm25 is lower-is-better; reuse across replies counts a little (log of usage).
    sql = ("SELECT p.id, bm25(paragraph_fts) - 0.5 * ln(1 + p.usage_count) AS s FROM paragraph_fts"
           " JOIN paragraphs p ON p.id = paragraph_fts.rowid"
           f" WHERE paragraph_fts MATCH ?{where} ORDER BY s LIMIT ?")
    try:
        rows = db.execute(sql, [match, *params, limit]).fetchall()
    except sqlite3.OperationalError:
        rows = db.execute(sql.replace(" - 0.5 * ln(1 + p.usage_count)", ""), [match, *params, limit]).fetchall()
    return hits(db, rows, tokens.highlight_terms(query))


def similar(db: sqlite_utils.Database, text: str, limit: int = 10, **filters) -> list[SearchHit]:
    """Paragraphs most relevant to a pasted suggestion: its rarest telling bigrams, OR-ed, bm25-ranked."""
    grams = Counter(g for g in tokens.bigrams(text).split() if len(g) == 2 and g not in _STOP_BIGRAMS)
    if not grams:
        return []
    frequency = _document_frequency(db, list(grams))
    total = max(1, db.execute("SELECT count(*) FROM paragraphs").fetchone()[0])
    weighted = []
    for gram, count in grams.items():
        df = frequency.get(gram, 0)
        if df == 0 or df > total * 0.2:
            continue  # absent, or so common it only adds noise and time
        weighted.append((count * math.log(total / df), gram))
    if not weighted:
        return []
    chosen = [gram for _, gram in sorted(weighted, reverse=True)[:16]]
    match = "bi : (" + " OR ".join(f'"{g}"' for g in chosen) + ")"
    where, params = _filters(**filters)
    rows = db.execute("SELECT p.id, bm25(paragraph_fts) AS s FROM paragraph_fts"
                      " JOIN paragraphs p ON p.id = paragraph_fts.rowid"
                      f" WHERE paragraph_fts MATCH ?{where} ORDER BY s LIMIT ?", [match, *params, limit]).fetchall()
    return hits(db, rows, chosen[:6])


def _document_frequency(db: sqlite_utils.Database, grams: list[str]) -> dict[str, int]:
    _ensure_vocab(db)
    marks = ",".join("?" * len(grams))
    rows = db.execute(f"SELECT term, doc FROM paragraph_vocab WHERE col = 'bi' AND term IN ({marks})", grams)
    return {term: doc for term, doc in rows}


def _ensure_vocab(db: sqlite_utils.Database) -> None:
    # fts5vocab is a view over the index, created on demand in the temp schema (it stores nothing).
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.paragraph_vocab USING fts5vocab(main, paragraph_fts, col)")


def hits(db: sqlite_utils.Database, rows: list[tuple[int, float]], terms: list[str]) -> list[SearchHit]:
    if not rows:
        return []
    ids = [row[0] for row in rows]
    marks = ",".join("?" * len(ids))
    details = {row[0]: row for row in db.execute(
        "SELECT p.id, p.text, p.role, p.usage_count,"
        " (SELECT rp.reply_id FROM reply_paragraphs rp JOIN replies r ON r.id = rp.reply_id"
        "  WHERE rp.paragraph_id = p.id ORDER BY r.date DESC LIMIT 1) AS reply_id"
        f" FROM paragraphs p WHERE p.id IN ({marks})", ids)}
    reply_ids = [d[4] for d in details.values() if d[4] is not None]
    replies = {}
    if reply_ids:
        marks = ",".join("?" * len(reply_ids))
        replies = {r[0]: r for r in db.execute(f"SELECT id, title, date FROM replies WHERE id IN ({marks})", reply_ids)}
    sections = {}
    if reply_ids:
        for pid, rid, path in db.execute(
                f"SELECT paragraph_id, reply_id, section_path FROM reply_paragraphs WHERE paragraph_id IN"
                f" ({','.join('?' * len(ids))})", ids):
            sections.setdefault((pid, rid), path)
    out = []
    for pid, score in rows:
        _, text, role, usage, reply_id = details[pid]
        reply = replies.get(reply_id)
        plain, marked = snippet(text, terms)
        out.append(SearchHit(
            paragraph_id=pid, text=text, snippet=plain, snippet_html=marked, reply_id=reply_id,
            reply=reply[1] if reply else "", date=reply[2] if reply else None,
            score=round(-score, 4), role=role or "other", section_path=sections.get((pid, reply_id), ""),
            usage_count=usage))
    return out


def snippet(text: str, terms: list[str]) -> tuple[str, str]:
    """(plain snippet with 【】 marks, HTML snippet with <b>) around the first match."""
    pattern = _term_pattern(terms)
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    window = text[start:end]
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    if not pattern:
        return prefix + window + suffix, html.escape(prefix + window + suffix)
    plain = pattern.sub(lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", window)
    pieces, last = [], 0
    for m in pattern.finditer(window):
        pieces.append(html.escape(window[last:m.start()]))
        pieces.append(f"<b>{html.escape(m.group(0))}</b>")
        last = m.end()
    pieces.append(html.escape(window[last:]))
    return prefix + plain + suffix, html.escape(prefix) + "".join(pieces) + html.escape(suffix)


def _term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
