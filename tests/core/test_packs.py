"""Library packs: export part of a library, merge it elsewhere, deduplicated, conflicts listed."""
import json
import zipfile

import pytest

from dafu import Library
from dafu.library.packs import PackError, PackFilters
from tests_paths import ROOT, SAMPLE_TXT

DATA = ROOT / "tests" / "data" / "replies"


@pytest.fixture
def _lib(new_location, tmp_path):
    """Open a library by name: each name its own library on the test's engine."""
    made = {}

    def open_(name):
        if name not in made:
            made[name] = new_location(name.split(".")[0].split("/")[-1])
        return Library(made[name])
    return open_


@pytest.fixture
def full(_lib):
    with _lib("a") as lib:
        lib.import_path([SAMPLE_TXT, DATA / "variant_halfwidth.txt", DATA / "variant_units.txt"])
        lib.tag_reply(lib.list_replies(query="JY20230126")[0].id, "时尚")
        lib.tag_paragraph(lib.search("直播电商")[0].paragraph_id, "电商")
        yield lib


def _state(lib):
    """What a clerk sees: search results, measures, tags — not row ids."""
    searches = {q: sorted((h.text, h.usage_count) for h in lib.search(q, limit=200))
                for q in ("时尚", "福", "学位", "直播电商", "30%", "加快")}
    measures = sorted(json.dumps({k: v for k, v in m.to_json().items() if k not in ("id", "paragraph_ids",
                                                                                     "superseded_by")},
                                 ensure_ascii=False, sort_keys=True) for m in lib.measures())
    tagged = {t: sorted(h.text for h in lib.search("的", tag=t, limit=500)) for t in lib.tags()}
    return searches, measures, tagged, lib.stats()["replies"], lib.stats()["paragraphs"]


def test_round_trip_into_an_empty_library_gives_the_same_answers(full, _lib, tmp_path):
    report = full.export_pack(tmp_path / "all.dafupack")
    assert (report.replies, report.measures) == (3, len(full.measures()))
    with _lib("b") as other:
        merged = other.merge_pack(tmp_path / "all.dafupack")
        assert merged.replies_added == 3 and not merged.conflicts
        assert _state(other) == _state(full)
        other.check_integrity()
        # merging twice changes nothing
        before = _state(other)
        again = other.merge_pack(tmp_path / "all.dafupack")
        assert (again.replies_added, again.replies_present, again.measures_added) == (0, 3, 0)
        assert _state(other) == before
        # the merge is one import batch, removable whole
        assert other.remove_batch(merged.batch_id).replies == 3 and other.stats()["paragraphs"] == 0


def test_overlapping_packs_double_nothing(full, _lib, tmp_path):
    full.export_pack(tmp_path / "y2023.dafupack", PackFilters(year=2023))
    full.export_pack(tmp_path / "fashion.dafupack", PackFilters(tag="时尚"))
    with _lib("b") as other:
        first = other.merge_pack(tmp_path / "fashion.dafupack")
        assert first.replies_added == 1
        second = other.merge_pack(tmp_path / "y2023.dafupack")
        assert second.replies_present == 1 and second.replies_added >= 1
        # each paragraph's usage counts its uses once per reply, as a direct import would give
        with _lib("direct") as direct:
            numbers = {r.number for r in other.list_replies()}
            direct.import_path([p for p in (SAMPLE_TXT, DATA / "variant_halfwidth.txt", DATA / "variant_units.txt")])
            for r in direct.list_replies():
                if r.number not in numbers:
                    direct.remove_replies([r.id])
            assert _state(other)[0] == _state(direct)[0]


def test_filters_select_replies_and_the_measures_they_cite(full, _lib, tmp_path):
    report = full.export_pack(tmp_path / "edu.dafupack", PackFilters(issuing_body="深圳市福田区教育局"))
    assert report.replies == 1
    with _lib("b") as other:
        other.merge_pack(tmp_path / "edu.dafupack")
        assert [r.issuing_body for r in other.list_replies()] == ["深圳市福田区教育局"]
        assert other.search("时尚") == []
    assert full.export_pack(tmp_path / "none.dafupack", PackFilters(since="2099-01-01")).replies == 0


