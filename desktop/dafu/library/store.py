"""Opening a library with its engine, and what the engines share about the schema.

The schema, its migrations and the connection settings are each engine's own
(engines/sqlite.py, engines/postgresql.py); both count schema versions the same way, so a
version number means the same tables on either.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from dafu.library.engines import connect as _connect, server_url
from dafu.library.engines import sqlite as _sqlite
from dafu.library.engines.base import Database

Progress = Callable[[int, int], None]

SCHEMA_VERSION = _sqlite.SCHEMA_VERSION
APPLICATION_ID = _sqlite.APPLICATION_ID
BUSY_TIMEOUT_MS = _sqlite.BUSY_TIMEOUT_MS
MIGRATIONS = _sqlite.MIGRATIONS
check_is_library = _sqlite.check_is_library
library_error = _sqlite.library_error

# What a measure's item and policy are compared by: without spaces, quotes and 《》 (the
# checks' notion of "the same measure"); a generated column, so every writer keeps it.
MEASURE_KEY_DROP = " \t\n\r\u3000\u00a0“”\"《》"


def measure_key(text: str | None) -> str:
    return "".join(c for c in (text or "") if c not in MEASURE_KEY_DROP)


def measure_key_sql(column: str, char_function: str) -> str:
    """measure_key as an SQL expression over ``column``, for the generated key columns;
    ``char_function`` is the engine's code-point-to-character function (SQLite char, PostgreSQL chr)."""
    expression = f"coalesce({column}, '')"
    for char in MEASURE_KEY_DROP:
        expression = f"replace({expression}, {char_function}({ord(char)}), '')"
    return expression


def connect(location: Any, *, migrate_to: int = SCHEMA_VERSION, progress: Progress | None = None) -> Database:
    """Open (creating if needed) and migrate the library at ``location`` (a file path or a server URL)."""
    if server_url(location) is not None:
        return _connect(location, progress=progress)
    return _connect(location, migrate_to=migrate_to, progress=progress)


def needs_migration(location: Any) -> bool:
    """Whether opening an existing library file will migrate it (re-indexing may take minutes).
    A server library is migrated by its administrator (`dafu server init`), never on a clerk's open."""
    if server_url(location) is not None:
        return False
    return _sqlite.needs_migration(Path(location))


def migrate(db: Database, target: int = SCHEMA_VERSION, progress: Progress | None = None) -> None:
    _sqlite.migrate(db, target, progress)


def rollback(db: Database) -> None:
    db.rollback()
