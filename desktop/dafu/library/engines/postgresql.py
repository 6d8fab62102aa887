"""The PostgreSQL engine: one library on a bureau's server, shared by its clerks (psycopg 3).

Standard PostgreSQL only (13 or newer; nothing outside the main distribution, not even contrib):

- The tables live in their own schema, ``dafu``, with the SQLite library's columns; text columns
  sort byte-wise (``COLLATE "C"``), as SQLite does, so lists come out in the same order.
- **Search.** ``paragraph_terms`` holds each paragraph's index terms — the same characters and
  pairs of neighbouring characters as on SQLite (tokens.py) — as a ``text[]``, and its *rank key*
  (index.py) with a **btree** index. One **GIN** index holds the terms and, beside them, two
  *blocks* of the rank key: its standing (one of 64 levels) and its bucket of 16,384 ids within
  the level. A query word's rarest terms give the candidates and the stored text decides
  (``strpos``), exactly as on SQLite. Where the rarest term is held by few paragraphs, the GIN
  gives them all and they are read best first. Where every word is common (发展, 时尚 平台), the
  ranking is read in steps: each asks the GIN for the candidates within the next stretch of rank
  keys only (its levels and buckets: the GIN intersects them with the terms' entries itself), so
  the table's rows — a heap visit each — are read for the top of the ranking, not for all 35,000
  candidates; a step's size follows the matches found so far (the planner's histogram of rank keys
  says where a stretch ends). The cost of a common word stays bounded, as FTS5's ordered doclists
  bound it on SQLite, and every way gives the exact top by the same rule.
- **Frequencies** (``search_terms``) lag as on SQLite: new paragraphs are flagged ``counted =
  false`` and counted in one statement every FOLD_AT (under an advisory lock, so two clients
  never count them twice). Totals are rows of deltas (no single row every import would wait on).
- **Changes** are tracked for the clerks' offline snapshots (snapshot.py): each row carries the
  id of the transaction that last wrote it (``changed``, set by a trigger), removals leave a row
  in ``removed_rows``, and ``txid_current_snapshot()`` tells which of them a snapshot has seen.
- **Permissions** are the server's: ``server_init`` makes two roles, readers (SELECT) and
  editors (SELECT, INSERT, UPDATE, DELETE); a reader's write is refused by PostgreSQL itself.

Writes retry what goes away by itself: a deadlock or serialization failure, and a connection
the server dropped (a restart) — reconnecting for up to RETRY_SECONDS. A transaction is rolled
back whole by the server when the connection goes, so nothing is ever half-written.
"""
from __future__ import annotations

import logging
import random
import time
from collections import Counter
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence

try:
    import psycopg
    from psycopg import errors as pg_errors, sql as pg_sql
except ImportError:  # pragma: no cover - the extra is not installed
    psycopg = None

from dafu.errors import LibraryError, LibraryReadOnly, ServerUnavailable
from dafu.library import tokens
from dafu.library.engines import display_url
from dafu.library.engines.base import Database, Progress

log = logging.getLogger(__name__)

SCHEMA = "dafu"
SCHEMA_VERSION = 5              # SQLite's schema 4 (engines/sqlite.py), and the GIN's rank-key blocks
CONNECT_TIMEOUT = 5             # seconds, unless the URL or service file says otherwise
RETRY_SECONDS = 30.0            # how long a write waits for a server that went away to come back
CONFLICT_RETRIES = 8            # deadlocks and serialization failures
MIGRATE_LOCK = 0x44414601       # advisory locks: migrations,
FOLD_LOCK = 0x44414602          # and counting frequencies
GIN_CANDIDATES = 3000           # a word whose rarest term is in at most this many paragraphs: one GIN read
STEP_ROWS = 1024                # else the rank order is read in steps of at least this many index rows,
STEP_SLACK = 2                  # …this many times those the matches still wanted need at the density so far,
STEP_GROWTH = 4                 # …and at most this many times the rows covered so far
TOTALS_TTL = 30.0               # seconds a connection keeps the paragraph total it read
SCALE_TTL = 300.0               # …and the rank keys' histogram (statistics that steer search steps)
FOLD_CHECK_EVERY = 500          # paragraphs this connection adds between looks at the pending count

_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# Tables a snapshot copies, with their key columns; removals of those with a trigger are logged.
SYNCED = {
    "import_batches": ("id",), "tags": ("id",), "measures": ("id",), "paragraphs": ("id",), "replies": ("id",),
    "reply_paragraphs": ("reply_id", "position"), "measure_citations": ("measure_id", "paragraph_id"),
    "paragraph_tags": ("paragraph_id", "tag_id"), "reply_tags": ("reply_id", "tag_id"),
}
# reply_paragraphs and measure_citations only ever leave with their reply, paragraph or measure.
LOGGED_REMOVALS = ("import_batches", "tags", "measures", "paragraphs", "replies", "paragraph_tags", "reply_tags")


def _require_driver() -> None:
    if psycopg is None:
        raise LibraryError("要使用服务器上的资料库，需要安装 psycopg（pip install 'dafu[server]'）"
                           "（a server library needs the psycopg driver: install dafu[server]）")


def _connection_lost(exc: BaseException) -> bool:
    if psycopg is None:
        return False
    if isinstance(exc, (pg_errors.AdminShutdown, pg_errors.CannotConnectNow, pg_errors.CrashShutdown,
                        pg_errors.ConnectionException)):
        return True
    return isinstance(exc, psycopg.OperationalError) and getattr(exc, "sqlstate", None) in (None, "08006", "08001",
                                                                                            "08003", "08004")


