"""Replace a file only whole: write a temporary file beside it, then rename.

A full disk, a read-only folder or a file locked by Word leaves the clerk's
existing file exactly as it was, and no temporary file behind.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from dafu.errors import ExportError

_REASONS = {
    errno.ENOSPC: "磁盘已满（disk full）",
    errno.EDQUOT: "磁盘配额已满（disk quota exceeded）",
    errno.EACCES: "没有写入权限或文件被占用（permission denied or file in use）",
    errno.EPERM: "没有写入权限（not permitted）",
    errno.EROFS: "只读文件系统（read-only file system）",
    errno.ENOENT: "文件夹不存在（folder does not exist）",
}


def atomic_write(path: str | Path, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(stream)`` on a temporary file and move it over ``path``."""
    path = Path(path)
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".dafu-tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            # mkstemp creates 0600; keep the mode the clerk's file had.
            os.chmod(tmp_name, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        raise ExportError(f"无法写入文件：{reason}", path=path) from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return path


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    return atomic_write(path, lambda stream: stream.write(data))


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
