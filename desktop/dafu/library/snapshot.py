"""A local snapshot of a server library: what the clerk works from when the server cannot be reached.

Each successful connection to a server library brings a SQLite copy of it in the user's data
folder up to date (``snapshots/<name>.sqlite``, a library file like any other, searched by the
SQLite engine). When the server cannot be reached, :class:`~dafu.library.Library` opens that
copy read-only and says so in one line.

**Incremental.** A full copy of a big library takes minutes (re-indexing every paragraph), far
too long for every connection, so only what changed is copied. The server stamps every row with
the transaction that last wrote it (``changed``) and logs removals (``removed_rows``); the
snapshot keeps the server's transaction snapshot (``txid_current_snapshot()``) as of its last
refresh — its *watermark* — and the next refresh reads the rows whose stamp that watermark did
not see: exactly what was committed since, whatever order concurrent transactions committed in.

**Resumable.** The first copy goes table by table in chunks, each committed with its place, so an
interrupted copy (the command line exits, the server goes away) continues where it stopped;
its watermark is the server snapshot of when it began, so everything changed during the copy
is read again by the next refresh. Re-applying a row is harmless (upserts).

One process refreshes a snapshot at a time (a lock file; the others skip). The refresh runs in
a background thread with its own connections, so opening the library never waits for it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

from dafu import paths
from dafu.library import index
from dafu.library.engines import display_url
from dafu.library.engines import postgresql as pg
from dafu.library.engines import sqlite as lite

log = logging.getLogger(__name__)

CHUNK = 5000
STATE = "snapshot_state"
# Copy order: parents before children.
TABLES = ("import_batches", "tags", "measures", "paragraphs", "replies", "reply_paragraphs", "measure_citations",
          "paragraph_tags", "reply_tags")
# Removals applied in this order: children first (the snapshot's own foreign keys are off while syncing).
REMOVAL_ORDER = ("reply_tags", "paragraph_tags", "replies", "paragraphs", "measures", "tags", "import_batches")
_GENERATED = {"changed", "item_key", "policy_key"}


def path_for(url: str) -> Path:
    shown = display_url(url)
    digest = hashlib.sha1(shown.encode("utf-8")).hexdigest()[:16]
    return paths.data_dir() / "snapshots" / f"library-{digest}.sqlite"


def _state(db: lite.SQLiteDatabase) -> dict[str, str]:
    db.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (name TEXT PRIMARY KEY, value TEXT)")
    return dict(db.execute(f"SELECT name, value FROM {STATE}").fetchall())


def _set_state(db: lite.SQLiteDatabase, **values: str | None) -> None:
    for name, value in values.items():
        if value is None:
            db.execute(f"DELETE FROM {STATE} WHERE name = ?", [name])
        else:
            db.execute(f"INSERT INTO {STATE} (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE"
                       " SET value = excluded.value", [name, str(value)])


def open_read_only(url: str) -> tuple[lite.SQLiteDatabase, str] | None:
    """(the snapshot opened read-only, when it was taken) — or None when there is none."""
    path = path_for(url)
    if not path.exists():
        return None
    db = lite.connect(path)
    state = dict(db.execute(f"SELECT name, value FROM {STATE}").fetchall()) \
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [STATE]).fetchone() else {}
    db.execute("PRAGMA query_only = ON")
    db.read_only = True
    taken = state.get("taken_at")
    return db, (taken.replace("T", " ")[:16] if taken else "未完成（incomplete）")


class _Lock:
    """One refresher per snapshot across processes (a non-blocking lock on a file beside it)."""

    def __init__(self, path: Path):
        self.path = path.with_suffix(".lock")
        self.file = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = open(self.path, "a+b")
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt
                msvcrt.locking(self.file.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(self.file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            self.file.close()
            self.file = None
            return False

    def release(self) -> None:
        if self.file is not None:
            self.file.close()    # closing releases the lock
            self.file = None


class Stopped(Exception):
    pass


def refresh(url: str, *, progress: Callable[[int, int], None] | None = None,
            stop: threading.Event | None = None) -> dict[str, Any]:
    """Bring the snapshot of the library at ``url`` up to date; returns what it did.

    ``{"mode": "full"|"incremental"|"busy", "rows": n, "removed": n, "seconds": s}``.
    """
    path = path_for(url)
    lock = _Lock(path)
    if not lock.acquire():
        return {"mode": "busy", "rows": 0, "removed": 0, "seconds": 0.0}
    started = time.perf_counter()
    server = local = None
    try:
        server = pg._open_connection(url)
        local = lite.connect(path)
        local.execute("PRAGMA foreign_keys = OFF")   # rows arrive in chunks; the server kept them consistent
        state = _state(local)
        server.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        now = server.execute("SELECT txid_current_snapshot()::text").fetchone()[0]
        if not state.get("watermark"):
            report = _full_copy(server, local, state, now, url, progress, stop)
        else:
            report = _incremental(server, local, state["watermark"], now, stop)
        server.execute("COMMIT")
        index.fold_pending(local)
        report["seconds"] = round(time.perf_counter() - started, 3)
        report["path"] = str(path)
        return report
    finally:
        for conn in (server, local):
            if conn is not None:
                try:
                    conn.close()
                except Exception:  # noqa: BLE001
                    pass
        lock.release()


def _columns(server: Any, table: str) -> list[str]:
    return [r[0] for r in server.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'dafu' AND table_name = %s"
        " ORDER BY ordinal_position", [table]) if r[0] not in _GENERATED]


def _full_copy(server: Any, local: lite.SQLiteDatabase, state: dict, now: str, url: str,
               progress: Callable[[int, int], None] | None, stop: threading.Event | None) -> dict[str, Any]:
    begun = state.get("copy_from") or now
    with local.transaction():
        _set_state(local, copy_from=begun, url=display_url(url))
    table = state.get("copy_table") or TABLES[0]
    cursor = state.get("copy_last")
    total = sum(server.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES[TABLES.index(table):])
    done = rows = 0
    for name in TABLES[TABLES.index(table):]:
        columns = _columns(server, name)
        keys = pg.SYNCED[name]
        last = tuple(int(v) for v in cursor.split(",")) if cursor and name == table else None
        while True:
            if stop is not None and stop.is_set():
                raise Stopped()
            after = f" WHERE ({', '.join(keys)}) > ({', '.join(['%s'] * len(keys))})" if last else ""
            chunk = server.execute(f"SELECT {', '.join(columns)} FROM {name}{after} ORDER BY {', '.join(keys)}"
                                   f" LIMIT {CHUNK}", list(last or ())).fetchall()
            if not chunk:
                break
            key_at = [columns.index(k) for k in keys]
            last = tuple(chunk[-1][i] for i in key_at)
            with local.transaction():
                _apply(local, name, columns, chunk)
                _set_state(local, copy_table=name, copy_last=",".join(map(str, last)))
            rows += len(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
            if len(chunk) < CHUNK:
                break
        cursor = None
    with local.transaction():
        _set_state(local, watermark=begun, taken_at=dt.datetime.now().isoformat(timespec="seconds"),
                   copy_from=None, copy_table=None, copy_last=None)
    return {"mode": "full", "rows": rows, "removed": 0}


def _incremental(server: Any, local: lite.SQLiteDatabase, watermark: str, now: str,
                 stop: threading.Event | None) -> dict[str, Any]:
    seen = "changed >= txid_snapshot_xmin(%s::txid_snapshot) AND NOT txid_visible_in_snapshot(changed, %s::txid_snapshot)"
    removed = server.execute(f"SELECT tbl, key FROM removed_rows WHERE {seen} ORDER BY changed",
                             [watermark, watermark]).fetchall()
    changes = {}
    for name in TABLES:
        columns = _columns(server, name)
        changes[name] = (columns, server.execute(f"SELECT {', '.join(columns)} FROM {name} WHERE {seen}"
                                                 f" ORDER BY {', '.join(pg.SYNCED[name])}",
                                                 [watermark, watermark]).fetchall())
    if stop is not None and stop.is_set():
        raise Stopped()
    rows = 0
    with local.transaction():
        by_table: dict[str, list[str]] = {}
        for table, key in removed:
            by_table.setdefault(table, []).append(key)
        for table in REMOVAL_ORDER:
            for key in by_table.get(table, []):
                _remove(local, table, key)
        for name in TABLES:
            columns, chunk = changes[name]
            if chunk:
                _apply(local, name, columns, chunk)
                rows += len(chunk)
        _set_state(local, watermark=now, taken_at=dt.datetime.now().isoformat(timespec="seconds"))
    return {"mode": "incremental", "rows": rows, "removed": len(removed)}


def _apply(local: lite.SQLiteDatabase, table: str, columns: list[str], rows: list[tuple]) -> None:
    """Upsert rows (as the server has them) into the snapshot; paragraphs through the search index."""
    if table == "paragraphs":
        _apply_paragraphs(local, columns, rows)
        return
    keys = pg.SYNCED[table]
    others = [c for c in columns if c not in keys]
    update = (f"DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in others)}" if others else "DO NOTHING")
    local.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
                      f" ON CONFLICT ({', '.join(keys)}) {update}", rows)


def _apply_paragraphs(local: lite.SQLiteDatabase, columns: list[str], rows: list[tuple]) -> None:
    at = {c: i for i, c in enumerate(columns)}
    with index.batch(local):
        for row in rows:
            pid, text, usage = row[at["id"]], row[at["text"]], row[at["usage_count"]]
            have = local.one("SELECT usage_count FROM paragraphs WHERE id = ?", [pid])
            if have is None:
                local.execute("INSERT INTO paragraphs (id, text_hash, text, role, usage_count) VALUES (?,?,?,?,?)",
                              [pid, row[at["text_hash"]], text, row[at["role"]], usage])
                index.add(local, pid, text, usage)
            elif have[0] != usage:
                index.set_usage(local, pid, text, have[0], usage)


def _remove(local: lite.SQLiteDatabase, table: str, key: str) -> None:
    parts = [int(v) for v in key.split(",")]
    if table == "paragraphs":
        row = local.one("SELECT text FROM paragraphs WHERE id = ?", parts)
        if row is None:
            return
        index.remove(local, parts[0], row[0])
        local.execute("DELETE FROM measure_citations WHERE paragraph_id = ?", parts)
        local.execute("DELETE FROM paragraph_tags WHERE paragraph_id = ?", parts)
    elif table == "replies":
        local.execute("DELETE FROM reply_paragraphs WHERE reply_id = ?", parts)
        local.execute("DELETE FROM reply_tags WHERE reply_id = ?", parts)
    elif table == "measures":
        local.execute("DELETE FROM measure_citations WHERE measure_id = ?", parts)
    keys = pg.SYNCED[table]
    local.execute(f"DELETE FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in keys)}", parts)


class Refresher:
    """A refresh running in a daemon thread; ``stop()`` ends it between two chunks."""

    def __init__(self, url: str):
        self.url = url
        self.event = threading.Event()
        self.result: dict | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="dafu-snapshot", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.result = refresh(self.url, stop=self.event)
        except Stopped:
            pass
        except Exception as exc:  # noqa: BLE001 - a failed refresh leaves the last snapshot; logged
            self.error = exc
            log.warning("snapshot refresh of %s failed: %s", display_url(self.url), exc)

    def wait(self, timeout: float | None = None) -> dict | None:
        self.thread.join(timeout)
        return self.result

    def stop(self, grace: float = 0.0, timeout: float = 10.0) -> None:
        """Let it finish for up to ``grace`` seconds (an incremental refresh takes milliseconds), then
        stop it between two chunks (a long first copy goes on next time)."""
        if grace:
            self.thread.join(grace)
        self.event.set()
        self.thread.join(timeout)


def refresh_in_background(url: str) -> Refresher:
    return Refresher(url)
