"""PDF with a text layer, through pypdf.

pypdf is pure Python (no poppler on a Windows desktop), well kept, and reads the
ToUnicode maps Chinese PDFs carry. A scanned PDF has no text layer: it is
refused with a message saying so, rather than imported empty.
"""
from __future__ import annotations

import io
import logging
from pathlib import Path

from dafu.errors import ImportFileError

MAX_PAGES = 200  # a reply is a few pages; a 500-page PDF is a report or a book


def pdf_lines(raw: bytes, path: str | Path) -> list[str]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import FileNotDecryptedError, PdfReadError
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        raise ImportFileError("读取 PDF 需要 pypdf（pip install pypdf）", path=path) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged-but-readable files warn on every page
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ImportFileError("PDF 已加密（encrypted PDF）", path=path) from None
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise ImportFileError(f"PDF 有 {len(pages)} 页，不像是一份答复（more than {MAX_PAGES} pages）", path=path)
        lines: list[str] = []
        for page in pages:
            lines.extend((page.extract_text() or "").split("\n"))
    except ImportFileError:
        raise
    except FileNotDecryptedError:
        raise ImportFileError("PDF 已加密（encrypted PDF）", path=path) from None
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError,
            OSError, NotImplementedError) as exc:
        raise ImportFileError(f"PDF 已损坏（corrupt PDF: {type(exc).__name__}）", path=path) from None
    if sum(len(line.strip()) for line in lines) < 20:
        raise ImportFileError("PDF 没有文字层（scanned images only）；请先做文字识别（OCR）或找原始的 Word 文件",
                              path=path)
    return lines
