"""A fork server for the CLI fuzz test: runs `dafu ARGS…` in a fresh child process per request.

Starting Python and importing Dafu costs about 0.3 s; the fuzz runs hundreds of cases.
This process imports the command line once, then forks one child per case. The child is
an ordinary separate process running the `dafu` entry point (``python -m dafu``) with its
own arguments, environment, address-space cap and stdout/stderr files; only the imports
are shared. The parent answers with the exit status, or null when the child ran past
its time and was killed.

Protocol: one JSON request per line on stdin {args, env, stdout, stderr, timeout, memory};
one JSON answer per line on stdout {returncode}.
"""
from __future__ import annotations

import json
import os
import resource
import runpy
import signal
import sys
import time

import dafu.checks  # noqa: F401 - imported once here, shared by every child
import dafu.cli  # noqa: F401
import dafu.draftio  # noqa: F401
import dafu.library  # noqa: F401
import dafu.reading  # noqa: F401
import dafu.render  # noqa: F401
import dafu.templates  # noqa: F401
import docx  # noqa: F401


def child(request: dict) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
        for fd, name in ((1, request["stdout"]), (2, request["stderr"])):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.environ.update(request["env"])
        sys.argv = ["dafu", *request["args"]]
        code = 0
        try:
            runpy.run_module("dafu", run_name="__main__")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:  # noqa: BLE001 - what would reach the console as a traceback
            import traceback

            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    except BaseException:  # noqa: BLE001
        os._exit(120)


def serve() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        deadline = time.monotonic() + request["timeout"]
        returncode = None
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                returncode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.005)
        sys.stdout.write(json.dumps({"returncode": returncode}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
