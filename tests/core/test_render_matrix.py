"""Every template × the variants a bureau uses, rendered by LibreOffice and measured on the page.

All drafts convert in one LibreOffice run (its own profile, so parallel-safe); each PDF is read
back with pdftotext -bbox-layout (text rows and their boxes) and pdftocairo -svg (the rules).
"""
from __future__ import annotations

import os
import re
import shutil

import pytest

from dafu.export.docx import export_docx
from dafu.export.linebreak import _PROTECTED, NO_LINE_START
from dafu.export.pdf import convert
from dafu.templates import TemplateSet, assemble
from dafu.titles import TITLE_LINE_EMS, words
from pdf_pages import BOTTOM, CHAR, LEFT, PITCH, RIGHT, SMALL, TOP, is_page_number, page_count, rows, rules
from render_matrix import CC, cases, draft
from tests_paths import FONTS_CONF

pytestmark = pytest.mark.render
if shutil.which("soffice") is None and shutil.which("libreoffice") is None and not os.environ.get("CI"):
    pytest.skip("LibreOffice is not installed (CI installs it)", allow_module_level=True)

CASES = cases()
TOL = 0.8   # points: what a renderer's rounding may move an edge


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("matrix")
    templates = TemplateSet()
    files = [export_docx(assemble(draft(t, v), templates), out / f"{t}-{v}.docx") for t, v in CASES]
    pdfs = convert(files, fontconfig=FONTS_CONF, timeout=60)
    return {case: (pdf, rows(pdf)) for case, pdf in zip(CASES, pdfs)}


def text_rows(found):
    return [r for r in found if not is_page_number(r)]


@pytest.mark.parametrize("case", CASES, ids=[f"{t}-{v}" for t, v in CASES])
def test_lines_stay_in_the_text_area_and_on_the_grid(rendered, case):
    pdf, found = rendered[case]
    for row in found:
        assert LEFT - TOL <= row.x0 and row.x1 <= RIGHT + TOL, f"beyond the margins: {row}"
    if case[0] == "feedback_form":
        return
    for page in range(1, page_count(pdf) + 1):
        body = [r for r in text_rows(found) if r.page == page and r.size != "small" and r.y0 < BOTTOM]
        # every row sits on the 28.95 pt grid: at most 22 rows, the last no lower than slot 22
        slots = [(r.y1 - TOP) / PITCH for r in body]
        assert all(abs(s - round(s)) < 0.2 for s in slots if s > 0), (page, slots)
        assert len({round(s) for s in slots}) <= 22 and max(slots, default=0) <= 22.2
        # a full line of Chinese holds 28 characters (26 after the indent); a shorter full line
        # only where a character went down with a mark or a number that may not be split
        for row in body:
            text = row.text.replace("\t", "")
            if row.size == "body" and row.x1 > RIGHT - CHAR / 2 and all(ord(c) > 0x2e80 for c in text):
                expected = 26 if row.x0 > LEFT + CHAR else 28
                assert len(text) <= expected, row


@pytest.mark.parametrize("case", CASES, ids=[f"{t}-{v}" for t, v in CASES])
def test_no_line_starts_with_punctuation_and_no_number_is_split(rendered, case):
    _, found = rendered[case]
    body = [r for r in text_rows(found) if r.size == "body"]
    for row in body:
        assert row.text[0] not in NO_LINE_START and row.text[0] not in "》）」』】", row
    for a, b in zip(body, body[1:]):
        if a.x1 < RIGHT - CHAR:
            continue  # a paragraph's last line
        joined = a.text + b.text
        for m in _PROTECTED.finditer(joined):
            assert not (m.start() < len(a.text) < m.end()), f"{m.group()} split: {a.text[-6:]} / {b.text[:6]}"


def test_no_mark_is_lost_and_no_line_hangs(rendered):
    """Justified text lost 。 and ，that ended a line when they hung into the margin."""
    for (template, variant), (_, found) in rendered.items():
        if template == "feedback_form":
            continue
        document = assemble(draft(template, variant), TemplateSet())
        source = "".join(b.display_text for b in document.blocks if b.kind.value in ("paragraph", "closing"))
        printed = "".join(r.text for r in found)
        for mark in "。，、；：":
            assert printed.count(mark) >= source.count(mark), (template, variant, mark)


@pytest.mark.parametrize("case", [c for c in CASES if c[0] != "feedback_form"], ids=lambda c: f"{c[0]}-{c[1]}")
def test_no_page_holds_only_the_signature_block(rendered, case):
    _, found = rendered[case]
    date = next(r for r in found if r.text == "2023年5月28日")
    page = [r for r in text_rows(found) if r.page == date.page and r.y0 < BOTTOM]
    closing = next(r for r in page if r.text.startswith("特此") or r.text.startswith("以上意见"))
    above = [r for r in page if r.y1 <= closing.y0 and r.size == "body"]
    assert above, f"page {date.page} holds only the signature block"


