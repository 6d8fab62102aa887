"""Search behaves the same on both engines: the same library gives the same results, in the same
order (rank keys are unique), whichever way the server reads its index — the GIN index at once for
words whose rarest term is rare, in steps along the rank order (a slice of rank-key blocks each) for
common ones."""
from __future__ import annotations

import random

import pytest

import pg_server
from dafu.library import Library
from dafu.library.engines import postgresql
from test_search_recall import ALL, _queries, _scan, open_generated

pytestmark = pytest.mark.postgresql
BLOCK_TERMS = postgresql.block_terms


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    lite = Library(open_generated("sqlite", tmp_path_factory), snapshot=False)
    server_location = open_generated("postgresql", tmp_path_factory)
    server = Library(server_location, snapshot=False)
    yield lite, server
    lite.close()
    server.close()
    pg_server.drop_database(server_location)


@pytest.mark.parametrize("plan", ["as chosen", "steps", "gin"])
def test_same_results_in_the_same_order(both, monkeypatch, plan):
    lite, server = both
    if plan == "steps":     # every word counts as common: the rank order is read in many small steps
        monkeypatch.setattr(postgresql, "GIN_CANDIDATES", -1)
        monkeypatch.setattr(postgresql, "STEP_ROWS", 7)
        monkeypatch.setattr(postgresql, "STEP_GROWTH", 2)
    elif plan == "gin":
        monkeypatch.setattr(postgresql, "GIN_CANDIDATES", 10 ** 9)
    server.db._totals = None
    steps = []
    monkeypatch.setattr(postgresql, "block_terms", lambda *a: steps.append(a) or BLOCK_TERMS(*a))
    for kind, query in _queries(lite.db, count=180, seed=29):
        for limit, filters in ((ALL, {}), (51, {}), (5, {}), (20, {"year": 2021}), (20, {"role": "next_steps"})):
            expected = [h.paragraph_id for h in lite.search(query, limit=limit, **filters)]
            found = [h.paragraph_id for h in server.search(query, limit=limit, **filters)]
            assert found == expected, (kind, query, limit, filters)
        assert {h.paragraph_id for h in server.search(query, limit=ALL)} == _scan(server.db, query)
    assert (len(steps) > 500) if plan == "steps" else (plan != "gin" or not steps)


@pytest.fixture(scope="module")
def spread(tmp_path_factory):
    """The generated library on the server with its paragraph ids spread out (× 4099), so that each
    standing's rank keys fill hundreds of blocks and a step ends inside a level, not only between."""
    import shutil
    import sqlite3
    source = open_generated("sqlite", tmp_path_factory)
    copy = source.with_name("spread.sqlite")
    shutil.copy(source, copy)
    with sqlite3.connect(copy) as conn:
        for table in ("paragraphs", "reply_paragraphs", "measure_citations", "paragraph_tags"):
            column = "id" if table == "paragraphs" else "paragraph_id"
            conn.execute(f"UPDATE {table} SET {column} = {column} * 4099")
    location = pg_server.new_database("dafu_spread")
    db = postgresql.connect(location)
    postgresql.load_from_sqlite(db, copy)
    db.close()
    library = Library(location, snapshot=False)
    yield library
    library.close()
    pg_server.drop_database(location)


def test_steps_through_blocks_inside_a_level_find_what_one_gin_read_finds(spread, monkeypatch):
    steps = []
    for kind, query in _queries(spread.db, count=120, seed=31):
        for limit, filters in ((51, {}), (5, {}), (20, {"role": "next_steps"})):
            monkeypatch.setattr(postgresql, "GIN_CANDIDATES", 10 ** 9)
            expected = [h.paragraph_id for h in spread.search(query, limit=limit, **filters)]
            monkeypatch.setattr(postgresql, "GIN_CANDIDATES", -1)
            monkeypatch.setattr(postgresql, "STEP_ROWS", 5)
            monkeypatch.setattr(postgresql, "STEP_GROWTH", 2)
            monkeypatch.setattr(postgresql, "block_terms", lambda *a: steps.append(BLOCK_TERMS(*a)) or steps[-1])
            assert [h.paragraph_id for h in spread.search(query, limit=limit, **filters)] == expected, \
                (kind, query, limit, filters)
            monkeypatch.undo()
    buckets = [t for terms in steps for t in terms if t >= 0]
    assert len(steps) > 300 and len(buckets) > 1000 and sum(1 for terms in steps if any(t < 0 for t in terms))
    spread.check_integrity()


