"""Background work for the GUI: one serial thread for library work, one thread per long job.

Rules every caller can rely on:
- A worker never touches a widget. Results come back through signals emitted on the worker
  thread; the receivers live on the GUI thread, so Qt queues them there.
- Each worker thread opens its own Library (its own SQLite connection) on the same path.
- Every job has an id. Jobs submitted with a ``key`` (e.g. "search") supersede older jobs with
  the same key: a superseded job that has not started is dropped, and the result of one that
  had already started is discarded, so search-as-you-type never shows a stale answer.
- A long job is a generator yielding progress; it is cancelled between two steps, never in the
  middle of one (an import step is one whole file in one transaction).
"""
from __future__ import annotations

import itertools
import queue
import threading
from pathlib import Path
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, QThread, Signal

from dafu.errors import DafuError

Handler = Callable[[Any], None]


def error_message(exc: BaseException) -> str:
    """A DafuError is shown as written for the clerk; anything else is a bug and names its type."""
    if isinstance(exc, DafuError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def open_library(path: Path):
    from dafu.library import Library  # imported here: the GUI starts before the library is needed

    return Library(path)


class SerialWorker(QThread):
    """Runs ``func(library)`` jobs one at a time, in order, on a private Library connection.

    ``submit`` returns the job id at once (it never waits for the database), so a keystroke that
    submits a search returns immediately. Results arrive as ``finished_job(id, result)`` or
    ``failed_job(id, message)``; the optional ``on_done``/``on_error`` handlers given to
    ``submit`` are called on the GUI thread, and only for the newest job of their ``key``.
    """

    finished_job = Signal(int, object)   # job id, result
    failed_job = Signal(int, str)        # job id, message

    def __init__(self, library_path: Path | None, parent: QObject | None = None, *,
                 opener: Callable[[Path | None], Any] = open_library):
        super().__init__(parent)
        self.library_path = library_path
        self._opener = opener
        self._jobs: queue.Queue = queue.Queue()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._latest: dict[str, int] = {}          # key -> newest job id
        self._handlers: dict[int, tuple[str | None, Handler | None, Handler | None]] = {}
        # Connected to ourselves: this object lives on the GUI thread, so the handlers run there.
        self.finished_job.connect(self._dispatch_done)
        self.failed_job.connect(self._dispatch_error)

    # -- GUI thread --------------------------------------------------------------

    def submit(self, func: Callable[[Any], Any], *, key: str | None = None, on_done: Handler | None = None,
               on_error: Handler | None = None, replace_pending: bool = False) -> int:
        """Queue ``func(library)``. With a ``key``, older queued jobs of that key are dropped and
        their results (if already running) ignored. ``replace_pending`` without a key drops every
        queued job (kept for callers that use one worker for one kind of job)."""
        with self._lock:
            job_id = next(self._ids)
            if key is not None:
                self._latest[key] = job_id
            if on_done is not None or on_error is not None or key is not None:
                self._handlers[job_id] = (key, on_done, on_error)
            if replace_pending or key is not None:
                self._drop_queued(key)
            self._jobs.put((job_id, key, func))
        return job_id

    def is_current(self, job_id: int, key: str) -> bool:
        """True while ``job_id`` is the newest job submitted with ``key``."""
        return self._latest.get(key) == job_id

    def stop(self, timeout_ms: int = 5000) -> None:
        """Finish the running job, drop the queued ones, close the connection, end the thread."""
        with self._lock:
            self._drop_queued(None)
            self._jobs.put(None)
        self.wait(timeout_ms)

    def _drop_queued(self, key: str | None) -> None:
        kept = []
        try:
            while True:
                job = self._jobs.get_nowait()
                if job is None or (key is not None and job[1] != key):
                    kept.append(job)
                else:
                    self._handlers.pop(job[0], None)
        except queue.Empty:
            pass
        for job in kept:
            self._jobs.put(job)

    def _dispatch_done(self, job_id: int, result: object) -> None:
        handler = self._take_handler(job_id)
        if handler and handler[1] is not None:
            handler[1](result)

    def _dispatch_error(self, job_id: int, message: str) -> None:
        handler = self._take_handler(job_id)
        if handler and handler[2] is not None:
            handler[2](message)

    def _take_handler(self, job_id: int):
        with self._lock:
            handler = self._handlers.pop(job_id, None)
            if handler is None:
                return None
            key = handler[0]
            if key is not None and self._latest.get(key) != job_id:
                return None  # superseded while it ran: the clerk has typed on
            return handler

    # -- worker thread -------------------------------------------------------------

    def run(self) -> None:
        library = None
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                job_id, key, func = job
                if key is not None and self._latest.get(key) != job_id:
                    continue  # superseded before it started: do not spend the time
                try:
                    if library is None:
                        library = self._opener(self.library_path)
                    result = func(library)
                except Exception as exc:  # noqa: BLE001 — reported, the thread stays alive
                    self.failed_job.emit(job_id, error_message(exc))
                else:
                    self.finished_job.emit(job_id, result)
        finally:
            if library is not None and hasattr(library, "close"):
                library.close()


class GeneratorJob(QThread):
    """Runs one generator off the GUI thread; each item it yields is reported as ``yielded``.

    ``factory(cancelled)`` makes the generator on the worker thread (so a Library it opens has
    its connection there); ``cancelled()`` tells it whether the clerk asked to stop, for
    generators that can check between their own steps. In any case the job stops asking for the
    next item once ``cancel()`` was called and closes the generator (its ``finally`` and ``with``
    blocks run), so cancel takes effect between two steps.
    """

    yielded = Signal(object)
    completed = Signal(bool)   # True when it stopped because of cancel()
    failed = Signal(str)

    def __init__(self, factory: Callable[[Callable[[], bool]], Iterable[Any]], parent: QObject | None = None):
        super().__init__(parent)
        self._factory = factory
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, item: Any) -> None:
        """Called on the worker thread for each item; subclasses may emit a more specific signal too."""
        self.yielded.emit(item)

    def run(self) -> None:
        generator = None
        try:
            generator = iter(self._factory(self.is_cancelled))
            exhausted = False
            while not self._cancel.is_set():
                try:
                    item = next(generator)
                except StopIteration:
                    exhausted = True
                    break
                self.report(item)
            if hasattr(generator, "close"):
                generator.close()
            self.completed.emit(not exhausted)
        except Exception as exc:  # noqa: BLE001 — reported to the dialog, never a crash
            if generator is not None and hasattr(generator, "close"):
                generator.close()
            self.failed.emit(error_message(exc))


class CallWorker(QThread):
    """Runs one function off the GUI thread (export, checks) and reports its result."""

    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, func: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.func = func

    def run(self) -> None:
        try:
            result = self.func()
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(error_message(exc))
        else:
            self.succeeded.emit(result)
