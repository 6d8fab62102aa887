"""Search behaves the same on both engines: the same library gives the same results, in the same
order (rank keys are unique), whichever way the server reads its index — the GIN index for words
whose rarest term is rare, the rank-order walk for very common ones."""
from __future__ import annotations

import pytest

import pg_server
from dafu.library import Library
from dafu.library.engines import postgresql
from test_search_recall import ALL, _queries, _scan, open_generated

pytestmark = pytest.mark.postgresql


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    lite = Library(open_generated("sqlite", tmp_path_factory), snapshot=False)
    server_location = open_generated("postgresql", tmp_path_factory)
    server = Library(server_location, snapshot=False)
    yield lite, server
    lite.close()
    server.close()
    pg_server.drop_database(server_location)


@pytest.mark.parametrize("plan", ["as chosen", "walk", "gin"])
def test_same_results_in_the_same_order(both, monkeypatch, plan):
    lite, server = both
    if plan == "walk":     # every word counts as common: the rank order is walked, in small chunks
        monkeypatch.setattr(postgresql, "GIN_CANDIDATES", -1)
        monkeypatch.setattr(postgresql, "WALK_BUDGET", 600)
    elif plan == "gin":
        monkeypatch.setattr(postgresql, "GIN_CANDIDATES", 10 ** 9)
    server.db._totals = None
    for kind, query in _queries(lite.db, count=180, seed=29):
        for limit, filters in ((ALL, {}), (51, {}), (5, {}), (20, {"year": 2021}), (20, {"role": "next_steps"})):
            expected = [h.paragraph_id for h in lite.search(query, limit=limit, **filters)]
            found = [h.paragraph_id for h in server.search(query, limit=limit, **filters)]
            assert found == expected, (kind, query, limit, filters)
        assert {h.paragraph_id for h in server.search(query, limit=ALL)} == _scan(server.db, query)


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
