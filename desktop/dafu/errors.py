"""One exception base for everything a clerk can cause, each carrying its place.

The core raises these and never prints or exits; the command line turns them
into one clean message and exit status 2, the GUI into one dialog.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class DafuError(Exception):
    """A problem with the clerk's input or environment, not a bug.

    ``path`` and ``line`` name the place when there is one; ``str()`` gives
    the whole message ready to show.
    """

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    @property
    def place(self) -> str:
        if self.path is None:
            return ""
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class DraftError(DafuError):
    """A draft file that cannot be read or does not hold what its template needs."""


class TemplateError(DafuError):
    """A template with a syntax error, or one that failed while rendering."""


class MissingValueError(TemplateError):
    """A value the template needs is not in the draft (strict undefined)."""

    def __init__(self, name: str, *, template: str | None = None, line: int | None = None):
        super().__init__(f"缺少取值 “{name}”（missing value '{name}'）", path=template, line=line)
        self.name = name


class ExportError(DafuError):
    """The document could not be written (disk full, folder read-only, file locked)."""


class ImportFileError(DafuError):
    """A file offered for import is corrupt, encrypted or not a reply."""


class LibraryError(DafuError):
    """The library database cannot be opened or written."""


class CheckInputError(DafuError):
    """A file given to the checker cannot be read."""


@dataclass(frozen=True)
class Cancelled(Exception):
    """Raised inside a long job when the clerk pressed cancel."""

    done: int = 0
