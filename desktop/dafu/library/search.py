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
from collections import Counter

import sqlite_utils

from dafu.library import tokens
from dafu.library.records import SearchHit

SNIPPET_CHARS = 80
# bm25 costs time per matching paragraph; a query matching more than this many is ranked
# among its newest matches only (a rowid range FTS5 applies inside the index).
RANK_BUDGET = 1000
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
        # Tagged directly, or used by a tagged reply.
        clauses.append("(p.id IN (SELECT pt.paragraph_id FROM paragraph_tags pt JOIN tags t ON t.id = pt.tag_id"
                       " WHERE t.name = ?) OR p.id IN (SELECT rp.paragraph_id FROM reply_paragraphs rp"
                       " JOIN reply_tags rt ON rt.reply_id = rp.reply_id JOIN tags t ON t.id = rt.tag_id"
                       " WHERE t.name = ?))")
        params.extend([tag, tag])
    return (" AND " + " AND ".join(clauses)) if clauses else "", params


def search(db: sqlite_utils.Database, query: str, limit: int = 20, **filters) -> list[SearchHit]:
    match = tokens.fts_query(query)
    if match is None:
        return []
    rows = _ranked(db, match, limit, filters)
    return hits(db, rows, tokens.highlight_terms(query))


def _ranked(db: sqlite_utils.Database, match: str, limit: int, filters: dict) -> list:
    where, params = _filters(**filters)
    # bm25 is lower-is-better; reuse across replies counts a little.
    sql = ("SELECT p.id, bm25(paragraph_fts) - 0.3 * p.usage_count AS s FROM paragraph_fts"
           " JOIN paragraphs p ON p.id = paragraph_fts.rowid"
           f" WHERE paragraph_fts MATCH ?{{window}}{where} ORDER BY s LIMIT ?")
    lower = _window(db, match)
    if lower is not None:
        rows = db.execute(sql.format(window=" AND paragraph_fts.rowid > ?"), [match, lower, *params, limit]).fetchall()
        if len(rows) >= limit:
            return rows
    return db.execute(sql.format(window=""), [match, *params, limit]).fetchall()


def _window(db: sqlite_utils.Database, match: str) -> int | None:
    """The rowid of the RANK_BUDGET-th newest match, when there are that many; None to rank all.

    Walking the doclist newest-first stops after RANK_BUDGET matches, so this probe costs
    little even for a character found in every paragraph (counting df exactly does not).
    """
    oldest, count = db.execute(
        "SELECT min(rowid), count(*) FROM (SELECT rowid FROM paragraph_fts WHERE paragraph_fts MATCH ?"
        " ORDER BY rowid DESC LIMIT ?)", [match, RANK_BUDGET]).fetchone()
    return oldest - 1 if count >= RANK_BUDGET else None


def similar(db: sqlite_utils.Database, text: str, limit: int = 10, **filters) -> list[SearchHit]:
    """Paragraphs most relevant to a pasted suggestion: its rarest telling bigrams, OR-ed, bm25-ranked."""
    grams = Counter(g for g in tokens.bigrams(text).split() if len(g) == 2 and g not in _STOP_BIGRAMS)
    if not grams:
        return []
    frequency = _document_frequency(db, list(grams), column="bi")
    total = max(1, db.execute("SELECT count(*) FROM paragraphs").fetchone()[0])
    weighted = []
    for gram, count in grams.items():
        df = frequency.get(gram, 0)
        if df == 0 or df > total * 0.2:
            continue  # absent, or so common it only adds noise and time
        weighted.append((count * math.log(total / df), gram))
    if not weighted:
        return []
    chosen = [gram for _, gram in sorted(weighted, reverse=True)[:12]]
    match = "bi : (" + " OR ".join(f'"{g}"' for g in chosen) + ")"
    rows = _ranked(db, match, limit, filters)
    return hits(db, rows, chosen[:6])


def _document_frequency(db: sqlite_utils.Database, terms: list[str], *, column: str) -> dict[str, int]:
    """How many paragraphs contain each term (0 when none), read from the index's vocabulary."""
    _ensure_vocab(db)
    found = {t: 0 for t in terms}
    for term in found:
        row = db.execute("SELECT doc FROM paragraph_vocab WHERE term = ? AND col = ?", [term, column]).fetchone()
        if row:
            found[term] = row[0]
    return found


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