class PostgresDatabase(Database):
    engine = "postgresql"

    def __init__(self, conn: Any, url: str):
        super().__init__(conn, display_url(url))
        self.url = url
        self._sql_cache: dict[str, str] = {}
        self._delta = [0, 0]             # paragraphs and characters added in the open transaction
        self._added = 0                  # paragraphs added through this connection since the last fold check
        self._totals: tuple[float, tuple[int, int]] | None = None
        self._scale: tuple[float, list[int] | None] | None = None

    @property
    def errors(self) -> tuple[type[BaseException], ...]:  # type: ignore[override]
        return (psycopg.Error,)

    # -- statements -------------------------------------------------------------------

    def translate(self, sql: str) -> str:
        """``?`` → ``%s`` outside string literals, and ``%`` doubled (psycopg's placeholders)."""
        cached = self._sql_cache.get(sql)
        if cached is not None:
            return cached
        out, quoted = [], False
        for char in sql:
            if char == "'":
                quoted = not quoted
                out.append(char)
            elif char == "%":
                out.append("%%")
            elif char == "?" and not quoted:
                out.append("%s")
            else:
                out.append(char)
        translated = "".join(out)
        if len(self._sql_cache) < 2000:
            self._sql_cache[sql] = translated
        return translated

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self.translate(sql), list(params))

    def raw(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        """A statement in psycopg's own form (``%s``), for this module's engine-specific SQL."""
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(self.translate(sql), rows)

    # -- transactions -----------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return (not self.conn.closed
                and self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def begin(self) -> None:
        self._delta = [0, 0]
        self.conn.execute("BEGIN")

    def before_commit(self) -> None:
        if self._delta != [0, 0]:
            self.conn.execute("INSERT INTO search_totals (paragraphs, characters) VALUES (%s, %s)", self._delta)

    def commit(self) -> None:
        super().commit()
        added, self._delta = self._delta[0], [0, 0]
        self._totals = None
        if added > 0:
            self._added += added
            if self._added >= FOLD_CHECK_EVERY:
                self._added = 0
                self._fold_if_due()

    def rollback(self) -> None:
        self._delta = [0, 0]
        if self.conn.closed or self.conn.broken:
            return       # the server rolled it back when the connection went
        if self.in_transaction:
            self.conn.execute("ROLLBACK")

    def write(self, func: Callable[[], Any]) -> Any:
        return self._retrying(func, transaction=True)

    def read(self, func: Callable[[], Any]) -> Any:
        return self._retrying(func, transaction=False)

    def _retrying(self, func: Callable[[], Any], transaction: bool) -> Any:
        conflicts, lost_since = 0, None
        while True:
            try:
                self.ensure_connected()
                if not transaction:
                    return func()
                with self.transaction():
                    return func()
            except psycopg.Error as exc:
                if isinstance(exc, (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)) \
                        and conflicts < CONFLICT_RETRIES:
                    conflicts += 1
                    time.sleep(random.uniform(0.01, 0.05) * conflicts)
                    continue
                if _connection_lost(exc) or self.conn.closed or self.conn.broken:
                    lost_since = lost_since or time.monotonic()
                    if time.monotonic() - lost_since < RETRY_SECONDS:
                        log.info("library server connection lost (%s); retrying", exc)
                        time.sleep(0.5)
                        continue
                raise

    def ensure_connected(self) -> None:
        """Reconnect when the server dropped the connection (between transactions only)."""
        if self.conn.closed or self.conn.broken:
            try:
                self.conn.close()
            except Exception:  # noqa: BLE001 - it is gone already
                pass
            self.conn = _open_connection(self.url)
            self._totals = None

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001
            pass

    # -- about the library --------------------------------------------------------------

    def schema_version(self) -> int:
        if self.conn.execute("SELECT to_regclass('dafu.library_info')").fetchone()[0] is None:
            return 0
        row = self.conn.execute("SELECT value FROM library_info WHERE name = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def size_bytes(self) -> int:
        return self.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]

    def library_error(self, exc: BaseException) -> LibraryError:
        return library_error(exc, self.location, getattr(self.conn.info, "user", None))

    # -- expressions --------------------------------------------------------------------

    def contains_sql(self, expression: str) -> str:
        return f"strpos({_LOWER.format(expression)}, ?) > 0"

    def group_concat_sql(self, expression: str, separator_code: int) -> str:
        return f"string_agg({expression}, chr({separator_code}))"

    def like_ci(self) -> str:
        return "ILIKE"

    for_update = " FOR UPDATE"

    # -- the search index ---------------------------------------------------------------

    def index_write(self, rows: list[tuple[int, int, str]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany("INSERT INTO paragraph_terms (paragraph_id, rank_key, terms) VALUES (%s, %s, %s)",
                               [(pid, key, sorted(tokens.terms(text))) for key, pid, text in rows])

    def index_added(self, paragraph_id: int, text: str) -> None:
        self._delta[0] += 1
        self._delta[1] += len(text)

    def index_remove(self, paragraph_id: int, text: str, key: int) -> None:
        row = self.conn.execute("DELETE FROM paragraph_terms WHERE paragraph_id = %s RETURNING counted, terms",
                                [paragraph_id]).fetchone()
        if row and row[0]:
            self.conn.execute("UPDATE search_terms SET df = df - 1 WHERE term = ANY(%s)", [sorted(row[1])])
        self._delta[0] -= 1
        self._delta[1] -= len(text)

    def index_rekey(self, paragraph_id: int, text: str, old_key: int, new_key: int) -> None:
        self.conn.execute("UPDATE paragraph_terms SET rank_key = %s WHERE paragraph_id = %s", [new_key, paragraph_id])

    def index_fold(self) -> None:
        # One client counts at a time; terms are updated in their order, as removals do.
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        self.conn.execute(
            "WITH u AS (UPDATE paragraph_terms SET counted = true WHERE NOT counted RETURNING terms)"
            " INSERT INTO search_terms (term, df) SELECT t, count(*) FROM u, unnest(u.terms) t GROUP BY t ORDER BY t"
            " ON CONFLICT (term) DO UPDATE SET df = search_terms.df + excluded.df")
        self.conn.execute("WITH d AS (DELETE FROM search_totals RETURNING paragraphs, characters)"
                          " INSERT INTO search_totals (paragraphs, characters)"
                          " SELECT coalesce(sum(paragraphs), 0), coalesce(sum(characters), 0) FROM d")

    def index_fold_pending(self) -> None:
        if self._pending() > 0:
            self.write(self.index_fold)

    def _pending(self, limit: int | None = None) -> int:
        bound = f" LIMIT {int(limit)}" if limit else ""
        return self.conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM paragraph_terms WHERE NOT counted{bound}) x"
                                 ).fetchone()[0]

    def _fold_if_due(self) -> None:
        from dafu.library.index import FOLD_AT
        try:
            if self._pending(FOLD_AT) < FOLD_AT:
                return

            def fold() -> None:
                if self.conn.execute("SELECT pg_try_advisory_xact_lock(%s)", [FOLD_LOCK]).fetchone()[0]:
                    self.index_fold()
            self.write(fold)
        except pg_errors.InsufficientPrivilege:
            pass    # a reader does not count; an editor will

    def index_rebuild(self, progress: Progress | None = None, chunk: int = 5000) -> None:
        """Index every paragraph afresh (the caller holds the transaction)."""
        from dafu.library.index import rank_key
        self.conn.execute("DELETE FROM paragraph_terms")
        self.conn.execute("DELETE FROM search_terms")
        self.conn.execute("DELETE FROM search_totals")
        # Building the GIN index once at the end is many times faster than growing it row by row.
        self.conn.execute("DROP INDEX paragraph_terms_terms")
        total = self.conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        df: Counter[str] = Counter()
        done, last, paragraphs, characters = 0, 0, 0, 0
        while True:
            rows = self.conn.execute("SELECT id, text, usage_count FROM paragraphs WHERE id > %s ORDER BY id LIMIT %s",
                                     [last, chunk]).fetchall()
            if not rows:
                break
            with self.conn.cursor().copy(
                    "COPY paragraph_terms (paragraph_id, rank_key, counted, terms) FROM STDIN") as copy:
                for paragraph_id, text, usage in rows:
                    found = sorted(tokens.terms(text))
                    df.update(found)
                    copy.write_row((paragraph_id, rank_key(paragraph_id, len(text), usage), True, found))
                    characters += len(text)
            paragraphs += len(rows)
            done += len(rows)
            last = rows[-1][0]
            if progress is not None:
                progress(done, total)
        self.conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
        self.conn.execute(_GIN_INDEX)
        with self.conn.cursor().copy("COPY search_terms (term, df) FROM STDIN") as copy:
            for term, count in sorted(df.items()):
                copy.write_row((term, count))
        self.conn.execute("INSERT INTO search_totals (paragraphs, characters) VALUES (%s, %s)",
                          [paragraphs, characters])

    def index_frequencies(self, terms: list[str], count_new: bool) -> dict[str, int]:
        from dafu.library.index import FOLD_AT
        found = dict.fromkeys(terms, 0)
        unique = list(found)
        if not unique:
            return found
        for term, df in self.conn.execute("SELECT term, df FROM search_terms WHERE term = ANY(%s)", [unique]):
            found[term] = df
        if count_new:
            new = [t for t in unique if not found[t]]
            if new:
                for term, count in self.conn.execute(
                        "SELECT t, (SELECT count(*) FROM (SELECT 1 FROM paragraph_terms WHERE terms @> ARRAY[t]"
                        " LIMIT %s) x) FROM unnest(%s::text[]) t", [FOLD_AT, new]):
                    found[term] = count
        return found

    def index_totals(self) -> tuple[int, int]:
        row = self.conn.execute("SELECT coalesce(sum(paragraphs), 0), coalesce(sum(characters), 0)"
                                " FROM search_totals").fetchone()
        return int(row[0]), int(row[1])

    def _paragraph_total(self) -> int:
        """The paragraph count, read at most every TOTALS_TTL seconds (it only steers the search plan)."""
        now = time.monotonic()
        if self._totals is None or now - self._totals[0] > TOTALS_TTL:
            self._totals = (now, self.index_totals())
        return self._totals[1][0]

    def index_check(self) -> None:
        from dafu.library.index import rank_key
        problems = []
        have = {pid: (key, terms) for pid, key, terms in
                self.conn.execute("SELECT paragraph_id, rank_key, terms FROM paragraph_terms")}
        count, characters = 0, 0
        for pid, text, usage in self.conn.execute("SELECT id, text, usage_count FROM paragraphs"):
            count += 1
            characters += len(text)
            row = have.pop(pid, None)
            if row is None:
                problems.append(f"paragraph {pid} not indexed")
            elif row[0] != rank_key(pid, len(text), usage) or set(row[1]) != tokens.terms(text):
                problems.append(f"paragraph {pid} indexed wrongly")
        problems += [f"index row of a missing paragraph {pid}" for pid in have]
        if self.index_totals() != (count, characters):
            problems.append(f"totals {self.index_totals()} != {(count, characters)}")
        wrong = self.conn.execute(
            "SELECT count(*) FROM (SELECT t, count(*) AS df FROM paragraph_terms, unnest(terms) t WHERE counted"
            " GROUP BY t) truth FULL JOIN (SELECT term, df FROM search_terms WHERE df != 0) stored"
            " ON stored.term = truth.t WHERE truth.df IS DISTINCT FROM stored.df").fetchone()[0]
        if wrong:
            problems.append(f"{wrong} term frequencies wrong")
        if problems:
            raise LibraryError("搜索索引与段落不一致（search index damaged）: " + "; ".join(problems[:5]),
                               path=self.location)

    _PARAGRAPH = "JOIN LATERAL (SELECT * FROM paragraphs p WHERE p.id = c.paragraph_id OFFSET 0) p ON true"

    def search_candidates(self, terms: list[str], checks: str, check_params: list, where: str,
                          params: list, limit: int, smallest_df: int) -> list[tuple[int, int]]:
        condition, values = self.translate(checks + where), [*check_params, *params]
        terms = sorted(set(terms))
        total = self._paragraph_total()
        # The first step's rows: twice those that would hold ``limit`` matches were the rarest term's
        # paragraphs spread evenly (they are not: the shortest paragraphs, at the top, hold fewer terms).
        rows = max(STEP_ROWS, int(limit * total / max(1, smallest_df) * STEP_SLACK))
        if smallest_df <= GIN_CANDIDATES:
            return self._gin(terms, condition, values, limit)
        with self._steady_read():
            if rows >= total:        # (a very large limit) every candidate is read anyway
                return self._gin(terms, condition, values, limit)
            return self._steps(terms, condition, values, limit, rows, total)

    def _steps(self, terms: list[str], condition: str, values: list, limit: int, rows: int,
               total: int) -> list[tuple[int, int]]:
        """Many candidates: read the rank order in steps of (about) ``rows`` index rows, asking the GIN
        each time only for the rank-key blocks of the step (see block_terms), so that heap visits stay
        near the top of the ranking; each step is sized by the matches found so far."""
        found: list[tuple[int, int]] = []
        newest = self._newest_id()
        floor = _floor_bucket(newest)
        scale = self._rank_scale(newest)
        start, position, matched = -1, 0.0, 0
        while True:
            share = rows / total
            if scale is None:        # no statistics yet: count the step's rows in the rank-key btree
                last, count = self.conn.execute(
                    "SELECT max(rank_key), count(*) FROM (SELECT rank_key FROM paragraph_terms"
                    " WHERE rank_key > %s ORDER BY rank_key LIMIT %s) r", [start, rows]).fetchone()
                if count < rows:
                    last = None
            else:
                last = max(start, scale.key_at(position + share)) if position + share < 1 else None
            step = []
            if last is None or last > start:
                blocks = block_terms((start + 1) >> BLOCK_SHIFT, (LAST_KEY if last is None else last) >> BLOCK_SHIFT,
                                     floor)
                step = self._gin(terms, condition, values, limit - len(found), after=start, until=last,
                                 blocks=blocks)
            found += step
            if len(found) >= limit or last is None:
                return found
            start, position, matched = last, position + share, matched + len(step)
            covered = position * total
            # STEP_SLACK times the rows the matches still wanted need at the density seen so far; at least
            # as many as covered so far (few steps, however the density varies), at most STEP_GROWTH times.
            growth = int(covered * STEP_GROWTH)
            wanted = int(STEP_SLACK * (limit - len(found)) * covered / matched) if matched else growth
            rows = max(STEP_ROWS, int(covered), min(wanted, growth))

    def _rank_scale(self, newest: int) -> "RankScale | None":
        """Where rank keys lie in the ranking, from the planner's statistics (kept by autovacuum's
        ANALYZE); None before there are any. Read at most every SCALE_TTL seconds."""
        now = time.monotonic()
        if self._scale is None or now - self._scale[0] > SCALE_TTL:
            row = self.conn.execute(
                "SELECT histogram_bounds::text::bigint[] FROM pg_stats WHERE schemaname = %s"
                " AND tablename = 'paragraph_terms' AND attname = 'rank_key'", [SCHEMA]).fetchone()
            self._scale = (now, row[0] if row and row[0] and len(row[0]) > 2 else None)
        bounds = self._scale[1]
        return RankScale(bounds, newest) if bounds else None

    @contextmanager
    def _steady_read(self) -> Iterator[None]:
        """The statements inside see one snapshot (a paragraph re-ranked meanwhile is neither missed nor
        read twice), and the planner never reads paragraph_terms whole: a sequential scan would unpack
        every row's terms (a second and more for a common term) where the GIN reads its entries."""
        if self.in_transaction:
            self.conn.execute("SET LOCAL enable_seqscan = off")
            try:
                yield
            finally:
                self.conn.execute("SET LOCAL enable_seqscan = on")
            return
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            self.conn.execute("SET LOCAL enable_seqscan = off")
            yield
        except BaseException:
            if not (self.conn.closed or self.conn.broken):
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _newest_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(paragraph_id), 0) FROM paragraph_terms").fetchone()[0]

    def _gin(self, terms: list[str], condition: str, values: list, limit: int, after: int | None = None,
             until: int | None = None, blocks: list[int] | None = None) -> list[tuple[int, int]]:
        """The best ``limit`` paragraphs holding ``terms`` (with rank keys in (after, until]) that pass
        ``condition``: the GIN gives the candidates (only those in ``blocks`` when given), read best first."""
        bounds: list[Any] = []
        where = ""
        if blocks is not None:
            where += f" AND {_BLOCKS} && %s::int[]"
            bounds.append(blocks)
        if after is not None:
            # (rank_key + 0: a bound for the check after the GIN, never a reason to walk the btree instead)
            where += " AND rank_key + 0 > %s"
            bounds.append(after)
        if until is not None:
            where += " AND rank_key + 0 <= %s"
            bounds.append(until)
        return self.conn.execute(
            "WITH c AS MATERIALIZED (SELECT paragraph_id, rank_key FROM paragraph_terms WHERE terms @> %s::text[]"
            f"{where})"
            f" SELECT p.id, c.rank_key FROM (SELECT * FROM c ORDER BY rank_key) c {self._PARAGRAPH}"
            f" WHERE true{condition} ORDER BY c.rank_key LIMIT %s",
            [terms, *bounds, *values, limit]).fetchall()

    def similar_rows(self, chosen: list[tuple[float, str]], where: str, params: list,
                     limit: int) -> list[tuple[int, float]]:
        union = " UNION ALL ".join("SELECT paragraph_id, rank_key, %s::float8 AS w FROM paragraph_terms"
                                   " WHERE terms @> ARRAY[%s::text]" for _ in chosen)
        values: list[Any] = [v for weight, gram in chosen for v in (weight, gram)]
        # Grouped by rank key: equal sums fall in the order of the paragraphs' standing.
        grouped = f"SELECT paragraph_id, rank_key, sum(w) AS score FROM ({union}) u GROUP BY paragraph_id, rank_key"
        if not where:
            grouped += " ORDER BY score DESC, rank_key LIMIT %s"
            values.append(limit)
        return [(pid, float(score)) for pid, score in self.conn.execute(
            f"SELECT p.id, c.score FROM ({grouped}) c {self._PARAGRAPH} WHERE true{self.translate(where)}"
            " ORDER BY c.score DESC, c.rank_key LIMIT %s", [*values, *params, limit])]


