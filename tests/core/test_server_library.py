"""A library on a PostgreSQL server: roles and permissions enforced by the server, drafts kept on the
clerk's machine, the local snapshot used offline, reconnecting, the `dafu server` commands."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

import pg_server
from dafu.errors import LibraryError, LibraryReadOnly, ServerUnavailable
from dafu.library import Library, snapshot
from dafu.library.engines import display_url, postgresql, server_url
from tests_paths import ROOT, SAMPLE_TXT

pytestmark = pytest.mark.postgresql
DATA = ROOT / "tests" / "data" / "replies"


@pytest.fixture
def url():
    made = pg_server.new_database("dafu_srv")
    yield made
    pg_server.drop_database(made)


def _login(url: str, name: str, password: str, pgpass) -> str:
    """The clerk's URL (no password in it) and their password in a pgpass file, as libpq reads it."""
    parts = pg_server.urlsplit(url)
    pgpass.write_text(f"{parts.hostname}:{parts.port}:{parts.path.lstrip('/')}:{name}:{password}\n")
    pgpass.chmod(0o600)
    return pg_server.urlunsplit((parts.scheme, f"{name}@{parts.hostname}:{parts.port}", parts.path, "", ""))


def _dafu(*args, env=None, input=None):
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "dafu", *args], capture_output=True, text=True, timeout=120,
                          env=full, input=input)


