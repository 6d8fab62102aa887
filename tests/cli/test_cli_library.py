import json

import pytest
from click.testing import CliRunner

from dafu.cli import main
from tests_paths import ROOT, SAMPLE_TXT

DATA = ROOT / "tests" / "data" / "replies"


@pytest.fixture
def run(new_location):
    runner = CliRunner()
    library = str(new_location())

    def invoke(*args, input=None):
        return runner.invoke(main, [*args, "--library", library], input=input)

    return invoke


def test_import_json_gives_recognised_fields_or_error(run):
    result = run("import", str(SAMPLE_TXT), str(DATA / "corrupt.docx"), "--json")
    assert result.exit_code == 1  # one file failed
    good, bad = json.loads(result.stdout)
    assert good["number"] == "JY20230126" and good["date"] == "2023-05-28"
    assert good["salutation"] == "尊敬的张昊等代表：" and good["contact_person"] == "刘轩逸"
    assert good["issuing_body"] == "福田区文化广电旅游体育局" and good["contact_phone"] == "83131539"
    assert bad["file"].endswith("corrupt.docx") and "corrupt" in bad["error"]


def test_search_similar_measures_stats(run, tmp_path):
    assert run("import", str(SAMPLE_TXT)).exit_code == 0
    hits = json.loads(run("search", "时尚", "--json", "--limit", "3").stdout)
    assert len(hits) == 3 and {"text", "reply", "date", "score"} <= set(hits[0])
    assert json.loads(run("search", "福", "--json").stdout)
    suggestion = tmp_path / "s.txt"
    suggestion.write_text("建议加快直播电商发展，建设直播基地。", encoding="utf-8")
    similar = json.loads(run("similar", str(suggestion), "--json").stdout)
    assert "直播" in similar[0]["text"]
    assert json.loads(run("similar", "-", "--json", input="直播电商基地").stdout)
    measures = json.loads(run("measures", "--json").stdout)
    fashion = next(m for m in measures if m["item"] == "现代时尚产业国际时尚交流平台建设支持")
    assert (fashion["rate_percent"], fashion["cap_yuan"]) == (30, 5000000)
    assert {"policy", "item", "text", "rate_percent", "cap_yuan"} <= set(fashion)
    returnee = next(m for m in measures if m["item"] == "海归创业港补贴")
    assert returnee["policy"] is None
    stats = json.loads(run("library", "stats", "--json").stdout)
    assert (stats["replies"], stats["measures"]) == (1, 4) and stats["paragraphs"] > 10
    human = run("measures").stdout
    assert "500万元" in human and "一次性" in human


def test_bad_library_file_is_a_clean_error(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"x" * 4096)
    result = CliRunner().invoke(main, ["search", "时尚", "--library", str(junk)])
    assert result.exit_code == 2 and str(junk) in result.output and "Traceback" not in result.output


def test_every_command_has_help():
    runner = CliRunner()
    for command in ("render", "templates", "import", "search", "similar", "measures"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and result.output.strip()
    assert runner.invoke(main, ["library", "stats", "--help"]).exit_code == 0


def test_replies_batches_remove_and_tag(run, tmp_path):
    assert "导入批次 #1" in run("import", str(SAMPLE_TXT)).stdout
    assert run("import", str(DATA / "variant_halfwidth.txt")).exit_code == 0
    replies = json.loads(run("library", "replies", "--json").stdout)
    assert len(replies) == 2 and {r["batch_id"] for r in replies} == {1, 2}
    batches = json.loads(run("library", "batches", "--json").stdout)
    assert [b["reply_count"] for b in batches] == [1, 1]
    school = next(r for r in replies if r["batch_id"] == 2)
    assert run("library", "tag", "教育", "--reply", str(school["id"])).exit_code == 0
    assert json.loads(run("search", "加快", "--tag", "教育", "--json").stdout)
    refused = run("library", "remove", "--batch", "1", input="n\n")
    assert refused.exit_code == 1 and json.loads(run("library", "stats", "--json").stdout)["replies"] == 2
    removed = run("library", "remove", "--batch", "1", "--yes", "--json")
    assert removed.exit_code == 0 and json.loads(removed.stdout)["replies"] == 1
    assert run("library", "remove", "999", "--yes").exit_code == 2
    assert run("library", "remove", str(school["id"]), "-y").exit_code == 0
    assert json.loads(run("library", "stats", "--json").stdout)["replies"] == 0


def test_pack_export_and_merge(tmp_path, new_location):
    import subprocess
    import sys

    def dafu(*args, library):
        return subprocess.run([sys.executable, "-m", "dafu", *args, "--library", str(library)],
                              capture_output=True, text=True, timeout=60)

    a, b, pack = new_location("a"), new_location("b"), tmp_path / "p.dafupack"
    assert dafu("import", str(SAMPLE_TXT), str(DATA / "variant_halfwidth.txt"), library=a).returncode == 0
    exported = dafu("library", "export", str(pack), "--since", "2023-01-01", library=a)
    assert exported.returncode == 0, exported.stderr
    merged = dafu("library", "merge", str(pack), "--json", library=b)
    assert merged.returncode == 0 and json.loads(merged.stdout)["replies_added"] == 2
    # a changed measure is listed and kept until the clerk prefers the pack
    changed = dafu("measures", "--json", library=a)
    first = json.loads(changed.stdout)[0]
    from dafu import Library
    with Library(a) as lib:
        lib.update_measure(first["id"], cap_yuan=123_0000)
    assert dafu("library", "export", str(pack), library=a).returncode == 0
    conflict = dafu("library", "merge", str(pack), library=b)
    assert conflict.returncode == 1 and "冲突" in conflict.stderr and "cap_yuan" in conflict.stderr
    taken = dafu("library", "merge", str(pack), "--prefer", "pack", "--json", library=b)
    assert taken.returncode == 0 and json.loads(taken.stdout)["measures_updated"] == 1
    bad = tmp_path / "bad.dafupack"
    bad.write_text("junk")
    refused = dafu("library", "merge", str(bad), library=b)
    assert refused.returncode == 2 and str(bad) in refused.stderr and "Traceback" not in refused.stderr
