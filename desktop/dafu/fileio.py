"""Reading and writing the clerk's files without surprises.

Reading takes only regular files, up to a size limit: a FIFO, a device such as
/dev/zero or a folder given where a file belongs gets a message instead of a
hang or an exhausted memory. Writing goes to the file a symbolic link points
to (the link stays a link) and never onto the file being read.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from dafu.errors import DafuError

MiB = 1024 * 1024
_CHUNK = 1 << 20


def read_regular(path: str | Path, *, limit: int, error: type[DafuError] = DafuError,
                 what: str = "文件") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ``error`` naming the file."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        # Non-blocking, so opening a FIFO with no writer returns at once; fstat then refuses it.
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(f"找不到{what}（file not found）", path=path) from None
    except IsADirectoryError:
        raise error(f"这是文件夹，不是{what}（a folder, not a file）", path=path) from None
    except OSError as exc:
        raise error(f"无法读取{what}（cannot read）: {exc.strerror or exc}", path=path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"这是文件夹，不是{what}（a folder, not a file）", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"不是普通文件，不能作为{what}读取（not a regular file: a pipe, device or socket）",
                        path=path)
        if info.st_size > limit:
            raise error(too_large(what, info.st_size, limit), path=path)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # the file grew while being read
                raise error(too_large(what, size, limit), path=path)
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"无法读取{what}（cannot read）: {exc.strerror or exc}", path=path) from None
    finally:
        os.close(fd)


def too_large(what: str, size: int, limit: int) -> str:
    return f"{what}过大（{_human(size)}，上限 {_human(limit)}；file too large）"


def _human(size: int) -> str:
    return f"{size / MiB:.1f} MB" if size >= MiB else f"{size / 1024:.0f} KB"


def write_target(path: str | Path) -> Path:
    """The file to replace when writing to ``path``: the target of a symbolic link, else ``path``.

    Writes replace a file by renaming a temporary file over it; done on a link, that
    would replace the link itself and leave the file it points to stale.
    """
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two names reach the same file (through links, hard links or ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
