"""The SQLite engine: a library in one file on the clerk's machine.

The schema is explicit and versioned (PRAGMA user_version); each migration is a named step run
in its own transaction. WAL lets the GUI read while an import writes; the busy timeout makes a
second process wait instead of failing.

The search index is an FTS5 table, contentless and without positions (``detail=none``): for
each term (a character or a pair of neighbouring characters, see tokens.py) the paragraphs
holding it. Its rowid is the paragraph's rank key (index.py), so FTS5, which walks a doclist in
rowid order, gives any query's matches best first. ``search_terms`` holds each term's document
frequency, ``search_stats`` the totals and ``folded``: the paragraph id up to which
``search_terms`` counts them (new paragraphs are counted in one pass every FOLD_AT, index.py).
The index is contentless, so removing a row means giving FTS5 the terms it was given on insert.
"""
from __future__ import annotations

import sqlite3
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence, TypeVar

from dafu.errors import LibraryError, LibraryReadOnly
from dafu.library import tokens
from dafu.library.engines.base import Database, Progress

T = TypeVar("T")

BUSY_TIMEOUT_MS = 15_000
FOLD_CACHE_KIB = 65536  # page cache while folding (the term table is visited all over)

# Written into the SQLite header of every library Dafu creates (PRAGMA application_id), so a
# library is told from another program's database without guessing from table names.
APPLICATION_ID = 0x44414655  # "DAFU"

INDEX_SCHEMA = """
CREATE VIRTUAL TABLE paragraph_fts USING fts5(terms, content='', detail=none, columnsize=0, tokenize='ascii');
CREATE TABLE search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE search_stats (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO search_stats (name, value) VALUES ('paragraphs', 0), ('characters', 0), ('folded', 0), ('pending', 0);
"""

_DF_ADD = ("INSERT INTO search_terms (term, df) VALUES (?, ?)"
           " ON CONFLICT (term) DO UPDATE SET df = df + excluded.df")
_DF_SUB = "UPDATE search_terms SET df = df - 1 WHERE term = ?"


