"""Dafu: draft, check and export official replies. The public API lives here."""
from __future__ import annotations

import logging

from dafu.errors import DafuError
from dafu.model import Block, BlockKind, ReplyDocument, ReplyMeta

__all__ = ["Block", "BlockKind", "DafuError", "Library", "ReplyDocument", "ReplyMeta"]
__version__ = "0.1.0"

# The core logs (a bug met on one file of an import, say); where it goes is the application's
# choice — without this, Python would print the records and their tracebacks on stderr.
logging.getLogger("dafu").addHandler(logging.NullHandler())


def __getattr__(name: str):
    # `from dafu import Library` without every `dafu` import paying for the library and its engines.
    if name == "Library":
        from dafu.library import Library

        return Library
    raise AttributeError(f"module 'dafu' has no attribute {name!r}")
