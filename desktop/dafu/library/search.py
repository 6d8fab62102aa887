"""Search and "more like this" over the paragraph index.

A query is words separated by spaces; a paragraph matches when its text contains every
word (Latin letters in any case), whatever characters the word holds. The index (see
tokens.py, index.py) gives the paragraphs holding the rarest few of each word's character
pairs — a superset — and the stored text decides, so nothing that contains the words is
missed and nothing that does not is shown.

Ranking is by relevance over all matches, one rule for every query: BM25 with each word
counted as present — every match of an AND query contains all the words, so the shorter,
more focused paragraph ranks first — plus a bonus for paragraphs many replies reuse, newest
first among equals (index.prior). The index keeps each doclist in that order (index.py:
rank keys), so search checks candidates best first and stops at ``limit`` matches: the exact
top of all matches, at the cost of the first few candidates however many there are.
"""
from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass

from dafu.library import index, tokens
from dafu.library.engines.base import Database
from dafu.library.records import SearchHit

SNIPPET_CHARS = 80
SMALL_FILTER = 3000     # a tag covering at most this many paragraphs is searched through them
MATCH_TERMS = 6          # the rarest terms of each word the index is asked for; the text check does the rest
SIMILAR_TERMS = 12       # the suggestion's most telling character pairs that are scored
SIMILAR_POSTINGS = 20000  # at most about this many index entries are summed for "more like this"
MARK_OPEN, MARK_CLOSE = "【", "】"
# Character pairs too common to say anything about a suggestion's subject.
_STOP_BIGRAMS = {"我们", "进一步", "工作", "建议", "推动", "加快", "加强", "提升", "发展", "代表", "以及", "我区", "一是",
                 "二是", "三是", "的建", "议的", "关于", "问题", "情况", "相关", "进行", "开展", "有关", "目前"}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class _Word:
    text: str                # folded
    terms: list[str]         # the rarest few of its index terms
    smallest: int = 0        # the document frequency of the rarest (an upper bound of its matches)


def _filters(role=None, year=None, issuing_body=None, tag=None, kind=None) -> tuple[str, list]:
    """SQL conditions on ``p`` (a paragraph), checked per candidate through indexes."""
    clauses, params = [], []
    reply_clauses = []
    if role:
        clauses.append("p.role = ?")
        params.append(role)
    if year:
        reply_clauses.append("r.date >= ? AND r.date < ?")
        params.extend([f"{int(year):04d}", f"{int(year) + 1:04d}"])
    if issuing_body:
        reply_clauses.append("r.issuing_body = ?")
        params.append(issuing_body)
    if kind:
        reply_clauses.append("r.kind = ?")
        params.append(kind)
    if reply_clauses:
        clauses.append("EXISTS (SELECT 1 FROM reply_paragraphs rp JOIN replies r ON r.id = rp.reply_id"
                       " WHERE rp.paragraph_id = p.id AND " + " AND ".join(reply_clauses) + ")")
    if tag:
        # Tagged directly, or used by a tagged reply.
        clauses.append("(EXISTS (SELECT 1 FROM paragraph_tags pt JOIN tags t ON t.id = pt.tag_id"
                       " WHERE pt.paragraph_id = p.id AND t.name = ?) OR EXISTS (SELECT 1 FROM reply_paragraphs rp"
                       " JOIN reply_tags rt ON rt.reply_id = rp.reply_id JOIN tags t ON t.id = rt.tag_id"
                       " WHERE rp.paragraph_id = p.id AND t.name = ?))")
        params.extend([tag, tag])
    return (" AND " + " AND ".join(clauses)) if clauses else "", params


def search(db: Database, query: str, limit: int = 20, **filters) -> list[SearchHit]:
    words = _plan(db, tokens.words(query))
    if not words or limit <= 0:
        return []
    where, params = _filters(**filters)
    checks = "".join(" AND " + db.contains_sql("p.text") for _ in words)
    texts = [w.text for w in words]
    tagged = _tagged(db, filters["tag"]) if filters.get("tag") else None
    if tagged is not None:
        # A tag on a few replies: check its paragraphs, not the word's (maybe) many candidates.
        found = db.execute(f"SELECT p.id, length(p.text), p.usage_count FROM paragraphs p WHERE p.id IN"
                           f" ({','.join('?' * len(tagged))}){checks}{where}",
                           [*tagged, *texts, *params]).fetchall() if tagged else []
        keys = sorted((index.rank_key(pid, length, usage), pid) for pid, length, usage in found)[:limit]
        return hits(db, [(pid, index.standing_of(key)) for key, pid in keys], tokens.highlight_terms(query))
    rows = db.search_candidates([t for w in words for t in w.terms], checks, texts, where, params, limit,
                                min(w.smallest for w in words))
    return hits(db, [(pid, index.standing_of(key)) for pid, key in rows], tokens.highlight_terms(query))


