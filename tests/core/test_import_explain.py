"""`dafu import --explain`: per line the part it was given and why; nothing imported, no batch made."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests_paths import ROOT

DATA = ROOT / "tests" / "data" / "replies"


def dafu(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dafu", *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "desktop")})


def test_explain_shows_each_line_with_its_part_and_reason(tmp_path):
    library = tmp_path / "lib.sqlite"
    done = dafu("import", "--explain", str(DATA / "variant_web.txt"), "--library", str(library))
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert rows[0].endswith("variant_web.txt")
    assert rows[1].split()[:2] == ["1", "noise"] and "web page field" in rows[1]
    assert rows[3].split()[:2] == ["3", "title"] and "ends like a title" in rows[3]
    assert any(r.split()[:2] == ["5", "salutation"] for r in rows)
    assert any(r.split()[:2] == ["10", "date"] and "a date alone on its line" in r for r in rows)
    assert "contact_phone=13912345678" in rows[-1]
    assert not library.exists()  # explaining imports nothing, so there is no batch to take back


def test_explain_json_and_bad_files_in_a_folder(tmp_path):
    done = dafu("import", "--explain", "--json", str(DATA))
    assert done.returncode == 1  # some files there are not replies
    files = {os.path.basename(item["file"]): item for item in json.loads(done.stdout)}
    assert "corrupt" in files["corrupt.docx"]["error"]
    assert "no title" in files["shopping_list.txt"]["error"] and files["shopping_list.txt"]["lines"]
    halfwidth = files["variant_halfwidth.txt"]
    assert halfwidth["fields"]["number"] == "126"
    first = halfwidth["lines"][0]
    assert (first["line"], first["part"], first["text"]) == (1, "header", "类别：A")
    assert any("mark 类别" in why for why in first["why"])
    assert {"runner_up", "margin"} <= set(first)


def test_import_after_explain_records_one_batch_that_can_be_removed(tmp_path):
    library = tmp_path / "lib.sqlite"
    dafu("import", "--explain", str(DATA), "--library", str(library))
    done = dafu("import", str(DATA), "--library", str(library), "--json")
    batches = {item["batch_id"] for item in json.loads(done.stdout) if item.get("batch_id")}
    assert len(batches) == 1
    (batch,) = batches
    listed = json.loads(dafu("library", "batches", "--library", str(library), "--json").stdout)
    assert [b["id"] for b in listed] == [batch]
    removed = dafu("library", "remove", "--batch", str(batch), "--yes", "--library", str(library), "--json")
    assert json.loads(removed.stdout)["replies"] == 4