def test_same_hits_and_similar(both):
    lite, server = both
    for text in ("时尚产业支持企业发展平台建设", "福田区科技创新服务", "鑫璟琦瑾 推进工作"):
        a, b = lite.similar(text, limit=15), server.similar(text, limit=15)
        assert [round(h.score, 3) for h in a] == [round(h.score, 3) for h in b]
        assert {h.paragraph_id for h in a if h.score > b[-1].score} == {h.paragraph_id for h in b if h.score > b[-1].score}
    one, two = lite.search("时尚", limit=3), server.search("时尚", limit=3)
    assert [(h.paragraph_id, h.snippet, h.reply_id, h.section_path, h.score, h.usage_count) for h in one] == \
        [(h.paragraph_id, h.snippet, h.reply_id, h.section_path, h.score, h.usage_count) for h in two]
    assert lite.tags() == server.tags() and lite.years() == server.years()
    assert lite.issuing_bodies() == server.issuing_bodies()
    def listed(library):
        return [{k: v for k, v in r.to_json().items() if k != "imported_at"} for r in library.list_replies(query="jy2021")]
    assert listed(lite) == listed(server) and listed(lite)
    server.check_integrity()


def test_block_terms_cover_exactly_the_blocks_asked_for():
    """The GIN is asked for a slice of the ranking by block terms: every block of the slice that can
    hold a paragraph is covered (a whole level by its level term), and no block outside it."""
    per_level = postgresql._LEVEL_BUCKETS
    rng = random.Random(7)

    def held(term: int, floor: int) -> set[int]:
        if term < 0:
            level = -1 - term
            return set(range(level * per_level + floor, (level + 1) * per_level))
        return {term}
    for _ in range(3000):
        floor = rng.choice([0, per_level - 1, rng.randrange(per_level)])
        first = rng.randrange(4 * per_level)
        last = first + rng.choice([0, 1, rng.randrange(per_level), rng.randrange(3 * per_level)])
        wanted = {b for b in range(first, last + 1) if b % per_level >= floor}
        terms = postgresql.block_terms(first, last, floor)
        assert len(terms) == len(set(terms))
        covered = set().union(*(held(t, floor) for t in terms)) if terms else set()
        assert covered == wanted, (first, last, floor, terms)


def test_block_expression_matches_the_rank_keys():
    from dafu.library import index
    assert postgresql.LEVEL_SHIFT == index.ID_BITS
    assert postgresql.LAST_KEY == (index.LEVELS << index.ID_BITS) - 1 >= index.rank_key(1, 10 ** 6, 1)
    assert postgresql._floor_bucket(1) == (index.ID_MASK - 1 - (1 << postgresql.BLOCK_SHIFT)) >> postgresql.BLOCK_SHIFT


def test_rank_scale_places_keys_where_that_share_of_the_ranking_ends():
    """From a histogram of rank keys (equal shares between bounds), key_at(p) is a key with about a
    share p of the ranking before it — interpolated over the ids that exist, not the empty key space
    between standings."""
    import bisect
    from dafu.library import index
    rng = random.Random(3)
    newest = 180_000
    keys = sorted({index.rank_key(pid, rng.choice([30, 60, 120, 180, 180, 240, 400]) + rng.randrange(40),
                                  rng.choice([1, 1, 1, 2, 10])) for pid in rng.sample(range(1, newest + 1), 60_000)})
    bounds = [keys[min(len(keys) - 1, round(i * (len(keys) - 1) / 100))] for i in range(101)]
    scale = postgresql.RankScale(bounds, newest)
    previous = -1
    for step in range(1, 100):
        key = scale.key_at(step / 100 + 0.004)
        assert key >= previous
        previous = key
        share = bisect.bisect_right(keys, key) / len(keys)
        assert abs(share - (step / 100 + 0.004)) < 0.011, (step, share)
        assert (key & index.ID_MASK) >= postgresql._floor_bucket(newest) << postgresql.BLOCK_SHIFT
