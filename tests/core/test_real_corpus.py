"""The corpus of real replies (tests/data/real/) and its scorer.

Runs the current reader over the ``dev`` part only - ``holdout`` is the final check and
is never read here beyond matching its file list with its key.  No accuracy floor yet:
the reader's work (issue 13) sets one on top of ``corpus_scoring.score``.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

import corpus_scoring as cs

# Files the current reader cannot import at all.  Each is a strict xfail, so fixing the
# reader makes the test fail until the file is taken off this list.
KNOWN_IMPORT_FAILURES: dict[str, str] = {}  # 042 (the whole letter on one line) is read since issue 13

DEV_FILES = [entry["file"] for entry in cs.load_key("dev")]


def _marked(name: str):
    reason = KNOWN_IMPORT_FAILURES.get(f"dev/{name}")
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason)) if reason else name


@pytest.mark.parametrize("name", [_marked(name) for name in DEV_FILES])
def test_dev_file_imports_without_error(name):
    fields = cs.current_reader(cs.REAL / "dev" / name)
    assert set(cs.FIELDS) <= set(fields)


def test_scorer_over_dev_accounts_for_every_file_and_field():
    report = cs.score(["dev"])
    assert report.files == len(DEV_FILES) >= 55
    assert {r.name for r in report.errors} == set(KNOWN_IMPORT_FAILURES)
    misses = report.misses()
    for field in cs.FIELDS:
        wrong = sum(1 for _, f, _, _ in misses if f == field)
        assert report.right(field) + wrong == report.files
    summary = cs.format_report(report, misses=False)
    assert "overall" in summary and "dev" in summary
    print("\n" + summary)


@pytest.mark.parametrize("part", cs.PARTS)
def test_each_part_has_one_key_entry_per_file(part):
    folder = cs.REAL / part
    on_disk = {p.name for p in folder.iterdir() if p.suffix in (".txt", ".docx")}
    in_key = [entry["file"] for entry in cs.load_key(part)]
    assert len(in_key) == len(set(in_key))
    assert set(in_key) == on_disk


def test_dev_key_entries_are_well_formed():
    for entry in cs.load_key("dev"):
        name = entry["file"]
        assert re.fullmatch(r"\d{3}\.(txt|docx)", name), name
        assert entry["kind"] in ("suggestion", "proposal"), name
        assert entry["source_url"].startswith(("http://", "https://")), name
        assert set(cs.FIELDS) <= set(entry), name
        for value in [entry["date"], *entry.get("alternatives", {}).get("date", [])]:
            if value is not None:
                dt.date.fromisoformat(value)
        assert set(entry.get("alternatives", {})) <= set(cs.FIELDS), name
        text_name = name.replace(".docx", ".txt")
        assert (cs.REAL / "dev" / text_name).exists(), name


def test_docx_twins_hold_the_same_lines_as_their_text():
    from docx import Document

    twins = sorted((cs.REAL / "dev").glob("*.docx"))
    assert twins
    for path in twins:
        document = Document(str(path))
        lines = [p.text for p in document.paragraphs]
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        header = [cell.text for table in document.sections[0].header.tables
                  for row in table.rows for cell in row.cells]
        text = path.with_suffix(".txt").read_text(encoding="utf-8").split("\n")[:-1]
        assert sorted(lines + cells + header) == sorted(text), path.name


# -- the comparison rules (README: "How a field is compared") ------------------------------

def entry(**fields):
    alternatives = fields.pop("alternatives", {})
    base = {f: None for f in cs.FIELDS}
    base.update(fields, alternatives=alternatives)
    return base


@pytest.mark.parametrize("field,expected,got,ok", [
    ("title", "关于对市政协九届四次会议第58号提案的答 复", "关于对市政协九届四次会议第58号提案的答复", True),
    ("title", "关于“书院路”护栏的提案（提案编号2022004）复函", '关于"书院路"护栏的提案(提案编号2022004)复函', True),
    ("title", "对县政协提案第21号的答复", "登录 | 注册对县政协提案第21号的答复", False),
    ("number", "016", "16", True),
    ("number", "DH0271", "第dh0271号", True),
    ("number", "台52", "52", False),
    ("salutation", "尊敬的王爱珍代表", "王爱珍代表：", True),
    ("salutation", "陈刚、马晓东、陈荣华、司书钊、张玲玲代表", "陈刚,马晓东,陈荣华,司书钊,张玲玲代表:", True),
    ("salutation", "张三代表", "张三委员", False),
    ("issuing_body", "宁陕县住房和城乡建设局", "宁陕县住房和城乡建设局 ", True),
    ("issuing_body", None, "返回顶部", False),
    ("date", "2023-05-18", "2023-05-18", True),
    ("date", "2023-05-18", None, False),
    ("contact_person", "布音", "布  音", True),
    ("contact_person", "李晓毅", "李晓毅联", False),
    ("contact_phone", "0539—7312468", "0539-7312468", True),
    ("contact_phone", "0730-3722246", "07303722246", True),
    ("contact_phone", "0730-3722246", "0730-372224", False),
    ("contact_phone", None, None, True),
])
def test_comparison_rules(field, expected, got, ok):
    assert cs.matches(entry(**{field: expected}), field, got) is ok


def test_alternatives_are_accepted_and_nothing_else():
    key = entry(issuing_body="县文化旅游和广播电视局", alternatives={"issuing_body": ["阜蒙县文化旅游和广播电视局"]})
    assert cs.matches(key, "issuing_body", "县文化旅游和广播电视局")
    assert cs.matches(key, "issuing_body", "阜蒙县文化旅游和广播电视局")
    assert not cs.matches(key, "issuing_body", None)
    assert not cs.matches(key, "issuing_body", "阜新市文化旅游和广播电视局")


def test_a_reader_that_raises_scores_zero_and_is_listed(monkeypatch):
    def broken(path):
        raise RuntimeError("boom")

    report = cs.score(["dev"], reader=broken)
    assert report.overall == 0.0
    assert len(report.errors) == report.files
    assert report.errors[0].error == "RuntimeError: boom"
