"""Library benchmarks: search and similar on a 200,000-paragraph library, import speed, size, memory.

    .venv/bin/python benchmarks/bench_library.py [--paragraphs 200000] [--quick]

Each figure is printed with its ratio to a plain LIKE scan over the same table,
measured in the same run. The synthetic library is cached in benchmarks/out/.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402
from common import peak_rss_mb, percentile, summary, timed  # noqa: E402

from dafu.library import Library  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
QUERIES = ["福", "楼", "电梯", "时尚", "学位", "直播电商", "人才住房", "营商 环境", "公共服务平台", "Fashion",
           "产业空间", "垃", "交流平台建设支持", "低空经济", "园", "口袋公园", "数字化转型", "停车"]
SUGGESTIONS = [
    "关于加快老旧小区加装电梯的建议：我区老旧小区多，居民上下楼难，建议简化审批、加大补贴。",
    "建议大力发展直播电商，建设直播基地，培育网红主播，带动时尚产品销售。",
    "关于缓解学校周边交通拥堵和停车难问题的建议。",
    "建议完善养老服务设施，推进社区医院和养老机构医养结合。",
    "关于推动低空经济和无人机产业发展的建议，支持企业建设起降场地。",
]


def like_search(conn: sqlite3.Connection, query: str) -> list:
    words = query.split()
    where = " AND ".join("text LIKE ?" for _ in words)
    # What ranking by hand would need: every matching paragraph, found by a full scan.
    return conn.execute(f"SELECT id, text FROM paragraphs WHERE {where}", [f"%{w}%" for w in words]).fetchall()


def like_similar(conn: sqlite3.Connection, text: str) -> list:
    # The naive way: any of the suggestion's two-character words, scanned with LIKE.
    grams = list(dict.fromkeys(text[i:i + 2] for i in range(0, len(text) - 1, 2)))[:12]
    where = " OR ".join("text LIKE ?" for _ in grams)
    return conn.execute(f"SELECT id, text FROM paragraphs WHERE {where}", [f"%{g}%" for g in grams]).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="20,000 paragraphs, 30 .docx")
    args = parser.parse_args()
    paragraphs = 20_000 if args.quick else args.paragraphs
    OUT.mkdir(exist_ok=True)
    path = OUT / f"library-{paragraphs}.sqlite"
    if not path.exists():
        start = time.perf_counter()
        synth.build_library(path, paragraphs)
        print(f"built {path.name} in {time.perf_counter() - start:.1f} s")
    library = Library(path)
    stats = library.stats()
    print(f"library: {stats['replies']} replies, {stats['paragraphs']} paragraphs, "
          f"{stats['file_bytes'] / 2**20:.1f} MiB ({stats['file_bytes'] / 2**20 / stats['replies'] * 1000:.1f} MiB"
          f" per 1,000 replies)")
    conn = sqlite3.connect(path)
    library.search("预热")  # warm the page cache once, as a running app would be

    rng = random.Random(1)
    search_ms, like_ms = [], []
    for _ in range(5):
        for query in rng.sample(QUERIES, len(QUERIES)):
            search_ms += timed(lambda: library.search(query), 1)
            like_ms += timed(lambda: like_search(conn, query), 1)
    print(f"search   {summary(search_ms)}   (target p95 < 30 ms)")
    print(f"LIKE     {summary(like_ms)}")
    print(f"search p95 / LIKE p95 = {percentile(search_ms, 95) / percentile(like_ms, 95):.2f}")
    worst = sorted(((timed(lambda: library.search(q), 3)[1], q) for q in QUERIES), reverse=True)[:3]
    print("slowest queries: " + ", ".join(f"{q} {ms:.1f} ms" for ms, q in worst))

    similar_ms, like_similar_ms = [], []
    for _ in range(4):
        for text in SUGGESTIONS:
            similar_ms += timed(lambda: library.similar(text), 1)
            like_similar_ms += timed(lambda: like_similar(conn, text), 1)
    print(f"similar  {summary(similar_ms)}   (target p95 < 150 ms)")
    print(f"LIKE-OR  {summary(like_similar_ms)}")
    print(f"similar p95 / LIKE-OR p95 = {percentile(similar_ms, 95) / percentile(like_similar_ms, 95):.2f}")
    library.close()

    files = 30 if args.quick else 120
    folder = OUT / f"docx-{files}"
    if not folder.exists():
        synth.write_docx_files(folder, files)
    with tempfile.TemporaryDirectory() as tmp:
        target = Library(Path(tmp) / "import.sqlite")
        start = time.perf_counter()
        report = target.import_path(folder)
        seconds = time.perf_counter() - start
        target.close()
    print(f"import   {report.imported} .docx in {seconds:.2f} s = {report.imported / seconds:.0f} files/s"
          "   (target >= 30 files/s)")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
