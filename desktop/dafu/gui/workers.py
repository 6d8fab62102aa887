"""Former home of the worker helpers, kept so existing imports keep working.

New code imports from dafu.gui.qt_workers (the module the GUI contract names).
"""
from __future__ import annotations

from dafu.gui.qt_workers import CallWorker, GeneratorJob, SerialWorker

QueryWorker = SerialWorker  # same constructor (library_path, parent) and signals as before

__all__ = ["CallWorker", "GeneratorJob", "QueryWorker", "SerialWorker"]
