"""Background work: one serial thread for library queries, one thread per long job.

Workers never touch widgets: results come back to the GUI thread through
queued signals, tagged with a job id so a stale search result can be dropped.
Each thread opens its own Library (its own SQLite connection).
"""
from __future__ import annotations

import itertools
import queue
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal

from dafu.errors import DafuError


class QueryWorker(QThread):
    """Runs ``func(library)`` jobs one at a time on a private Library connection."""

    finished_job = Signal(int, object)   # job id, result
    failed_job = Signal(int, str)        # job id, message

    def __init__(self, library_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.library_path = library_path
        self._jobs: queue.Queue = queue.Queue()
        self._ids = itertools.count(1)

    def submit(self, func: Callable[[Any], Any], *, replace_pending: bool = False) -> int:
        """Queue a job; with ``replace_pending`` older queued jobs are dropped (search-as-you-type)."""
        if replace_pending:
            try:
                while True:
                    job = self._jobs.get_nowait()
                    if job is None:
                        self._jobs.put(None)
                        break
            except queue.Empty:
                pass
        job_id = next(self._ids)
        self._jobs.put((job_id, func))
        return job_id

    def stop(self) -> None:
        self._jobs.put(None)
        self.wait(5000)

    def run(self) -> None:
        from dafu.library import Library

        library = None
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                job_id, func = job
                try:
                    if library is None:
                        library = Library(self.library_path)
                    self.finished_job.emit(job_id, func(library))
                except DafuError as exc:
                    self.failed_job.emit(job_id, str(exc))
                except Exception as exc:  # a bug: report it rather than kill the thread
                    self.failed_job.emit(job_id, f"{type(exc).__name__}: {exc}")
        finally:
            if library is not None:
                library.close()


class ImportWorker(QThread):
    """Imports files or folders; cancellable between files, so only whole replies are stored."""

    progressed = Signal(int, int, object)   # done, total, ImportResult
    completed = Signal(bool)                # cancelled?
    failed = Signal(str)

    def __init__(self, library_path: Path, sources: list[Path], parent: QObject | None = None):
        super().__init__(parent)
        self.library_path = library_path
        self.sources = sources
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        from dafu.library import Library

        try:
            with Library(self.library_path) as library:
                for done, total, result in library.iter_import(self.sources, cancel=lambda: self._cancel):
                    self.progressed.emit(done, total, result)
            self.completed.emit(self._cancel)
        except DafuError as exc:
            self.failed.emit(str(exc))


class CallWorker(QThread):
    """Runs one function off the GUI thread (export, checks) and reports its result."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, func: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.func = func

    def run(self) -> None:
        try:
            self.succeeded.emit(self.func())
        except DafuError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            self.failed.emit(f"{type(exc).__name__}: {exc}")
