"""Import batches, removal of replies with what only they held, and tags on replies."""
import pytest

from dafu import Library
from dafu.errors import LibraryError
from tests_paths import ROOT, SAMPLE_TXT

DATA = ROOT / "tests" / "data" / "replies"


@pytest.fixture
def lib(new_location):
    with Library(new_location()) as library:
        yield library


def _fts_ok(lib) -> None:
    lib.check_integrity()


def _variant(tmp_path, number: str, extra: str):
    text = SAMPLE_TXT.read_text(encoding="utf-8").replace("JY20230126", number)
    path = tmp_path / f"{number}.txt"
    path.write_text(text + f"\n{extra}", encoding="utf-8")
    return path


def test_each_import_is_one_batch_and_lists_its_replies(lib, tmp_path):
    first = lib.import_path(SAMPLE_TXT)
    second = lib.import_path([_variant(tmp_path, "JY20239001", "附加段落甲。"),
                              _variant(tmp_path, "JY20239002", "附加段落乙。")], label="二〇二三年旧答复")
    assert first.batch_id and second.batch_id and first.batch_id != second.batch_id
    batches = {b.id: b for b in lib.import_batches()}
    assert batches[second.batch_id].reply_count == 2 and batches[second.batch_id].label == "二〇二三年旧答复"
    assert {r.number for r in lib.list_replies(batch_id=second.batch_id)} == {"JY20239001", "JY20239002"}
    assert [r.number for r in lib.list_replies(query="9002")] == ["JY20239002"]
    # importing nothing new makes no empty batch
    again = lib.import_path(SAMPLE_TXT)
    assert again.batch_id is None and len(lib.import_batches()) == 2


def test_removing_a_reply_keeps_what_other_replies_share(lib, tmp_path):
    lib.import_path(SAMPLE_TXT)
    other = lib.import_path(_variant(tmp_path, "JY20239001", "只在第二份答复里的段落。"))
    shared_before = {h.paragraph_id: h.usage_count for h in lib.search("时尚", limit=100)}
    assert set(shared_before.values()) == {1, 2}  # the opening names the number: not shared
    new_only = {p["paragraph_id"] for p in lib.reply(other.results[0].reply_id)["paragraphs"]} - {
        p["paragraph_id"] for p in lib.reply(1)["paragraphs"]}
    report = lib.remove_replies([other.results[0].reply_id])
    assert (report.replies, report.paragraphs, report.measures) == (1, len(new_only), 0)
    assert lib.search("只在第二份答复里") == []
    assert {h.paragraph_id: h.usage_count for h in lib.search("时尚", limit=100)} == {
        pid: 1 for pid, count in shared_before.items() if count == 2 or pid not in new_only}
    assert len(lib.measures()) == 4
    _fts_ok(lib)


def test_removing_a_batch_takes_its_paragraphs_and_measures(lib):
    report = lib.import_path(SAMPLE_TXT)
    manual = lib.add_measure(policy="手工录入的政策", item="手工措施", text="给予最高10万元支持", cap_yuan=100_000)
    lib.tag_paragraph(lib.search("时尚")[0].paragraph_id, "文旅")
    removed = lib.remove_batch(report.batch_id)
    assert removed.replies == 1 and removed.paragraphs > 10 and removed.measures == 4
    stats = lib.stats()
    assert (stats["replies"], stats["paragraphs"], stats["paragraph_uses"]) == (0, 0, 0)
    assert [m.id for m in lib.measures()] == [manual]  # entered by hand: stays
    assert lib.search("时尚") == [] and lib.search("福") == [] and lib.import_batches() == []
    _fts_ok(lib)
    # and it can come back
    assert lib.import_path(SAMPLE_TXT).imported == 1 and lib.search("时尚")


def test_tags_on_replies_filter_their_paragraphs(lib):
    lib.import_path(SAMPLE_TXT)
    lib.import_path(DATA / "variant_halfwidth.txt")
    school = next(r for r in lib.list_replies() if r.issuing_body and "教育" in r.issuing_body)
    lib.tag_reply(school.id, "教育")
    assert lib.reply_tags(school.id) == ["教育"] and lib.tags() == ["教育"]
    assert next(r for r in lib.list_replies() if r.id == school.id).tags == ("教育",)
    hits = lib.search("加快", tag="教育")
    assert hits and all(h.reply_id == school.id for h in hits)
    assert lib.search("时尚", tag="教育") == []
    pid = lib.search("时尚")[0].paragraph_id
    lib.tag_paragraph(pid, " 时尚  产业 ")
    assert lib.paragraph_tags(pid) == ["时尚 产业"]
    lib.untag_paragraph(pid, "时尚 产业")
    lib.untag_reply(school.id, "教育")
    assert lib.tags() == [] and lib.search("加快", tag="教育") == []
    with pytest.raises(LibraryError):
        lib.tag_reply(school.id, "   ")
