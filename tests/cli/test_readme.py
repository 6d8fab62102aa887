"""Every command and snippet in the README works as written, after its two set-up commands.

The README's ```sh blocks are run line by line with bash, in order, in a scratch folder that
sees the checkout's files (resources/, templates/, tests/ …) and has the venv's bin on PATH
— what `source .venv/bin/activate` gives a clerk. Its ```python blocks are run with the
venv's Python. A command may exit 0 or 1 (1 is "findings" for check, "files skipped" for
import, "conflicts" for merge); 2 (bad input), 3 (a bug), 127 (command not found) or a
traceback fail the test, naming the line.

A block preceded by ``<!-- readme-test: skip: REASON -->`` is not run (building bundles,
opening the app, the set-up commands themselves, a server that must exist); the reason is
required, and the test checks that such blocks stay few.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests_paths import ROOT

README = ROOT / "README.md"
BLOCK = re.compile(r"(?P<marker><!-- readme-test: skip: (?P<reason>[^>]+?) -->\s*\n)?```(?P<lang>sh|python)\n(?P<body>.*?)```",
                   re.S)
LINKED = ("resources", "templates", "tests", "scripts", "benchmarks", "docs", "packaging", "desktop", "pyproject.toml")


def blocks() -> list[tuple[str, str, str | None, int]]:
    text = README.read_text(encoding="utf-8")
    out = []
    for m in BLOCK.finditer(text):
        line = text.count("\n", 0, m.start("body")) + 1
        out.append((m.group("lang"), m.group("body"), m.group("reason"), line))
    return out


def commands(body: str, first_line: int) -> list[tuple[int, str]]:
    """Logical command lines (backslash continuations joined), each with its README line number."""
    out, pending, start = [], "", 0
    for offset, raw in enumerate(body.splitlines()):
        line = raw.rstrip()
        if not pending:
            start = first_line + offset
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((start, line))
    return out


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("readme")
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    home = folder / "home"
    home.mkdir()
    venv_bin = Path(sys.executable).parent
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
           "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}", "QT_QPA_PLATFORM": "offscreen"}
    for name in ("DAFU_LIBRARY", "DAFU_TEMPLATES", "PGPASSFILE", "PGSERVICEFILE", "PGSERVICE"):
        env.pop(name, None)
    started = _server_for_readme(folder, env)
    yield folder, env
    if started:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg-server.sh"), "stop"], env=env, timeout=120)


def _server_for_readme(folder: Path, env: dict) -> bool:
    """The README's server examples use the throw-away server of scripts/pg-server.sh (127.0.0.1:54329):
    CI's, when it runs one (DAFU_TEST_PG_URL and DAFU_PG_DIR set; its database and logins from an earlier
    run are dropped first), else one started here in the scratch folder and stopped afterwards — never a
    server some earlier run left behind. Returns whether it was started here."""
    ci_url = os.environ.get("DAFU_TEST_PG_URL")
    if ci_url and os.environ.get("DAFU_PG_DIR"):
        url, started = ci_url, False
    else:
        if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
            return False
        env["DAFU_PG_DIR"] = str(folder / "pg")
        env["DAFU_PG_PORT"] = "54329"
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "pg-server.sh"), "start"], env=env,
                              capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:     # port 54329 taken by another server: the server blocks are not run
            env.pop("DAFU_PG_DIR")
            return False
        url, started = proc.stdout.strip(), True
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS dafu WITH (FORCE)")
        for role in ("wangfang", "liming", "dafu_reader", "dafu_editor"):
            conn.execute(f"DROP ROLE IF EXISTS {role}")
    return started


def test_readme_blocks_are_found_and_skips_are_few():
    found = blocks()
    assert sum(1 for lang, *_ in found if lang == "sh") >= 8 and any(lang == "python" for lang, *_ in found)
    skipped = [reason for _, _, reason, _ in found if reason]
    assert len(skipped) <= 4, skipped


def _script(body: str, first_line: int) -> tuple[str, dict[int, str]]:
    """The block as one bash script (so an `export` holds for the lines after it), each command
    followed by a marker carrying its README line and exit status."""
    lines, numbered = [], {}
    for number, command in commands(body, first_line):
        numbered[number] = command
        lines.append(command)
        lines.append(f'echo "{MARK} {number} $?" >&2')
    return "\n".join(lines) + "\n", numbered


MARK = "@@readme-status"


def test_every_readme_command_works_as_written(scratch):
    folder, env = scratch
    failures = []
    for lang, body, reason, line in blocks():
        if reason:
            continue
        if lang == "python":
            proc = subprocess.run([sys.executable, "-c", body], cwd=folder, env=env, capture_output=True, text=True,
                                  timeout=300)
            if proc.returncode != 0:
                failures.append(f"README.md:{line}: python block failed\n{proc.stderr[-1500:]}")
            continue
        if "postgresql://" in body and "DAFU_PG_DIR" not in env:
            if os.environ.get("DAFU_TEST_PG_REQUIRED"):
                failures.append(f"README.md:{line}: no PostgreSQL server for the server examples (a server this test"
                                " did not start holds 127.0.0.1:54329: stop it, or set DAFU_PG_DIR to its folder)")
            continue  # no PostgreSQL on this machine (CI always has one: DAFU_TEST_PG_REQUIRED)
        script, numbered = _script(body, line)
        proc = subprocess.run(["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True,
                              timeout=600, stdin=subprocess.DEVNULL)
        statuses = {int(n): int(code) for n, code in re.findall(rf"^{MARK} (\d+) (\d+)$", proc.stderr, re.M)}
        output = proc.stdout + proc.stderr
        if "Traceback" in output:
            failures.append(f"README.md:{line}: a traceback in the block's output\n{output[-1500:]}")
        for number, command in numbered.items():
            code = statuses.get(number)
            if code is None or code not in (0, 1):
                failures.append(f"README.md:{number}: exit {code}: {command}\n{output[-1500:]}")
    assert not failures, "\n\n".join(failures)