# -- connecting -------------------------------------------------------------------------------


def _open_connection(url: str) -> Any:
    _require_driver()
    options: dict[str, Any] = {"autocommit": True}
    if "connect_timeout" not in url:
        options["connect_timeout"] = CONNECT_TIMEOUT
    conn = psycopg.connect(url, **options)
    conn.execute(f"SET search_path TO {SCHEMA}, pg_catalog")
    # Every statement of the library is a short, index-led read or write: starting parallel workers
    # costs more than it saves (twice the time of "more like this" on two cores), and a bureau's
    # server has clerks enough to keep its cores busy.
    conn.execute("SET max_parallel_workers_per_gather = 0")
    return conn


def connect(url: str, *, progress: Progress | None = None, migrate: bool = True) -> PostgresDatabase:
    """Connect to the library at ``url``, creating or migrating its schema when the login may."""
    _require_driver()
    shown = display_url(url)
    try:
        db = PostgresDatabase(_open_connection(url), url)
    except psycopg.Error as exc:
        raise library_error(exc, shown, None) from None
    try:
        version = db.schema_version()
        if version > SCHEMA_VERSION:
            raise LibraryError(f"资料库由更新版本的 Dafu 创建（library schema {version} is newer than this Dafu"
                               f" ({SCHEMA_VERSION})）", path=shown)
        if version < SCHEMA_VERSION and migrate:
            try:
                run_migrations(db, progress)
            except pg_errors.InsufficientPrivilege:
                raise LibraryError("服务器上的资料库需要由管理员建立或升级：dafu server init URL"
                                   "（the library on the server must be created or upgraded by its administrator）",
                                   path=shown) from None
    except psycopg.Error as exc:
        db.close()
        raise library_error(exc, shown, None) from None
    except BaseException:
        db.close()
        raise
    return db


