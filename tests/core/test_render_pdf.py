"""Render with LibreOffice and measure the pages: what a clerk would see printed.

The official fonts are replaced by free stand-ins through resources/fonts/fonts.conf;
CJK glyphs are all one em wide, so line breaks survive the substitution.
"""
import collections
import re
import os
import shutil
import subprocess
import sys

import pytest

from dafu.export.docx import export_docx
from dafu.export.pdf import convert
from dafu.model import Block, BlockKind, ReplyDocument
from dafu.render import render_document
from tests_paths import FONTS_CONF, SAMPLE_DRAFT, SAMPLE_TXT

pytestmark = pytest.mark.render
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and not os.environ.get("CI"):
    pytest.skip("LibreOffice is not installed (CI installs it)", allow_module_level=True)

LINE = "一二三四五六七八九十" * 2 + "甲乙丙丁戊己庚辛"  # 28 characters


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    export_docx(render_document(SAMPLE_DRAFT), out / "sample.docx")
    # Paragraphs of exactly three full lines each (the first line is indented two characters).
    grid = [Block(BlockKind.PARAGRAPH, LINE * 3) for _ in range(30)]
    export_docx(ReplyDocument(blocks=grid), out / "grid.docx")
    convert([out / "sample.docx", out / "grid.docx"], fontconfig=FONTS_CONF)
    return out


def pdftotext(path, *args):
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def page_count(path):
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def body_lines(path, page):
    text = pdftotext(path, "-layout", "-f", str(page), "-l", str(page))
    lines = [line.strip().replace(" ", "") for line in text.splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("—")]


def test_full_page_holds_22_lines_of_28_characters(pdfs):
    lines = body_lines(pdfs / "grid.pdf", 1)
    assert len(lines) == 22
    full = [line for line in lines if len(line) > 2]
    assert collections.Counter(len(line) for line in full).most_common(1)[0][0] == 28
    assert all(len(line) in (26, 28) for line in full)  # 26 = first line after the two-character indent


def test_sample_text_survives(pdfs):
    text = pdftotext(pdfs / "sample.pdf").replace("\n", "").replace(" ", "")
    text = re.sub("—\\d+—\f?", "", text)  # page numbers interleave with the body text
    source = SAMPLE_TXT.read_text(encoding="utf-8").replace("[bookmark: _GoBack]", "")
    for line in source.splitlines():
        line = line.strip().replace(" ", "").replace("\xa0", "")
        if line and not line.startswith("关于") and line not in ("的回复",):
            assert line in text, line[:30]
    assert "关于深圳市福田区第八届人民代表大会" in text


def test_sample_page_count_and_page_numbers(pdfs):
    pdf = pdfs / "sample.pdf"
    pages = page_count(pdf)
    # 8, not the 7 of a layout that split "2022 / 年" twice: the two kept whole cost the last page
    # its room, and the last body paragraph goes with the signature block
    assert pages == 8
    for page in range(1, pages + 1):
        footer = pdftotext(pdf, "-layout", "-f", str(page), "-l", str(page)).rstrip().splitlines()[-1]
        assert footer.strip().replace(" ", "") == f"—{page}—"
        # odd pages on the right half of the line, even pages on the left
        column = len(footer) - len(footer.lstrip())
        assert (column > 15) == (page % 2 == 1)


def test_official_font_names_reach_the_renderer_as_stand_ins(pdfs):
    fonts = subprocess.run(["pdffonts", str(pdfs / "sample.pdf")], capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts.replace(" ", "")  # 仿宋/小标宋 stand-ins, not a fallback sans
    assert "UKai" in fonts  # 楷体 for the level-2 headings


def run_dafu(*args, env=None):
    return subprocess.run([sys.executable, "-m", "dafu", *map(str, args)], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=300)


def test_render_pdf_writes_the_pdf_beside_the_docx(tmp_path):
    target = tmp_path / "答复.docx"
    done = run_dafu("render", SAMPLE_DRAFT, "-o", target, "--pdf", env={"FONTCONFIG_FILE": str(FONTS_CONF)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(target), str(target.with_suffix(".pdf"))]
    text = pdftotext(target.with_suffix(".pdf")).replace("\n", "").replace(" ", "")
    assert "尊敬的张昊等代表：" in text and "2023年5月28日" in text


def test_render_pdf_without_libreoffice_says_so_and_keeps_the_docx(tmp_path):
    target = tmp_path / "reply.docx"
    done = run_dafu("render", SAMPLE_DRAFT, "-o", target, "--pdf", env={"DAFU_SOFFICE": str(tmp_path / "none")})
    assert done.returncode == 2
    assert "未找到 LibreOffice" in done.stderr and "Traceback" not in done.stderr
    assert target.is_file() and not target.with_suffix(".pdf").exists()
