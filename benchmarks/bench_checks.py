"""Benchmark: checking a ten-page reply (target: median under 50 ms; with a library ≤ 20 ms whatever its size).

A ten-page reply is built from the sample reply's and the clean test reply's
paragraphs (22 lines × 28 characters a page, so ten pages is about 6,200
characters of body), numbered properly, with the sample's own slips left in.
It is checked without a library, against a library holding only the sample, and
against the cached synthetic library (benchmarks/synth.py; 200,000 paragraphs by
default) — the measure rules look each cited measure up there.
Run:  .venv/bin/python benchmarks/bench_checks.py [--runs 50] [--paragraphs 200000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402
from common import timed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "reply_JY20230126.txt"
CLEAN = ROOT / "tests" / "data" / "checks_clean_reply.txt"
PAGE_CHARS = 22 * 28


def body_paragraphs(path: Path) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if len(line) > 60 and not line.startswith(("关于", "（联系人"))]


def ten_page_reply(pages: int = 10) -> str:
    from dafu.numbering import chinese_numeral

    paragraphs = body_paragraphs(SAMPLE) + body_paragraphs(CLEAN)
    head = SAMPLE.read_text(encoding="utf-8").split("\n")[:6]
    out = ["\n".join(head).replace("[bookmark: _GoBack]", "")]
    size, section, k = 0, 0, 0
    while size < pages * PAGE_CHARS:
        section += 1
        out.append(f"{chinese_numeral(section)}、工作开展情况（{section}）")
        for sub in range(1, 5):
            out.append(f"（{chinese_numeral(sub)}）重点工作第{sub}项")
            paragraph = paragraphs[k % len(paragraphs)]
            k += 1
            out.append(paragraph)
            size += len(paragraph)
    out += ["特此回复。", "", "福田区文化广电旅游体育局", "2023年5月28日", "", "（联系人：刘轩逸，联系电话：83131539）"]
    return "\n".join(out) + "\n"


def report(label: str, values: list[float]) -> float:
    median = statistics.median(values)
    p95 = sorted(values)[max(0, round(0.95 * (len(values) - 1)))]
    print(f"{label:<44} median {median:6.2f} ms   p95 {p95:6.2f} ms   max {max(values):6.2f} ms")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--paragraphs", type=int, default=200_000, help="size of the synthetic library (0: skip)")
    args = parser.parse_args()

    start = time.perf_counter()
    from dafu.checks import RULES, check
    print(f"import dafu.checks: {(time.perf_counter() - start) * 1000:.0f} ms (once per process)")

    text = ten_page_reply()
    today = dt.date(2024, 1, 1)
    findings = check(text, today=today)
    print(f"ten-page reply: {len(text)} characters, {len(text) / PAGE_CHARS:.1f} pages of 22×28, "
          f"{len(findings)} findings, {len(RULES)} rules")
    medians = {"text": report("check(text)", timed(lambda: check(text, today=today), args.runs))}

    try:
        from dafu.reading import parse_reply
    except ImportError:
        parse_reply = None
    if parse_reply is not None:
        document = parse_reply(text)
        medians["document"] = report("check(ReplyDocument)", timed(lambda: check(document, today=today), args.runs))

    try:
        from dafu.library import Library
    except ImportError:
        Library = None
    if Library is not None:
        with tempfile.TemporaryDirectory() as folder:
            with Library(Path(folder) / "lib.sqlite") as library:
                library.import_path(SAMPLE)
                medians["library"] = report("check(text, library=sample)",
                                            timed(lambda: check(text, library=library, today=today), args.runs))
        if args.paragraphs:
            path = synth.ensure_library(args.paragraphs)
            with Library(path) as library:
                stats = library.stats()
                check(text, library=library, today=today)   # a warm page cache, as in the running app
                label = f"check(text, library={stats['paragraphs']:,} paragraphs, {stats['measures']:,} measures)"
                medians["big library"] = report(label, timed(lambda: check(text, library=library, today=today),
                                                             args.runs))

    print("per rule (median of 20 runs, text):")
    for rule_id in RULES:
        if RULES[rule_id].needs_library:
            continue
        values = timed(lambda: check(text, today=today, rules=[rule_id]), 20)
        print(f"  {rule_id:<22} {statistics.median(values):6.2f} ms")
    worst = max(medians.values())
    verdict = "OK" if worst < 50 else "TOO SLOW"
    print(f"target: median under 50 ms — worst median {worst:.2f} ms: {verdict}")
    if "big library" in medians:
        print(f"target with the big library: ≤ 20 ms — {medians['big library']:.2f} ms: "
              f"{'OK' if medians['big library'] <= 20 else 'TOO SLOW'}")
    return 0 if worst < 50 else 1


if __name__ == "__main__":
    sys.exit(main())