def _tagged(db: Database, tag: str) -> list[int] | None:
    """The paragraphs a tag covers (directly or through its replies); None when more than SMALL_FILTER."""
    ids = [r[0] for r in db.execute(
        "SELECT pt.paragraph_id FROM paragraph_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = ?"
        " UNION SELECT rp.paragraph_id FROM reply_tags rt JOIN tags t ON t.id = rt.tag_id"
        " JOIN reply_paragraphs rp ON rp.reply_id = rt.reply_id WHERE t.name = ? LIMIT ?",
        [tag, tag, SMALL_FILTER + 1])]
    return ids if len(ids) <= SMALL_FILTER else None


def _plan(db: Database, texts: list[str]) -> list[_Word]:
    """Each word with its rarest terms (a term not yet counted sorts first: new, so rare or absent)."""
    per_word = {text: tokens.word_terms(text) for text in texts}
    df = index.frequencies(db, [t for terms in per_word.values() for t in terms])
    words = []
    for text, terms in per_word.items():
        rarest = sorted(terms, key=lambda t: df[t])[:MATCH_TERMS]
        words.append(_Word(text, rarest, df[rarest[0]]))
    return words


def similar(db: Database, text: str, limit: int = 10, **filters) -> list[SearchHit]:
    """Paragraphs most relevant to a pasted suggestion: those sharing most of its telling character pairs.

    Pairs are weighted by count × idf (frequencies from the term table: one lookup for all);
    the SIMILAR_TERMS heaviest are kept, as many as fit in SIMILAR_POSTINGS index entries (the
    rarest first), and each paragraph scores the summed weight of the pairs it holds — summed
    inside SQLite from the index alone; its standing breaks ties.
    """
    folded = tokens.fold(text)
    grams = Counter(folded[i:i + 2] for i in range(len(folded) - 1))
    grams = Counter({g: n for g, n in grams.items() if _HAN.match(g[0]) and _HAN.match(g[1])
                     and g not in _STOP_BIGRAMS})
    if not grams:
        return []
    df = index.frequencies(db, list(grams), count_new=True)
    total = max(1, index.totals(db)[0])
    weighted = sorted(((count * math.log(total / df[gram]), gram) for gram, count in grams.items()
                       if 0 < df[gram] <= total * 0.2), reverse=True)[:SIMILAR_TERMS]
    chosen, postings = [], 0
    for weight, gram in sorted(weighted, key=lambda item: df[item[1]]):
        if chosen and postings + df[gram] > SIMILAR_POSTINGS:
            break
        chosen.append((weight, gram))
        postings += df[gram]
    if not chosen:
        return []
    where, params = _filters(**filters)
    rows = db.similar_rows(chosen, where, params, limit)
    return hits(db, rows, [gram for _, gram in weighted[:6]])


def hits(db: Database, rows: list[tuple[int, float]], terms: list[str]) -> list[SearchHit]:
    """Search hits for (paragraph id, score) rows: text, snippet, and the reply that used it last
    (the most recently imported: one index step, however many replies share the paragraph)."""
    if not rows:
        return []
    ids = [row[0] for row in rows]
    marks = ",".join("?" * len(ids))
    details = {}
    # The reply that used the paragraph last: one index step, however many replies share it.
    for row in db.execute(
            "SELECT p.id, p.text, p.role, p.usage_count, r.id, (SELECT x.section_path FROM reply_paragraphs x"
            "  WHERE x.paragraph_id = p.id AND x.reply_id = r.id ORDER BY x.position LIMIT 1), r.title, r.date"
            " FROM paragraphs p LEFT JOIN replies r ON r.id = (SELECT max(x.reply_id) FROM reply_paragraphs x"
            "  WHERE x.paragraph_id = p.id)"
            f" WHERE p.id IN ({marks})", ids):
        details[row[0]] = row
    out = []
    for pid, score in rows:
        _, text, role, usage, reply_id, section, title, date = details[pid]
        plain, marked = snippet(text, terms)
        out.append(SearchHit(
            paragraph_id=pid, text=text, snippet=plain, snippet_html=marked, reply_id=reply_id,
            reply=title or "", date=date, score=round(score, 4), role=role or "other",
            section_path=section or "", usage_count=usage))
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