@pytest.fixture
def roles(url, tmp_path, monkeypatch):
    """server init, one reader and one editor with passwords in a pgpass file."""
    report = postgresql.server_init(url)
    suffix = str(os.getpid())
    users = {}
    for role in ("reader", "editor"):
        name = f"clerk_{role}_{suffix}"
        postgresql.add_user(url, name, role, f"pw-{role}-secret")
        users[role] = name
    pgpass = tmp_path / "pgpass"
    lines = []
    parts = pg_server.urlsplit(url)
    for role, name in users.items():
        lines.append(f"{parts.hostname}:{parts.port}:{parts.path.lstrip('/')}:{name}:pw-{role}-secret")
    pgpass.write_text("\n".join(lines) + "\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    base = pg_server.urlunsplit((parts.scheme, f"{{}}@{parts.hostname}:{parts.port}", parts.path, "", ""))
    yield report, {role: base.format(name) for role, name in users.items()}
    admin = pg_server.admin()
    for name in users.values():
        try:
            with __import__("psycopg").connect(url, autocommit=True) as conn:
                conn.execute(f'REVOKE ALL ON DATABASE "{parts.path.lstrip("/")}" FROM {name}')
                conn.execute(f"DROP OWNED BY {name}")
            admin.execute(f"DROP ROLE IF EXISTS {name}")
        except Exception:  # noqa: BLE001 - best effort on a throw-away server
            pass


def test_server_init_makes_two_roles_and_readers_cannot_write(url, roles):
    report, logins = roles
    database = pg_server.urlsplit(url).path.lstrip("/")
    assert (report["reader_role"], report["editor_role"]) == (f"{database}_reader", f"{database}_editor")
    with Library(logins["editor"]) as editor:
        assert editor.import_path([SAMPLE_TXT, DATA / "variant_halfwidth.txt"]).imported == 2
        measure = editor.measures()[0]
        editor.update_measure(measure.id, cap_yuan=1_230_000)
        editor.tag_reply(1, "时尚")
    with Library(logins["reader"]) as reader:
        assert reader.search("时尚") and reader.similar("直播电商基地") and reader.measures_for(measure.item or "")
        assert reader.measure(measure.id).cap_yuan == 1_230_000
        for write in (lambda: reader.import_path(DATA / "variant_units.txt"),
                      lambda: reader.update_measure(measure.id, cap_yuan=1),
                      lambda: reader.add_measure(item="x", cap_yuan=1),
                      lambda: reader.remove_replies([1]),
                      lambda: reader.tag_reply(1, "教育")):
            with pytest.raises(LibraryReadOnly, match="只有查阅权限"):
                write()
        # the server itself refuses, whatever the client does
        import psycopg
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.db.conn.execute("INSERT INTO dafu.tags (name) VALUES ('偷偷加的')")
        reader.db.conn.execute("ROLLBACK") if reader.db.in_transaction else None
        # drafts are the clerk's own, on this machine: a reader keeps them too
        draft = reader.save_draft("template = \"letter\"\n", name="草稿")
        assert reader.load_draft(draft).startswith("template")
        assert reader.stats()["measures"] == len(reader.measures()) and reader.measure(measure.id).cap_yuan == 1_230_000


def test_a_reader_searches_in_steps_as_the_owner_does(url, roles, monkeypatch):
    """A reader's search reads the planner's statistics (pg_stats shows them to whoever may read the
    table) and steps through the ranking as the owner's does, with the same results."""
    _report, logins = roles
    with Library(logins["editor"]) as editor:
        editor.import_path(sorted(DATA.glob("*.txt")) + [SAMPLE_TXT])
    with Library(url, snapshot=False) as owner:
        owner.db.index_fold_pending()
        owner.db.conn.execute("ANALYZE paragraph_terms")
        monkeypatch.setattr(postgresql, "GIN_CANDIDATES", -1)
        monkeypatch.setattr(postgresql, "STEP_ROWS", 2)
        queries = [(q, n) for q in ("时尚", "的", "福田区", "企业 发展", "学位") for n in (1, 3, 50)]
        expected = {(q, n): [h.paragraph_id for h in owner.search(q, limit=n)] for q, n in queries}
    steps = []
    monkeypatch.setattr(postgresql, "block_terms", lambda *a, real=postgresql.block_terms: steps.append(a) or real(*a))
    with Library(logins["reader"], snapshot=False) as reader:
        assert {(q, n): [h.paragraph_id for h in reader.search(q, limit=n)] for q, n in queries} == expected
        assert reader.db._scale and reader.db._scale[1] and len(steps) > 10    # the histogram was read, and used


def test_a_reader_importing_through_the_cli_gets_one_clear_line(url, roles):
    _report, logins = roles
    result = _dafu("import", str(SAMPLE_TXT), "--library", logins["reader"])
    assert result.returncode == 2 and "只有查阅权限" in result.stderr and "Traceback" not in result.stderr
    assert "pw-reader-secret" not in result.stderr


def test_wrong_password_is_a_clear_error(url, roles, tmp_path, monkeypatch):
    _report, logins = roles
    bad = tmp_path / "badpass"
    parts = pg_server.urlsplit(logins["reader"])
    bad.write_text(f"*:*:*:{parts.username}:wrong-password\n")
    bad.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(bad))
    with pytest.raises(LibraryError, match="拒绝登录"):
        Library(logins["reader"])


def test_drafts_of_a_server_library_stay_on_this_machine(url, tmp_path):
    from dafu import paths
    with Library(url) as library:
        draft = library.save_draft("正在写的答复", name="一")
        assert [d.name for d in library.list_drafts()] == ["一"] and library.stats()["drafts"] == 1
        assert library.db.scalar("SELECT to_regclass('dafu.drafts')") is None     # nothing on the server
    assert (paths.data_dir() / "drafts.sqlite").exists()
    with Library(url) as again:
        assert again.load_draft(draft) == "正在写的答复"


