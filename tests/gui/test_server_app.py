"""The app on a bureau's PostgreSQL library: it searches the server, keeps drafts on the clerk's machine,
and when the server goes away says so in one line, searches the local snapshot and loses nothing;
when the server is back, the line goes."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import pg_server
from dafu.library import Library
from library_fixtures import type_text
from tests_paths import SAMPLE_DRAFT, SAMPLE_TXT

pytestmark = pytest.mark.postgresql


@pytest.fixture
def server(monkeypatch):
    url = pg_server.new_database("dafu_app")
    proxy = pg_server.Proxy(url)
    with Library(proxy.url) as library:
        library.import_path(SAMPLE_TXT)
        library.refresh_snapshot()           # what a clerk's earlier session left on the machine
    monkeypatch.setattr("dafu.library.RECONNECT_EVERY", 0.0)
    yield proxy
    proxy.stop()
    pg_server.drop_database(url)


@pytest.fixture
def server_window(qtbot, tmp_path, server, monkeypatch):
    from dafu.gui.settings import Settings
    from ui import open_main_window

    settings = Settings(tmp_path / "dafu.ini")
    settings.set("library_path", server.url)     # what the clerk types in Settings → Library file
    yield from open_main_window(qtbot, monkeypatch, settings, SAMPLE_DRAFT)


def search(qtbot, window, text: str) -> int:
    panel = window.library_panel
    panel.search_box.setFocus()
    QTest.keyClick(panel.search_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(panel.search_finished, timeout=10000):
        type_text(panel.search_box, text)
    return panel.results.count()


def test_the_app_goes_on_from_the_snapshot_and_back(qtbot, server_window, server):
    window = server_window
    label = window.library_label
    assert "127.0.0.1" in label.text() and "无法连接" not in label.text()
    online = search(qtbot, window, "时尚")
    assert online > 0
    server.stop()                                # the server goes away
    assert search(qtbot, window, "时尚产业") > 0   # answered from the local snapshot
    qtbot.waitUntil(lambda: "无法连接" in label.text(), timeout=5000)
    field = window.draft_panel.value_form.fields["contact_person"]   # the clerk types on, offline
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field, "离线时改的名字")
    QTest.keyClick(field, Qt.Key.Key_Tab)
    window.autosave()                            # drafts go to the clerk's machine, never wait on the server
    assert not window.errors, window.errors
    server.start()                               # back
    assert search(qtbot, window, "时尚") == online
    qtbot.waitUntil(lambda: "无法连接" not in label.text(), timeout=5000)
    with Library(server.url) as library:
        drafts = library.list_drafts()
        assert drafts and "离线时改的名字" in library.load_draft(drafts[0].id)
