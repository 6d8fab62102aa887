"""Render + export of a ten-page reply, against writing the same paragraphs with bare python-docx.

    .venv/bin/python benchmarks/bench_render.py [--rounds N]

Target: Dafu's draft → template → document → official .docx at most 1.2× the bare
python-docx time (same paragraphs, no styling), measured in interleaved rounds of
the same run (each round times both, in alternating order, so load on a shared
machine falls on both alike). The first export of a process — which builds the
page template, compiles the Jinja templates and loads the word segmenter — is
reported apart, as is a cold process's first export.
"""
from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docx import Document  # noqa: E402

from dafu.draft import Paragraph, Section  # noqa: E402
from dafu.draftio import read_draft  # noqa: E402
from dafu.export.docx import build_docx  # noqa: E402
from dafu.templates import TemplateSet, assemble  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "reply_JY20230126.dafu"
TARGET = 1.2


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


def ms(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


_COLD = """
import io, sys, time
sys.path.insert(0, {bench!r})
start = time.perf_counter()
from bench_render import ten_page_draft, dafu_render
from dafu.templates import TemplateSet
imported = time.perf_counter()
draft = ten_page_draft()
t0 = time.perf_counter()
dafu_render(draft, TemplateSet())
print((imported - start) * 1000, (time.perf_counter() - t0) * 1000)
"""


def cold_process() -> tuple[float, float]:
    """(import ms, first export ms) in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", _COLD.format(bench=str(Path(__file__).resolve().parent))],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def segmenter_cost() -> float:
    """What the word segmenter's first use costs (import and dictionary), in a fresh interpreter."""
    code = ("import time; import dafu.titles as t; s=time.perf_counter(); t.words('关于加快数字化转型的建议'); "
            "print((time.perf_counter()-s)*1000)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    templates = TemplateSet()
    draft = ten_page_draft()
    first = ms(lambda: dafu_render(draft, templates))          # this process's first export
    texts = [b.display_text for b in assemble(draft, templates).blocks]
    chars = sum(len(t) for t in texts)
    bare_first = ms(lambda: bare_python_docx(texts))
    ours, bare = [], []
    for round_ in range(args.rounds):                          # interleaved, alternating order
        pair = [(ours, lambda: dafu_render(draft, templates)), (bare, lambda: bare_python_docx(texts))]
        for bucket, func in (pair if round_ % 2 == 0 else pair[::-1]):
            bucket.append(ms(func))
    colds = [cold_process() for _ in range(3)]
    ratio = statistics.median(ours) / statistics.median(bare)
    print(f"ten-page reply: {len(texts)} blocks, {chars} characters, {args.rounds} interleaved rounds")
    print(f"dafu render+export   median {statistics.median(ours):6.1f} ms  (min {min(ours):.1f}, max {max(ours):.1f})")
    print(f"bare python-docx     median {statistics.median(bare):6.1f} ms  (min {min(bare):.1f}, max {max(bare):.1f})")
    print(f"ratio {ratio:.2f}x   (target <= {TARGET}x)")
    print(f"first export in this process {first:.1f} ms (bare python-docx's first {bare_first:.1f} ms)")
    print(f"cold process: import {statistics.median(c[0] for c in colds):.0f} ms, "
          f"first export {statistics.median(c[1] for c in colds):.0f} ms (median of 3)")
    print(f"word segmenter's first use (import + dictionary): {segmenter_cost():.0f} ms, paid at the first long title")
    if ratio > TARGET:
        sys.exit(1)


if __name__ == "__main__":
    main()
