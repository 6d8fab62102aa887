import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from dafu.cli import main

BAD_TEMPLATE = "{#\ntitle: 坏模板\n#}\n@title 标题\n{% if %}\n"


@pytest.fixture
def runner():
    return CliRunner()


def write_draft(tmp_path, text, name="d.dafu"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean_failure(result, *needles):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.output


def test_render_sample_writes_docx(runner, tmp_path, sample_draft):
    out = tmp_path / "out.docx"
    result = runner.invoke(main, ["render", str(sample_draft), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "尊敬的张昊等代表：" in texts
    assert "一、工作开展情况" in texts and "（六）人才集聚，加快构建大湾区“产学研”时尚高地" in texts
    assert "（联系人：刘轩逸，联系电话：83131539）" in texts


def test_feedback_form_from_the_same_draft(runner, tmp_path, sample_draft):
    out = tmp_path / "form.docx"
    result = runner.invoke(main, ["render", str(sample_draft), "--template", "feedback_form", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "JY20230126" in cells and "□满意\u3000□基本满意\u3000□不满意" in cells


def test_damaged_draft_names_path_and_line(runner, tmp_path):
    draft = write_draft(tmp_path, 'template = "suggestion_reply"\n[values\nnumber = "1"\n')
    out = tmp_path / "out.docx"
    assert_clean_failure(runner.invoke(main, ["render", str(draft), "-o", str(out)]), f"{draft}:2")
    assert not out.exists()


def test_missing_value_is_named_and_existing_output_untouched(runner, tmp_path, sample_draft):
    text = sample_draft.read_text(encoding="utf-8").replace('contact_phone = "83131539"\n', "")
    draft = write_draft(tmp_path, text)
    out = tmp_path / "out.docx"
    out.write_bytes(b"the clerk's earlier export")
    assert_clean_failure(runner.invoke(main, ["render", str(draft), "-o", str(out)]), "contact_phone")
    assert out.read_bytes() == b"the clerk's earlier export"
    assert list(tmp_path.iterdir()) == sorted([draft, out]) or set(tmp_path.iterdir()) == {draft, out}


def test_bad_template_names_template_and_line(runner, tmp_path, sample_draft):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "suggestion_reply.j2").write_text(BAD_TEMPLATE, encoding="utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(main, ["render", str(sample_draft), "-o", str(out), "--templates", str(folder)])
    assert_clean_failure(result, "suggestion_reply.j2:5", "syntax")
    assert not out.exists()


def test_templates_lists_names_and_values(runner):
    result = runner.invoke(main, ["templates"])
    assert result.exit_code == 0
    for name in ("suggestion_reply", "proposal_reply", "co_handling_opinion", "letter", "feedback_form"):
        assert name in result.output
    assert "suggestion_title" in result.output


def test_templates_json(runner):
    import json

    result = runner.invoke(main, ["templates", "--json"])
    data = {t["name"]: t for t in json.loads(result.output)}
    assert "deputies" in data["suggestion_reply"]["requires"]


def test_real_process_exits_2_without_traceback(tmp_path):
    draft = write_draft(tmp_path, "template = \n")
    proc = subprocess.run([sys.executable, "-m", "dafu", "render", str(draft), "-o", str(tmp_path / "o.docx")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and f"{draft}:1" in proc.stderr
