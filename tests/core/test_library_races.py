"""The library with several processes, a full disk and files that are not libraries."""
import hashlib
import json
import multiprocessing
import shutil
import os
import sqlite3
import subprocess
import sys

import pytest

from dafu.errors import LibraryError
from dafu.library import Library, store
from tests_paths import SAMPLE_TXT


# Children are spawned, not forked: the test process may have threads (a forked child can inherit
# a lock some other thread held), and a barrier lines them up once they have all started.


def _open_at(path, barrier, queue):
    barrier.wait(60)
    try:
        with Library(path) as library:
            queue.put(("ok", library.stats()["schema_version"]))
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        queue.put(("error", repr(exc)))


def test_processes_creating_one_new_library_at_once(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(6):
        path = tmp_path / f"new{round_}.sqlite"
        queue = ctx.Queue()
        barrier = ctx.Barrier(4)
        procs = [ctx.Process(target=_open_at, args=(path, barrier, queue)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        results = [queue.get(timeout=60) for _ in procs]
        assert results == [("ok", store.SCHEMA_VERSION)] * 4, results
    with Library(path) as library:
        assert library.db.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID


def replies_folder(tmp_path, count):
    folder = tmp_path / "replies"
    folder.mkdir()
    sample = SAMPLE_TXT.read_text(encoding="utf-8")
    for i in range(count):
        text = sample.replace("JY20230126", f"JY2023{i:04d}")
        (folder / f"r{i:03d}.txt").write_text(text + f"\n附加段落{i}。", encoding="utf-8")
    return folder


def _import_at(path, folder, barrier, queue):
    barrier.wait(60)
    try:
        with Library(path) as library:
            report = library.import_path(folder)
        queue.put([(r.file, r.ok, r.skipped, r.error) for r in report.results])
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        queue.put(repr(exc))


def test_two_imports_of_one_folder_at_once(tmp_path):
    """Started together, the imports meet the same files at the same moment; a reply the other
    process has just filed counts as already there."""
    folder = replies_folder(tmp_path, 40)
    files = sorted(str(p) for p in folder.iterdir())
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(3):
        path = tmp_path / f"shared{round_}.sqlite"
        Library(path).close()
        queue = ctx.Queue()
        barrier = ctx.Barrier(3)
        procs = [ctx.Process(target=_import_at, args=(path, folder, barrier, queue)) for _ in range(3)]
        for p in procs:
            p.start()
        reports = [queue.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(60)
        for report in reports:
            assert isinstance(report, list), report  # no LibraryError (UNIQUE constraint failed)
            assert [r[0] for r in report] == files and all(ok for _, ok, _, _ in report)
        imported = sorted(file for report in reports for file, _, skipped, _ in report if not skipped)
        assert imported == files  # each reply filed exactly once, by one of the processes
        with Library(path) as library:
            assert library.stats()["replies"] == 40


def test_two_imports_through_the_cli(tmp_path):
    folder = replies_folder(tmp_path, 20)
    path = tmp_path / "shared.sqlite"
    Library(path).close()
    procs = [subprocess.Popen([sys.executable, "-m", "dafu", "import", str(folder), "--library", str(path), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0 and "Traceback" not in err, err
        assert all("error" not in r for r in json.loads(out))
    with Library(path) as library:
        assert library.stats()["replies"] == 20


def fill_disk_after(library, pages):
    """SQLite's own 'disk full' (SQLITE_FULL), as a full disk gives it, after a few more pages."""
    used = library.db.execute("PRAGMA page_count").fetchone()[0]
    library.db.execute(f"PRAGMA max_page_count = {used + pages}")


def test_disk_full_during_import_says_so(tmp_path):
    folder = replies_folder(tmp_path, 30)
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_path(folder / "r000.txt")
        fill_disk_after(library, 12)
        with pytest.raises(LibraryError) as err:
            library.import_path(folder)
        assert "磁盘已满" in str(err.value) and "rollback" not in str(err.value)
        imported = library.stats()["replies"]
        assert 0 < imported < 30
        library.db.execute("PRAGMA max_page_count = 1073741823")
        report = library.import_path(folder)  # room again: the rest comes in, nothing twice
        assert library.stats()["replies"] == 30
        assert sum(r.skipped for r in report.results) == imported


def test_disk_full_on_a_library_write_says_so(tmp_path):
    with Library(tmp_path / "lib.sqlite") as library:
        fill_disk_after(library, 0)
        with pytest.raises(LibraryError, match="磁盘已满"):
            library.save_draft("草稿" * 100_000)


def foreign_database(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
    conn.commit()
    conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    digest = foreign_database(path)
    with pytest.raises(LibraryError, match="not a Dafu library") as err:
        Library(path)
    assert str(path) in str(err.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]  # no -wal, no -shm
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_another_programs_database_through_the_cli(tmp_path):
    path = tmp_path / "notes.sqlite"
    digest = foreign_database(path)
    for args in (["library", "stats"], ["search", "时尚"], ["import", str(SAMPLE_TXT)]):
        proc = subprocess.run([sys.executable, "-m", "dafu", *args, "--library", str(path)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "not a Dafu library" in proc.stderr and "Traceback" not in proc.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_database_with_a_foreign_application_id_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()
    with pytest.raises(LibraryError, match="not a Dafu library"):
        Library(path)


def test_libraries_made_before_the_mark_still_open(tmp_path):
    path = tmp_path / "old.sqlite"
    with Library(path) as library:
        library.import_path(SAMPLE_TXT)
        library.db.execute("PRAGMA application_id = 0")  # as every library made before the mark
    with Library(path) as library:
        assert library.stats()["replies"] == 1


def test_an_empty_file_becomes_a_library(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with Library(path) as library:
        assert library.stats()["schema_version"] == store.SCHEMA_VERSION


def test_a_library_that_cannot_open_leaves_no_connection(tmp_path):
    path = tmp_path / "notes.sqlite"
    foreign_database(path)
    for _ in range(3):
        with pytest.raises(LibraryError):
            Library(path)
    os.remove(path)  # nothing holds it open (on Windows an open connection would block this)


def _open_default_at(barrier, queue, library_path, bundled):
    import dafu.paths

    os.environ["DAFU_LIBRARY"] = library_path
    dafu.paths.sample_library_path = lambda: bundled
    barrier.wait(60)
    try:
        with Library() as library:
            library.save_draft("x")
            queue.put(("ok", library.stats()["replies"]))
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        queue.put(("error", repr(exc)))


def test_first_starts_at_the_same_moment_seed_the_default_library_once(tmp_path, monkeypatch):
    bundled = tmp_path / "bundled.sqlite"
    with Library(bundled) as library:
        library.import_path(replies_folder(tmp_path, 30))  # a few MB: copying takes a moment
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(4):
        library_path = str(tmp_path / f"user{round_}" / "library.sqlite")
        monkeypatch.setenv("DAFU_LIBRARY", library_path)
        queue = ctx.Queue()
        barrier = ctx.Barrier(4)
        procs = [ctx.Process(target=_open_default_at, args=(barrier, queue, library_path, bundled)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [queue.get(timeout=60) for _ in procs] == [("ok", 30)] * 4
        with Library() as library:
            assert library.stats()["drafts"] == 4  # no process's library was copied over
        assert not list((tmp_path / f"user{round_}").glob(".*.seed"))


def test_seeding_never_copies_over_a_library_another_process_just_made(tmp_path, monkeypatch):
    """The race made deterministic: the other process creates the library (and keeps a draft in
    it) in the moment between this process finding no library and copying the sample."""
    bundled = tmp_path / "bundled.sqlite"
    with Library(bundled) as library:
        library.import_path(SAMPLE_TXT)
    target = tmp_path / "user" / "library.sqlite"
    monkeypatch.setenv("DAFU_LIBRARY", str(target))
    monkeypatch.setattr("dafu.paths.sample_library_path", lambda: bundled)
    real_copy = shutil.copyfile

    def copy_while_another_process_starts(src, dst, **kwargs):
        if not target.exists():
            real_copy(src, target)
            with Library(target) as other:
                other.save_draft("另一个窗口的草稿")
        return real_copy(src, dst, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", copy_while_another_process_starts)
    with Library() as library:
        assert [d.name for d in library.list_drafts()] == [""] and library.load_draft(1) == "另一个窗口的草稿"
