"""Every setting declared once, with its type and default, on an INI QSettings."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from dafu import paths


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any


OPTIONS = {o.key: o for o in (
    Option("issuing_body", str, ""),
    Option("contact_person", str, ""),
    Option("contact_phone", str, ""),
    Option("library_path", str, ""),          # empty: DAFU_LIBRARY or the user's data folder
    Option("templates_dir", str, ""),         # empty: the user's template folder
    Option("language", str, "zh_CN"),         # zh_CN or en
    Option("autosave_seconds", int, 3),
    Option("current_draft_id", int, 0),
    Option("draft_files", str, "{}"),         # JSON: library draft id -> the .dafu file it is tied to
    Option("clean_exit", bool, True),
)}


class Settings:
    def __init__(self, path: Path | None = None):
        path = path or paths.data_dir() / "dafu.ini"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        value = self.qsettings.value(key, option.default)
        if option.type is bool:
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
        try:
            return option.type(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, key: str, value: Any) -> None:
        OPTIONS[key]  # unknown keys are a bug
        self.qsettings.setValue(key, value)
        self.qsettings.sync()

    def library_path(self) -> Path | str:
        """The library's location: a file path, or a ``postgresql://`` URL (kept as text)."""
        from dafu.library.engines import location

        value = self.get("library_path")
        return location(value) if value else paths.default_library_path()

    def templates_dir(self) -> Path | None:
        value = self.get("templates_dir")
        return Path(value) if value else None
