"""The library's engines: SQLite for a file on the clerk's machine, PostgreSQL for a bureau's server.

``connect(location)`` picks the engine from the location: a ``postgresql://`` (or
``postgres://``) URL is a server, anything else a file path.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SCHEME = re.compile(r"^(postgres(?:ql)?):(/*)(.*)$", re.DOTALL)


def server_url(location: Any) -> str | None:
    """The server URL a location names, or None for a file path.

    A URL that went through ``pathlib.Path`` on its way here (the app's settings keep the library
    location as a path) has lost one of its two slashes: ``postgresql:/host/db`` is read as
    ``postgresql://host/db``. (``postgresql:///db``, a local socket, cannot survive that; write
    ``postgresql://localhost/db`` or use a service: ``postgresql://?service=dafu``.)
    """
    if location is None:
        return None
    text = os.fspath(location) if isinstance(location, (str, os.PathLike)) else str(location)
    match = _SCHEME.match(text)
    if not match:
        return None
    scheme, slashes, rest = match.groups()
    if len(slashes) >= 2:
        return text
    return f"{scheme}://{rest}"


def location(value: Any) -> str | Path:
    """A library location as given (settings, command line, DAFU_LIBRARY): a server URL stays text
    (a Path would fold its ``//``), anything else is a file path."""
    url = server_url(value)
    return url if url is not None else Path(value)


def location_name(value: Any) -> str:
    """What a clerk reads for a location: the file's name, or the server URL without a password."""
    url = server_url(value)
    return display_url(url) if url is not None else Path(value).name


def display_url(url: str) -> str:
    """The URL without a password (what messages, logs and the snapshot's name may show)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def connect(location: Any, **options: Any):
    """Open the library at ``location`` with its engine (see sqlite.connect, postgresql.connect)."""
    url = server_url(location)
    if url is not None:
        from dafu.library.engines import postgresql
        return postgresql.connect(url, **options)
    from dafu.library.engines import sqlite
    return sqlite.connect(Path(location), **options)