@pytest.mark.parametrize("case", [c for c in CASES if c[0] != "feedback_form"], ids=lambda c: f"{c[0]}-{c[1]}")
def test_issuing_body_and_date_positions(rendered, case):
    _, found = rendered[case]
    date = next(r for r in found if r.text == "2023年5月28日")
    issuer = next(r for r in found if r.text == "福田区文化广电旅游体育局" and r.page == date.page)
    assert date.y0 - issuer.y0 == pytest.approx(PITCH, abs=1)
    if case[1] == "sealed":   # §7.3.5.1: date four characters in, issuing body centred over it
        assert date.x1 == pytest.approx(RIGHT - 4 * CHAR, abs=2)
        assert (issuer.x0 + issuer.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=2)
    else:                     # §7.3.5.2: issuing body two in; the date two right of its start
        assert issuer.x1 == pytest.approx(RIGHT - 2 * CHAR, abs=2)
        assert date.x0 == pytest.approx(issuer.x0 + 2 * CHAR, abs=2)


@pytest.mark.parametrize("case", [c for c in CASES if c[1] in ("cc", "one_page")], ids=lambda c: f"{c[0]}-{c[1]}")
def test_the_record_sits_at_the_foot_of_the_last_page_between_full_width_rules(rendered, case):
    pdf, found = rendered[case]
    pages = page_count(pdf)
    if case[1] == "one_page":
        assert pages == 1, "a one-page reply with 抄送 must stay one page"
    drawn = rules(pdf)
    assert {r.page for r in drawn} == {pages}
    last = sorted((r for r in drawn if r.page == pages), key=lambda r: r.y)
    assert [r.width for r in last] == [1.0, 0.75, 1.0]                # 0.35 mm, 0.25 mm, 0.35 mm
    for rule in last:
        assert rule.x0 == pytest.approx(LEFT, abs=0.5) and rule.x1 == pytest.approx(RIGHT, abs=0.5)
    assert last[-1].y == pytest.approx(BOTTOM, abs=1.5)               # the last element on the last line
    printed = [r for r in found if r.page == pages and "印发" in r.text]
    assert printed and printed[0].text.endswith("2023年5月28日印发")
    assert printed[0].x1 == pytest.approx(RIGHT - SMALL, abs=1.5)     # 印发日期 one character in
    assert last[1].y < printed[0].y0 < last[2].y
    cc = [r for r in found if r.page == pages and r.text.startswith("抄送：")]
    assert cc and cc[0].x0 == pytest.approx(LEFT + SMALL, abs=1.5) and last[0].y < cc[0].y0 < last[1].y
    assert "".join(r.text for r in found).count(CC[-1]) == 1


@pytest.mark.parametrize("case", [c for c in CASES if c[1] == "marks"], ids=lambda c: f"{c[0]}-{c[1]}")
def test_document_number_and_signer_share_a_line_two_lines_above_the_title(rendered, case):
    _, found = rendered[case]
    number = next(r for r in found if "福文旅体函〔2023〕12号" in r.text)
    title = next(r for r in found if r.size == "title")
    assert round((title.y1 - number.y1) / PITCH) == 3   # two blank lines between (a 22 pt box is deeper)
    if case[0] in ("suggestion_reply", "proposal_reply"):
        assert number.text.endswith("签发人：王五")
        assert number.x0 == pytest.approx(LEFT + CHAR, abs=1.5) and number.x1 == pytest.approx(RIGHT - CHAR, abs=1.5)
    # a 函 shows no page number on its first page, and "— 2 —" on the second
    numbers = {r.page: r.text for r in found if is_page_number(r)}
    assert 1 not in numbers and "2" in numbers[2]


def test_letters_have_no_page_number_on_page_one(rendered):
    for variant in ("plain", "cc", "sealed"):
        _, found = rendered[("letter", variant)]
        numbers = {r.page for r in found if is_page_number(r)}
        assert 1 not in numbers and 2 in numbers


@pytest.mark.parametrize("case", [c for c in CASES if c[1] in ("plain", "footer")], ids=lambda c: f"{c[0]}-{c[1]}")
def test_page_numbers_one_character_in_from_the_outer_edge(rendered, case):
    _, found = rendered[case]
    for row in (r for r in found if is_page_number(r)):
        number = re.search(r"—\s*\d+\s*—", row.text).group()
        if row.page % 2:
            assert row.text.endswith(number) and row.x1 == pytest.approx(RIGHT - SMALL, abs=1.5)
        else:
            assert row.text.startswith(number) and row.x0 == pytest.approx(LEFT + SMALL, abs=1.5)
        assert row.y0 > BOTTOM + 5
        if case[1] == "footer":
            assert "联系人：刘轩逸" in row.text


@pytest.mark.parametrize("case", CASES, ids=[f"{t}-{v}" for t, v in CASES])
def test_titles_break_between_words_in_a_trapezoid_or_diamond(rendered, case):
    _, found = rendered[case]
    lines = [r for r in found if r.page == 1 and r.size == "title"]
    assert lines
    ems = [(r.x1 - r.x0) / 21.75 for r in lines]
    assert max(ems) <= TITLE_LINE_EMS + 0.5
    assert not any(ems[j] < max(ems[:j]) - 0.5 and ems[j] < max(ems[j + 1:]) - 0.5 for j in range(1, len(ems) - 1)), \
        f"hourglass: {[r.text for r in lines]}"
    title = "".join(r.text for r in lines)
    bounds, at = set(), 0
    for word, _ in words(title):
        at += len(word)
        bounds.add(at)
    at = 0
    for row in lines[:-1]:
        at += len(row.text)
        assert at in bounds, f"title broken inside a word: {[r.text for r in lines]}"