def library_error(exc: BaseException, where: str, user: str | None) -> LibraryError:
    """What a server's refusal means for the clerk, in one line."""
    state = getattr(exc, "sqlstate", None) or ""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        who = f"登录名 {user} " if user else ""
        return LibraryReadOnly(f"服务器拒绝了这次写入：{who}只有查阅权限，不能导入、修改或删除（the server refused:"
                               f" this login may read the library but not change it）", path=where)
    if isinstance(exc, (pg_errors.ReadOnlySqlTransaction,)):
        return LibraryReadOnly("服务器上的资料库现在只读（the server is read-only）", path=where)
    if state in ("28P01", "28000") or "password authentication failed" in detail or "no password supplied" in detail:
        return LibraryError("服务器拒绝登录：用户名或密码不对，或没有提供密码（见 pgpass 或服务文件）"
                            f"（login refused: {detail}）", path=where)
    if state == "3D000":
        return LibraryError(f"服务器上没有这个数据库（database does not exist）: {detail}", path=where)
    if state.startswith("53"):
        return LibraryError(f"服务器空间或资源不足（server out of space or resources）: {detail}", path=where)
    if _connection_lost(exc) or isinstance(exc, psycopg.OperationalError):
        return ServerUnavailable(f"无法连接资料库服务器（library server unreachable）: {detail}", path=where)
    return LibraryError(f"资料库服务器出错（library server error）: {detail}", path=where)


