"""The library on a PostgreSQL server beside the same library in SQLite: search and similar, interleaved.

    .venv/bin/python benchmarks/bench_server.py [--paragraphs 200000] [--rounds 5] [--snapshot]

The server is DAFU_BENCH_PG_URL (a superuser URL), or the throw-away one scripts/pg-server.sh
starts (left running: the benchmark database is built once and kept, like the cached SQLite
libraries). The server library is the cached synthetic SQLite library brought to the server with
`load_from_sqlite` (what `dafu server init URL --from FILE` does), so both hold the same rows and ids.

Each round runs every query of benchmarks/queries.tsv (limit 51, as the app asks) on both engines,
in an order that alternates per query; recall is measured against a substring scan, and the two
engines' result lists are compared. --snapshot also times a clerk's first snapshot of the server
library (a full copy into SQLite) and an incremental refresh after an import.
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402
from bench_library import LIMIT, SUGGESTIONS, load_queries, recall, truth  # noqa: E402
from common import percentile, summary  # noqa: E402

from dafu.library import Library, store  # noqa: E402
from dafu.library.engines import postgresql  # noqa: E402


def server_url() -> str:
    url = os.environ.get("DAFU_BENCH_PG_URL")
    if url:
        return url
    return subprocess.run(["bash", str(HERE.parent / "scripts" / "pg-server.sh"), "start"], check=True,
                          capture_output=True, text=True).stdout.strip()


def with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def ensure_server_library(admin_url: str, source: Path, paragraphs: int) -> str:
    import psycopg
    name = f"dafu_bench_{paragraphs}_g{synth.GENERATOR_VERSION}_s{store.SCHEMA_VERSION}_p{postgresql.SCHEMA_VERSION}"
    url = with_database(admin_url, name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            try:
                with psycopg.connect(url) as conn:
                    if conn.execute("SELECT value FROM dafu.library_info WHERE name = 'bench_source'").fetchone():
                        return url
            except psycopg.Error:
                pass
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        print(f"building the server library {name} from {source.name} (once; kept) …", flush=True)
        start = time.perf_counter()
        admin.execute(f"CREATE DATABASE {name}")
    db = postgresql.connect(url)
    counts = postgresql.load_from_sqlite(db, source)
    db.conn.execute("INSERT INTO library_info (name, value) VALUES ('bench_source', %s)", [source.name])
    db.conn.execute("VACUUM ANALYZE")
    db.close()
    print(f"built in {time.perf_counter() - start:.0f} s ({counts['paragraphs']:,} paragraphs)", flush=True)
    return url


def bench_search(engines: dict[str, Library], conn: sqlite3.Connection, queries, rounds: int) -> None:
    for library in engines.values():   # warm caches once, as a running app would be
        for _, q in queries[:5]:
            library.search(q, limit=LIMIT)
    times: dict[str, dict[str, list[float]]] = {n: defaultdict(list) for n in engines}
    recalls: dict[str, list[float]] = defaultdict(list)
    differ = []
    rng = random.Random(1)
    for round_ in range(rounds):
        order = queries[:]
        rng.shuffle(order)
        for i, (kind, query) in enumerate(order):
            names = list(engines) if i % 2 == 0 else list(engines)[::-1]
            found = {}
            for name in names:
                start = time.perf_counter()
                found[name] = [h.paragraph_id for h in engines[name].search(query, limit=LIMIT)]
                times[name][kind].append((time.perf_counter() - start) * 1000)
            if round_ == 0:
                relevant = truth(conn, query)
                for name in engines:
                    recalls[name].append(recall(found[name], relevant))
                if found["sqlite"] != found["postgresql"]:
                    differ.append(query)
    kinds = list(dict.fromkeys(k for k, _ in queries))
    print(f"\nsearch: {len(queries)} queries × {rounds} rounds, limit {LIMIT}, interleaved; ms per kind, p50 / p95")
    print(f"{'kind':<14}" + "".join(f"{n:>20}" for n in engines))
    for kind in kinds:
        print(f"{kind:<14}" + "".join(f"{percentile(times[n][kind], 50):>12.1f} /{percentile(times[n][kind], 95):>6.1f}"
                                      for n in engines))
    overall = {n: [t for k in kinds for t in times[n][k]] for n in engines}
    for name in engines:
        print(f"{name:<11} {summary(overall[name])}  recall {100 * statistics.mean(recalls[name]):.1f}%")
    print(f"postgresql p95 / sqlite p95 = {percentile(overall['postgresql'], 95) / percentile(overall['sqlite'], 95):.2f}"
          f"   (target: postgresql p95 ≤ 30 ms)")
    print(f"queries whose 51 results differ between the engines: {len(differ)} {differ[:5]}")


def bench_similar(engines: dict[str, Library], rounds: int) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    same = 0
    for round_ in range(rounds):
        for i, text in enumerate(SUGGESTIONS):
            found = {}
            for name in (list(engines) if i % 2 == round_ % 2 else list(engines)[::-1]):
                start = time.perf_counter()
                found[name] = [(h.paragraph_id, round(h.score, 3)) for h in engines[name].similar(text, 20)]
                times[name].append((time.perf_counter() - start) * 1000)
            same += found["sqlite"] == found["postgresql"]
    print(f"\nsimilar: {len(SUGGESTIONS)} suggestions × {rounds} rounds, limit 20, interleaved")
    for name in engines:
        print(f"{name:<11} {summary(times[name])}")
    print(f"identical result lists: {same} of {rounds * len(SUGGESTIONS)}")


def bench_snapshot(url: str, paragraphs: int) -> None:
    """A clerk's first snapshot of the server library, and a refresh after a day's import."""
    from dafu.library import snapshot
    with tempfile.TemporaryDirectory(dir=synth.cache_dir()) as home:
        os.environ["XDG_DATA_HOME"] = home
        start = time.perf_counter()
        full = snapshot.refresh(url)
        print(f"\nsnapshot, first (full) copy of {paragraphs:,} paragraphs: {time.perf_counter() - start:.1f} s"
              f" ({full['rows']:,} rows)")
        folder = synth.cache_dir() / f"docx-g{synth.GENERATOR_VERSION}-30"
        if not folder.exists():
            synth.write_docx_files(folder, 30)
        with Library(url, snapshot=False) as library:
            report = library.import_path(folder)
            taken = [library.remove_batch(report.batch_id)] if report.batch_id else []
            report = library.import_path(folder)
            start = time.perf_counter()
            incremental = snapshot.refresh(url)
            seconds = time.perf_counter() - start
            print(f"snapshot, refresh after importing {report.imported} replies (and removing {len(taken)} batch):"
                  f" {seconds * 1000:.0f} ms ({incremental['rows']} rows, {incremental['removed']} removed)")
            start = time.perf_counter()
            idle = snapshot.refresh(url)
            print(f"snapshot, refresh with nothing changed: {(time.perf_counter() - start) * 1000:.0f} ms")
            if report.batch_id:
                library.remove_batch(report.batch_id)
        del idle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--snapshot", action="store_true", help="also time the offline snapshot's copy and refresh")
    args = parser.parse_args()
    path = synth.ensure_library(args.paragraphs)
    url = ensure_server_library(server_url(), path, args.paragraphs)
    engines = {"sqlite": Library(path), "postgresql": Library(url, snapshot=False)}
    stats = {n: lib.stats() for n, lib in engines.items()}
    print(f"library: {stats['sqlite']['paragraphs']:,} paragraphs in both (server: {stats['postgresql']['paragraphs']:,});"
          f" sqlite file {stats['sqlite']['file_bytes'] / 2**20:.0f} MiB, server database"
          f" {stats['postgresql']['file_bytes'] / 2**20:.0f} MiB")
    conn = sqlite3.connect(path)
    print(f"machine load (1-minute average) at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    bench_search(engines, conn, load_queries(), args.rounds)
    bench_similar(engines, max(2, args.rounds - 1))
    print(f"\nmachine load at the end: {os.getloadavg()[0]:.2f}")
    for library in engines.values():
        library.close()
    if args.snapshot:
        bench_snapshot(url, args.paragraphs)


if __name__ == "__main__":
    main()
