"""The library: prior replies, reusable paragraphs and policy measures in one SQLite file.

    from dafu import Library
    with Library("replies.sqlite") as lib:
        lib.import_path("old-replies/")
        for hit in lib.search("时尚 平台", year=2023):
            print(hit.snippet, hit.reply)

Each thread or process opens its own Library; writes wait for each other.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from dafu import paths
from dafu.errors import LibraryError
from dafu.library import importer, search as _search, store
from dafu.library.records import DraftInfo, ImportReport, ImportResult, Measure, SearchHit

__all__ = ["Library", "SearchHit", "Measure", "DraftInfo", "ImportResult", "ImportReport"]

_MEASURE_FIELDS = ("policy", "policy_year", "item", "text", "rate_percent", "rate_base", "rate_kind", "cap_yuan",
                   "one_off", "valid_from", "valid_to", "superseded_by")


class Library:
    def __init__(self, path: str | Path | None = None):
        default = path is None
        self.path = Path(path) if path is not None else paths.default_library_path()
        fresh = not self.path.exists()
        if default and fresh:
            _seed_default(self.path)
        self.db = store.connect(self.path)

    # -- lifecycle -------------------------------------------------------------

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _guard(self, func: Callable[[], Any]) -> Any:
        try:
            return func()
        except sqlite3.DatabaseError as exc:
            raise store.library_error(exc, self.path) from None

    # -- import ----------------------------------------------------------------

    def iter_import(self, paths: str | Path | Iterable[str | Path], *,
                    cancel: Callable[[], bool] | None = None) -> Iterator[tuple[int, int, ImportResult]]:
        """(done, total, result) per file; a cancelled import leaves only whole replies."""
        if isinstance(paths, (str, Path)):
            paths = [paths]
        iterator = importer.iter_import(self.db, paths, cancel=cancel)
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                return
            except sqlite3.DatabaseError as exc:
                raise store.library_error(exc, self.path) from None
            yield item

    def import_path(self, paths: str | Path | Iterable[str | Path], *,
                    progress: Callable[[int, int, ImportResult], None] | None = None,
                    cancel: Callable[[], bool] | None = None) -> ImportReport:
        report = ImportReport()
        total = 0
        for done, total, result in self.iter_import(paths, cancel=cancel):
            report.results.append(result)
            if progress:
                progress(done, total, result)
        report.cancelled = len(report.results) < total or (cancel is not None and cancel())
        return report

    # -- search ----------------------------------------------------------------

    def search(self, query: str, limit: int = 20, **filters: Any) -> list[SearchHit]:
        return self._guard(lambda: _search.search(self.db, query, limit, **filters))

    def similar(self, text: str, limit: int = 10, **filters: Any) -> list[SearchHit]:
        return self._guard(lambda: _search.similar(self.db, text, limit, **filters))

    def paragraph(self, paragraph_id: int) -> dict | None:
        row = self.db.execute("SELECT id, text, role, usage_count FROM paragraphs WHERE id = ?",
                              [paragraph_id]).fetchone()
        return dict(zip(("id", "text", "role", "usage_count"), row)) if row else None

    def reply(self, reply_id: int) -> dict | None:
        rows = list(self.db.query("SELECT * FROM replies WHERE id = ?", [reply_id]))
        if not rows:
            return None
        reply = rows[0]
        reply["paragraphs"] = [dict(r) for r in self.db.query(
            "SELECT rp.position, rp.section_path, rp.role, p.id AS paragraph_id, p.text FROM reply_paragraphs rp"
            " JOIN paragraphs p ON p.id = rp.paragraph_id WHERE rp.reply_id = ? ORDER BY rp.position", [reply_id])]
        return reply

    def years(self) -> list[int]:
        return [int(r[0]) for r in self.db.execute(
            "SELECT DISTINCT substr(date, 1, 4) FROM replies WHERE date IS NOT NULL ORDER BY 1 DESC")]

    def issuing_bodies(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT issuing_body FROM replies WHERE issuing_body IS NOT NULL AND issuing_body != ''"
            " ORDER BY 1")]

    def tags(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM tags ORDER BY name")]

    def tag_paragraph(self, paragraph_id: int, tag: str) -> None:
        def write() -> None:
            self.db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", [tag])
            self.db.execute("INSERT OR IGNORE INTO paragraph_tags (paragraph_id, tag_id)"
                            " SELECT ?, id FROM tags WHERE name = ?", [paragraph_id, tag])
        self._write(write)

    # -- measures --------------------------------------------------------------

    def measures(self) -> list[Measure]:
        citations: dict[int, list[int]] = {}
        for measure_id, paragraph_id in self.db.execute("SELECT measure_id, paragraph_id FROM measure_citations"):
            citations.setdefault(measure_id, []).append(paragraph_id)
        out = []
        for row in self.db.query(f"SELECT id, {', '.join(_MEASURE_FIELDS)} FROM measures ORDER BY id"):
            row["one_off"] = bool(row["one_off"])
            out.append(Measure(**row, paragraph_ids=tuple(citations.get(row["id"], ()))))
        return out

    def measure(self, measure_id: int) -> Measure | None:
        return next((m for m in self.measures() if m.id == measure_id), None)

    def add_measure(self, **fields: Any) -> int:
        values = _measure_values(fields)
        key = f"manual|{values.get('policy') or ''}|{values.get('item') or ''}|{dt.datetime.now().isoformat()}"

        def write() -> int:
            columns = ["key", *values]
            cursor = self.db.execute(
                f"INSERT INTO measures ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [key, *values.values()])
            return cursor.lastrowid
        return self._write(write)

    def update_measure(self, measure_id: int, **fields: Any) -> None:
        values = _measure_values(fields)
        if not values:
            return

        def write() -> None:
            sets = ", ".join(f"{k} = ?" for k in values)
            self.db.execute(f"UPDATE measures SET {sets} WHERE id = ?", [*values.values(), measure_id])
        self._write(write)

    # -- drafts kept for the desktop app ------------------------------------------

    def save_draft(self, text: str, *, draft_id: int | None = None, name: str = "") -> int:
        now = dt.datetime.now().isoformat(timespec="seconds")

        def write() -> int:
            if draft_id is not None:
                cursor = self.db.execute("UPDATE drafts SET content = ?, name = ?, updated_at = ? WHERE id = ?",
                                         [text, name, now, draft_id])
                if cursor.rowcount:
                    return draft_id
            return self.db.execute("INSERT INTO drafts (name, content, updated_at) VALUES (?,?,?)",
                                   [name, text, now]).lastrowid
        return self._write(write)

    def load_draft(self, draft_id: int) -> str:
        row = self.db.execute("SELECT content FROM drafts WHERE id = ?", [draft_id]).fetchone()
        if row is None:
            raise LibraryError(f"没有编号为 {draft_id} 的草稿（no such draft）", path=self.path)
        return row[0]

    def list_drafts(self) -> list[DraftInfo]:
        return [DraftInfo(*row) for row in self.db.execute(
            "SELECT id, name, updated_at FROM drafts ORDER BY updated_at DESC, id DESC")]

    def delete_draft(self, draft_id: int) -> None:
        def write() -> None:
            self.db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
        self._write(write)

    # -- figures ---------------------------------------------------------------

    def stats(self) -> dict:
        count = lambda table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        return {
            "replies": count("replies"),
            "paragraphs": count("paragraphs"),
            "paragraph_uses": count("reply_paragraphs"),
            "measures": count("measures"),
            "drafts": count("drafts"),
            "schema_version": self.db.execute("PRAGMA user_version").fetchone()[0],
            "file_bytes": self.path.stat().st_size if self.path.exists() else 0,
            "path": str(self.path),
        }

    def _write(self, func: Callable[[], Any]) -> Any:
        """Run ``func`` in one transaction that takes the write lock up front (waiting on the busy
        timeout while another process writes), so its statements land together or not at all."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                result = func()
            except BaseException:
                store.rollback(self.db)
                raise
            self.db.execute("COMMIT")
            return result
        except sqlite3.DatabaseError as exc:
            raise store.library_error(exc, self.path) from None


def _measure_values(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(_MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"unknown measure fields: {sorted(unknown)}")
    values = dict(fields)
    if "one_off" in values:
        values["one_off"] = int(bool(values["one_off"]))
    for name in ("valid_from", "valid_to"):
        if isinstance(values.get(name), dt.date):
            values[name] = values[name].isoformat()
    return values


def _seed_default(path: Path) -> None:
    """A fresh install starts from the bundled sample library, so the main job has content."""
    bundled = paths.sample_library_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if bundled.exists():
        # Copy beside, then link into place only if no other process got there first: a second
        # Dafu starting at the same moment must not copy over a library the first one has open.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.seed")
        try:
            shutil.copyfile(bundled, tmp)
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not path.exists():
                    os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        return
    db = store.connect(path)
    try:
        samples = paths.resources_dir() / "samples"
        list(importer.iter_import(db, sorted(samples.glob("*.txt"))))
    finally:
        db.conn.close()