# -- schema and migrations -------------------------------------------------------------------

_TEXT = 'text COLLATE "C"'


# The rank-key blocks a paragraph's index row is in, for search to ask the GIN for a slice of the
# ranking: its level (-1 - key >> 26: one term per standing) and its bucket of 2**14 ids within it.
LEVEL_SHIFT = 26                # index.ID_BITS: a rank key's standing is above its id's bits
BLOCK_SHIFT = 14
_LEVEL_BUCKETS = 1 << (LEVEL_SHIFT - BLOCK_SHIFT)
_BLOCKS = f"ARRAY[-1 - (rank_key >> {LEVEL_SHIFT})::int, (rank_key >> {BLOCK_SHIFT})::int]"
# fastupdate off: a pending list would make every search scan it; an import pays the index write instead.
_GIN_INDEX = (f"CREATE INDEX paragraph_terms_terms ON paragraph_terms USING gin (terms, ({_BLOCKS}))"
              " WITH (fastupdate = off)")


def _floor_bucket(newest_id: int) -> int:
    """The first bucket within a level that can hold a paragraph (ids up to ``newest_id`` and one
    bucket more, for paragraphs added meanwhile): the newest rank first within their level."""
    from dafu.library.index import ID_MASK
    return max(0, (ID_MASK - newest_id - (1 << BLOCK_SHIFT)) >> BLOCK_SHIFT)


