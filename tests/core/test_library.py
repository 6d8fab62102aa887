import multiprocessing
import shutil
import sqlite3

import pytest
from docx import Document

from dafu.errors import LibraryError
from dafu.library import Library, store
from tests_paths import ROOT, SAMPLE_TXT

DATA = ROOT / "tests" / "data" / "replies"


@pytest.fixture
def lib(new_location):
    with Library(new_location()) as library:
        yield library


@pytest.fixture
def sample_lib(lib):
    lib.import_path(SAMPLE_TXT)
    return lib


def test_explicit_new_library_starts_empty(lib):
    assert lib.stats()["replies"] == 0 and lib.search("时尚") == []


def test_default_library_is_seeded_from_the_bundled_sample(tmp_path, monkeypatch):
    monkeypatch.setenv("DAFU_LIBRARY", str(tmp_path / "fresh" / "library.sqlite"))
    with Library() as library:
        assert library.stats()["replies"] == 1
        assert library.search("时尚")


def test_sample_imported_with_its_parts(sample_lib):
    stats = sample_lib.stats()
    assert stats["replies"] == 1 and stats["measures"] >= 4
    reply = sample_lib.reply(1)
    assert reply["number"] == "JY20230126" and reply["date"] == "2023-05-28"
    assert reply["issuing_body"] == "福田区文化广电旅游体育局" and reply["contact_phone"] == "83131539"
    assert reply["meeting"] == "深圳市福田区第八届人民代表大会第三次会议"
    paths = [p["section_path"] for p in reply["paragraphs"]]
    assert "一、/（三）" in paths and "二、" in paths
    roles = {p["role"] for p in reply["paragraphs"]}
    assert {"opening", "background", "work_done", "next_steps", "closing"} <= roles


def test_measures_linked_to_their_paragraphs(sample_lib):
    measures = {m.item: m for m in sample_lib.measures()}
    fashion = measures["现代时尚产业国际时尚交流平台建设支持"]
    assert (fashion.rate_percent, fashion.cap_yuan) == (30.0, 5_000_000)
    (paragraph_id,) = fashion.paragraph_ids
    assert "总费用的30%" in sample_lib.paragraph(paragraph_id)["text"]


def test_measure_edits_round_trip(sample_lib):
    old = next(m for m in sample_lib.measures() if m.item == "行业提升支持")
    new_id = sample_lib.add_measure(policy="深圳市福田区支持商协会发展若干措施（2024年修订）", item="行业提升支持",
                                    text="按不超过项目审计核准金额的40%，给予最高80万元支持", rate_percent=40,
                                    cap_yuan=800_000, one_off=True, valid_from="2024-01-01")
    sample_lib.update_measure(old.id, valid_to="2023-12-31", superseded_by=new_id)
    again = sample_lib.measure(old.id)
    assert (again.valid_to, again.superseded_by) == ("2023-12-31", new_id)
    assert sample_lib.measure(new_id).cap_yuan == 800_000
    with pytest.raises(ValueError):
        sample_lib.update_measure(old.id, bogus=1)


def test_search_one_two_and_more_characters(sample_lib):
    assert sample_lib.search("福")
    assert all("时尚" in h.text for h in sample_lib.search("时尚"))
    hits = sample_lib.search("直播电商")
    assert hits and all("直播电商" in h.text for h in hits)
    assert "【直播电商】" in hits[0].snippet and "<b>直播电商</b>" in hits[0].snippet_html
    assert hits[0].reply.endswith("的回复") and hits[0].date == "2023-05-28"
    assert sample_lib.search("Fashion") and sample_lib.search("不存在的词语组合") == []
    assert sample_lib.search("  ，。 ") == []


def test_search_filters(sample_lib):
    sample_lib.import_path(DATA / "variant_halfwidth.txt")
    assert sample_lib.search("加快", role="next_steps")
    assert all(h.role == "next_steps" for h in sample_lib.search("加快", role="next_steps"))
    assert sample_lib.search("学位", year=2023) and not sample_lib.search("学位", year=2022)
    assert not sample_lib.search("时尚", issuing_body="深圳市福田区教育局")
    assert sample_lib.search("学位", kind="suggestion")
    pid = sample_lib.search("学位")[0].paragraph_id
    sample_lib.tag_paragraph(pid, "教育")
    assert [h.paragraph_id for h in sample_lib.search("学位", tag="教育")] == [pid]
    assert sample_lib.tags() == ["教育"] and 2023 in sample_lib.years()
    assert "深圳市福田区教育局" in sample_lib.issuing_bodies()