def test_schema_versions_and_migrations(url, monkeypatch):
    # the server's schema has its own versions: SQLite's schema 4 (the same tables), then 5 (the GIN's blocks)
    assert [version for version, _, _ in postgresql.MIGRATIONS] == [4, 5] and postgresql.SCHEMA_VERSION == 5
    with Library(url) as library:
        assert library.stats()["schema_version"] == postgresql.SCHEMA_VERSION
    # a later step is run once, by the first client to open, under the migration lock
    ran = []

    def v6(db, progress=None):
        ran.append(1)
        db.conn.execute("ALTER TABLE measures ADD COLUMN note text")
    monkeypatch.setattr(postgresql, "MIGRATIONS", postgresql.MIGRATIONS + [(6, "a note on measures", v6)])
    monkeypatch.setattr(postgresql, "SCHEMA_VERSION", 6)
    db = postgresql.connect(url)
    db.close()
    postgresql.connect(url).close()
    assert ran == [1]
    monkeypatch.undo()
    with pytest.raises(LibraryError, match="newer"):
        Library(url)


def test_server_init_upgrades_a_schema_4_library_and_snapshots_follow(url, tmp_path, monkeypatch):
    """A library made by the previous Dafu (schema 4: a GIN over the terms alone) is upgraded by
    `dafu server init`; a clerk's snapshot taken before goes on refreshing incrementally, and search
    reads the new index the same way."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = postgresql.connect(url, migrate=False)
    db.conn.execute("DROP SCHEMA dafu CASCADE")
    postgresql.run_migrations(db, target=4)
    db.close()
    with _schema_4(url) as old:
        assert old.stats()["schema_version"] == 4
        old.import_path([SAMPLE_TXT, DATA / "variant_halfwidth.txt"])
        before = {(q, n): [h.paragraph_id for h in old.search(q, limit=n)]
                  for q in ("时尚", "学位", "的", "福田区 支持") for n in (2, 50)}
    assert snapshot.refresh(url)["mode"] == "full"
    result = _dafu("server", "init", url, "--json", env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] == postgresql.SCHEMA_VERSION
    with Library(url, snapshot=False) as library:
        index = library.db.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'paragraph_terms_terms'")
        assert "rank_key >> 14" in index and "rank_key >> 26" in index
        library.db.index_fold_pending()                          # frequencies counted: words look common
        library.db._totals = None
        monkeypatch.setattr(postgresql, "GIN_CANDIDATES", -1)    # …and every one goes through the steps
        monkeypatch.setattr(postgresql, "STEP_ROWS", 3)
        steps = []
        monkeypatch.setattr(postgresql, "block_terms", lambda *a, real=postgresql.block_terms: steps.append(a) or real(*a))
        assert {(q, n): [h.paragraph_id for h in library.search(q, limit=n)] for q, n in before} == before
        assert steps
        assert library.import_path(DATA / "variant_units.txt").imported == 1
        library.check_integrity()
        after = {(q, n): [h.paragraph_id for h in library.search(q, limit=n)] for q, n in before}
    report = snapshot.refresh(url)
    assert report["mode"] == "incremental" and report["rows"] > 0
    with Library(snapshot.path_for(url)) as local:
        assert {(q, n): [h.paragraph_id for h in local.search(q, limit=n)] for q, n in before} == after


def _schema_4(url):
    """A Library on a server library left at schema 4 (as the previous Dafu made it)."""
    from unittest import mock
    with mock.patch.object(postgresql, "SCHEMA_VERSION", 4):
        return Library(url, snapshot=False)


def test_a_server_that_cannot_be_reached_without_a_snapshot_says_so(tmp_path):
    dead = "postgresql://nobody@127.0.0.1:9/dafu?connect_timeout=2"
    with pytest.raises(ServerUnavailable, match="无法连接") as err:
        Library(dead)
    assert "副本" in str(err.value)


def test_urls_survive_the_apps_path_setting():
    from pathlib import Path
    assert server_url(Path("postgresql://clerk@db.bureau:5432/dafu")) == "postgresql://clerk@db.bureau:5432/dafu"
    assert server_url("postgresql://?service=dafu") == "postgresql://?service=dafu"
    assert server_url(Path("/home/clerk/library.sqlite")) is None
    assert display_url("postgresql://clerk:secret@h/db?password=x&sslmode=require") == \
        "postgresql://clerk@h/db?sslmode=require"


@pytest.fixture
def proxied(url):
    proxy = pg_server.Proxy(url)
    yield proxy
    proxy.stop()


def test_offline_the_snapshot_is_searched_read_only_and_drafts_go_on(proxied, monkeypatch):
    with Library(proxied.url) as library:
        library.import_path([SAMPLE_TXT, DATA / "variant_halfwidth.txt"])
        library.tag_reply(1, "时尚")
        report = library.refresh_snapshot()
        assert report["mode"] == "full"
        library.update_measure(library.measures()[0].id, cap_yuan=4_560_000)
        assert library.refresh_snapshot()["mode"] == "incremental"
        online = {q: [h.paragraph_id for h in library.search(q, limit=50)] for q in ("时尚", "学位", "福", "30%")}
        similar = [h.paragraph_id for h in library.similar("建议加快直播电商发展")]
        measures = [m.to_json() for m in library.measures()]
        draft = library.save_draft("写到一半的答复")
    proxied.stop()
    with Library(proxied.url) as offline:
        assert offline.offline and "无法连接" in offline.notice and "只读" in offline.notice
        assert {q: [h.paragraph_id for h in offline.search(q, limit=50)] for q in online} == online
        assert [h.paragraph_id for h in offline.similar("建议加快直播电商发展")] == similar
        assert [m.to_json() for m in offline.measures()] == measures
        assert offline.search("学位", tag="时尚") == [] and offline.search("时尚", tag="时尚")
        with pytest.raises(LibraryReadOnly, match="只能查阅"):
            offline.import_path(DATA / "variant_units.txt")
        with pytest.raises(LibraryReadOnly):
            offline.update_measure(1, cap_yuan=1)
        assert offline.load_draft(draft) == "写到一半的答复"
        offline.save_draft("离线时写的", draft_id=draft)
        # the server comes back: the next write reconnects
        proxied.start()
        assert offline.import_path(DATA / "variant_units.txt").imported == 1
        assert not offline.offline and offline.notice is None
        assert offline.load_draft(draft) == "离线时写的"


def test_a_server_lost_mid_session_falls_back_then_reconnects(proxied, monkeypatch):
    monkeypatch.setattr("dafu.library.RECONNECT_EVERY", 0.0)
    with Library(proxied.url) as library:
        library.import_path(SAMPLE_TXT)
        library.refresh_snapshot()
        expected = [h.paragraph_id for h in library.search("时尚")]
        proxied.stop()
        assert [h.paragraph_id for h in library.search("时尚")] == expected   # from the snapshot
        assert library.offline and library.notice
        proxied.start()
        assert [h.paragraph_id for h in library.search("时尚")] == expected   # reconnected
        assert not library.offline and library.notice is None


def test_a_write_waits_for_a_server_that_comes_back(proxied):
    import threading
    with Library(proxied.url) as library:
        library.import_path(SAMPLE_TXT)
        proxied.stop()
        threading.Timer(1.5, proxied.start).start()
        report = library.import_path(DATA / "variant_halfwidth.txt")
        assert report.imported == 1 and not report.failed
        library.check_integrity()


def test_an_import_the_server_never_comes_back_for_reports_each_file_not_imported(proxied, monkeypatch, tmp_path):
    monkeypatch.setattr(postgresql, "RETRY_SECONDS", 1.0)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i}.txt").write_text(SAMPLE_TXT.read_text(encoding="utf-8").replace("JY20230126", f"JY2023900{i}")
                                          + f"\n附{i}。", encoding="utf-8")
    with Library(proxied.url) as library:
        library.import_path(folder / "r0.txt")
        proxied.stop()
        report = library.import_path(folder)
        assert [r.ok for r in report.results] == [False, False, False]   # none written (r0 was there before)
        assert all("未导入" in r.error for r in report.failed)
    proxied.start()
    with Library(proxied.url) as library:
        assert library.stats()["replies"] == 1
        library.check_integrity()


def test_cli_offline_notice_and_refused_write(proxied, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "DAFU_SNAPSHOT": "on"}
    assert _dafu("import", str(SAMPLE_TXT), "--library", proxied.url, env=env).returncode == 0
    # each connection refreshes the snapshot (in the background; closing waits a moment for it)
    result = _dafu("library", "stats", "--library", proxied.url, env=env)
    assert result.returncode == 0
    proxied.stop()
    found = _dafu("search", "时尚", "--json", "--library", proxied.url, env=env)
    assert found.returncode == 0, found.stderr
    assert found.stderr.count("\n") == 1 and "无法连接" in found.stderr and json.loads(found.stdout)
    refused = _dafu("import", str(DATA / "variant_units.txt"), "--library", proxied.url, env=env)
    assert refused.returncode == 2 and "只能查阅" in refused.stderr and "Traceback" not in refused.stderr


def test_server_commands(url, tmp_path):
    init = _dafu("server", "init", url, "--json")
    assert init.returncode == 0, init.stderr
    report = json.loads(init.stdout)
    name = f"clerk_cli_{os.getpid()}"
    added = _dafu("server", "add-user", url, name, "--role", "editor", "--password-stdin", input="long-enough-1\n")
    assert added.returncode == 0, added.stderr
    pgpass = tmp_path / "pgpass"
    clerk = _login(url, name, "long-enough-1", pgpass)
    imported = _dafu("import", str(SAMPLE_TXT), "--library", clerk, env={"PGPASSFILE": str(pgpass)})
    assert imported.returncode == 0, imported.stderr
    # moved to readers: the server refuses the next import
    assert _dafu("server", "add-user", url, name, "--role", "reader", "--password-stdin",
                 input="long-enough-1\n").returncode == 0
    refused = _dafu("import", str(DATA / "variant_units.txt"), "--library", clerk, env={"PGPASSFILE": str(pgpass)})
    assert refused.returncode == 2 and "只有查阅权限" in refused.stderr
    short = _dafu("server", "add-user", url, name, "--role", "reader", "--password-stdin", input="short\n")
    assert short.returncode == 2 and "8" in short.stderr
    assert _dafu("server", "init", "/not/a/url").returncode == 2
    # the password is nowhere in the settings or data folders
    for folder in (tmp_path,):
        for path in folder.rglob("*"):
            if path.is_file() and path != pgpass:
                assert b"long-enough-1" not in path.read_bytes()
    admin = pg_server.admin()
    with __import__("psycopg").connect(url, autocommit=True) as conn:
        conn.execute(f"DROP OWNED BY {name}")
    admin.execute(f"DROP ROLE IF EXISTS {name}")
    assert report["reader_role"].endswith("_reader")


def test_server_init_from_a_library_file(url, tmp_path):
    path = tmp_path / "clerk.sqlite"
    with Library(path) as clerk:
        clerk.import_path([SAMPLE_TXT, DATA / "variant_halfwidth.txt"])
        clerk.tag_reply(1, "时尚")
        expected = {q: [(h.paragraph_id, h.score) for h in clerk.search(q, limit=50)] for q in ("时尚", "学位", "的")}
        measures = [m.to_json() for m in clerk.measures()]
    result = _dafu("server", "init", url, "--from", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["copied"]["replies"] == 2
    with Library(url) as server:
        assert {q: [(h.paragraph_id, h.score) for h in server.search(q, limit=50)] for q in expected} == expected
        assert [m.to_json() for m in server.measures()] == measures and server.tags() == ["时尚"]
        server.check_integrity()
        assert server.import_path(DATA / "variant_units.txt").imported == 1   # ids go on after the copied ones
    again = _dafu("server", "init", url, "--from", str(path))
    assert again.returncode == 2 and "不是空的" in again.stderr