LAST_KEY = (1 << (LEVEL_SHIFT + 6)) - 1    # the largest rank key (index.LEVELS = 2**6 standings)


class RankScale:
    """Rank keys ↔ their position in the ranking (0 … 1), from the planner's histogram of rank keys
    (equal shares of the rows between its bounds). Between two bounds positions are interpolated
    over the ids that exist — those of each level from the newest id's bucket on — not over the
    empty key space between levels."""

    def __init__(self, bounds: list[int], newest_id: int):
        self.floor = _floor_bucket(newest_id) << BLOCK_SHIFT
        self.width = (1 << LEVEL_SHIFT) - self.floor
        self.points = [self._dense(b) for b in bounds]

    def _dense(self, key: int) -> int:
        part = min(max((key & ((1 << LEVEL_SHIFT) - 1)) - self.floor, 0), self.width - 1)
        return (key >> LEVEL_SHIFT) * self.width + part

    def key_at(self, position: float) -> int:
        """The rank key at ``position`` of the ranking (0 ≤ position < 1)."""
        at = max(0.0, position) * (len(self.points) - 1)
        i = min(int(at), len(self.points) - 2)
        low, high = self.points[i], self.points[i + 1]
        dense = int(low + (high - low) * (at - i))
        return ((dense // self.width) << LEVEL_SHIFT) | (dense % self.width + self.floor)


def block_terms(first: int, last: int, floor: int) -> list[int]:
    """The index's block terms (see _BLOCKS) that together hold every rank key whose block
    (key >> BLOCK_SHIFT) lies in [first, last]: a whole level as one term, a part of one as its buckets
    (only those from ``floor`` on: below it no paragraph can be)."""
    out: list[int] = []
    for level in range(first // _LEVEL_BUCKETS, last // _LEVEL_BUCKETS + 1):
        base = level * _LEVEL_BUCKETS
        lo, hi = max(first, base + floor), min(last, base + _LEVEL_BUCKETS - 1)
        if lo <= base + floor and hi == base + _LEVEL_BUCKETS - 1:
            out.append(-1 - level)
        elif lo <= hi:
            out.extend(range(lo, hi + 1))
    return out


def _v4(db: PostgresDatabase, progress: Progress | None = None) -> None:
    """The library on a server: SQLite's schema 4, a GIN index over character terms, and change
    tracking for the clerks' offline snapshots."""
    t = _TEXT
    statements = [
        f"CREATE TABLE library_info (name {t} PRIMARY KEY, value {t} NOT NULL)",
        """CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN NEW.changed := txid_current(); RETURN NEW; END $$""",
        """CREATE FUNCTION log_removal() RETURNS trigger LANGUAGE plpgsql AS $$
           DECLARE old_row jsonb := to_jsonb(OLD); k text; parts text[] := '{}';
           BEGIN
             FOREACH k IN ARRAY TG_ARGV LOOP parts := parts || (old_row ->> k); END LOOP;
             INSERT INTO removed_rows (tbl, key) VALUES (TG_TABLE_NAME, array_to_string(parts, ','));
             RETURN OLD;
           END $$""",
        f"""CREATE TABLE removed_rows (tbl {t} NOT NULL, key {t} NOT NULL,
            changed bigint NOT NULL DEFAULT txid_current(), at timestamptz NOT NULL DEFAULT now())""",
        "CREATE INDEX removed_rows_changed ON removed_rows (changed)",
        f"""CREATE TABLE import_batches (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            started_at {t} NOT NULL, label {t} NOT NULL DEFAULT '')""",
        f"""CREATE TABLE replies (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title {t} NOT NULL,
            kind {t}, meeting {t}, number {t}, suggestion_title {t}, salutation {t}, deputies {t}, issuing_body {t},
            date {t}, contact_person {t}, contact_phone {t}, result_class {t}, cc {t}, source_file {t},
            source_hash {t} UNIQUE, imported_at {t} NOT NULL,
            batch_id bigint REFERENCES import_batches(id) ON DELETE SET NULL)""",
        "CREATE INDEX replies_date ON replies (date)",
        "CREATE INDEX replies_batch ON replies (batch_id)",
        f"""CREATE TABLE paragraphs (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            text_hash {t} NOT NULL UNIQUE, text {t} NOT NULL, role {t}, usage_count integer NOT NULL DEFAULT 0)""",
        f"""CREATE TABLE reply_paragraphs (reply_id bigint NOT NULL REFERENCES replies(id) ON DELETE CASCADE,
            position integer NOT NULL, paragraph_id bigint NOT NULL REFERENCES paragraphs(id),
            section_path {t} NOT NULL DEFAULT '', role {t}, PRIMARY KEY (reply_id, position))""",
        "CREATE INDEX reply_paragraphs_paragraph ON reply_paragraphs (paragraph_id, reply_id)",
        f"""CREATE TABLE measures (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, key {t} NOT NULL UNIQUE,
            policy {t}, policy_year integer, item {t}, text {t}, rate_percent double precision, rate_base {t},
            rate_kind {t}, cap_yuan bigint, one_off integer NOT NULL DEFAULT 0, valid_from {t}, valid_to {t},
            superseded_by bigint REFERENCES measures(id) ON DELETE SET NULL,
            item_key {t} GENERATED ALWAYS AS ({_measure_key_sql('item')}) STORED,
            policy_key {t} GENERATED ALWAYS AS ({_measure_key_sql('policy')}) STORED)""",
        "CREATE INDEX measures_item_key ON measures (item_key, policy_key)",
        """CREATE TABLE measure_citations (measure_id bigint NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
            paragraph_id bigint NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            PRIMARY KEY (measure_id, paragraph_id))""",
        "CREATE INDEX measure_citations_paragraph ON measure_citations (paragraph_id)",
        f"CREATE TABLE tags (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name {t} NOT NULL UNIQUE)",
        """CREATE TABLE paragraph_tags (paragraph_id bigint NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
            tag_id bigint NOT NULL REFERENCES tags(id) ON DELETE CASCADE, PRIMARY KEY (paragraph_id, tag_id))""",
        """CREATE TABLE reply_tags (reply_id bigint NOT NULL REFERENCES replies(id) ON DELETE CASCADE,
            tag_id bigint NOT NULL REFERENCES tags(id) ON DELETE CASCADE, PRIMARY KEY (reply_id, tag_id))""",
        # The search index: terms (GIN), rank order (btree), what is not yet counted (partial).
        """CREATE TABLE paragraph_terms (paragraph_id bigint PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
            rank_key bigint NOT NULL, counted boolean NOT NULL DEFAULT false, terms text[] NOT NULL)
            WITH (toast_tuple_target = 128)""",
        "CREATE UNIQUE INDEX paragraph_terms_rank ON paragraph_terms (rank_key) INCLUDE (paragraph_id)",
        "CREATE INDEX paragraph_terms_terms ON paragraph_terms USING gin (terms) WITH (fastupdate = off)",
        "CREATE INDEX paragraph_terms_pending ON paragraph_terms (paragraph_id) WHERE NOT counted",
        f"CREATE TABLE search_terms (term {t} PRIMARY KEY, df integer NOT NULL)",
        "CREATE TABLE search_totals (paragraphs bigint NOT NULL, characters bigint NOT NULL)",
    ]
    for table in SYNCED:
        statements.append(f"ALTER TABLE {table} ADD COLUMN changed bigint NOT NULL DEFAULT txid_current()")
        statements.append(f"CREATE INDEX {table}_changed ON {table} (changed)")
        statements.append(f"CREATE TRIGGER {table}_touch BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION touch()")
    for table in LOGGED_REMOVALS:
        keys = ", ".join(f"'{k}'" for k in SYNCED[table])
        statements.append(f"CREATE TRIGGER {table}_removed AFTER DELETE ON {table} FOR EACH ROW"
                          f" EXECUTE FUNCTION log_removal({keys})")
    statements.append("INSERT INTO library_info (name, value) VALUES ('application', 'dafu'), ('schema_version', '0')")
    for statement in statements:
        db.conn.execute(statement)


def _measure_key_sql(column: str) -> str:
    from dafu.library.store import measure_key_sql
    return measure_key_sql(column, "chr")


def _v5(db: PostgresDatabase, progress: Progress | None = None) -> None:
    """The GIN index also holds each row's rank-key blocks, so that search reads a common word's
    candidates a slice of the ranking at a time (heap visits for the top only, not for all)."""
    # Built beside the old index (writes wait, searches go on), which goes only at the end.
    db.conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
    db.conn.execute(_GIN_INDEX.replace("paragraph_terms_terms", "paragraph_terms_blocks", 1))
    db.conn.execute("DROP INDEX paragraph_terms_terms")
    db.conn.execute("ALTER INDEX paragraph_terms_blocks RENAME TO paragraph_terms_terms")
    db.conn.execute("ANALYZE paragraph_terms")


MIGRATIONS: list[tuple[int, str, Callable[..., None]]] = [
    (4, "the library on a server: tables, GIN index over character terms, change tracking", _v4),
    (5, "rank-key blocks in the GIN index", _v5),
]


def run_migrations(db: PostgresDatabase, progress: Progress | None = None, target: int | None = None) -> None:
    """Run the missing steps, each in its own transaction under an advisory lock (two clients
    opening a new library at once run each step once)."""
    target = SCHEMA_VERSION if target is None else target
    for version, _name, step in MIGRATIONS:
        if version > target:
            break

        def run(version: int = version, step: Callable[..., None] = step) -> None:
            db.conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATE_LOCK])
            db.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            if db.schema_version() >= version:
                return
            step(db, progress)
            db.conn.execute("UPDATE library_info SET value = %s WHERE name = 'schema_version'", [str(version)])
            _grant(db)
        db.write(run)


# -- roles: who may read and who may change the library ---------------------------------------


def role_names(db: PostgresDatabase) -> tuple[str, str]:
    """The reader and editor roles of this library: ``<database>_reader`` and ``<database>_editor``
    unless `dafu server init` was told other names."""
    stored = dict(db.conn.execute("SELECT name, value FROM library_info WHERE name IN ('reader_role', 'editor_role')"
                                  ).fetchall()) if db.schema_version() else {}
    database = db.conn.info.dbname
    return stored.get("reader_role", f"{database}_reader"), stored.get("editor_role", f"{database}_editor")


def _role_exists(db: PostgresDatabase, name: str) -> bool:
    return db.conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone() is not None


def _grant(db: PostgresDatabase) -> None:
    """Give the roles (when they exist) their rights on every table: run after each migration."""
    if not db.conn.execute("SELECT 1 FROM library_info WHERE name = 'reader_role'").fetchone():
        return
    reader, editor = role_names(db)
    ident = pg_sql.Identifier
    for role, rights in ((reader, "SELECT"), (editor, "SELECT, INSERT, UPDATE, DELETE")):
        if not _role_exists(db, role):
            continue
        db.conn.execute(pg_sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(ident(SCHEMA), ident(role)))
        db.conn.execute(pg_sql.SQL("GRANT " + rights + " ON ALL TABLES IN SCHEMA {} TO {}").format(
            ident(SCHEMA), ident(role)))
        if role == editor:
            db.conn.execute(pg_sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
                ident(SCHEMA), ident(role)))
    # The editors write library_info's counters only through migrations (the owner's); readers nothing.
    db.conn.execute(pg_sql.SQL("REVOKE INSERT, UPDATE, DELETE ON library_info FROM {}").format(ident(editor)))


