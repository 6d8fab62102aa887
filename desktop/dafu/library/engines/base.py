"""What every library engine offers: one small database API the rest of the library is written against.

The importer, removal, packs, measures and the Library's own queries are written once, in the
SQL both engines speak (``?`` placeholders, ``INSERT … ON CONFLICT DO NOTHING``, ``RETURNING id``,
``coalesce``, ``substr``, ``LIMIT … OFFSET``). What differs lives in one module per engine
(``sqlite.py``, ``postgresql.py``), as methods of its :class:`Database`:

- connecting, the schema and its migrations, the schema version;
- the search index's writes (``index_*``), term frequencies, and reading candidates in rank
  order (``search_candidates``, ``similar_rows``) — see ``library/index.py`` for the rank keys
  both engines share;
- a few expressions (``contains_sql``, ``group_concat_sql``, ``like_ci``);
- what a failure means for the clerk (``library_error``), and whether a write may be retried.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Callable, ClassVar, Iterable, Iterator, Sequence

from dafu.errors import LibraryError

Progress = Callable[[int, int], None]


class Database:
    """A connection to one library, with the engine's differences behind methods."""

    engine: ClassVar[str] = "base"
    #: Exceptions of the driver that mean "the database said no"; turned into LibraryError.
    errors: ClassVar[tuple[type[BaseException], ...]] = ()

    def __init__(self, conn: Any, location: str):
        self.conn = conn
        self.location = location       # a file path, or a server URL without its password
        self.read_only = False

    # -- statements -------------------------------------------------------------------

    def translate(self, sql: str) -> str:
        """The engine's form of a statement written with ``?`` placeholders."""
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.translate(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        cursor = self.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return row[0] if row else None

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT and return the new row's id."""
        return self.execute(sql + " RETURNING id", params).fetchone()[0]

    # -- transactions -----------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        raise NotImplementedError

    def begin(self) -> None:
        """Start a write transaction (taking the engine's write lock up front where it has one)."""
        self.execute("BEGIN")

    def commit(self) -> None:
        self.before_commit()
        self.execute("COMMIT")

    def before_commit(self) -> None:
        """Last writes of a transaction (bookkeeping an engine keeps per transaction)."""

    def rollback(self) -> None:
        """Roll back if a transaction is still open (an engine may have rolled back by itself)."""
        if self.in_transaction:
            self.execute("ROLLBACK")
        self.after_rollback()

    def after_rollback(self) -> None:
        pass

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed whole, or rolled back on any exception."""
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def write(self, func: Callable[[], Any]) -> Any:
        """``func()`` in one write transaction; an engine whose transactions can fail for reasons
        that go away (a deadlock, a dropped connection) runs it again — so ``func`` must only
        write what it reads afresh inside."""
        attempt = 0
        while True:
            try:
                with self.transaction():
                    return func()
            except self.errors as exc:
                attempt += 1
                delay = self.retry_delay(exc, attempt)
                if delay is None:
                    raise
                time.sleep(delay)
                self.recover(exc)

    def read(self, func: Callable[[], Any]) -> Any:
        """``func()`` outside a transaction; an engine whose connection can drop reconnects and runs it again."""
        return func()

    def retry_delay(self, exc: BaseException, attempt: int) -> float | None:
        """Seconds to wait before running a failed transaction again, or None to give up."""
        return None

    def recover(self, exc: BaseException) -> None:
        """Make the connection usable again after ``exc`` (e.g. reconnect)."""

    def close(self) -> None:
        self.conn.close()

    # -- what an engine says about itself -------------------------------------------------

    def schema_version(self) -> int:
        raise NotImplementedError

    def size_bytes(self) -> int:
        return 0

    def library_error(self, exc: BaseException) -> LibraryError:
        return LibraryError(f"资料库出错（library error）: {exc}", path=self.location)

    # -- expressions --------------------------------------------------------------------

    def contains_sql(self, expression: str) -> str:
        """SQL true when ``expression`` (a text) contains the next parameter, ASCII letters folded."""
        raise NotImplementedError

    def group_concat_sql(self, expression: str, separator_code: int) -> str:
        raise NotImplementedError

    def like_ci(self) -> str:
        """LIKE that ignores the case of ASCII letters."""
        return "LIKE"

    #: Appended to a SELECT whose row the transaction then changes from what it read (a server
    #: locks the row; SQLite's write transaction holds the whole file already).
    for_update = ""

    # -- the search index (library/index.py calls these; rows are (rank key, paragraph id, text)) --

    def index_write(self, rows: list[tuple[int, int, str]]) -> None:
        """Index rows of new paragraphs, in rank-key order."""
        raise NotImplementedError

    def index_added(self, paragraph_id: int, text: str) -> None:
        """Bookkeeping after a paragraph was added: totals, and its terms' frequencies."""
        raise NotImplementedError

    def index_remove(self, paragraph_id: int, text: str, key: int) -> None:
        raise NotImplementedError

    def index_rekey(self, paragraph_id: int, text: str, old_key: int, new_key: int) -> None:
        raise NotImplementedError

    def index_fold(self) -> None:
        """Count the terms of paragraphs added since the last fold (inside the caller's transaction)."""
        raise NotImplementedError

    def index_fold_pending(self) -> None:
        """Fold in its own transaction, when paragraphs are pending."""
        raise NotImplementedError

    def index_rebuild(self, progress: Progress | None = None) -> None:
        raise NotImplementedError

    def index_frequencies(self, terms: list[str], count_new: bool) -> dict[str, int]:
        raise NotImplementedError

    def index_totals(self) -> tuple[int, int]:
        raise NotImplementedError

    def index_check(self) -> None:
        """Raise LibraryError when the index and the paragraphs disagree (tests, the load test)."""
        raise NotImplementedError

    def search_candidates(self, terms: list[str], checks: str, check_params: list, where: str,
                          params: list, limit: int, smallest_df: int) -> list[tuple[int, int]]:
        """(paragraph id, rank key) of the best ``limit`` paragraphs holding every term and passing
        ``checks`` and ``where`` (SQL on ``p``, a paragraph), best first."""
        raise NotImplementedError

    def similar_rows(self, chosen: list[tuple[float, str]], where: str, params: list,
                     limit: int) -> list[tuple[int, float]]:
        """(paragraph id, summed weight) of the paragraphs holding most of the weighted terms."""
        raise NotImplementedError


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