def test_similar_finds_related_paragraphs_first(sample_lib):
    sample_lib.import_path(DATA / "variant_halfwidth.txt")
    hits = sample_lib.similar("建议进一步发展直播电商，培育直播基地和网红主播，扩大时尚产品销售。")
    assert hits and "直播" in hits[0].text
    school = sample_lib.similar("关于增加中小学学位供给、加快学校建设的建议")
    assert "学" in school[0].text


def test_reimport_changes_nothing_and_paragraphs_are_shared(lib, tmp_path):
    lib.import_path(SAMPLE_TXT)
    before = lib.stats()
    report = lib.import_path(SAMPLE_TXT)
    assert report.results[0].skipped and lib.stats() == before
    # The same reply in another file (a .docx copy) shares every paragraph.
    document = Document()
    for line in SAMPLE_TXT.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "copy.docx")
    lib.import_path(tmp_path / "copy.docx")
    after = lib.stats()
    assert after["replies"] == 2 and after["paragraphs"] == before["paragraphs"]
    assert {h.usage_count for h in lib.search("时尚")} == {2}


def test_bad_files_are_reported_and_skipped(lib):
    report = lib.import_path(DATA)
    errors = {r.file.rsplit("/", 1)[-1]: r.error for r in report.failed}
    assert set(errors) == {"corrupt.docx", "encrypted.docx", "empty.txt", "shopping_list.txt"}
    assert report.imported == 4 and lib.stats()["replies"] == 4


def test_cancel_between_files_leaves_whole_replies(lib):
    seen = []
    report = lib.import_path(DATA, progress=lambda done, total, r: seen.append(done), cancel=lambda: len(seen) >= 2)
    assert report.cancelled and len(report.results) == 2
    replies = lib.stats()["replies"]
    assert replies == sum(1 for r in report.results if r.ok)
    # every stored reply has its paragraphs: nothing half-imported
    assert lib.db.execute("SELECT count(*) FROM replies r WHERE NOT EXISTS"
                          " (SELECT 1 FROM reply_paragraphs rp WHERE rp.reply_id = r.id)").fetchone()[0] == 0


def test_drafts_are_kept(lib):
    draft_id = lib.save_draft("template = \"letter\"\n", name="草稿一")
    assert lib.save_draft("template = \"suggestion_reply\"\n", draft_id=draft_id, name="草稿一") == draft_id
    assert lib.load_draft(draft_id).startswith('template = "suggestion_reply"')
    assert [d.name for d in lib.list_drafts()] == ["草稿一"]
    lib.delete_draft(draft_id)
    with pytest.raises(LibraryError):
        lib.load_draft(draft_id)


def _import_in_child(path, folder):
    with Library(path) as library:
        library.import_path(folder)


def test_two_processes_writing_at_once(tmp_path, new_location):
    path = new_location("shared")
    Library(path).close()
    folders = []
    for n in range(2):
        folder = tmp_path / f"f{n}"
        folder.mkdir()
        for i in range(6):
            text = SAMPLE_TXT.read_text(encoding="utf-8").replace("JY20230126", f"JY2023{n}{i:03d}")
            (folder / f"r{i}.txt").write_text(text + f"\n附加段落{n}{i}。", encoding="utf-8")
        folders.append(folder)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_import_in_child, args=(path, f)) for f in folders]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with Library(path) as library:
        assert library.stats()["replies"] == 12


def test_migration_from_previous_schema(tmp_path):  # SQLite only: a server's schema starts at 4
    path = tmp_path / "v1.sqlite"
    db = store.connect(path, migrate_to=1)
    db.execute("INSERT INTO replies (title, source_hash, imported_at) VALUES ('旧答复', 'h', '2022-01-01')")
    db.execute("INSERT INTO measures (key, item, cap_yuan) VALUES ('|x', 'x', 100)")
    db.conn.close()
    with Library(path) as library:
        assert library.stats()["schema_version"] == store.SCHEMA_VERSION
        assert library.reply(1)["title"] == "旧答复"
        assert library.measures()[0].valid_to is None
        library.save_draft("x")


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer"):
        Library(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError) as err:
        Library(path)
    assert str(path) in str(err.value)


def test_read_only_library_gives_a_clear_error(tmp_path):
    path = tmp_path / "ro.sqlite"
    with Library(path) as library:
        library.import_path(SAMPLE_TXT)
    shutil.copy(path, tmp_path / "ro2.sqlite")
    uri_path = tmp_path / "ro2.sqlite"
    with Library(uri_path) as library:
        library.db.execute("PRAGMA query_only = ON")
        with pytest.raises(LibraryError, match="read-only"):
            library.save_draft("x")
