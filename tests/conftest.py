"""Shared fixtures: paths to the repository's samples and an isolated user environment."""
from __future__ import annotations

from pathlib import Path

import pytest


import pg_server
from tests_paths import SAMPLE_DRAFT, SAMPLE_TXT


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's data folder or library from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("DAFU_LIBRARY", str(home / "library.sqlite"))
    monkeypatch.setenv("DAFU_TEMPLATES", str(home / "templates"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # where a CLI crash log would go
    monkeypatch.setenv("DAFU_SNAPSHOT", "off")   # server libraries: no background snapshot unless a test asks


@pytest.fixture(scope="session", autouse=True)
def _close_test_server_connection():
    yield
    pg_server.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def engine(request) -> str:
    """The library tests run on both engines: a file (SQLite) and a server (PostgreSQL)."""
    return request.param


@pytest.fixture
def new_location(engine, tmp_path):
    """``new_location(name)``: where a new, empty library lives on this test's engine — a file
    path, or the URL of a fresh database on the test server (dropped after the test)."""
    made = []

    def make(name: str = "lib"):
        if engine == "sqlite":
            return tmp_path / f"{name}.sqlite"
        url = pg_server.new_database()
        made.append(url)
        return url

    yield make
    for url in made:
        pg_server.drop_database(url)


@pytest.fixture
def sample_txt() -> Path:
    return SAMPLE_TXT


@pytest.fixture
def sample_draft() -> Path:
    return SAMPLE_DRAFT
