"""Search as you type without ever making a keystroke wait for the database.

A keystroke only restarts a timer. When the clerk pauses (SEARCH_DELAY_MS), the query goes to
the serial library worker under the key "search", which drops any older search still queued;
an answer to a query the clerk has since changed is dropped on arrival (job ids in the worker,
and a generation number here for answers that became stale by clearing the box).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from dafu.gui.qt_workers import SerialWorker

SEARCH_DELAY_MS = 120
SEARCH_LIMIT = 50      # results shown; one more is asked for to know whether there are more
SIMILAR_LIMIT = 20


class SearchRunner(QObject):
    searched = Signal(str, object, bool)   # query, hits (at most SEARCH_LIMIT), more than that?
    similar_found = Signal(object)         # hits
    failed = Signal(str)
    noticed = Signal(object)               # the library's one-line notice (None when all is well), on change

    def __init__(self, worker: SerialWorker | None = None, parent: QObject | None = None, *,
                 delay_ms: int = SEARCH_DELAY_MS, limit: int = SEARCH_LIMIT):
        super().__init__(parent)
        self.worker = worker
        self.limit = limit
        self.query = ""
        self.filters: dict = {}
        self._generation = 0
        self._notice: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.search_now)

    def set_worker(self, worker: SerialWorker | None) -> None:
        self.worker = worker
        self._generation += 1

    def request(self, query: str, filters: dict | None = None) -> None:
        """Called on every keystroke: remembers the query and (re)starts the pause timer. Returns at once."""
        self.query = query
        if filters is not None:
            self.filters = filters
        self._timer.start()

    def search_now(self, query: str | None = None, filters: dict | None = None) -> None:
        """Search without waiting for the pause (Enter, a filter changed)."""
        self._timer.stop()
        if query is not None:
            self.query = query
        if filters is not None:
            self.filters = filters
        self._generation += 1
        generation, query, filters, limit = self._generation, self.query, dict(self.filters), self.limit
        if not query.strip() or self.worker is None:
            self.searched.emit(query, [], False)
            return

        def shown(result: tuple) -> None:
            hits, notice = result
            if notice != self._notice:       # a server library went offline (its snapshot answers) or came back
                self._notice = notice
                self.noticed.emit(notice)
            if generation == self._generation:
                self.searched.emit(query, hits[:limit], len(hits) > limit)

        self.worker.submit(lambda library: (library.search(query, limit + 1, **filters), getattr(library, "notice", None)),
                           key="search", on_done=shown, on_error=self._failed_for(generation))

    def pending(self) -> bool:
        return self._timer.isActive()

    def similar(self, text: str, limit: int = SIMILAR_LIMIT) -> None:
        if self.worker is None:
            return
        if not text.strip():
            self.similar_found.emit([])
            return
        self.worker.submit(lambda library: library.similar(text, limit), key="similar",
                           on_done=self.similar_found.emit, on_error=self.failed.emit)

    def _failed_for(self, generation: int):
        def failed(message: str) -> None:
            if generation == self._generation:
                self.failed.emit(message)
        return failed
