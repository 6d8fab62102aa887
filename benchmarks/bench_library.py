"""Library benchmarks: search recall and speed against two baselines, similar, import, index size, memory.

    .venv/bin/python benchmarks/bench_library.py [--paragraphs 200000] [--quick] [--rounds 5]
    .venv/bin/python benchmarks/bench_library.py --paragraphs 1000000      # the 1M library (built once, cached)

The queries are benchmarks/queries.tsv (by kind). Each round runs every query through three
engines, in an order that changes per query, on the same library:
- dafu:      Library.search(query, limit=51) — what the app asks for (50 shown, one more to know);
- substring: a plain scan, every word by LIKE '%word%', LIMIT 51 (what an app without an index does);
- trigram:   FTS5's trigram tokenizer over the same paragraphs (built once beside the cached library),
             bm25-ranked MATCH for words of three or more characters, LIKE (a scan) for shorter ones.
Recall of a result list = the true matches in it / min(51, all true matches), the truth being a full
substring scan (not timed); a list holding a paragraph without the words counts as wrong too.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402
from common import peak_rss_mb, percentile, summary  # noqa: E402

from dafu.library import Library  # noqa: E402

LIMIT = 51
SUGGESTIONS = [
    "关于加快老旧小区加装电梯的建议：我区老旧小区多，居民上下楼难，建议简化审批、加大补贴。",
    "建议大力发展直播电商，建设直播基地，培育网红主播，带动时尚产品销售。",
    "关于缓解学校周边交通拥堵和停车难问题的建议。",
    "建议完善养老服务设施，推进社区医院和养老机构医养结合。",
    "关于推动低空经济和无人机产业发展的建议，支持企业建设起降场地。",
    "关于进一步优化营商环境、支持首店经济和夜间经济发展的建议，建议出台专项扶持办法，对首店落户给予补贴。",
]


def load_queries(path: Path = HERE / "queries.tsv") -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, query = line.split("\t", 1)
            out.append((kind, query))
    return out


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def substring_scan(conn: sqlite3.Connection, query: str, limit: int | None = LIMIT) -> list[int]:
    words = query.split()
    where = " AND ".join("text LIKE ? ESCAPE '\\'" for _ in words)
    tail = f" LIMIT {limit}" if limit else ""
    return [r[0] for r in conn.execute(f"SELECT id FROM paragraphs WHERE {where}{tail}", [_like(w) for w in words])]


def truth(conn: sqlite3.Connection, query: str) -> set[int]:
    words = [w.lower() for w in query.split()]
    where = " AND ".join("instr(lower(text), ?) > 0" for _ in words)
    return {r[0] for r in conn.execute(f"SELECT id FROM paragraphs WHERE {where}", words)}


def trigram_path(library: Path) -> Path:
    return library.with_name(library.stem + "-trigram.sqlite")


def ensure_trigram(library: Path) -> Path:
    path = trigram_path(library)
    if path.exists():
        return path
    print(f"building the trigram baseline {path.name} (once; cached) …", flush=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='trigram')")
    conn.execute("ATTACH ? AS lib", [str(library)])
    conn.execute("INSERT INTO t (rowid, text) SELECT id, text FROM lib.paragraphs")
    conn.commit()
    conn.execute("DETACH lib")
    conn.execute("INSERT INTO t (t) VALUES ('optimize')")
    conn.commit()
    conn.close()
    partial.rename(path)
    return path


def trigram_search(conn: sqlite3.Connection, query: str) -> list[int]:
    long_words = [w for w in query.split() if len(w) >= 3]
    short = [w for w in query.split() if len(w) < 3]
    clauses, params = [], []
    if long_words:
        clauses.append("t MATCH ?")
        params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
    for w in short:
        clauses.append("text LIKE ? ESCAPE '\\'")
        params.append(_like(w))
    order = " ORDER BY rank" if long_words else ""
    return [r[0] for r in conn.execute(f"SELECT rowid FROM t WHERE {' AND '.join(clauses)}{order} LIMIT {LIMIT}",
                                       params)]


def recall(found: list[int], relevant: set[int]) -> float:
    """Share of the matches a list of LIMIT could hold that it holds (1 when there are none)."""
    if not relevant:
        return 1.0
    return sum(1 for pid in found if pid in relevant) / min(LIMIT, len(relevant))


def index_bytes(path: Path) -> int | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'paragraph_fts%' OR name LIKE 'search_%'"
                           " OR name = 'paragraphs_reuse'").fetchone()
        return row[0]
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()


def bench_search(library: Library, path: Path, queries: list[tuple[str, str]], rounds: int) -> None:
    conn = sqlite3.connect(path)
    tri = sqlite3.connect(ensure_trigram(path))
    engines = {"dafu": lambda q: [h.paragraph_id for h in library.search(q, limit=LIMIT)],
               "substring": lambda q: substring_scan(conn, q),
               "trigram": lambda q: trigram_search(tri, q)}
    matches: dict[str, int] = {}     # the truth is computed per query in the first round and dropped
    for name, run in engines.items():   # warm the page cache once, as a running app would be
        for _, q in queries[:5]:
            run(q)
    times: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in engines}
    recalls: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in engines}
    wrong: dict[str, int] = defaultdict(int)    # results that do not contain the words
    rng = random.Random(1)
    for round_ in range(rounds):
        order = queries[:]
        rng.shuffle(order)
        for i, (kind, query) in enumerate(order):
            names = list(engines)
            names = names[i % 3:] + names[:i % 3]      # interleaved: each engine goes first in turn
            relevant = truth(conn, query) if round_ == 0 else set()
            matches[query] = len(relevant) if round_ == 0 else matches[query]
            for name in names:
                start = time.perf_counter()
                found = engines[name](query)
                times[name][kind].append((time.perf_counter() - start) * 1000)
                if round_ == 0:
                    recalls[name][kind].append(recall(found, relevant))
                    wrong[name] += sum(1 for pid in found if pid not in relevant)
    kinds = list(dict.fromkeys(k for k, _ in queries))
    print(f"\nsearch: {len(queries)} queries × {rounds} rounds, limit {LIMIT}; p95 ms (recall %) per kind")
    print(f"{'kind':<13}{'queries':>8}{'matches (median)':>18}" + "".join(f"{n:>20}" for n in engines))
    for kind in kinds:
        qs = [q for k, q in queries if k == kind]
        median_matches = statistics.median(matches[q] for q in qs)
        cells = "".join(f"{percentile(times[n][kind], 95):>10.1f} ({100 * statistics.mean(recalls[n][kind]):5.1f}%)"
                        for n in engines)
        print(f"{kind:<13}{len(qs):>8}{median_matches:>18,.0f}{cells}")
    overall = {n: [t for k in kinds for t in times[n][k]] for n in engines}
    print("all           " + "".join(
        f"{'':>4}{n}: {summary(overall[n])}  recall {100 * statistics.mean([r for k in kinds for r in recalls[n][k]]):.1f}%\n"
        + " " * 14 for n in engines).rstrip())
    print("results without the words: " + ", ".join(f"{n} {wrong[n]}" for n in engines))
    for n in ("substring", "trigram"):
        print(f"dafu p95 / {n} p95 = {percentile(overall['dafu'], 95) / percentile(overall[n], 95):.2f}")
    slow = sorted(((statistics.median([t for t in _per_query(library, q)]), q) for _, q in queries), reverse=True)[:4]
    print("slowest for dafu (median of 3): " + ", ".join(f"{q} {ms:.1f} ms" for ms, q in slow))
    conn.close()
    tri.close()


def _per_query(library: Library, query: str) -> list[float]:
    out = []
    for _ in range(3):
        start = time.perf_counter()
        library.search(query, limit=LIMIT)
        out.append((time.perf_counter() - start) * 1000)
    return out


def like_similar(conn: sqlite3.Connection, text: str) -> list:
    # The naive way: any of the suggestion's two-character words, scanned with LIKE.
    grams = list(dict.fromkeys(text[i:i + 2] for i in range(0, len(text) - 1, 2)))[:12]
    where = " OR ".join("text LIKE ?" for _ in grams)
    return conn.execute(f"SELECT id FROM paragraphs WHERE {where} LIMIT 20", [f"%{g}%" for g in grams]).fetchall()


def bench_similar(library: Library, path: Path, rounds: int) -> None:
    conn = sqlite3.connect(path)
    ours, base = [], []
    for _ in range(rounds):
        for i, text in enumerate(SUGGESTIONS):
            pair = [("dafu", lambda: library.similar(text, 20)), ("scan", lambda: like_similar(conn, text))]
            for name, run in (pair if i % 2 else pair[::-1]):
                start = time.perf_counter()
                run()
                (ours if name == "dafu" else base).append((time.perf_counter() - start) * 1000)
    print(f"\nsimilar  {summary(ours)}   (target p95 ≤ 50 ms at 1M)")
    print(f"LIKE-OR  {summary(base)}   (any of 12 pairs, first 20, unranked)")
    conn.close()


def _without_search_index():
    """Index writes made no-ops (usage counts still kept): the import's cost without the search index."""
    import contextlib

    from dafu.library import index
    saved = (index.add, index.reuse, index.batch)
    index.add = lambda db, paragraph_id, text, usage=1: None
    index.reuse = lambda db, paragraph_id, change: db.execute(
        "UPDATE paragraphs SET usage_count = max(1, usage_count + ?) WHERE id = ?", [change, paragraph_id])
    index.batch = lambda db: contextlib.nullcontext()

    def restore():
        index.add, index.reuse, index.batch = saved
    return restore


