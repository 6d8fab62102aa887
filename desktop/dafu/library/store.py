"""The library's SQLite file: schema, migrations and connection settings.

The schema is explicit and versioned (PRAGMA user_version); each migration is a
named step run in its own transaction. WAL lets the GUI read while an import
writes; the busy timeout makes a second process wait instead of failing.
"""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Callable

import sqlite_utils

from dafu.errors import LibraryError
from dafu.library import index

Progress = Callable[[int, int], None]

BUSY_TIMEOUT_MS = 15_000


def _run_script(db: sqlite_utils.Database, script: str) -> None:
    """Statement by statement, inside the migration's transaction: executescript would COMMIT
    it first, releasing the write lock that keeps two processes from running one step twice.
    (The schema's statements hold no semicolons of their own.)"""
    for statement in filter(str.strip, script.split(";")):
        db.execute(statement)


def _v1(db: sqlite_utils.Database, progress: Progress | None = None) -> None:
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


def _v2(db: sqlite_utils.Database, progress: Progress | None = None) -> None:
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


def _v3(db: sqlite_utils.Database, progress: Progress | None = None) -> None:
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


# What a measure's item and policy are compared by: without spaces, quotes and 《》 (the
# checks' notion of "the same measure"); a generated column, so every writer keeps it.
MEASURE_KEY_DROP = " \t\n\r\u3000\u00a0“”\"《》"


def measure_key(text: str | None) -> str:
    return "".join(c for c in (text or "") if c not in MEASURE_KEY_DROP)


def _sql_measure_key(column: str) -> str:
    expression = f"coalesce({column}, '')"
    for char in MEASURE_KEY_DROP:
        literal = "char(%d)" % ord(char)
        expression = f"replace({expression}, {literal}, '')"
    return expression


def _v4(db: sqlite_utils.Database, progress: Progress | None = None) -> None:
    """Search that finds every substring: characters and pairs across punctuation, digits and Latin
    letters, no positions, document frequencies in a table; measures looked up by item."""
    script = "DROP TABLE paragraph_fts;" + index.SCHEMA + f"""
    DROP INDEX reply_paragraphs_paragraph;
    CREATE INDEX reply_paragraphs_paragraph ON reply_paragraphs(paragraph_id, reply_id);
    ALTER TABLE measures ADD COLUMN item_key TEXT GENERATED ALWAYS AS ({_sql_measure_key('item')}) VIRTUAL;
    ALTER TABLE measures ADD COLUMN policy_key TEXT GENERATED ALWAYS AS ({_sql_measure_key('policy')}) VIRTUAL;
    CREATE INDEX measures_item_key ON measures(item_key, policy_key);
    """
    _run_script(db, script)
    index.rebuild(db, progress)


MIGRATIONS: list[tuple[int, str, Callable[..., None]]] = [
    (1, "replies, paragraphs, measures and the search index", _v1),
    (2, "measure validity, tags and drafts", _v2),
    (3, "import batches and reply tags", _v3),
    (4, "substring search index, term frequencies, measure lookups", _v4),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


# Written into the SQLite header of every library Dafu creates (PRAGMA application_id), so a
# library is told from another program's database without guessing from table names.
APPLICATION_ID = 0x44414655  # "DAFU"


def connect(path: Path, *, migrate_to: int = SCHEMA_VERSION, progress: Progress | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the library at ``path``; ``progress(done, total)`` is
    called while a migration re-indexes the paragraphs.

    Safe to race: several processes may open (and so create or migrate) the same new
    library at once. Another program's SQLite file is refused before anything is written
    to it (no tables added, no WAL switched on).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            check_is_library(conn, path)
            _switch_to_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            db = sqlite_utils.Database(conn)
            migrate(db, migrate_to, progress)
        except BaseException:
            conn.close()
            raise
        return db
    except sqlite3.DatabaseError as exc:
        raise library_error(exc, path) from None
    except OSError as exc:
        raise LibraryError(f"无法打开资料库（cannot open library）: {exc.strerror}", path=path) from None


def _switch_to_wal(conn: sqlite3.Connection) -> None:
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
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
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


def migrate(db: sqlite_utils.Database, target: int = SCHEMA_VERSION, progress: Progress | None = None) -> None:
    """Run the missing migration steps, each in its own transaction.

    Each step takes the write lock first and then re-reads the version: another process
    opening the same library may have run that step while this one waited for the lock.
    """
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(f"library schema {current} is newer than this Dafu ({SCHEMA_VERSION})")
    for version, _name, step in MIGRATIONS:
        if current < version <= target:
            db.execute("BEGIN IMMEDIATE")
            try:
                current = db.execute("PRAGMA user_version").fetchone()[0]
                if current < version:
                    step(db, progress)
                    if version == 1:
                        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    db.execute(f"PRAGMA user_version = {version}")
                    current = version
                db.execute("COMMIT")
            except BaseException:
                rollback(db)
                raise


def rollback(db: sqlite_utils.Database) -> None:
    """Roll back if a transaction is still open: SQLite itself rolls back on a full disk or I/O
    error, and a ROLLBACK then would hide that error behind 'no transaction is active'."""
    if db.conn.in_transaction:
        db.execute("ROLLBACK")


def library_error(exc: sqlite3.DatabaseError, path: Path | str) -> LibraryError:
    message = str(exc)
    if "readonly" in message or "read-only" in message:
        text = "资料库是只读的（library is read-only）"
    elif "locked" in message or "busy" in message:
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
