"""PDF with a text layer: poppler's pdftotext when the machine has it, pypdf otherwise.

pdftotext places every glyph by its position and gets Chinese quotation marks
right; pypdf (pure Python, so it is there on a Windows desktop without poppler)
sometimes puts a “ or ” a few characters away from where it is printed. Both are
run in layout mode, which keeps each line's indentation, and the printed lines
are joined back into paragraphs: a line as wide as the page continues on the
next one unless that one is indented (a new paragraph) or numbered.

A scanned PDF has no text layer: it is refused with a message saying so,
rather than imported empty.
"""
from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from dafu.errors import ImportFileError
from dafu.reading.patterns import HEADING_NUMBER

MAX_PAGES = 200  # a reply is a few pages; a 500-page PDF is a report or a book
TIMEOUT_SECONDS = 60
_PAGE_NUMBER = re.compile(r"^[—\-－–]\s*\d{1,3}\s*[—\-－–]$|^第\s*\d{1,3}\s*页(?:，?共\s*\d{1,3}\s*页)?$|^\d{1,3}$")
_CJK_ASCII_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。；：、（）《》“”])[ \t]+(?=[0-9A-Za-z%])|"
                              r"(?<=[0-9A-Za-z%])[ \t]+(?=[\u4e00-\u9fff，。；：、（）《》“”])")


def pdf_lines(raw: bytes, path: str | Path) -> list[str]:
    pages = _pdftotext(raw, path) if shutil.which("pdftotext") else None
    if pages is None:
        pages = _pypdf(raw, path)
    lines = rejoin([line for page in pages for line in page.split("\n")])
    if sum(len(line.strip()) for line in lines) < 20:
        raise ImportFileError("PDF 没有文字层（scanned images only）；请先做文字识别（OCR）或找原始的 Word 文件",
                              path=path)
    return lines


def _pdftotext(raw: bytes, path: str | Path) -> list[str] | None:
    """Pages of text by poppler, or None when it cannot read the file (pypdf then tries, and names the fault)."""
    with tempfile.TemporaryDirectory(prefix="dafu-pdf-") as folder:
        source = Path(folder) / "source.pdf"
        source.write_bytes(raw)
        try:
            done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-l", str(MAX_PAGES + 1), str(source), "-"],
                                  stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (OSError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    if len([p for p in pages if p.strip()]) > MAX_PAGES:
        raise ImportFileError(f"PDF 超过 {MAX_PAGES} 页，不像是一份答复（more than {MAX_PAGES} pages）", path=path)
    return pages


def _pypdf(raw: bytes, path: str | Path) -> list[str]:
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
        if len(reader.pages) > MAX_PAGES:
            raise ImportFileError(f"PDF 有 {len(reader.pages)} 页，不像是一份答复（more than {MAX_PAGES} pages）",
                                  path=path)
        return [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except ImportFileError:
        raise
    except FileNotDecryptedError:
        raise ImportFileError("PDF 已加密（encrypted PDF）", path=path) from None
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError,
            OSError, NotImplementedError, ZeroDivisionError) as exc:
        raise ImportFileError(f"PDF 已损坏（corrupt PDF: {type(exc).__name__}）", path=path) from None


def _width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def rejoin(printed: list[str]) -> list[str]:
    """Printed lines → logical lines: a full-width line runs on into the next unless that one starts anew."""
    cleaned = [(len(line) - len(line.lstrip()), _CJK_ASCII_SPACE.sub("", re.sub(r"\s{2,}", " ", line.strip())))
               for line in printed]
    widths = sorted(_width(text) for _, text in cleaned if text)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    out: list[str] = []
    current: str | None = None
    previous_full = False
    previous_indent = 0
    for indent, text in cleaned:
        if not text or _PAGE_NUMBER.match(text):
            if not text and current is not None and not previous_full:
                out.append(current)
                current = None
            continue  # a blank line inside a paragraph comes from a page break
        continues = (current is not None and previous_full and indent <= previous_indent + 1
                     and not HEADING_NUMBER.match(text))
        if continues:
            current += text
        else:
            if current is not None:
                out.append(current)
            current = text
        # runs on: as wide as the page, or most of it without a sentence's end (a number that would not break)
        width = _width(text)
        open_end = text[-1] not in "。！？：；!?:;" and not HEADING_NUMBER.match(text)  # a heading ends short
        previous_full = full >= 16 and (width >= full - 2.5 or (width >= 0.6 * full and open_end))
        previous_indent = indent
    if current is not None:
        out.append(current)
    return out
