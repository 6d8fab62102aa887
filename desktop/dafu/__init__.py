"""Dafu: draft, check and export official replies. The public API lives here."""
from __future__ import annotations

from dafu.errors import DafuError
from dafu.model import Block, BlockKind, ReplyDocument, ReplyMeta

__all__ = ["Block", "BlockKind", "DafuError", "ReplyDocument", "ReplyMeta"]
__version__ = "0.1.0"
