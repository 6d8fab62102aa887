"""`dafu gui`: open the desktop app."""
from __future__ import annotations

from pathlib import Path

import click

from dafu.cli import main


@main.command("gui")
@click.argument("draft", required=False, type=click.Path(dir_okay=False, path_type=Path))
def gui_command(draft: Path | None) -> None:
    """打开桌面程序。"""
    try:
        from dafu.gui.app import main as run
    except ImportError as exc:
        raise click.ClickException(f"the desktop app needs PySide6 (pip install 'dafu[gui]'): {exc}") from None
    raise SystemExit(run(["dafu-desktop"] + ([str(draft)] if draft else [])))
