"""The PostgreSQL server the library tests run against, when there is one.

`.ci/run` starts a throw-away server (scripts/pg-server.sh) and exports its superuser URL as
DAFU_TEST_PG_URL, with DAFU_TEST_PG_REQUIRED=1 so that a server it failed to start fails the
tests instead of skipping them. On a developer's machine the PostgreSQL tests skip with a
reason unless DAFU_TEST_PG_URL is set (or scripts/pg-server.sh start left its URL file).
Each test gets its own database, created from a template that already holds the schema.
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

TEMPLATE = "dafu_test_template"
_counter = itertools.count(1)
_state: dict = {}


def admin_url() -> str | None:
    url = os.environ.get("DAFU_TEST_PG_URL")
    if url:
        return url
    url_file = Path(os.environ.get("DAFU_PG_DIR", "/tmp/dafu-pg")) / "url"
    return url_file.read_text().strip() if url_file.exists() else None


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def _unavailable(reason: str) -> None:
    if os.environ.get("DAFU_TEST_PG_REQUIRED"):
        pytest.fail(f"PostgreSQL is required here (DAFU_TEST_PG_REQUIRED) but {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server for the tests ({reason}; run scripts/pg-server.sh start"
                " or set DAFU_TEST_PG_URL)")


def admin():
    """A psycopg connection as the test server's superuser (autocommit), or skip/fail."""
    if "error" in _state:
        _unavailable(_state["error"])
    conn = _state.get("admin")
    if conn is not None and not conn.closed and not conn.broken:
        return conn
    url = admin_url()
    if not url:
        _state["error"] = "DAFU_TEST_PG_URL is not set"
        _unavailable(_state["error"])
    try:
        import psycopg
    except ImportError:
        _state["error"] = "psycopg is not installed (pip install -e '.[server]')"
        _unavailable(_state["error"])
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        _state["error"] = f"cannot connect to {url}: {str(exc).strip()}"
        _unavailable(_state["error"])
    _state["admin"] = conn
    if "template" not in _state:
        _make_template(conn, url)
    return conn


def _make_template(conn, url: str) -> None:
    from dafu.library.engines import postgresql
    conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    conn.execute(f"CREATE DATABASE {TEMPLATE}")
    postgresql.connect(with_database(url, TEMPLATE)).close()
    _state["template"] = TEMPLATE


def new_database(prefix: str = "dafu_t") -> str:
    """A fresh library database (schema made) and its superuser URL."""
    conn = admin()
    name = f"{prefix}_{os.getpid()}_{next(_counter)}"
    conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    _state.setdefault("made", []).append(name)
    return with_database(admin_url(), name)


def drop_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    try:
        admin().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except Exception:  # noqa: BLE001 - the server may be restarting (load test); the next run drops it
        pass


def close() -> None:
    conn = _state.pop("admin", None)
    if conn is not None:
        conn.close()


class Proxy:
    """A TCP relay in front of the test server: stop() is a server that went away (for one client),
    start() brings it back on the same port. Loopback only."""

    def __init__(self, target_url: str):
        import socket
        parts = urlsplit(target_url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.url = urlunsplit((parts.scheme, f"{parts.username + '@' if parts.username else ''}127.0.0.1:{self.port}",
                               parts.path, parts.query, parts.fragment))
        self._sockets: list = []
        self._listener = None
        self.start()

    def start(self) -> None:
        import socket
        import threading
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener) -> None:
        import socket
        import threading
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink) -> None:  # noqa: C901 - a relay
        import socket
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def stop(self) -> None:
        """Refuse new connections and cut the open ones (as a server that went down)."""
        import socket
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        for s in self._sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        self._sockets = []