def server_init(url: str, *, reader: str | None = None, editor: str | None = None) -> dict:
    """Create (or upgrade) the library's schema and its two roles, and grant them their rights.

    Run by the server's administrator (a login that may create roles and owns the database).
    Creating the roles again, or on an existing library, changes nothing else.
    """
    db = connect(url)
    try:
        database = db.conn.info.dbname
        reader = reader or f"{database}_reader"
        editor = editor or f"{database}_editor"

        def init() -> None:
            ident = pg_sql.Identifier
            for role in (reader, editor):
                if not _role_exists(db, role):
                    db.conn.execute(pg_sql.SQL("CREATE ROLE {} NOLOGIN").format(ident(role)))
                db.conn.execute(pg_sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(ident(database), ident(role)))
            for name, value in (("reader_role", reader), ("editor_role", editor)):
                db.conn.execute("INSERT INTO library_info (name, value) VALUES (%s, %s)"
                                " ON CONFLICT (name) DO UPDATE SET value = excluded.value", [name, value])
            _grant(db)
        try:
            db.write(init)
        except pg_errors.InsufficientPrivilege as exc:
            raise LibraryError(f"这个登录不能建立角色或授权（needs an administrator login）: {exc}",
                               path=db.location) from None
        except psycopg.Error as exc:
            raise db.library_error(exc) from None
        return {"url": db.location, "database": database, "schema_version": db.schema_version(),
                "reader_role": reader, "editor_role": editor}
    finally:
        db.close()


