"""Where Dafu finds its shipped files and keeps the clerk's data.

Shipped files (templates/, resources/) sit at the top of a source checkout, or
beside the executable in a PyInstaller bundle; DAFU_HOME overrides both.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Dafu"


def install_root() -> Path:
    """The folder holding templates/ and resources/."""
    env = os.environ.get("DAFU_HOME")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def shipped_templates_dir() -> Path:
    return install_root() / "templates"


def resources_dir() -> Path:
    return install_root() / "resources"


def sample_library_path() -> Path:
    """The bundled library built from the sample reply; copied on first start."""
    return resources_dir() / "sample-library.sqlite"


def sample_reply_files() -> list[Path]:
    """The bundled sample replies (not the sample suggestion beside them) a fresh library starts from."""
    return sorted((resources_dir() / "samples").glob("reply_*.txt"))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the command line writes the details of an internal error (DAFU_LOG_DIR overrides)."""
    env = os.environ.get("DAFU_LOG_DIR")
    return Path(env) if env else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def user_templates_dir() -> Path:
    """Templates the clerk adds; the GUI settings may point elsewhere (DAFU_TEMPLATES)."""
    env = os.environ.get("DAFU_TEMPLATES")
    return Path(env) if env else data_dir() / "templates"


def default_library_path() -> Path | str:
    """DAFU_LIBRARY (a file path, or a ``postgresql://`` URL kept as text), else the data folder's file."""
    env = os.environ.get("DAFU_LIBRARY")
    if env and env.startswith(("postgresql:", "postgres:")):
        return env
    return Path(env) if env else data_dir() / "library.sqlite"