def test_changed_measure_is_a_conflict_resolved_by_the_clerk(full, _lib, tmp_path):
    full.export_pack(tmp_path / "all.dafupack")
    with _lib("b") as other:
        other.merge_pack(tmp_path / "all.dafupack")
    # the owning office raises a cap and marks validity, then sends a new pack
    fashion = next(m for m in full.measures() if m.cap_yuan == 5_000_000)
    full.update_measure(fashion.id, cap_yuan=8_000_000, valid_to="2025-12-31")
    full.export_pack(tmp_path / "new.dafupack")
    with _lib("b") as other:
        (conflict,) = other.pack_conflicts(tmp_path / "new.dafupack")
        assert set(conflict.differences) == {"cap_yuan", "valid_to"}
        kept = other.merge_pack(tmp_path / "new.dafupack")
        assert [c.key for c in kept.conflicts] == [conflict.key]
        assert any(m.cap_yuan == 5_000_000 for m in other.measures())
        taken = other.merge_pack(tmp_path / "new.dafupack", resolutions={conflict.key: "pack"})
        assert taken.measures_updated == 1 and not taken.conflicts
        assert any(m.cap_yuan == 8_000_000 and m.valid_to == "2025-12-31" for m in other.measures())
        assert not other.pack_conflicts(tmp_path / "new.dafupack")


def test_supersession_travels_by_key(full, _lib, tmp_path):
    old = next(m for m in full.measures() if m.item == "行业提升支持")
    new_id = full.add_measure(policy="深圳市福田区支持商协会发展若干措施（2024年修订）", item="行业提升支持",
                              text="给予最高80万元支持", cap_yuan=800_000)
    full.update_measure(old.id, superseded_by=new_id, valid_to="2023-12-31")
    full.export_pack(tmp_path / "all.dafupack")
    with _lib("b") as other:
        other.merge_pack(tmp_path / "all.dafupack")
        measures = {m.id: m for m in other.measures()}
        moved_old = next(m for m in measures.values() if m.item == "行业提升支持" and m.cap_yuan != 800_000)
        assert measures[moved_old.superseded_by].cap_yuan == 800_000


@pytest.mark.parametrize("damage", ["not a zip", "no manifest", "foreign format", "bad hash", "missing paragraph"])
def test_damaged_packs_are_refused_by_name(full, _lib, tmp_path, damage):
    good = tmp_path / "good.dafupack"
    full.export_pack(good)
    bad = tmp_path / "bad.dafupack"
    members = {}
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    if damage == "not a zip":
        bad.write_bytes(b"PK\x03\x04 garbage" * 10)
    else:
        if damage == "no manifest":
            members.pop("manifest.json")
        elif damage == "foreign format":
            members["manifest.json"] = b'{"format": "other"}'
        elif damage == "bad hash":
            lines = members["paragraphs.jsonl"].decode().splitlines()
            record = json.loads(lines[0])
            record["text"] += "篡改"
            members["paragraphs.jsonl"] = ("\n".join([json.dumps(record, ensure_ascii=False), *lines[1:]])).encode()
        elif damage == "missing paragraph":
            members["paragraphs.jsonl"] = b"\n".join(members["paragraphs.jsonl"].splitlines()[1:])
        with zipfile.ZipFile(bad, "w") as z:
            for name, data in members.items():
                z.writestr(name, data)
    with _lib("b") as other:
        with pytest.raises(PackError) as err:
            other.merge_pack(bad)
        assert str(bad) in str(err.value)
        assert other.stats()["replies"] == 0 and other.measures() == []


def test_export_never_leaves_half_a_file(full, tmp_path, monkeypatch):
    target = tmp_path / "kept.dafupack"
    target.write_bytes(b"the clerk's earlier pack")

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("zipfile.ZipFile.writestr", full_disk)
    with pytest.raises(PackError) as err:
        full.export_pack(target)
    assert str(target) in str(err.value)
    assert target.read_bytes() == b"the clerk's earlier pack"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kept")] == []
