"""Typing in the library search box over a 200,000-paragraph library.

    .venv/bin/python benchmarks/bench_gui_search.py [--paragraphs 200000] [--quick]

For each keystroke: how long the GUI thread is busy before the next key could be
handled (the key itself, and later the arrival and drawing of results), compared
with a bare QLineEdit in the same run; and the process's peak memory.
Targets: each keystroke returns control in < 50 ms; the process stays < 300 MB.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402
from common import peak_rss_mb, percentile  # noqa: E402

from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

QUERIES = ["时尚产业", "电梯", "直播电商", "学位供给", "营商环境", "福田", "口袋公园", "人才住房"]
KEY_INTERVAL_S = 0.09  # a brisk typist with an input method


def type_and_measure(app, box, text: str, busy: list[float]) -> None:
    box.clear()
    for char in text:
        start = time.perf_counter()
        box.insert(char)            # what an input method's commit does
        app.processEvents()
        busy.append((time.perf_counter() - start) * 1000)
        deadline = time.perf_counter() + KEY_INTERVAL_S
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            app.processEvents()     # results arriving and being drawn block the next key
            busy.append((time.perf_counter() - start) * 1000)
            time.sleep(0.002)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    paragraphs = 20_000 if args.quick else args.paragraphs
    path = Path(__file__).resolve().parent / "out" / f"library-{paragraphs}.sqlite"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        synth.build_library(path, paragraphs)
    app = QApplication(sys.argv)
    from dafu.gui.library_panel import LibraryPanel

    panel = LibraryPanel(path)
    panel.resize(420, 900)
    panel.show()
    shown: list[float] = []
    started = {"t": 0.0}
    panel.search_box.textChanged.connect(lambda _: started.__setitem__("t", time.perf_counter()))
    panel.search_finished.connect(lambda _n: shown.append((time.perf_counter() - started["t"]) * 1000))
    busy: list[float] = []
    for query in QUERIES * 2:
        type_and_measure(app, panel.search_box, query, busy)
    bare_box = QLineEdit()
    bare_box.show()
    bare: list[float] = []
    for query in QUERIES * 2:
        type_and_measure(app, bare_box, query, bare)
    panel.shutdown()
    print(f"library: {paragraphs} paragraphs")
    print(f"GUI thread busy per event: p95 {percentile(busy, 95):.1f} ms, max {max(busy):.1f} ms"
          "   (target: every keystroke returns control in < 50 ms)")
    print(f"bare QLineEdit:            p95 {percentile(bare, 95):.1f} ms, max {max(bare):.1f} ms"
          f"   ratio of max {max(busy) / max(max(bare), 0.01):.0f}x")
    if shown:
        print(f"keystroke to results shown: p50 {percentile(shown, 50):.0f} ms, p95 {percentile(shown, 95):.0f} ms"
              " (includes the 120 ms typing pause)")
    print(f"peak RSS {peak_rss_mb():.0f} MB   (target < 300 MB)")


if __name__ == "__main__":
    main()
