"""GUI tests: real widgets, offscreen, one QApplication (pytest-qt's qapp)."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["DAFU_NO_DIALOGS"] = "1"

import pytest  # noqa: E402

from dafu.library import Library  # noqa: E402
from tests_paths import SAMPLE_DRAFT, SAMPLE_TXT  # noqa: E402


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def dialogs(qapp):
    """Answers the blocking dialogs a test expects; one it did not expect fails the test (after closing it)."""
    from ui import DialogAnswers

    answers = DialogAnswers()
    yield answers
    answers.stop()
    assert not answers.unexpected, f"dialogs nobody expected: {answers.unexpected}"
    assert not answers.handlers, f"dialogs expected but never shown: {[w for w, _ in answers.handlers]}"


@pytest.fixture
def library_path(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library(path) as library:
        library.import_path(SAMPLE_TXT)
    return path


@pytest.fixture
def settings(tmp_path, library_path):
    from dafu.gui.settings import Settings

    settings = Settings(tmp_path / "dafu.ini")
    settings.set("library_path", str(library_path))
    return settings


@pytest.fixture
def window(qtbot, settings, monkeypatch):
    from ui import open_main_window

    yield from open_main_window(qtbot, monkeypatch, settings, SAMPLE_DRAFT)
