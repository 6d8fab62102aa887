"""Shared fixtures: paths to the repository's samples and an isolated user environment."""
from __future__ import annotations

from pathlib import Path

import pytest


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


@pytest.fixture
def sample_txt() -> Path:
    return SAMPLE_TXT


@pytest.fixture
def sample_draft() -> Path:
    return SAMPLE_DRAFT
