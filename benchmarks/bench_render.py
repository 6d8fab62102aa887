"""Render + export of a ten-page reply, against writing the same paragraphs with bare python-docx.

    .venv/bin/python benchmarks/bench_render.py

Target: Dafu's draft → template → document → official .docx under 1.5× the bare
python-docx time (same paragraphs, no styling), both measured in this run.
"""
from __future__ import annotations

import io
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import timed  # noqa: E402

from docx import Document  # noqa: E402

from dafu.draftio import read_draft  # noqa: E402
from dafu.draft import Paragraph, Section  # noqa: E402
from dafu.export.docx import build_docx  # noqa: E402
from dafu.templates import TemplateSet, assemble  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "reply_JY20230126.dafu"


def ten_page_draft():
    """The sample reply grown to ten pages (22 × 28 × 10 ≈ 6,200 characters of body and more)."""
    draft = read_draft(SAMPLE)
    sections = draft.sections[0].sections
    while sum(len(p.text) for _, s in draft.walk() for p in s.paragraphs) < 6_600:
        for section in list(sections[:3]):
            sections.append(Section(section.heading + "（续）", [Paragraph(p.text) for p in section.paragraphs]))
    return draft


def dafu_render(draft, templates) -> bytes:
    buffer = io.BytesIO()
    build_docx(assemble(draft, templates)).save(buffer)
    return buffer.getvalue()


def bare_python_docx(texts: list[str]) -> bytes:
    document = Document()
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    templates = TemplateSet()
    draft = ten_page_draft()
    texts = [b.display_text for b in assemble(draft, templates).blocks]
    chars = sum(len(t) for t in texts)
    dafu_render(draft, templates), bare_python_docx(texts)  # warm imports and caches
    repeat = 15
    ours = timed(lambda: dafu_render(draft, templates), repeat)
    bare = timed(lambda: bare_python_docx(texts), repeat)
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"ten-page reply: {len(texts)} blocks, {chars} characters")
    print(f"dafu render+export   median {statistics.median(ours):6.1f} ms  (min {min(ours):.1f})")
    print(f"bare python-docx     median {statistics.median(bare):6.1f} ms  (min {min(bare):.1f})")
    print(f"ratio {ratio:.2f}x   (target < 1.5x)")


if __name__ == "__main__":
    main()
