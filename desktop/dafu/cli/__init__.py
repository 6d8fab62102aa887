"""The ``dafu`` command line: one command per core call, ``--json`` for scripts.

Each command module registers its commands on :data:`main`. A DafuError becomes
one clean message on stderr and exit status 2. Anything else is a bug: its traceback
goes to a file in the user's log folder and the clerk reads one line naming that file
(exit status 3) — never a traceback.
"""
from __future__ import annotations

import functools
import json
import logging
import re
import sys
from pathlib import Path
from typing import Any, Callable

import click

from dafu.errors import DafuError


EXIT_INTERNAL = 3


class DafuGroup(click.Group):
    """The command group, with the last-resort handler around every command."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        _log_to_file()
        try:
            return super().main(*args, **kwargs)
        except MemoryError:
            _report_crash(sys.exc_info()[1], "内存不足（out of memory）")
        except Exception as exc:  # noqa: BLE001 - the point: a bug must not show a traceback
            _report_crash(exc)
        sys.exit(EXIT_INTERNAL)


class _LazyFileHandler(logging.FileHandler):
    """A log file made only when something is logged (most commands log nothing)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        super().emit(record)


def _log_to_file() -> None:
    """What the core logs (a file skipped with its traceback, say) goes to dafu.log, never to the terminal."""
    logger = logging.getLogger("dafu")
    if any(isinstance(h, _LazyFileHandler) for h in logger.handlers):
        return
    try:
        from dafu.paths import log_dir
        handler = _LazyFileHandler(log_dir() / "dafu.log", encoding="utf-8", delay=True)
    except Exception:  # noqa: BLE001 - no log folder: the core's NullHandler keeps the terminal clean
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _report_crash(exc: BaseException | None, headline: str | None = None) -> None:
    """Write the traceback to a log file and say, in one line, where it is and what to do."""
    import datetime as dt
    import os
    import platform
    import tempfile
    import traceback

    kind = type(exc).__name__ if exc is not None else "Error"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    report = (f"dafu {_version()} on Python {platform.python_version()}, {platform.platform()}\n"
              f"command: {' '.join(sys.argv)}\n\n" + "".join(traceback.format_exception(exc)) if exc else "")
    written = None
    try:
        from dafu.paths import log_dir
        folders = [log_dir(), Path(tempfile.gettempdir())]
    except Exception:  # noqa: BLE001
        folders = [Path(tempfile.gettempdir())]
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"dafu-error-{stamp}-{os.getpid()}.log"
            path.write_text(report, encoding="utf-8")
            written = path
            break
        except OSError:
            continue
    what = headline or f"内部错误（internal error: {kind}）"
    if written is not None:
        line = f"dafu: {what}。详情已写入 {written}，请把这个文件发给维护人员（please send this file to your Dafu support）"
    else:
        line = f"dafu: {what}，且无法写入日志（could not write a log）。请重试或联系维护人员"
    try:
        click.echo(line, err=True)
    except Exception:  # noqa: BLE001 - stderr itself is gone; nothing more to say
        pass


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("dafu")
    except Exception:  # noqa: BLE001
        return "?"


@click.group(cls=DafuGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dafu")
def main() -> None:
    """Dafu（答复）：起草、检查并导出人大建议、政协提案答复函。"""


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a DafuError into a message naming the place, and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DafuError as exc:
            click.echo(f"dafu: {printable(str(exc))}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("dafu: 已取消 (cancelled)", err=True)
            sys.exit(130)

    return wrapper


_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """A message as the terminal should show it: a control character or line separator that came
    from the clerk's input (a file or template name, a value) is shown as an escape, so one
    message stays one message and cannot move the cursor."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # A file name that is not UTF-8 (a GBK name unpacked from a Windows zip) holds lone
    # surrogates; as JSON escapes they stay valid JSON and can be written to any terminal.
    click.echo(re.sub(r"[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text))


def _register() -> None:
    # Imported for their side effect of adding commands to `main`.
    import importlib

    for name in ("render", "library", "check", "server", "gui"):
        try:
            importlib.import_module(f"dafu.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dafu.cli.{name}":
                raise


_register()
