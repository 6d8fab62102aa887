"""The library: prior replies, reusable paragraphs and policy measures, searchable in Chinese.

    from dafu import Library
    with Library("replies.sqlite") as lib:              # a file on this machine (SQLite)
        lib.import_path("old-replies/")
        for hit in lib.search("时尚 平台", year=2023):
            print(hit.snippet, hit.reply)
    Library("postgresql://server/dafu")                  # the bureau's shared library (PostgreSQL)

Each thread or process opens its own Library; writes wait for each other. The same API works on
both engines (engines/); with a server library, drafts stay on this machine (drafts.py) and a
local snapshot of the library (snapshot.py) is opened read-only when the server cannot be
reached — ``notice`` then says so in one line.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from dafu import paths
from dafu.errors import LibraryError, LibraryReadOnly, ServerUnavailable
from dafu.library import drafts as _drafts, importer, packs, removal, search as _search, store
from dafu.library.engines import display_url, server_url
from dafu.library.records import (DraftInfo, ImportBatch, ImportReport, ImportResult, Measure, RemovalReport,
                                  ReplyInfo, SearchHit)

__all__ = ["Library", "SearchHit", "Measure", "DraftInfo", "ImportResult", "ImportReport", "ReplyInfo",
           "ImportBatch", "RemovalReport"]

_MEASURE_FIELDS = ("policy", "policy_year", "item", "text", "rate_percent", "rate_base", "rate_kind", "cap_yuan",
                   "one_off", "valid_from", "valid_to", "superseded_by")
RECONNECT_EVERY = 5.0   # seconds between tries to reach a server while working from its snapshot
SNAPSHOT_GRACE = 3.0    # seconds close() lets a snapshot refresh finish before stopping it


class Library:
    def __init__(self, path: str | Path | None = None, *, progress: Callable[[int, int], None] | None = None,
                 snapshot: bool | None = None):
        """Open (creating or migrating) a library: a file path, or a ``postgresql://`` URL.

        ``progress(done, total)`` reports a migration's re-indexing. With a server library,
        ``snapshot`` keeps the local copy used offline up to date (in a background thread; default:
        on, unless the environment says DAFU_SNAPSHOT=off).
        """
        default = path is None
        location = path if path is not None else paths.default_library_path()
        self.url = server_url(location)
        #: One line the app and the command line show while the library is not what it seems
        #: (the server cannot be reached: its snapshot, read-only); None when all is well.
        self.notice: str | None = None
        self.offline = False
        self._refresher = None
        self._next_try = 0.0
        if self.url is None:
            self.path = Path(location)
            fresh = not self.path.exists()
            if default and fresh:
                _seed_default(self.path)
            self.db = store.connect(self.path, progress=progress)
            self._drafts = _drafts.DraftStore(self.db)
            return
        self.path = display_url(self.url)
        self._snapshots = snapshot if snapshot is not None else os.environ.get("DAFU_SNAPSHOT", "on") != "off"
        self._drafts = _drafts.open_local(paths.data_dir() / "drafts.sqlite")
        try:
            self.db = store.connect(self.url, progress=progress)
        except ServerUnavailable as exc:
            self._drafts.close()
            self._drafts = _drafts.open_local(paths.data_dir() / "drafts.sqlite")
            self.db = self._open_snapshot(exc)
            return
        except BaseException:
            self._drafts.close()
            raise
        try:
            self._refresh_snapshot()
        except BaseException:
            self.close()
            raise

    @property
    def engine(self) -> str:
        return "postgresql" if self.url else "sqlite"

    # -- lifecycle -------------------------------------------------------------

    def close(self) -> None:
        if self._refresher is not None:
            self._refresher.stop(grace=SNAPSHOT_GRACE)
            self._refresher = None
        self.db.close()
        if self.url is not None:
            self._drafts.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- a server, and its snapshot when it cannot be reached ---------------------------------

    def _open_snapshot(self, error: LibraryError):
        from dafu.library import snapshot
        found = snapshot.open_read_only(self.url)
        if found is None:
            raise ServerUnavailable(f"{error.message}；本机还没有这个资料库的副本（no local snapshot yet）",
                                    path=self.path) from None
        db, taken = found
        self.offline = True
        self.notice = (f"资料库服务器无法连接，正在使用 {taken} 的本地副本（只读）"
                       f"（library server unreachable: using the local snapshot of {taken}, read-only）")
        self._next_try = time.monotonic() + RECONNECT_EVERY
        return db

    def _refresh_snapshot(self) -> None:
        if self._snapshots:
            from dafu.library import snapshot
            self._refresher = snapshot.refresh_in_background(self.url)

    def refresh_snapshot(self, progress: Callable[[int, int], None] | None = None) -> dict:
        """Bring this machine's snapshot of the server library up to date now (and wait)."""
        if self.url is None or self.offline:
            raise LibraryError("只有连上服务器时才能更新本地副本（only a connected server library has a snapshot）",
                               path=self.path)
        from dafu.library import snapshot
        if self._refresher is not None:
            self._refresher.stop()
            self._refresher = None
        return snapshot.refresh(self.url, progress=progress)

    def _reconnect(self, force: bool = False) -> bool:
        """Working from the snapshot: try the server again (every RECONNECT_EVERY seconds, or now)."""
        if not self.offline or (not force and time.monotonic() < self._next_try):
            return False
        try:
            db = store.connect(self.url)
        except ServerUnavailable:
            self._next_try = time.monotonic() + RECONNECT_EVERY
            return False
        self.db.close()
        self.db, self.offline, self.notice = db, False, None
        self._refresh_snapshot()
        return True

    def _lost(self, error: LibraryError) -> bool:
        """The server went away while online: reconnect at once if it is back, else use the snapshot."""
        if self.url is None or self.offline or not isinstance(error, ServerUnavailable):
            return False
        try:
            self.db.ensure_connected()
            return True
        except Exception:  # noqa: BLE001 - still away
            pass
        if self._refresher is not None:
            self._refresher.stop()
            self._refresher = None
        try:
            snapshot_db = self._open_snapshot(error)
        except LibraryError:
            return False
        self.db.close()
        self.db = snapshot_db
        return True

    def _guard(self, func: Callable[[], Any]) -> Any:
        self._reconnect()
        try:
            return func()
        except self.db.errors as exc:
            error = self.db.library_error(exc)
        if self._lost(error):
            try:
                return func()
            except self.db.errors as exc:
                error = self.db.library_error(exc)
        raise error from None

    def _writable(self) -> None:
        if self.offline and not self._reconnect(force=True):
            raise LibraryReadOnly("资料库服务器无法连接，本地副本只能查阅，不能导入、修改或删除；服务器恢复后再试"
                                  "（library server unreachable: the local snapshot is read-only）", path=self.path)

    # -- import ----------------------------------------------------------------

    def iter_import(self, paths: str | Path | Iterable[str | Path], *,
                    cancel: Callable[[], bool] | None = None,
                    label: str | None = None) -> Iterator[tuple[int, int, ImportResult]]:
        """(done, total, result) per file; a cancelled import leaves only whole replies.

        The replies one call adds form one import batch (``result.batch_id``), which
        :meth:`remove_batch` takes back whole; ``label`` names it (default: the paths).
        """
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self._writable()
        batch = importer.Batch(label) if label else None
        yield from self._guarded_iter(importer.iter_import(self.db, paths, cancel=cancel, batch=batch))

    def import_path(self, paths: str | Path | Iterable[str | Path], *,
                    progress: Callable[[int, int, ImportResult], None] | None = None,
                    cancel: Callable[[], bool] | None = None, label: str | None = None) -> ImportReport:
        report = ImportReport()
        total = 0
        for done, total, result in self.iter_import(paths, cancel=cancel, label=label):
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
        row = self._guard(lambda: self.db.one("SELECT id, text, role, usage_count FROM paragraphs WHERE id = ?",
                                              [paragraph_id]))
        return dict(zip(("id", "text", "role", "usage_count"), row)) if row else None

    def reply(self, reply_id: int) -> dict | None:
        def read() -> dict | None:
            rows = self.db.query(f"SELECT {', '.join(_REPLY_COLUMNS)} FROM replies WHERE id = ?", [reply_id])
            if not rows:
                return None
            reply = rows[0]
            reply["paragraphs"] = self.db.query(
                "SELECT rp.position, rp.section_path, rp.role, p.id AS paragraph_id, p.text FROM reply_paragraphs rp"
                " JOIN paragraphs p ON p.id = rp.paragraph_id WHERE rp.reply_id = ? ORDER BY rp.position",
                [reply_id])
            return reply
        return self._guard(read)

    def years(self) -> list[int]:
        return [int(r[0]) for r in self._guard(lambda: self.db.execute(
            "SELECT DISTINCT substr(date, 1, 4) FROM replies WHERE date IS NOT NULL ORDER BY 1 DESC").fetchall())]

    def issuing_bodies(self) -> list[str]:
        return [r[0] for r in self._guard(lambda: self.db.execute(
            "SELECT DISTINCT issuing_body FROM replies WHERE issuing_body IS NOT NULL AND issuing_body != ''"
            " ORDER BY 1").fetchall())]

    # -- replies and import batches ---------------------------------------------------

    def list_replies(self, *, batch_id: int | None = None, query: str | None = None,
                     limit: int | None = None, offset: int = 0) -> list[ReplyInfo]:
        """Replies newest first; ``query`` keeps those whose title, number, body or file contain it."""
        clauses, params = [], []
        if batch_id is not None:
            clauses.append("r.batch_id = ?")
            params.append(batch_id)
        if query:
            like = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append("(" + " OR ".join(f"coalesce(r.{c}, '') {self.db.like_ci()} ? ESCAPE '\\'" for c in
                                             ("title", "number", "issuing_body", "source_file")) + ")")
            params.extend([like] * 4)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._guard(lambda: self.db.execute(
            "SELECT r.id, r.title, r.number, r.issuing_body, r.date, r.source_file, r.imported_at, r.batch_id,"
            f" (SELECT {self.db.group_concat_sql('t.name', 31)} FROM reply_tags rt JOIN tags t ON t.id = rt.tag_id"
            "  WHERE rt.reply_id = r.id)"
            f" FROM replies r{where} ORDER BY coalesce(r.date, '') DESC, r.id DESC{page}", params).fetchall())
        return [ReplyInfo(*row[:8], tags=tuple(sorted(row[8].split("\x1f"))) if row[8] else ())
                for row in rows]

    def import_batches(self) -> list[ImportBatch]:
        """Import runs that still have replies in the library, newest first."""
        return [ImportBatch(*row) for row in self._guard(lambda: self.db.execute(
            "SELECT b.id, b.started_at, b.label, count(r.id) FROM import_batches b JOIN replies r ON r.batch_id = b.id"
            " GROUP BY b.id ORDER BY b.id DESC").fetchall())]

    def remove_replies(self, reply_ids: Iterable[int]) -> RemovalReport:
        """Remove replies, with the paragraphs and measures that only they held (one transaction)."""
        ids = list(reply_ids)
        return self._write(lambda: removal.remove_replies(self.db, ids))

    def remove_batch(self, batch_id: int) -> RemovalReport:
        """Remove every reply an import batch added."""
        def write() -> RemovalReport:
            ids = [r[0] for r in self.db.execute("SELECT id FROM replies WHERE batch_id = ?", [batch_id]).fetchall()]
            return removal.remove_replies(self.db, ids)
        return self._write(write)

    # -- packs: part of a library in one file -------------------------------------------

    def iter_export_pack(self, path: str | Path, filters: packs.PackFilters = packs.PackFilters(), *,
                         cancel: Callable[[], bool] | None = None
                         ) -> Iterator[tuple[int, int, packs.ExportReport]]:
        """Write a pack of the replies the filters select, with their paragraphs, measures and tags."""
        yield from self._guarded_iter(packs.iter_export(self.db, path, filters, source=str(self.path), cancel=cancel))

    def export_pack(self, path: str | Path, filters: packs.PackFilters = packs.PackFilters()) -> packs.ExportReport:
        report = packs.ExportReport(str(path))
        for _done, _total, report in self.iter_export_pack(path, filters):
            pass
        return report

    def pack_conflicts(self, path: str | Path) -> list[packs.MeasureConflict]:
        """The measures a merge of this pack would find changed, to ask the clerk before merging."""
        pack = packs.read_pack(path)
        return self._guard(lambda: packs.conflicts(self.db, pack))

    def iter_merge_pack(self, path: str | Path, *, prefer: packs.Prefer | None = None,
                        resolutions: dict[str, packs.Prefer] | None = None,
                        cancel: Callable[[], bool] | None = None) -> Iterator[tuple[int, int, packs.MergeReport]]:
        """Merge a pack; conflicting measures follow ``resolutions[key]`` or ``prefer``, else stay as they are."""
        self._writable()
        yield from self._guarded_iter(packs.iter_merge(self.db, path, prefer=prefer, resolutions=resolutions,
                                                       cancel=cancel))

    def merge_pack(self, path: str | Path, *, prefer: packs.Prefer | None = None,
                   resolutions: dict[str, packs.Prefer] | None = None) -> packs.MergeReport:
        report = packs.MergeReport()
        for _done, _total, report in self.iter_merge_pack(path, prefer=prefer, resolutions=resolutions):
            pass
        return report

    def _guarded_iter(self, iterator: Iterator[Any]) -> Iterator[Any]:
        """A long job's steps, with a database failure turned into a LibraryError naming the library."""
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                return
            except self.db.errors as exc:
                error = self.db.library_error(exc)
                self._lost(error)
                raise error from None
            yield item

    # -- tags ----------------------------------------------------------------------

    def tags(self) -> list[str]:
        return [r[0] for r in self._guard(lambda: self.db.execute("SELECT name FROM tags ORDER BY name").fetchall())]

    def tag_paragraph(self, paragraph_id: int, tag: str) -> None:
        self._set_tag("paragraph_tags", "paragraph_id", paragraph_id, tag)

    def untag_paragraph(self, paragraph_id: int, tag: str) -> None:
        self._unset_tag("paragraph_tags", "paragraph_id", paragraph_id, tag)

    def paragraph_tags(self, paragraph_id: int) -> list[str]:
        return self._tags_of("paragraph_tags", "paragraph_id", paragraph_id)

    def tag_reply(self, reply_id: int, tag: str) -> None:
        """Tag a reply: a search filtered by the tag finds every paragraph the reply uses."""
        self._set_tag("reply_tags", "reply_id", reply_id, tag)

    def untag_reply(self, reply_id: int, tag: str) -> None:
        self._unset_tag("reply_tags", "reply_id", reply_id, tag)

    def reply_tags(self, reply_id: int) -> list[str]:
        return self._tags_of("reply_tags", "reply_id", reply_id)

    def _set_tag(self, table: str, column: str, owner_id: int, tag: str) -> None:
        tag = _tag_name(tag)

        def write() -> None:
            self.db.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT DO NOTHING", [tag])
            self.db.execute(f"INSERT INTO {table} ({column}, tag_id) SELECT ?, id FROM tags WHERE name = ?"
                            " ON CONFLICT DO NOTHING", [owner_id, tag])
        self._write(write)

    def _unset_tag(self, table: str, column: str, owner_id: int, tag: str) -> None:
        def write() -> None:
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ? AND tag_id = (SELECT id FROM tags WHERE name = ?)",
                            [owner_id, tag])
            # A tag nothing carries any more leaves the filter list.
            self.db.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM paragraph_tags)"
                            " AND id NOT IN (SELECT tag_id FROM reply_tags)")
        self._write(write)

    def _tags_of(self, table: str, column: str, owner_id: int) -> list[str]:
        return [r[0] for r in self._guard(lambda: self.db.execute(
            f"SELECT t.name FROM {table} x JOIN tags t ON t.id = x.tag_id WHERE x.{column} = ? ORDER BY t.name",
            [owner_id]).fetchall())]

    # -- measures --------------------------------------------------------------

    def measures(self) -> list[Measure]:
        """Every measure with the paragraphs citing it (the measures table; checks look up instead)."""
        return self._guard(lambda: self._measures("", []))

    def measure(self, measure_id: int) -> Measure | None:
        found = self._guard(lambda: self._measures(" WHERE id = ?", [measure_id]))
        return found[0] if found else None

    def measures_for(self, item: str, policy: str | None = None) -> list[Measure]:
        """The measures with this support item (and policy, when given), compared without spaces,
        quotes and 《》 — an index lookup, whatever the library's size."""
        where, params = " WHERE item_key = ?", [store.measure_key(item)]
        if policy is not None:
            where += " AND policy_key = ?"
            params.append(store.measure_key(policy))
        return self._guard(lambda: self._measures(where, params))

    def _measures(self, where: str, params: list) -> list[Measure]:
        rows = self.db.query(f"SELECT id, {', '.join(_MEASURE_FIELDS)} FROM measures{where} ORDER BY id", params)
        citations: dict[int, list[int]] = {}
        if where:
            ids = [row["id"] for row in rows]
            pairs = self.db.execute(f"SELECT measure_id, paragraph_id FROM measure_citations WHERE measure_id IN"
                                    f" ({','.join('?' * len(ids))}) ORDER BY paragraph_id", ids).fetchall() if ids else []
        else:
            pairs = self.db.execute("SELECT measure_id, paragraph_id FROM measure_citations"
                                    " ORDER BY paragraph_id").fetchall()
        for measure_id, paragraph_id in pairs:
            citations.setdefault(measure_id, []).append(paragraph_id)
        out = []
        for row in rows:
            row["one_off"] = bool(row["one_off"])
            out.append(Measure(**row, paragraph_ids=tuple(citations.get(row["id"], ()))))
        return out

    def add_measure(self, **fields: Any) -> int:
        values = _measure_values(fields)
        key = f"manual|{values.get('policy') or ''}|{values.get('item') or ''}|{dt.datetime.now().isoformat()}"

        def write() -> int:
            # Written again after a dropped connection whose commit may have gone through: found by its key.
            existing = self.db.scalar("SELECT id FROM measures WHERE key = ?", [key])
            if existing is not None:
                return existing
            columns = ["key", *values]
            return self.db.insert(
                f"INSERT INTO measures ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [key, *values.values()])
        return self._write(write)

    def update_measure(self, measure_id: int, **fields: Any) -> None:
        values = _measure_values(fields)
        if not values:
            return

        def write() -> None:
            sets = ", ".join(f"{k} = ?" for k in values)
            self.db.execute(f"UPDATE measures SET {sets} WHERE id = ?", [*values.values(), measure_id])
        self._write(write)

    # -- drafts kept for the desktop app (in the library file, or on this machine beside a server) ---------

    def save_draft(self, text: str, *, draft_id: int | None = None, name: str = "") -> int:
        return self._drafts.save(text, draft_id=draft_id, name=name)

    def load_draft(self, draft_id: int) -> str:
        return self._drafts.load(draft_id)

    def list_drafts(self) -> list[DraftInfo]:
        return self._drafts.list()

    def delete_draft(self, draft_id: int) -> None:
        self._drafts.delete(draft_id)

    # -- figures ---------------------------------------------------------------

    def stats(self) -> dict:
        def read() -> dict:
            count = lambda table: self.db.scalar(f"SELECT count(*) FROM {table}")  # noqa: E731
            return {
                "replies": count("replies"),
                "paragraphs": count("paragraphs"),
                "paragraph_uses": count("reply_paragraphs"),
                "measures": count("measures"),
                "schema_version": self.db.schema_version(),
                "file_bytes": self.db.size_bytes(),
            }
        figures = self._guard(read)
        figures["drafts"] = self._drafts.count()
        figures["path"] = str(self.path)
        figures["engine"] = self.engine
        if self.notice:
            figures["notice"] = self.notice
        return figures

    def check_integrity(self) -> None:
        """Raise LibraryError when the search index and the paragraphs disagree (slow on a big library)."""
        self._guard(lambda: self.db.index_check())

    def _write(self, func: Callable[[], Any]) -> Any:
        """Run ``func`` in one write transaction (taking SQLite's write lock up front, waiting on the busy
        timeout while another process writes), so its statements land together or not at all."""
        self._writable()
        try:
            return self.db.write(func)
        except self.db.errors as exc:
            error = self.db.library_error(exc)
            self._lost(error)
            raise error from None


_REPLY_COLUMNS = ("id", "title", "kind", "meeting", "number", "suggestion_title", "salutation", "deputies",
                  "issuing_body", "date", "contact_person", "contact_phone", "result_class", "cc", "source_file",
                  "source_hash", "imported_at", "batch_id")


def _tag_name(tag: str) -> str:
    name = " ".join(str(tag).split())
    if not name or len(name) > 40:
        raise LibraryError("标签须为 1 至 40 个字符（a tag is 1 to 40 characters）")
    return name


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
        list(importer.iter_import(db, paths.sample_reply_files()))
    finally:
        db.close()
