"""Old binary Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed.

The conversion runs in a temporary folder (the clerk's file is copied in under
a plain ASCII name and never touched), with a LibreOffice profile of this
process's own so a LibreOffice the clerk has open does not get in the way, and
with a time limit. Without LibreOffice the file is refused with a message that
says what to do.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from dafu.errors import ImportFileError

TIMEOUT_SECONDS = 120
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_profile: tempfile.TemporaryDirectory | None = None


def find_soffice() -> str | None:
    """LibreOffice's soffice: $DAFU_SOFFICE (empty: none), then PATH, then the usual install folders."""
    if "DAFU_SOFFICE" in os.environ:
        given = os.environ["DAFU_SOFFICE"]
        return given if given and Path(given).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    places = _WINDOWS_PLACES if sys.platform == "win32" else ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                                                             "/opt/libreoffice/program/soffice")
    return next((p for p in places if Path(p).is_file()), None)


def convert_to_docx(raw: bytes, path: str | Path, suffix: str) -> bytes:
    """The .docx LibreOffice makes of a .doc/.wps file's bytes."""
    soffice = find_soffice()
    if soffice is None:
        raise ImportFileError(f"读取 {suffix} 文件需要安装 LibreOffice；或在 Word/WPS 中另存为 .docx 后再导入"
                              f"（{suffix} needs LibreOffice, which is not installed）", path=path)
    with tempfile.TemporaryDirectory(prefix="dafu-convert-") as folder:
        source = Path(folder) / f"source{suffix}"
        source.write_bytes(raw)
        out = Path(folder) / "out"
        command = [soffice, f"-env:UserInstallation={_profile_uri()}", "--headless", "--norestore", "--nologo",
                   "--nolockcheck", "--nodefault", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                   str(source)]
        try:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise ImportFileError(f"LibreOffice 转换超时（no result within {TIMEOUT_SECONDS} s）", path=path) from None
        except OSError as exc:
            raise ImportFileError(f"无法启动 LibreOffice（{exc.strerror}）", path=path) from None
        result = out / "source.docx"
        if not result.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"exit status {done.returncode}"
            raise ImportFileError(f"LibreOffice 无法打开此文件，可能已损坏或加密（{reason}）", path=path)
        return result.read_bytes()


def _profile_uri() -> str:
    # One throw-away profile per process: its first start costs a few seconds, later conversions reuse it.
    global _profile
    if _profile is None:
        _profile = tempfile.TemporaryDirectory(prefix="dafu-lo-profile-")
        atexit.register(_profile.cleanup)
    return Path(_profile.name).as_uri()
