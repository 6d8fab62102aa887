"""Search finds exactly what a plain substring scan finds, for queries of every kind, with and
without filters, and its top ``limit`` is the top of the full ranked list.

The library is generated (Han characters of varied frequency, full-width and ASCII punctuation,
digits, mixed-case Latin words, reply numbers like JY202200585, sums like 2100万元), a few
thousand paragraphs in replies of several years, bodies and roles, so it builds in seconds.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

import pg_server
from dafu.library import Library, index, tokens
from dafu.library.engines.base import Database
from dafu.library.importer import _store_reply
from dafu.model import Block, BlockKind, ReplyDocument, ReplyMeta

COMMON = "的发展建设企业服务产业支持推进工作区市福田时尚平台科技创新"
RARE = "鑫璟琦瑾翊晞珩蕤芃禛"
PUNCT = list("，。、；：“”《》（）—+-%./:,;()") + ["——"]
LATIN = ["Fashion", "Week", "CBD", "SZIFF", "App", "5G", "Wi-Fi", "eVTOL", "GDP"]
BODIES = ["福田区商务局", "福田区教育局", "福田区科技创新局"]
ROLES = ["background", "work_done", "next_steps"]


def _piece(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.55:
        return "".join(rng.choice(COMMON) for _ in range(rng.randint(1, 6)))
    if r < 0.62:
        return rng.choice(RARE)
    if r < 0.75:
        return rng.choice(PUNCT)
    if r < 0.82:
        return rng.choice([f"{rng.randint(1, 9999)}万元", f"{rng.randint(1, 99)}%", f"JY{rng.randint(2019, 2024)}"
                           f"{rng.randint(0, 99999):05d}", f"{rng.randint(2016, 2025)}-{rng.randint(2017, 2030)}"])
    if r < 0.9:
        word = rng.choice(LATIN)
        return word.upper() if rng.random() < 0.2 else word
    if r < 0.93:
        return " "
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(1, 3)))   # any Han character


def _paragraph(rng: random.Random) -> str:
    return "".join(_piece(rng) for _ in range(rng.randint(4, 60))).strip() or "空"


def _build(location, replies: int = 150, seed: int = 3) -> None:
    rng = random.Random(seed)
    shared = [_paragraph(rng) for _ in range(25)]          # reused by many replies
    documents = []
    for n in range(replies):
        year = 2019 + n % 5
        blocks = [Block(BlockKind.TITLE, f"关于第{n}号建议的答复", lines=(f"关于第{n}号建议的答复",))]
        for i in range(rng.randint(8, 20)):
            text = rng.choice(shared) if rng.random() < 0.15 else _paragraph(rng)
            if len(text) >= 2:
                blocks.append(Block(BlockKind.PARAGRAPH, text, role=rng.choice(ROLES)))
        meta = ReplyMeta(title=blocks[0].text, number=f"JY{year}{n:05d}", issuing_body=rng.choice(BODIES),
                         date=dt.date(year, 1 + n % 12, 1 + n % 28), kind="suggestion")
        documents.append((n, ReplyDocument(blocks, meta)))
    with Library(location, snapshot=False) as library:
        db = library.db

        def write() -> None:
            for n, document in documents:
                with index.batch(db):
                    _store_reply(db, Path(f"gen/{n}.txt"), f"gen-{seed}-{n}", document)
        db.write(write)
        index.fold_pending(db)
        library.tag_reply(1, "教育")


def open_generated(engine: str, tmp_path_factory):
    """The generated library on ``engine``, built once per session (module fixtures share it)."""
    if engine == "sqlite":
        location = tmp_path_factory.mktemp("recall") / "generated.sqlite"
    else:
        location = pg_server.new_database("dafu_recall")
    _build(location)
    return location


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def generated(request, tmp_path_factory):
    location = open_generated(request.param, tmp_path_factory)
    library = Library(location, snapshot=False)
    yield library, library.db
    library.close()
    if request.param == "postgresql":
        pg_server.drop_database(location)


def _queries(conn: Database, count: int = 400, seed: int = 5) -> list[tuple[str, str]]:
    """(kind, query): substrings cut from real paragraphs at every length, and absent strings."""
    rng = random.Random(seed)
    texts = [r[0] for r in conn.execute("SELECT text FROM paragraphs ORDER BY id").fetchall()]
    out: list[tuple[str, str]] = []

    def cut(length: int, want=lambda s: True) -> str | None:
        for _ in range(200):
            text = rng.choice(texts)
            if len(text) < length:
                continue
            start = rng.randrange(len(text) - length + 1)
            piece = text[start:start + length]
            if not any(c.isspace() for c in piece) and want(piece):
                return piece
        return None

    makers = {
        "one character": lambda: cut(1),
        "two characters": lambda: cut(2),
        "word": lambda: cut(rng.randint(3, 6)),
        "punctuation inside": lambda: cut(rng.randint(2, 8), lambda s: any(not c.isalnum() for c in s)),
        "digits": lambda: cut(rng.randint(2, 5), lambda s: any(c.isdigit() for c in s)),
        "partial Latin": lambda: (lambda s: s and (s.lower() if rng.random() < 0.5 else s.upper()))(
            cut(rng.randint(2, 5), lambda s: all(c.isascii() and c.isalpha() for c in s))),
        "pasted sentence": lambda: cut(rng.randint(20, 60)),
        "several words": lambda: " ".join(filter(None, (cut(rng.randint(1, 4)) for _ in range(rng.randint(2, 3))))),
        "absent": lambda: "".join(rng.choice(RARE + COMMON) for _ in range(rng.randint(4, 8))),
    }
    while len(out) < count:
        for kind, make in makers.items():
            query = make()
            if query and query.strip():
                out.append((kind, query))
    return out


def _scan(conn: Database, query: str, where: str = "", params: tuple = ()) -> set[int]:
    """The truth: every paragraph whose text holds every word (a plain scan, no index)."""
    words = [tokens.fold(w) for w in query.split()]
    texts = {pid: tokens.fold(text) for pid, text in conn.execute(f"SELECT p.id, p.text FROM paragraphs p WHERE 1=1{where}",
                                                                  list(params)).fetchall()}
    return {pid for pid, text in texts.items() if all(w in text for w in words)}


ALL = 10 ** 9


def test_search_finds_exactly_what_a_substring_scan_finds(generated):
    library, conn = generated
    queries = _queries(conn)
    assert len(queries) >= 400 and len({k for k, _ in queries}) == 9
    missed = {}
    for kind, query in queries:
        found = [h.paragraph_id for h in library.search(query, limit=ALL)]
        expected = _scan(conn, query)
        assert len(found) == len(set(found)), query
        if set(found) != expected:
            missed[(kind, query)] = (len(expected - set(found)), len(set(found) - expected))
    assert missed == {}
    kinds_with_matches = {k for k, q in queries if _scan(conn, q)}
    assert kinds_with_matches >= {"one character", "two characters", "word", "punctuation inside", "digits",
                                  "partial Latin", "pasted sentence", "several words"}


FILTERS = [
    ({"year": 2021}, " AND EXISTS (SELECT 1 FROM reply_paragraphs rp JOIN replies r ON r.id = rp.reply_id"
                     " WHERE rp.paragraph_id = p.id AND substr(r.date, 1, 4) = '2021')"),
    ({"role": "next_steps"}, " AND p.role = 'next_steps'"),
    ({"issuing_body": "福田区教育局"}, " AND EXISTS (SELECT 1 FROM reply_paragraphs rp JOIN replies r"
                                   " ON r.id = rp.reply_id WHERE rp.paragraph_id = p.id AND r.issuing_body = '福田区教育局')"),
    ({"tag": "教育"}, " AND p.id IN (SELECT paragraph_id FROM reply_paragraphs WHERE reply_id = 1)"),
]


@pytest.mark.parametrize("filters,where", FILTERS, ids=[next(iter(f)) for f, _ in FILTERS])
def test_filtered_search_finds_exactly_what_a_filtered_scan_finds(generated, filters, where):
    library, conn = generated
    for _kind, query in _queries(conn, count=120, seed=11):
        found = {h.paragraph_id for h in library.search(query, limit=ALL, **filters)}
        assert found == _scan(conn, query, where), (query, filters)


def test_the_top_of_a_search_is_the_top_of_all_its_matches(generated):
    library, conn = generated
    for _kind, query in _queries(conn, count=150, seed=17):
        everything = library.search(query, limit=ALL)
        scores = [h.score for h in everything]
        assert scores == sorted(scores, reverse=True), query
        for limit in (1, 5, 51):
            assert [h.paragraph_id for h in library.search(query, limit=limit)] == \
                [h.paragraph_id for h in everything[:limit]], (query, limit)


def test_shorter_and_more_reused_paragraphs_rank_first(new_location):
    with Library(new_location()) as library:
        db = library.db
        from dafu.library.importer import upsert_paragraph

        def write():
            long_one = upsert_paragraph(db, "营商环境" + "，持续优化各项服务措施" * 20, "work_done")
            short_one = upsert_paragraph(db, "持续优化营商环境。", "work_done")
            reused = upsert_paragraph(db, "营商环境" + "，持续优化各项服务措施" * 20 + "。", "work_done")
            for _ in range(30):
                upsert_paragraph(db, "营商环境" + "，持续优化各项服务措施" * 20 + "。", "work_done")
            return long_one, short_one, reused
        long_one, short_one, reused = db.write(write)
        order = [h.paragraph_id for h in library.search("营商环境")]
        assert order == [short_one, reused, long_one]
        assert [h.usage_count for h in library.search("营商环境")] == [1, 31, 1]


def test_a_small_tag_is_searched_through_its_paragraphs_in_the_same_order(generated):
    library, conn = generated
    tagged = {r[0] for r in conn.execute("SELECT paragraph_id FROM reply_paragraphs WHERE reply_id = 1").fetchall()}
    for _kind, query in _queries(conn, count=100, seed=23):
        everything = [h.paragraph_id for h in library.search(query, limit=ALL) if h.paragraph_id in tagged]
        assert [h.paragraph_id for h in library.search(query, limit=ALL, tag="教育")] == everything, query
        assert [h.paragraph_id for h in library.search(query, limit=2, tag="教育")] == everything[:2], query
