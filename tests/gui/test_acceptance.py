"""Acceptance: a clerk's morning end to end through the UI only — a fresh default library, import a
folder, search, a new reply from library paragraphs, edit, find/replace, undo/redo, a fix, save, export —
then SIGKILL, a restart, and the draft is back exactly (and still tied to its file)."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Empty, Queue

SCRIPT = Path(__file__).with_name("clerk_morning.py")


def run_child(args, env, *, until: str, timeout: float):
    """Start the script; read its lines until ``until``; return (process, {kind: [values]}, lines)."""
    proc = subprocess.Popen([sys.executable, str(SCRIPT), *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    queue: Queue = Queue()
    reader = threading.Thread(target=lambda: [queue.put(line) for line in proc.stdout] + [queue.put(None)],
                              daemon=True)
    reader.start()
    proc.reader = reader
    said: dict[str, list] = {}
    lines = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = queue.get(timeout=max(0.1, deadline - time.monotonic()))
        except Empty:
            break
        if line is None:
            break
        if not line.startswith(("step: ", "draft: ", "file: ", "title: ", "status: ", "error: ")):
            lines.append(line.rstrip())      # Qt's own messages, tracebacks
            continue
        lines.append(line.rstrip())
        kind, _, value = line.partition(": ")
        said.setdefault(kind, []).append(json.loads(value))
        if kind == "error" or (kind == "step" and said["step"][-1] == until):
            break
    return proc, said, lines


def finish(proc) -> None:
    """The process is gone: let the reader reach the end of its output, then close the pipe."""
    proc.wait(30)
    proc.reader.join(10)
    proc.stdout.close()


def test_a_clerks_morning_survives_kill_9(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               DAFU_LIBRARY=str(tmp_path / "data" / "Dafu" / "library.sqlite"), DAFU_LANG="zh_CN",
               PYTHONUNBUFFERED="1")
    env.pop("DAFU_NO_DIALOGS", None)            # the real app: questions are asked (and answered by the script)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    assert not Path(env["DAFU_LIBRARY"]).exists()
    work = tmp_path / "work"
    work.mkdir()
    proc, said, lines = run_child([str(work)], env, until="READY", timeout=240)
    try:
        assert said.get("step", [None])[-1] == "READY", "\n".join(lines) + "\n" + str(said.get("error"))
    finally:
        proc.send_signal(signal.SIGKILL)       # no chance to save anything on the way out
        finish(proc)
    draft, file = said["draft"][-1], said["file"][-1]
    assert "JY20240158" in draft and file.endswith("morning.dafu")

    again, shown, lines = run_child([str(work), "--restart"], env, until="DONE", timeout=120)
    finish(again)
    assert shown.get("step", [None])[-1] == "DONE", "\n".join(lines) + "\n" + str(shown.get("error"))
    assert shown["draft"][-1] == draft                   # back exactly
    assert shown["file"][-1] == file                     # still tied to its file …
    assert shown["title"][-1].startswith("morning.dafu *")   # … which lacks the edits made after Ctrl+S
    assert shown["status"][-1] == "已恢复上次未关闭的草稿"
