"""Drafts the desktop app keeps (its autosave): in the library file, or beside a server library.

A library on a server keeps no drafts: typing and autosave must never wait on the network, and
a draft is the clerk's own until it is a reply. So with a server library the drafts go to a
small SQLite file in the user's data folder (``drafts.sqlite``), the same for every server.
"""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from dafu.errors import LibraryError
from dafu.library.engines.base import Database
from dafu.library.records import DraftInfo

DRAFTS_APPLICATION_ID = 0x44414644  # "DAFD"


class DraftStore:
    """save / load / list / delete drafts in the ``drafts`` table of ``db``."""

    def __init__(self, db: Database):
        self.db = db

    def save(self, text: str, *, draft_id: int | None = None, name: str = "") -> int:
        now = dt.datetime.now().isoformat(timespec="seconds")

        def write() -> int:
            if draft_id is not None:
                cursor = self.db.execute("UPDATE drafts SET content = ?, name = ?, updated_at = ? WHERE id = ?",
                                         [text, name, now, draft_id])
                if cursor.rowcount:
                    return draft_id
            return self.db.insert("INSERT INTO drafts (name, content, updated_at) VALUES (?,?,?)", [name, text, now])
        return self._guard(lambda: self.db.write(write))

    def load(self, draft_id: int) -> str:
        row = self._guard(lambda: self.db.one("SELECT content FROM drafts WHERE id = ?", [draft_id]))
        if row is None:
            raise LibraryError(f"没有编号为 {draft_id} 的草稿（no such draft）", path=self.db.location)
        return row[0]

    def list(self) -> list[DraftInfo]:
        return [DraftInfo(*row) for row in self._guard(lambda: self.db.execute(
            "SELECT id, name, updated_at FROM drafts ORDER BY updated_at DESC, id DESC").fetchall())]

    def delete(self, draft_id: int) -> None:
        self._guard(lambda: self.db.write(lambda: self.db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])))

    def count(self) -> int:
        return self._guard(lambda: self.db.scalar("SELECT count(*) FROM drafts"))

    def _guard(self, func):
        try:
            return func()
        except self.db.errors as exc:
            raise self.db.library_error(exc) from None

    def close(self) -> None:
        self.db.close()


def open_local(path: Path) -> DraftStore:
    """The drafts file beside a server library (created on first use)."""
    from dafu.library.engines.sqlite import SQLiteDatabase, open_file, switch_to_wal

    def set_up(conn: sqlite3.Connection) -> SQLiteDatabase:
        switch_to_wal(conn)
        db = SQLiteDatabase(conn, path)
        if conn.execute("PRAGMA application_id").fetchone()[0] != DRAFTS_APPLICATION_ID:
            def create() -> None:
                conn.execute("CREATE TABLE IF NOT EXISTS drafts (id INTEGER PRIMARY KEY, name TEXT NOT NULL"
                             " DEFAULT '', content TEXT NOT NULL, updated_at TEXT NOT NULL)")
                conn.execute(f"PRAGMA application_id = {DRAFTS_APPLICATION_ID}")
                conn.execute("PRAGMA user_version = 1")
            db.write(create)
        return db

    return DraftStore(open_file(path, set_up, "无法打开草稿文件（cannot open the drafts file）"))
