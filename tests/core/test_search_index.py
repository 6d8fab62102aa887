"""The search index's bookkeeping: migration 4 re-indexes an existing library (with progress),
document frequencies match the text, removal and reuse keep index and text in step."""
from __future__ import annotations

import sqlite3
from collections import Counter

from dafu.library import Library, index, store, tokens
from tests_paths import SAMPLE_TXT


def _integrity(library: Library) -> None:
    library.db.execute("INSERT INTO paragraph_fts (paragraph_fts, rank) VALUES ('integrity-check', 1)")


def _true_frequencies(library: Library) -> Counter:
    counts: Counter = Counter()
    for (text,) in library.db.execute("SELECT text FROM paragraphs"):
        counts.update(tokens.terms(text))
    return counts


def test_a_version_3_library_is_migrated_and_reindexed_with_progress(tmp_path):
    path = tmp_path / "old.sqlite"
    db = store.connect(path, migrate_to=3)
    texts = ["时尚+科技多功能数字空间", "商协会、企业加快数字化转型", "JY202200585号建议，2100万元", "Fashion Week 2023-2025年"]
    db.execute("INSERT INTO replies (id, title, date, imported_at) VALUES (1, '答复', '2023-05-28', '2023-06-01')")
    for i, text in enumerate(texts, 1):
        db.execute("INSERT INTO paragraphs (id, text_hash, text, role, usage_count) VALUES (?, ?, ?, 'work_done', 1)",
                   [i, f"h{i}", text])
        db.execute("INSERT INTO reply_paragraphs (reply_id, position, paragraph_id) VALUES (1, ?, ?)", [i, i])
    db.execute("INSERT INTO measures (key, policy, item, text) VALUES ('k', '深圳市 福田区措施', '“行业 提升支持”', '…')")
    db.conn.close()

    seen = []
    store.connect(path, progress=lambda done, total: seen.append((done, total))).conn.close()
    assert seen and seen[-1] == (4, 4)
    with Library(path) as library:
        assert library.stats()["schema_version"] == 4
        for query, expected in [("尚+科", 1), ("、企业", 1), ("2022", 1), ("100万元", 1), ("ashion we", 1),
                                ("2023-2025", 1), ("数字", 2)]:
            assert len(library.search(query)) == expected, query
        assert [m.item for m in library.measures_for("行业提升支持")] == ["“行业 提升支持”"]
        assert library.measures_for("行业提升支持", policy="《深圳市福田区措施》")
        assert not library.measures_for("行业提升支持", policy="别的措施")
        _integrity(library)


def test_frequencies_match_the_text_after_import_and_removal(tmp_path):
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_path(SAMPLE_TXT)
        assert library.db.execute("SELECT count(*) FROM search_terms").fetchone()[0] == 0   # pending: not counted yet
        assert library.search("时尚")                                                      # and found all the same
        index.fold_pending(library.db)
        truth = _true_frequencies(library)
        stored = dict(library.db.execute("SELECT term, df FROM search_terms WHERE df > 0"))
        assert stored == dict(truth)
        assert index.totals(library.db) == (library.stats()["paragraphs"],
                                            library.db.execute("SELECT sum(length(text)) FROM paragraphs").fetchone()[0])
        library.remove_replies([1])
        assert library.db.execute("SELECT count(*) FROM search_terms WHERE df != 0").fetchone()[0] == 0
        assert index.totals(library.db) == (0, 0)
        assert library.search("时尚") == []
        _integrity(library)


def test_frequencies_of_paragraphs_added_since_the_last_fold_come_in_with_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "FOLD_AT", 3)
    with Library(tmp_path / "lib.sqlite") as library:
        db = library.db
        from dafu.library.importer import upsert_paragraph
        db.execute("BEGIN")
        for text in ["时尚产业", "时尚平台", "学位供给"]:
            upsert_paragraph(db, text, "other")
        db.execute("COMMIT")
        # the third paragraph reached FOLD_AT: all three are counted
        assert dict(db.execute("SELECT term, df FROM search_terms WHERE term IN ('时尚', '学位')")) == \
            {"时尚": 2, "学位": 1}
        db.execute("BEGIN")
        upsert_paragraph(db, "时尚周", "other")
        db.execute("COMMIT")
        assert len(library.search("时尚")) == 3           # found before it is counted
        index.fold_pending(db)
        assert db.execute("SELECT df FROM search_terms WHERE term = '时尚'").fetchone()[0] == 3


def test_reuse_moves_a_paragraph_up_and_removal_moves_it_back(tmp_path):
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_path(SAMPLE_TXT)
        copy = tmp_path / "copy.txt"
        copy.write_text(SAMPLE_TXT.read_text(encoding="utf-8") + "\n附：补充说明。\n", encoding="utf-8")
        before = {h.paragraph_id: h.score for h in library.search("时尚", limit=100)}
        library.import_path(copy)
        after = {h.paragraph_id: h.score for h in library.search("时尚", limit=100)}
        assert set(after) == set(before) and all(after[p] > before[p] for p in before)
        _integrity(library)
        library.remove_replies([2])
        assert {h.paragraph_id: h.score for h in library.search("时尚", limit=100)} == before
        _integrity(library)


def test_query_terms_cover_punctuation_digits_and_latin_as_characters():
    assert {"尚+", "+科"} <= tokens.terms("时尚+科技") or {"尚\ue02b", "\ue02b科"} <= tokens.terms("时尚+科技")
    assert tokens.word_terms("2022") == ["20", "02", "22"]
    assert tokens.word_terms("Fa") == ["fa"]
    assert tokens.words("Fashion  WEEK 时尚") == ["fashion", "week", "时尚"]
    assert tokens.terms("a b") == {"a", "b"}        # spaces separate runs: no pair across them
    assert all('"' not in term for term in tokens.word_terms('“引号"里'))   # a quote never ends a MATCH string


def test_an_unreadable_search_table_is_a_library_error(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        library.import_path(SAMPLE_TXT)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE paragraph_fts")
    conn.commit()
    conn.close()
    with Library(path) as library:
        try:
            library.search("时尚")
        except Exception as exc:   # noqa: BLE001 — the type is the point
            assert type(exc).__name__ == "LibraryError"
        else:
            raise AssertionError("expected a LibraryError")


def test_a_paragraph_repeated_in_one_reply_is_indexed_once_with_its_count(tmp_path):
    reply = tmp_path / "repeat.txt"
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    body = "我区将持续优化营商环境，推动时尚产业高质量发展。"
    reply.write_text(text.replace("特此回复。", f"{body}\n{body}\n{body}\n特此回复。"), encoding="utf-8")
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_path(reply)
        (hit,) = library.search("持续优化营商环境")
        assert hit.usage_count == 3
        _integrity(library)
        rows = library.db.execute("SELECT count(*) FROM paragraph_fts WHERE paragraph_fts MATCH ?",
                                  [tokens.match_expression(tokens.word_terms("营商"))]).fetchone()[0]
        assert rows == 1


def test_a_failed_batch_writes_no_index_rows(tmp_path):
    with Library(tmp_path / "lib.sqlite") as library:
        db = library.db
        from dafu.library.importer import upsert_paragraph
        db.execute("BEGIN")
        try:
            with index.batch(db):
                upsert_paragraph(db, "时尚产业", "other")
                raise RuntimeError("disk full")
        except RuntimeError:
            db.execute("ROLLBACK")
        assert library.search("时尚") == [] and index._batches == {}
        _integrity(library)
