"""Load test: 20 clerks' processes on one server library for 60 s, and the server restarted midway.

    .venv/bin/python tests/load_server.py [--seconds 60] [--clients 20] [--no-restart]

(run by .ci/run as tests/core/test_server_load.py; alone it uses DAFU_TEST_PG_URL or the server of
scripts/pg-server.sh, and restarts that server with `scripts/pg-server.sh restart-fast`).

Clients, each a process with its own Library, sharing one data folder as clerks' processes on one
machine would (one drafts file, one snapshot):
- searchers type real queries (benchmarks/queries.tsv) a character at a time, searching each
  prefix as the app does, and autosave a draft every few seconds;
- two ask for paragraphs similar to suggestions;
- two import replies (.txt files made for the run), one file at a time;
- one edits measures' caps and adds measures.
At the end: no errors but the outage's own (reported, each a LibraryError), every draft as last
saved, every file imported or reported not imported (none half-written), the measures as last
edited, the index consistent with the text (Library.check_integrity), and search p95.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "desktop"))

SUGGESTIONS = [
    "关于加快老旧小区加装电梯的建议：我区老旧小区多，居民上下楼难，建议简化审批、加大补贴。",
    "建议大力发展直播电商，建设直播基地，培育网红主播，带动时尚产品销售。",
    "关于缓解学校周边交通拥堵和停车难问题的建议。",
    "建议完善养老服务设施，推进社区医院和养老机构医养结合。",
]


def queries() -> list[str]:
    out = []
    for line in (ROOT / "benchmarks" / "queries.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t", 1)[1])
    return out


def make_files(folder: Path, count: int, tag: str) -> list[Path]:
    sample = (ROOT / "resources" / "samples" / "reply_JY20230126.txt").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(tag)
    files = []
    for i in range(count):
        text = sample.replace("JY20230126", f"JY2024{tag}{i:04d}")
        extra = "".join(rng.choice("时尚产业科技创新平台建设企业服务发展支持推进") for _ in range(rng.randint(20, 80)))
        path = folder / f"{tag}_{i:03d}.txt"
        path.write_text(text + f"\n{tag}第{i}份补充说明：{extra}。\n", encoding="utf-8")
        files.append(path)
    return files


def _client(kind: str, number: int, url: str, args: dict, start_at: float, queue) -> None:
    os.environ["XDG_DATA_HOME"] = args["data_home"]
    os.environ["DAFU_SNAPSHOT"] = "off"        # the snapshot is refreshed once, before the run
    from dafu.errors import DafuError
    from dafu.library import Library
    rng = random.Random(number)
    report = {"kind": kind, "number": number, "searches": [], "similar": [], "errors": [], "outage_errors": 0,
              "offline_seen": 0, "drafts": {}, "imported": [], "not_imported": [], "measures": {}, "ops": 0}
    library = None
    try:
        library = Library(url)
        while time.time() < start_at:
            time.sleep(0.01)
        end = start_at + args["seconds"]
        draft_id, draft_text, last_save = None, "", 0.0
        pending_files = list(args.get("files", {}).get(str(number), []))
        query_list = queries()
        filters = {"year": 2023} if number % 5 == 0 else {}
        while time.time() < end:
            try:
                if kind == "search":
                    query = rng.choice(query_list)
                    for cut in range(1, len(query) + 1):
                        t0 = time.perf_counter()
                        library.search(query[:cut], limit=51, **filters)
                        report["searches"].append((time.time(), (time.perf_counter() - t0) * 1000, library.offline))
                        report["offline_seen"] += library.offline
                        time.sleep(rng.uniform(0.08, 0.25))     # a clerk typing
                        if time.time() - last_save > 3:          # the app's autosave
                            draft_text = f"client {number} draft at {time.time():.3f}: {query[:cut]}"
                            draft_id = library.save_draft(draft_text, draft_id=draft_id, name=f"c{number}")
                            report["drafts"][str(draft_id)] = draft_text
                            last_save = time.time()
                        if time.time() >= end:
                            break
                elif kind == "similar":
                    t0 = time.perf_counter()
                    library.similar(rng.choice(SUGGESTIONS), 20)
                    report["similar"].append((time.time(), (time.perf_counter() - t0) * 1000, library.offline))
                    time.sleep(rng.uniform(0.3, 0.8))
                elif kind == "import":
                    if not pending_files:
                        time.sleep(0.2)
                        continue
                    path = pending_files.pop(0)
                    result = library.import_path(path).results[0]
                    if result.ok:
                        report["imported"].append(str(path))
                    else:
                        report["not_imported"].append([str(path), result.error])
                        if "未导入" in (result.error or ""):
                            report["outage_errors"] += 1
                            pending_files.append(path)       # try it again later, as a clerk would
                    time.sleep(rng.uniform(0.2, 0.6))
                elif kind == "measures":
                    measures = library.measures_for(args["measure_item"]) or library.measures()[:20]
                    target = rng.choice(measures)
                    cap = rng.randint(1, 10_000) * 10_000
                    library.update_measure(target.id, cap_yuan=cap)
                    report["measures"][str(target.id)] = cap
                    if rng.random() < 0.1:
                        new_id = library.add_measure(policy="负载测试措施", item=f"负载测试支持{number}-{time.time():.0f}",
                                                     cap_yuan=cap)
                        report["measures"][str(new_id)] = cap
                    time.sleep(rng.uniform(0.1, 0.4))
                report["ops"] += 1
            except DafuError as exc:
                # The outage: reported in one line, the client goes on (a read falls back to the
                # snapshot; a write is refused or not imported until the server is back).
                if "无法连接" in str(exc) or "只能查阅" in str(exc) or "unreachable" in str(exc):
                    report["outage_errors"] += 1
                    time.sleep(0.5)
                else:
                    report["errors"].append(f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # noqa: BLE001 - a bug: reported to the parent
        import traceback
        report["errors"].append("".join(traceback.format_exception(exc))[-2000:])
    finally:
        if library is not None:
            library.close()
        queue.put(report)


def run(url: str, *, seconds: float = 60, clients: int = 20, restart: bool = True, data_home: str,
        workdir: Path, log=print) -> dict:
    """Run the load test against the library at ``url`` (made empty, or seeded, by the caller)."""
    from dafu.errors import LibraryError
    from dafu.library import Library, index
    os.environ["XDG_DATA_HOME"] = data_home
    files = {}
    kinds = ["import", "import", "measures", "similar", "similar"]
    kinds += ["search"] * (clients - len(kinds))
    for number, kind in enumerate(kinds):
        if kind == "import":
            files[str(number)] = [str(p) for p in make_files(workdir / f"in{number}", 30, f"{number:02d}")]
    with Library(url, snapshot=False) as library:
        before = library.stats()
        item = next((m.item for m in library.measures()[:50] if m.item), "")
        t0 = time.perf_counter()
        library.refresh_snapshot()
        log(f"library: {before['replies']:,} replies, {before['paragraphs']:,} paragraphs; snapshot"
            f" {time.perf_counter() - t0:.1f} s")
    args = {"seconds": seconds, "data_home": data_home, "files": files, "measure_item": item}
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    start_at = time.time() + 8 + clients * 0.3     # every client connected and waiting before the clock starts
    procs = [ctx.Process(target=_client, args=(kind, n, url, args, start_at, queue)) for n, kind in enumerate(kinds)]
    for p in procs:
        p.start()
    restarted = None
    if restart:
        while time.time() < start_at + seconds / 2:
            time.sleep(0.1)
        r0 = time.time()
        subprocess.run(["bash", str(ROOT / "scripts" / "pg-server.sh"), "restart-fast"], check=True)
        restarted = (r0 - start_at, time.time() - start_at)
        log(f"server restarted (immediate stop, start) at {restarted[0]:.1f}–{restarted[1]:.1f} s")
    reports = [queue.get(timeout=seconds + 180) for _ in procs]
    for p in procs:
        p.join(30)
    # -- what the clients saw
    searches = sorted(ms for r in reports for _, ms, _ in r["searches"])
    online = sorted(ms for r in reports for _, ms, offline in r["searches"] if not offline)
    similar = sorted(ms for r in reports for _, ms, _ in r["similar"])
    errors = [e for r in reports for e in r["errors"]]
    pct = lambda values, p: values[min(len(values) - 1, int(p / 100 * len(values)))] if values else 0.0  # noqa: E731
    offline_searches = sum(1 for r in reports for _, _, offline in r["searches"] if offline)
    last_offline = max((t for r in reports for t, _, offline in r["searches"] if offline), default=None)
    result = {
        "clients": clients, "seconds": seconds, "restart": restarted,
        "searches": len(searches), "search_p50_ms": pct(searches, 50), "search_p95_ms": pct(searches, 95),
        "search_p95_online_ms": pct(online, 95), "similar": len(similar), "similar_p95_ms": pct(similar, 95),
        "searches_from_snapshot": offline_searches,
        "back_online_after_s": (last_offline - start_at - restarted[1]) if last_offline and restarted else None,
        "outage_errors": sum(r["outage_errors"] for r in reports), "errors": errors,
        "ops": sum(r["ops"] for r in reports),
    }
    # -- nothing lost
    problems = list(errors)
    imported = [f for r in reports for f in r["imported"]]
    all_files = [f for fs in files.values() for f in fs]
    with Library(url, snapshot=False) as library:
        from dafu.library.importer import read_for_import
        import hashlib
        present = {row[0] for row in library.db.execute("SELECT source_hash FROM replies").fetchall()}
        missing = [f for f in all_files if hashlib.sha256(read_for_import(Path(f))[0]).hexdigest() not in present]
        reported_missing = {f for r in reports for f, _ in r["not_imported"]} - set(imported)
        if set(missing) - reported_missing:
            problems.append(f"files neither imported nor reported: {sorted(set(missing) - reported_missing)[:3]}")
        half = library.db.scalar("SELECT count(*) FROM replies r WHERE NOT EXISTS"
                                 " (SELECT 1 FROM reply_paragraphs rp WHERE rp.reply_id = r.id)")
        if half:
            problems.append(f"{half} replies without paragraphs (half-written)")
        usage = library.db.scalar("SELECT count(*) FROM paragraphs p WHERE usage_count !="
                                  " (SELECT count(*) FROM reply_paragraphs rp WHERE rp.paragraph_id = p.id)")
        if usage:
            problems.append(f"{usage} paragraphs whose usage count is not their uses")
        for r in reports:
            for measure_id, cap in r["measures"].items():
                found = library.measure(int(measure_id))
                if found is None or found.cap_yuan != cap:
                    problems.append(f"measure {measure_id}: cap {found and found.cap_yuan} != last written {cap}")
        for r in reports:
            for draft_id, text in r["drafts"].items():
                try:
                    if library.load_draft(int(draft_id)) != text:
                        problems.append(f"draft {draft_id} of client {r['number']} is not as last saved")
                except LibraryError as exc:
                    problems.append(f"draft {draft_id} of client {r['number']} lost: {exc}")
        index.fold_pending(library.db)
        try:
            library.check_integrity()
        except LibraryError as exc:
            problems.append(str(exc))
        after = library.stats()
    result.update({"replies_before": before["replies"], "replies_after": after["replies"],
                   "files": len(all_files), "files_imported": len(all_files) - len(missing),
                   "files_reported_not_imported_at_the_end": len(missing),
                   "drafts": sum(len(r["drafts"]) for r in reports), "problems": problems})
    return result


def seeded_library(paragraphs: int) -> str:
    """A new server library holding the synthetic library of ``paragraphs`` (benchmarks/synth.py, cached)."""
    import pg_server
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth
    from dafu.library.engines import postgresql
    source = synth.ensure_library(paragraphs, quiet=True)
    url = pg_server.new_database("dafu_load")
    db = postgresql.connect(url)
    try:
        postgresql.load_from_sqlite(db, source)
    finally:
        db.close()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--no-restart", action="store_true")
    parser.add_argument("--paragraphs", type=int, default=5000, help="size of the seed library")
    args = parser.parse_args()
    import tempfile
    import pg_server
    with tempfile.TemporaryDirectory() as tmp:
        url = seeded_library(args.paragraphs)
        try:
            result = run(url, seconds=args.seconds, clients=args.clients, restart=not args.no_restart,
                         data_home=str(Path(tmp) / "data"), workdir=Path(tmp))
        finally:
            pg_server.drop_database(url)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    sys.exit(1 if result["problems"] else 0)


if __name__ == "__main__":
    main()