def _import_once(path: Path | None, folder: Path, bare: bool) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory(dir=synth.cache_dir()) as tmp:
        target_path = Path(tmp) / "import.sqlite"
        if path is not None:
            shutil.copyfile(path, target_path)
        target = Library(target_path)
        restore = _without_search_index() if bare else (lambda: None)
        try:
            start = time.perf_counter()
            report = target.import_path(folder)
            seconds = time.perf_counter() - start
        finally:
            restore()
        paragraphs = target.stats()["paragraphs"]
        target.close()
    return report.imported / seconds, report.imported, paragraphs


def bench_import(path: Path, files: int, into_copy: bool, rounds: int = 2) -> None:
    """Import into a copy of the library, interleaved with the same import without search index writes."""
    folder = synth.cache_dir() / f"docx-g{synth.GENERATOR_VERSION}-{files}"
    if not folder.exists():
        synth.write_docx_files(folder, files)
    rates: dict[bool, list[float]] = {False: [], True: []}
    for round_ in range(rounds):
        for bare in ((False, True) if round_ % 2 == 0 else (True, False)):
            rate, imported, paragraphs = _import_once(path if into_copy else None, folder, bare)
            rates[bare].append(rate)
    with Library(path) as source:
        size = source.stats()["paragraphs"]
    where = f"into a copy of the {size:,}-paragraph library" if into_copy else "into an empty library"
    ours, bare = statistics.median(rates[False]), statistics.median(rates[True])
    print(f"import   {imported} .docx {where}: {ours:.0f} files/s (median of {rounds});"
          f" without search index writes {bare:.0f} files/s → the index costs {100 * (bare / ours - 1):.0f}%"
          "   (target ≥ 60 files/s into 1M)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=200_000)
    parser.add_argument("--quick", action="store_true", help="20,000 paragraphs, 2 rounds, 30 .docx")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    paragraphs = 20_000 if args.quick else args.paragraphs
    rounds = 2 if args.quick else args.rounds
    path = synth.ensure_library(paragraphs)
    library = Library(path)
    stats = library.stats()
    size = index_bytes(path)
    print(f"library: {stats['replies']:,} replies, {stats['paragraphs']:,} paragraphs, {stats['measures']:,} measures,"
          f" {stats['file_bytes'] / 2**20:.0f} MiB ({stats['file_bytes'] / stats['paragraphs']:.0f} bytes per paragraph)")
    if size:
        print(f"search index: {size / 2**20:.0f} MiB = {size / stats['paragraphs']:.0f} bytes per paragraph")
    queries = load_queries()
    bench_search(library, path, queries, rounds)
    bench_similar(library, path, max(2, rounds - 1))
    library.close()
    if not args.skip_import:
        bench_import(path, 30 if args.quick else 120, into_copy=True)
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
