"""The ``dafu`` command line: one command per core call, ``--json`` for scripts.

Each command module registers its commands on :data:`main`. A DafuError becomes
one clean message on stderr and exit status 2 — never a traceback.
"""
from __future__ import annotations

import functools
import json
import sys
from typing import Any, Callable

import click

from dafu.errors import DafuError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
            click.echo(f"dafu: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("dafu: 已取消 (cancelled)", err=True)
            sys.exit(130)

    return wrapper


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _register() -> None:
    # Imported for their side effect of adding commands to `main`.
    import importlib

    for name in ("render", "library", "check", "gui"):
        try:
            importlib.import_module(f"dafu.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"dafu.cli.{name}":
                raise


_register()