def add_user(url: str, name: str, role: str, password: str) -> dict:
    """Create a clerk's login (or change its password) in the reader or editor role.

    The password is hashed here (SCRAM, as libpq does) so its plain text never reaches the
    server's logs, and it is written nowhere else.
    """
    if role not in ("reader", "editor"):
        raise LibraryError(f"角色须为 reader 或 editor（role must be reader or editor, not {role!r}）")
    db = connect(url, migrate=False)
    try:
        if db.schema_version() == 0:
            raise LibraryError("服务器上还没有资料库：先运行 dafu server init URL（run dafu server init first）",
                               path=db.location)
        reader, editor = role_names(db)
        group = reader if role == "reader" else editor
        other = editor if role == "reader" else reader
        if not _role_exists(db, group):
            raise LibraryError(f"角色 {group} 不存在：先运行 dafu server init URL（run dafu server init first）",
                               path=db.location)
        hashed = db.conn.pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"), b"scram-sha-256")
        ident, literal = pg_sql.Identifier, pg_sql.Literal

        def create() -> None:
            verb = "ALTER" if _role_exists(db, name) else "CREATE"
            db.conn.execute(pg_sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                ident(name), literal(hashed.decode("ascii"))))
            db.conn.execute(pg_sql.SQL("GRANT {} TO {}").format(ident(group), ident(name)))
            if db.conn.execute("SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                               " JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = %s AND u.rolname = %s",
                               [other, name]).fetchone():
                db.conn.execute(pg_sql.SQL("REVOKE {} FROM {}").format(ident(other), ident(name)))
        try:
            db.write(create)
        except pg_errors.InsufficientPrivilege as exc:
            raise LibraryError(f"这个登录不能建立用户（needs an administrator login）: {exc}", path=db.location) from None
        except psycopg.Error as exc:
            raise db.library_error(exc) from None
        return {"user": name, "role": role, "group": group}
    finally:
        db.close()


# -- bringing an existing library file to the server ----------------------------------------------

_COPY_TABLES = ("import_batches", "tags", "measures", "paragraphs", "replies", "reply_paragraphs",
                "measure_citations", "paragraph_tags", "reply_tags")


def load_from_sqlite(db: PostgresDatabase, path: Any, progress: Progress | None = None) -> dict[str, int]:
    """Copy a library file (SQLite) into this empty server library, ids kept, then index it.

    One transaction: the server library is whole or untouched. The file's drafts stay where they are.
    """
    import sqlite3
    from pathlib import Path as _Path
    if db.conn.execute("SELECT EXISTS (SELECT 1 FROM replies) OR EXISTS (SELECT 1 FROM paragraphs)").fetchone()[0]:
        raise LibraryError("服务器上的资料库不是空的；只能把资料库文件导入一个新建的资料库（the server library is not empty）",
                           path=db.location)
    source = sqlite3.connect(f"file:{_Path(path).as_posix()}?mode=ro", uri=True)
    counts: dict[str, int] = {}

    def load() -> None:
        for table in _COPY_TABLES:
            columns = [r[1] for r in source.execute(f"PRAGMA table_xinfo({table})") if r[6] == 0]
            ident = pg_sql.Identifier
            statement = pg_sql.SQL("COPY {} ({}) FROM STDIN").format(
                ident(table), pg_sql.SQL(", ").join(map(ident, columns)))
            count = 0
            with db.conn.cursor().copy(statement) as copy:
                for row in source.execute(f"SELECT {', '.join(columns)} FROM {table}"):
                    copy.write_row(row)
                    count += 1
            counts[table] = count
            if "id" in columns:
                db.conn.execute(pg_sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'),"
                                           " greatest((SELECT max(id) FROM {}), 1))").format(
                    pg_sql.Literal(f"{SCHEMA}.{table}"), ident(table)))
        db.index_rebuild(progress)
    try:
        db.write(load)
    finally:
        source.close()
    db.conn.execute("ANALYZE")
    return counts
