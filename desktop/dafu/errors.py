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

    def log_text(self) -> str:
        """The message with every place known, for a log file (the same as ``str()`` by default)."""
        return str(self)


class DraftError(DafuError):
    """A draft file that cannot be read or does not hold what its template needs."""


class TemplateError(DafuError):
    """A template with a syntax error, or one that failed while rendering."""


class DraftValueError(DraftError):
    """Values of a draft that its template cannot print as they are (a number where text
    belongs, true/false, a table, a date that is no date), each named with its line.

    ``problems`` holds (name, line, message) for every such value, so the GUI can mark
    each field; ``str()`` gives one line per value.
    """

    def __init__(self, problems: list[tuple[str, int | None, str]], *, path: str | Path | None = None):
        from dafu.valuetypes import label

        self.problems = list(problems)
        self.names = tuple(name for name, _, _ in self.problems)
        self.name = self.names[0]
        self._lines = [f"{label(name)}{message}" for name, _, message in self.problems]
        super().__init__(self._lines[0], path=path, line=self.problems[0][1])

    def __str__(self) -> str:
        out = []
        for (_, line, _), text in zip(self.problems, self._lines):
            place = f"{self.path}:{line}" if self.path and line else (self.path or "")
            out.append(f"{place}: {text}" if place else text)
        return "\n".join(out)


class MissingValueError(TemplateError):
    """Values the template needs are not in the draft (declared as required, or met by strict undefined).

    ``names`` lists every missing value of the draft, in the template's order, so the GUI
    can mark them all in the form. What a clerk reads (``str()``) names the fields and the
    draft, never the template's file: ``path`` and ``line`` keep the template place for
    the log (also as ``template`` and ``template_line``).
    """

    def __init__(self, names: str | list[str] | tuple[str, ...], *, template: str | Path | None = None,
                 line: int | None = None, draft: str | Path | None = None):
        from dafu.valuetypes import label

        self.names = (names,) if isinstance(names, str) else tuple(names)
        self.name = self.names[0]
        self.draft = str(draft) if draft is not None else None
        listed = "、".join(label(n) for n in self.names)
        super().__init__(f"缺少取值：{listed}（missing {', '.join(self.names)}）", path=template, line=line)

    @property
    def template(self) -> str | None:
        return self.path

    @property
    def template_line(self) -> int | None:
        return self.line

    def __str__(self) -> str:
        return f"{self.draft}: {self.message}" if self.draft else self.message

    def log_text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else (self.path or "?")
        return f"{self} [template {where}]"


class ExportError(DafuError):
    """The document could not be written (disk full, folder read-only, file locked)."""


class ImportFileError(DafuError):
    """A file offered for import is corrupt, encrypted or not a reply."""


class LibraryError(DafuError):
    """The library database cannot be opened or written."""


class LibraryReadOnly(LibraryError):
    """A write to a library that is read-only here: the offline snapshot of a server library, or a
    server login without the right (the server's own refusal, in the clerk's words)."""


class ServerUnavailable(LibraryError):
    """The library server cannot be reached (down, or the network is), and the write did not happen."""


class CheckInputError(DafuError):
    """A file given to the checker cannot be read."""


@dataclass(frozen=True)
class Cancelled(Exception):
    """Raised inside a long job when the clerk pressed cancel."""

    done: int = 0
