"""Careless and hostile files on import (issue 11): each refused by name, none stops the others."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from dafu.errors import ImportFileError
from dafu.library import Library
from dafu.reading import read_reply
from tests_paths import ROOT, SAMPLE_TXT

SAMPLE_LINES = SAMPLE_TXT.read_text(encoding="utf-8").splitlines()


def _sample_docx(path: Path) -> Path:
    document = Document()
    for line in SAMPLE_LINES:
        document.add_paragraph(line)
    document.save(path)
    return path


def _rewrite_part(path: Path, part: str, change) -> Path:
    """Rewrite one part of a .docx in place (the other parts copied as they are)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, change(data) if info.filename == part else data)
    return path


def zip_bomb(path: Path, inflated: int = 400 * 2**20) -> Path:
    """A .docx whose document.xml inflates to ``inflated`` bytes of empty paragraphs (a few hundred KB on disk)."""
    _sample_docx(path)
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist() if info.filename != "word/document.xml"]
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    tail = b"</w:body></w:document>"
    chunk = b"<w:p/>" * (2**20 // 6)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, data)
        with target.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            for _ in range(inflated // len(chunk)):
                part.write(chunk)
            part.write(tail)
    return path


def with_comment_pi_and_entity(path: Path) -> Path:
    """A reply whose first paragraph holds an XML comment, a processing instruction and an entity reference."""
    _sample_docx(path)

    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"<w:p>", b"<w:p><!-- a note --><?dafu-pi some data?>", 1)
        xml = xml.replace(b"<w:t>", b"<w:t>&ent;", 1)
        # the entity must be declared for the file to be well-formed
        return xml.replace(b"?>\n<w:document", b'?>\n<!DOCTYPE w:document [<!ENTITY ent "">]>\n<w:document', 1)

    return _rewrite_part(path, "word/document.xml", change)


def without_body(path: Path) -> Path:
    _sample_docx(path)
    return _rewrite_part(path, "word/document.xml",
                         lambda xml: (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                                      b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))


def gbk_named(folder: Path) -> Path:
    """A good reply whose file name is GBK bytes, as a Windows zip unpacked on Linux leaves it."""
    name = os.fsencode(folder) + b"/" + "福田区答复.txt".encode("gbk")
    with open(name, "wb") as handle:
        handle.write(SAMPLE_TXT.read_bytes())
    return Path(os.fsdecode(name))


def test_comment_pi_and_entity_inside_a_paragraph_are_read(tmp_path):
    document = read_reply(with_comment_pi_and_entity(tmp_path / "odd-nodes.docx"))
    assert document.meta.number == "JY20230126"
    assert document.meta.title.startswith("关于深圳市福田区第八届人民代表大会")


def test_document_without_body_is_refused_by_name(tmp_path):
    with pytest.raises(ImportFileError) as err:
        read_reply(without_body(tmp_path / "no-body.docx"))
    assert "no-body.docx" in str(err.value)


def test_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 4 * 2**20
    # In a child process under an address-space cap, so a regression fails instead of eating the machine.
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
            "from dafu.errors import ImportFileError; from dafu.reading import read_reply\n"
            "try:\n    read_reply(sys.argv[1])\nexcept ImportFileError as exc:\n    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", code, str(bomb)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "desktop")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "bomb.docx" in done.stdout and "过大" in done.stdout


def test_a_folder_with_one_bad_file_of_each_kind_imports_every_good_one(tmp_path):
    folder = tmp_path / "old replies"
    folder.mkdir()
    zip_bomb(folder / "bomb.docx")
    with_comment_pi_and_entity(folder / "odd-nodes.docx")
    without_body(folder / "no-body.docx")
    gbk = gbk_named(folder)
    (folder / "big5.txt").write_bytes("關於加快老舊小區加裝電梯的建議的答覆\n張先生：\n".encode("big5"))
    (folder / "good-a.txt").write_bytes(SAMPLE_TXT.read_bytes().replace(b"JY20230126", b"JY20230127"))
    _sample_docx(folder / "good-b.docx")
    with Library(tmp_path / "lib.sqlite") as library:
        report = library.import_path(folder)
        stored = {r.source_file.rsplit("/", 1)[-1] for r in library.list_replies()}
    failed = {Path(r.file).name: r.error for r in report.failed}
    assert set(failed) == {"bomb.docx", "no-body.docx", "big5.txt"}
    assert "过大" in failed["bomb.docx"]
    # every good file is in, the GBK name readable
    assert {"odd-nodes.docx", "good-a.txt", "good-b.docx", "福田区答复.txt"} <= stored
    assert gbk.exists()


def test_cli_names_a_gbk_file_without_a_traceback(tmp_path):
    folder = tmp_path / "zip"
    folder.mkdir()
    gbk_named(folder)
    without_body(folder / "no-body.docx")
    done = subprocess.run([sys.executable, "-m", "dafu", "import", str(folder), "--library",
                           str(tmp_path / "lib.sqlite")], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "desktop")})
    assert "Traceback" not in done.stderr, done.stderr
    assert "福田区答复.txt" in done.stderr and "no-body.docx" in done.stderr
    assert done.returncode == 1  # one file skipped
