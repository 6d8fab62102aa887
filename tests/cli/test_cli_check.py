"""`dafu check`: output, --json, exit statuses, --fix on drafts and .txt, refusals."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from dafu.cli import main
from dafu.draftio import read_draft
from tests_paths import ROOT

CLEAN = ROOT / "tests" / "data" / "checks_clean_reply.txt"


@pytest.fixture
def runner():
    return CliRunner()


def test_sample_human_output_and_exit_1(runner, sample_txt):
    result = runner.invoke(main, ["check", str(sample_txt)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert f"{sample_txt}:10:5: warning repeat.word 词语重复“推动推动”，应为“推动”" in lines
    assert "    我区积极推动推动商协会、企业加快数字化转…" in lines
    assert f"{sample_txt}:26:37: error pair.unclosed 左括号（未闭合：在书名号《…》内缺少右括号）" in lines
    assert lines[-1] == f"{sample_txt}: 共 19 处（错误 4，警告 15）"


def test_json_output(runner, sample_txt):
    result = runner.invoke(main, ["check", "--json", str(sample_txt)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert len(data) == 19
    assert data[1]["rule"] == "repeat.word" and data[1]["text"] == "推动推动" and data[1]["line"] == 10
    assert set(data[0]) >= {"rule", "severity", "message", "start", "end", "line", "column", "excerpt",
                            "replacement", "block"}


def test_clean_reply_exit_0(runner):
    result = runner.invoke(main, ["check", str(CLEAN)])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.output
    result = runner.invoke(main, ["check", "--json", str(CLEAN)])
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_draft_is_checked_through_its_document(runner, sample_draft):
    result = runner.invoke(main, ["check", "--json", str(sample_draft)])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [d["block"] for d in data[:2]] == [2, 6]


@pytest.mark.parametrize("name, content", [("missing.txt", None), ("r.pdf", b"%PDF-1.4"), ("bad.docx", b"nope"),
                                           ("bad.dafu", b"template = [")])
def test_bad_input_exit_2(runner, tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert str(path) in result.output and "Traceback" not in result.output


def test_fix_draft_to_new_file(runner, tmp_path, sample_draft):
    out = tmp_path / "fixed.dafu"
    before = sample_draft.read_bytes()
    result = runner.invoke(main, ["check", "--fix", str(sample_draft), "-o", str(out)])
    assert result.exit_code == 1, result.output  # what needs a human is still reported
    assert sample_draft.read_bytes() == before
    assert "已自动修正 14 处" in result.output
    draft = read_draft(out)
    space = draft.sections[0].sections[1].paragraphs[0].text
    assert "五是实施建设“科技楼宇”创新举措，按照" in space and "六是加大力度" in space and "," not in space
    assert "2023—2025年" in draft.sections[1].paragraphs[4].text
    assert "推动推动" in draft.sections[0].sections[0].paragraphs[0].text  # not a safe fix
    remaining = json.loads(runner.invoke(main, ["check", "--json", str(out)]).output)
    assert [d["rule"] for d in remaining] == ["form.pronoun", "repeat.word", "measure.unit", "repeat.word",
                                              "pair.unclosed"]


def test_fix_draft_in_place(runner, tmp_path, sample_draft):
    draft_path = tmp_path / "d.dafu"
    shutil.copy(sample_draft, draft_path)
    result = runner.invoke(main, ["check", "--fix", str(draft_path)])
    assert result.exit_code == 1
    assert "五是实施建设" in draft_path.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name != "d.dafu"]  # no temporary left behind


def test_fix_txt_keeps_encoding(runner, tmp_path):
    path = tmp_path / "r.txt"
    text = CLEAN.read_text(encoding="utf-8").replace("控制性详细规划，", "控制性详细规划,")
    path.write_bytes(text.encode("gb18030"))
    result = runner.invoke(main, ["check", "--fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().decode("gb18030") == CLEAN.read_text(encoding="utf-8")


def test_fix_refuses_docx_and_o_needs_fix(runner, tmp_path, sample_txt):
    docx = pytest.importorskip("docx")
    path = tmp_path / "r.docx"
    document = docx.Document()
    document.add_paragraph("推动推动,落实")
    document.save(str(path))
    before = path.read_bytes()
    result = runner.invoke(main, ["check", "--fix", str(path)])
    assert result.exit_code == 2 and "不能自动修正 .docx" in result.output
    assert path.read_bytes() == before
    result = runner.invoke(main, ["check", str(sample_txt), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and not (tmp_path / "x.txt").exists()


def test_library_option(runner, tmp_path, sample_txt):
    library_module = pytest.importorskip("dafu.library")
    lib_path = tmp_path / "lib.sqlite"
    with library_module.Library(lib_path) as library:
        library.add_measure(policy="深圳市福田区支持商协会发展若干措施", item="行业提升支持", text="…",
                            rate_percent=50, cap_yuan=2_000_000)
    result = runner.invoke(main, ["check", "--json", "--library", str(lib_path), str(sample_txt)])
    data = json.loads(result.output)
    assert [d["rule"] for d in data if d["rule"].startswith("measure.library")] == ["measure.library"]
    result = runner.invoke(main, ["check", "--library", str(tmp_path / "none.sqlite"), str(sample_txt)])
    assert result.exit_code == 2 and "找不到资料库" in result.output


def test_help(runner):
    result = runner.invoke(main, ["check", "--help"])
    assert result.exit_code == 0 and "--fix" in result.output and "--json" in result.output
