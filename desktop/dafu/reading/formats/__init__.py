"""Getting the text out of a file: one module per format, chosen by what the bytes are.

The suffix says whether Dafu takes the file at all; the first bytes say how to
read it (a .doc that is really a .docx, or a .docx that is an old binary file
renamed, are common in bureaus' archives).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from dafu.errors import ImportFileError
from dafu.reading.decoding import decode_text

SUPPORTED = (".txt", ".docx", ".doc", ".wps", ".pdf")
MAX_FILE_BYTES = 64 * 2**20      # a reply with its pictures is a few MiB
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def read_raw(path: str | Path) -> bytes:
    """The file's bytes, if it is a regular file of a type Dafu takes and a sensible size."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ImportFileError(f"不支持的文件类型 {suffix or '（无扩展名）'}（.docx, .doc, .wps, .pdf and .txt）",
                              path=path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError("不是普通文件（not a regular file）", path=path)
        if info.st_size > MAX_FILE_BYTES:
            raise ImportFileError(f"文件过大（{info.st_size // 2**20} MiB；over {MAX_FILE_BYTES // 2**20} MiB）",
                                  path=path)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImportFileError("文件不存在（not found）", path=path) from None
    except OSError as exc:
        raise ImportFileError(f"无法读取文件（cannot read: {exc.strerror}）", path=path) from None
    if not raw.strip():
        raise ImportFileError("文件是空的（empty file）", path=path)
    return raw


def file_lines(path: str | Path, raw: bytes | None = None) -> list[str]:
    """The file's text as lines (not yet cleaned); table rows are tab-separated cells."""
    path = Path(path)
    raw = read_raw(path) if raw is None else raw
    suffix = path.suffix.lower()
    if raw.startswith(_ZIP) and suffix != ".txt":
        from dafu.reading.formats.docx import docx_lines

        return docx_lines(raw, path)
    if raw.startswith(_OLE) and suffix != ".txt":
        if _ENCRYPTED in raw[:1 << 20]:
            raise ImportFileError("文件已加密（encrypted file）；请先在 Word/WPS 中取消密码", path=path)
        if suffix == ".docx" and _WORD_STREAM not in raw:
            raise ImportFileError("文件已加密或是旧版 .doc 格式（encrypted or old .doc file）", path=path)
        from dafu.reading.formats.docx import docx_lines
        from dafu.reading.formats.office import convert_to_docx

        return docx_lines(convert_to_docx(raw, path, ".doc" if suffix == ".docx" else suffix), path)
    if raw.startswith(b"%PDF") or suffix == ".pdf":
        from dafu.reading.formats.pdf import pdf_lines

        return pdf_lines(raw, path)
    if suffix in (".doc", ".wps"):
        # RTF or HTML saved with a .doc name, or a newer WPS file: LibreOffice tells them apart.
        from dafu.reading.formats.docx import docx_lines
        from dafu.reading.formats.office import convert_to_docx

        return docx_lines(convert_to_docx(raw, path, suffix), path)
    if suffix == ".docx":
        raise ImportFileError("文件已损坏（corrupt .docx: not a zip package）", path=path)
    return decode_text(raw, path)[0].splitlines()


def read_text(path: str | Path) -> str:
    """The file's text. For a .txt it is the decoded file exactly (the checker's offsets point into it)."""
    path = Path(path)
    raw = read_raw(path)
    if path.suffix.lower() == ".txt" and not raw.startswith((_ZIP, _OLE)):
        return decode_text(raw, path)[0]
    return "\n".join(file_lines(path, raw))
