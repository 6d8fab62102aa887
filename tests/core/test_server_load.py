"""The load test (tests/load_server.py): 20 client processes on one server library for 60 s, the
server restarted in the middle. Marked `load`; .ci/run runs it against its throw-away server."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import pg_server
from load_server import run, seeded_library

pytestmark = [pytest.mark.postgresql, pytest.mark.load]


def test_twenty_clerks_for_a_minute_with_a_server_restart(tmp_path):
    pg_server.admin()        # skip (or fail in CI) without a server
    data = Path(os.environ.get("DAFU_PG_DIR", "/tmp/dafu-pg")) / "data"
    restart = data.exists()  # restart-fast needs the server scripts/pg-server.sh runs
    if os.environ.get("DAFU_TEST_PG_REQUIRED"):
        assert restart, "the CI server should be scripts/pg-server.sh's"
    url = seeded_library(5000)
    try:
        result = run(url, seconds=float(os.environ.get("DAFU_LOAD_SECONDS", 60)), clients=20, restart=restart,
                     data_home=str(tmp_path / "data"), workdir=tmp_path, log=print)
    finally:
        pg_server.drop_database(url)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    assert result["problems"] == []
    assert result["searches"] > 500 and result["similar"] > 20
    assert result["drafts"] == 15               # every typing clerk's autosaved draft, as last saved
    assert result["files_imported"] == result["files"]      # the importers went on after the restart
    if restart:
        assert result["back_online_after_s"] is None or result["back_online_after_s"] < 20