class SQLiteDatabase(Database):
    engine = "sqlite"
    errors = (sqlite3.DatabaseError,)

    def __init__(self, conn: sqlite3.Connection, path: Path):
        super().__init__(conn, str(path))
        self.path = path

    # -- statements and transactions ---------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def rollback(self) -> None:
        """Roll back if a transaction is still open: SQLite itself rolls back on a full disk or I/O
        error, and a ROLLBACK then would hide that error behind 'no transaction is active'."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def size_bytes(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def library_error(self, exc: BaseException) -> LibraryError:
        return library_error(exc, self.path)

    # -- expressions --------------------------------------------------------------------

    def contains_sql(self, expression: str) -> str:
        return f"instr(lower({expression}), ?) > 0"

    def group_concat_sql(self, expression: str, separator_code: int) -> str:
        return f"group_concat({expression}, char({separator_code}))"

    # -- the search index ---------------------------------------------------------------

    def index_write(self, rows: list[tuple[int, int, str]]) -> None:
        self.conn.executemany("INSERT INTO paragraph_fts (rowid, terms) VALUES (?, ?)",
                              [(key, " ".join(tokens.terms(text))) for key, _pid, text in rows])

    def index_added(self, paragraph_id: int, text: str) -> None:
        from dafu.library import index
        stats = self._stats()
        if paragraph_id <= stats["folded"]:
            # An id below the fold mark (reused after a removal) is counted at once.
            self.conn.executemany(_DF_ADD, ((t, 1) for t in sorted(tokens.terms(text))))
            self._update(paragraphs=1, characters=len(text))
            return
        self._update(paragraphs=1, characters=len(text), pending=1)
        if stats["pending"] + 1 >= index.FOLD_AT:
            self.index_fold()

    def index_remove(self, paragraph_id: int, text: str, key: int) -> None:
        found = tokens.terms(text)
        self.conn.execute("INSERT INTO paragraph_fts (paragraph_fts, rowid, terms) VALUES ('delete', ?, ?)",
                          [key, " ".join(found)])
        if paragraph_id <= self._stats()["folded"]:
            self.conn.executemany(_DF_SUB, ((t,) for t in sorted(found)))
            self._update(paragraphs=-1, characters=-len(text))
        else:
            self._update(paragraphs=-1, characters=-len(text), pending=-1)

    def index_rekey(self, paragraph_id: int, text: str, old_key: int, new_key: int) -> None:
        terms = " ".join(tokens.terms(text))
        self.conn.execute("INSERT INTO paragraph_fts (paragraph_fts, rowid, terms) VALUES ('delete', ?, ?)",
                          [old_key, terms])
        self.conn.execute("INSERT INTO paragraph_fts (rowid, terms) VALUES (?, ?)", [new_key, terms])

    def index_fold(self) -> None:
        folded = self._stats()["folded"]
        df: Counter[str] = Counter()
        last = folded
        for paragraph_id, text in self.conn.execute("SELECT id, text FROM paragraphs WHERE id > ? ORDER BY id",
                                                    [folded]):
            df.update(tokens.terms(text))
            last = paragraph_id
        cache = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = -{FOLD_CACHE_KIB}")
        try:
            self._flush_frequencies(df)
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(cache)}")
        self.conn.execute("UPDATE search_stats SET value = CASE name WHEN 'folded' THEN ? ELSE 0 END"
                          " WHERE name IN ('folded', 'pending')", [last])

    def index_fold_pending(self) -> None:
        if self._stats()["pending"] <= 0:
            return
        with self.transaction():
            self.index_fold()

    def index_rebuild(self, progress: Progress | None = None, chunk: int = 2000) -> None:
        """Index every paragraph afresh (a migration step: the caller holds the transaction)."""
        from dafu.library.index import rank_key
        conn = self.conn
        conn.execute("DELETE FROM search_terms")
        conn.execute("INSERT INTO paragraph_fts (paragraph_fts) VALUES ('delete-all')")
        conn.execute("UPDATE search_stats SET value = 0")
        total = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        done, last = 0, 0
        df: Counter[str] = Counter()
        while True:
            rows = conn.execute("SELECT id, text, usage_count FROM paragraphs WHERE id > ? ORDER BY id LIMIT ?",
                                [last, chunk]).fetchall()
            if not rows:
                break
            batch, characters = [], 0
            for paragraph_id, text, usage in rows:
                found = tokens.terms(text)
                batch.append((rank_key(paragraph_id, len(text), usage), " ".join(found)))
                df.update(found)
                characters += len(text)
            conn.executemany("INSERT INTO paragraph_fts (rowid, terms) VALUES (?, ?)", sorted(batch))
            self._update(paragraphs=len(rows), characters=characters)
            done += len(rows)
            last = rows[-1][0]
            if len(df) > 2_000_000:  # bound the memory a large library's migration takes
                self._flush_frequencies(df)
            if progress is not None:
                progress(done, total)
        self._flush_frequencies(df)
        conn.execute("UPDATE search_stats SET value = ? WHERE name = 'folded'", [last])

    def index_frequencies(self, terms: list[str], count_new: bool) -> dict[str, int]:
        from dafu.library.index import FOLD_AT
        found = dict.fromkeys(terms, 0)
        unique = list(found)
        for start in range(0, len(unique), 500):
            part = unique[start:start + 500]
            for term, df in self.conn.execute(
                    f"SELECT term, df FROM search_terms WHERE term IN ({','.join('?' * len(part))})", part):
                found[term] = df
        if count_new:
            for term in unique:
                if not found[term]:
                    found[term] = self.conn.execute(
                        "SELECT count(*) FROM (SELECT 1 FROM paragraph_fts WHERE paragraph_fts MATCH ? LIMIT ?)",
                        [tokens.match_expression([term]), FOLD_AT]).fetchone()[0]
        return found

    def index_totals(self) -> tuple[int, int]:
        stats = self._stats()
        return stats["paragraphs"], stats["characters"]

    def index_check(self) -> None:
        try:
            self.conn.execute("INSERT INTO paragraph_fts (paragraph_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"搜索索引与段落不一致（search index damaged）: {exc}", path=self.location) from None
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise LibraryError(f"资料库文件已损坏（integrity check）: {problems[:3]}", path=self.location)
        count = self.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        if self.index_totals()[0] != count:
            raise LibraryError(f"搜索索引的段落数不符（{self.index_totals()[0]} ≠ {count}）", path=self.location)

    def search_candidates(self, terms: list[str], checks: str, check_params: list, where: str,
                          params: list, limit: int, smallest_df: int) -> list[tuple[int, int]]:
        from dafu.library.index import SQL_PARAGRAPH_OF
        return self.conn.execute(
            f"SELECT p.id, f.rowid FROM paragraph_fts f CROSS JOIN paragraphs p ON p.id = {SQL_PARAGRAPH_OF}"
            f" WHERE paragraph_fts MATCH ?{checks}{where} ORDER BY f.rowid LIMIT ?",
            [tokens.match_expression(terms), *check_params, *params, limit]).fetchall()

    def similar_rows(self, chosen: list[tuple[float, str]], where: str, params: list,
                     limit: int) -> list[tuple[int, float]]:
        from dafu.library.index import SQL_PARAGRAPH_OF
        union = " UNION ALL ".join(f"SELECT rowid AS id, {weight!r} AS w FROM paragraph_fts WHERE paragraph_fts MATCH ?"
                                   for weight, _ in chosen)
        # Grouped by rank key: equal sums fall in the order of the paragraphs' standing.
        grouped = f"SELECT id AS rowid, sum(w) AS score FROM ({union}) GROUP BY id"
        if not where:
            grouped += " ORDER BY score DESC, rowid LIMIT ?"
            params = [limit]
        return self.conn.execute(
            f"SELECT p.id, f.score FROM ({grouped}) f CROSS JOIN paragraphs p ON p.id = {SQL_PARAGRAPH_OF}"
            f" WHERE 1{where} ORDER BY f.score DESC, f.rowid LIMIT ?",
            [*(tokens.match_expression([gram]) for _, gram in chosen), *params, limit]).fetchall()

    # -- bookkeeping ---------------------------------------------------------------------

    def _stats(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT name, value FROM search_stats").fetchall())

    def _update(self, paragraphs: int = 0, characters: int = 0, pending: int = 0) -> None:
        self.conn.execute("UPDATE search_stats SET value = value + CASE name WHEN 'paragraphs' THEN ?"
                          " WHEN 'characters' THEN ? WHEN 'pending' THEN ? ELSE 0 END WHERE name != 'folded'",
                          [paragraphs, characters, pending])

    def _flush_frequencies(self, df: Counter[str]) -> None:
        self.conn.executemany(_DF_ADD, sorted(df.items()))
        df.clear()


# -- schema and migrations -------------------------------------------------------------------


def _run_script(db: SQLiteDatabase, script: str) -> None:
    """Statement by statement, inside the migration's transaction: executescript would COMMIT
    it first, releasing the write lock that keeps two processes from running one step twice.
    (The schema's statements hold no semicolons of their own.)"""
    for statement in filter(str.strip, script.split(";")):
        db.execute(statement)


def _v1(db: SQLiteDatabase, progress: Progress | None = None) -> None:
    _run_script(db, """
    CREATE TABLE replies (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT,
        meeting TEXT,
        number TEXT,
        suggestion_title TEXT,
        salutation TEXT,
        deputies TEXT,
        issuing_body TEXT,
        date TEXT,
        contact_person TEXT,
        contact_phone TEXT,
        result_class TEXT,
        cc TEXT,
        source_file TEXT,
        source_hash TEXT UNIQUE,
        imported_at TEXT NOT NULL
    );
    CREATE TABLE paragraphs (
        id INTEGER PRIMARY KEY,
        text_hash TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        role TEXT,
        usage_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE reply_paragraphs (
        reply_id INTEGER NOT NULL REFERENCES replies(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id),
        section_path TEXT NOT NULL DEFAULT '',
        role TEXT,
        PRIMARY KEY (reply_id, position)
    );
    CREATE INDEX reply_paragraphs_paragraph ON reply_paragraphs(paragraph_id);
    CREATE TABLE measures (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        policy TEXT,
        policy_year INTEGER,
        item TEXT,
        text TEXT,
        rate_percent REAL,
        rate_base TEXT,
        rate_kind TEXT,
        cap_yuan INTEGER,
        one_off INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE measure_citations (
        measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        PRIMARY KEY (measure_id, paragraph_id)
    );
    CREATE VIRTUAL TABLE paragraph_fts USING fts5(uni, bi, content='', tokenize='unicode61');
    """)


def _v2(db: SQLiteDatabase, progress: Progress | None = None) -> None:
    """Validity and supersession of measures, tags, and drafts kept by the desktop app."""
    _run_script(db, """
    ALTER TABLE measures ADD COLUMN valid_from TEXT;
    ALTER TABLE measures ADD COLUMN valid_to TEXT;
    ALTER TABLE measures ADD COLUMN superseded_by INTEGER REFERENCES measures(id) ON DELETE SET NULL;
    CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE paragraph_tags (
        paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (paragraph_id, tag_id)
    );
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX replies_date ON replies(date);
    """)


def _v3(db: SQLiteDatabase, progress: Progress | None = None) -> None:
    """Import batches (so a mistaken import can be taken back whole) and tags on replies."""
    _run_script(db, """
    CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT ''
    );
    ALTER TABLE replies ADD COLUMN batch_id INTEGER REFERENCES import_batches(id) ON DELETE SET NULL;
    CREATE INDEX replies_batch ON replies(batch_id);
    CREATE TABLE reply_tags (
        reply_id INTEGER NOT NULL REFERENCES replies(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (reply_id, tag_id)
    );
    CREATE INDEX measure_citations_paragraph ON measure_citations(paragraph_id);
    """)


def _sql_measure_key(column: str) -> str:
    from dafu.library.store import measure_key_sql
    return measure_key_sql(column, "char")


def _v4(db: SQLiteDatabase, progress: Progress | None = None) -> None:
    """Search that finds every substring: characters and pairs across punctuation, digits and Latin
    letters, no positions, document frequencies in a table; measures looked up by item."""
    script = "DROP TABLE paragraph_fts;" + INDEX_SCHEMA + f"""
    DROP INDEX reply_paragraphs_paragraph;
    CREATE INDEX reply_paragraphs_paragraph ON reply_paragraphs(paragraph_id, reply_id);
    ALTER TABLE measures ADD COLUMN item_key TEXT GENERATED ALWAYS AS ({_sql_measure_key('item')}) VIRTUAL;
    ALTER TABLE measures ADD COLUMN policy_key TEXT GENERATED ALWAYS AS ({_sql_measure_key('policy')}) VIRTUAL;
    CREATE INDEX measures_item_key ON measures(item_key, policy_key);
    """
    _run_script(db, script)
    db.index_rebuild(progress)


MIGRATIONS: list[tuple[int, str, Callable[..., None]]] = [
    (1, "replies, paragraphs, measures and the search index", _v1),
    (2, "measure validity, tags and drafts", _v2),
    (3, "import batches and reply tags", _v3),
    (4, "substring search index, term frequencies, measure lookups", _v4),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def connect(path: Path, *, migrate_to: int = SCHEMA_VERSION, progress: Progress | None = None,
            read_only: bool = False) -> SQLiteDatabase:
    """Open (creating if needed) and migrate the library at ``path``; ``progress(done, total)`` is
    called while a migration re-indexes the paragraphs.

    Safe to race: several processes may open (and so create or migrate) the same new
    library at once. Another program's SQLite file is refused before anything is written
    to it (no tables added, no WAL switched on).
    """
    def set_up(conn: sqlite3.Connection) -> SQLiteDatabase:
        conn.execute("PRAGMA foreign_keys = ON")
        check_is_library(conn, path)
        switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        db = SQLiteDatabase(conn, path)
        migrate(db, migrate_to, progress)
        if read_only:
            conn.execute("PRAGMA query_only = ON")
            db.read_only = True
        return db

    return open_file(path, set_up, "无法打开资料库（cannot open library）")


def open_file(path: Path, set_up: Callable[[sqlite3.Connection], T], cannot_open: str) -> T:
    """Connect to the SQLite file at ``path`` (its folder made if needed) and hand the connection to
    ``set_up``; the connection is closed if that fails, and every failure is one LibraryError naming
    the file (``cannot_open`` when the system refuses it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            return set_up(conn)
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        raise library_error(exc, path) from None
    except OSError as exc:
        raise LibraryError(f"{cannot_open}: {exc.strerror}", path=path) from None


def switch_to_wal(conn: sqlite3.Connection) -> None:
    """WAL mode, waiting while another process holds the file: changing the journal mode does
    not always go through the busy handler (two processes creating one library collide here)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def check_is_library(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database that is not a Dafu library (read-only look; nothing is written)."""
    # One read transaction: another process creating the library must not be seen half-way
    # (its tables but not yet its mark, between two of these reads).
    conn.execute("BEGIN")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    finally:
        conn.execute("COMMIT")
    if app_id == APPLICATION_ID:
        return
    if app_id == 0 and not tables and version == 0:
        return  # a new, empty file: Dafu makes it a library
    if app_id == 0 and version >= 1 and {"replies", "paragraphs", "measures"} <= tables:
        return  # a library from before the header mark
    raise LibraryError("这不是 Dafu 资料库：文件里是另一个程序的数据，Dafu 不会改动它；请另选文件"
                       "（not a Dafu library: another program's SQLite database, left untouched）", path=path)


def needs_migration(path: Path) -> bool:
    """Whether opening an existing library at ``path`` will migrate it (re-indexing may take minutes)."""
    if not Path(path).exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            return 0 < conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False   # connect() will say what is wrong


def migrate(db: SQLiteDatabase, target: int = SCHEMA_VERSION, progress: Progress | None = None) -> None:
    """Run the missing migration steps, each in its own transaction.

    Each step takes the write lock first and then re-reads the version: another process
    opening the same library may have run that step while this one waited for the lock.
    """
    current = db.schema_version()
    if current > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"library schema {current} is newer than this Dafu ({SCHEMA_VERSION})")
    for version, _name, step in MIGRATIONS:
        if current < version <= target:
            db.begin()
            try:
                current = db.schema_version()
                if current < version:
                    step(db, progress)
                    if version == 1:
                        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    db.execute(f"PRAGMA user_version = {version}")
                    current = version
                db.execute("COMMIT")
            except BaseException:
                db.rollback()
                raise


def library_error(exc: BaseException, path: Path | str) -> LibraryError:
    message = str(exc)
    if "readonly" in message or "read-only" in message:
        return LibraryReadOnly("资料库是只读的（library is read-only）", path=path)
    if "locked" in message or "busy" in message:
        text = "资料库正被另一个程序占用（library is locked by another program）"
    elif "not a database" in message or "malformed" in message:
        text = "资料库文件已损坏或不是资料库（not a Dafu library or damaged）"
    elif ("disk" in message and "full" in message) or "database or disk is full" in message:
        text = "磁盘已满（disk full）"
    elif "newer than this Dafu" in message:
        text = f"资料库由更新版本的 Dafu 创建（{message}）"
    else:
        text = f"资料库出错（library error）: {message}"
    return LibraryError(text, path=path)
