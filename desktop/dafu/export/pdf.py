"""The exported .docx as a PDF beside it, through LibreOffice — for publication (答复公开).

LibreOffice is not a Python dependency: Dafu looks for ``soffice`` (``DAFU_SOFFICE``,
the PATH, the usual install folders on Windows and macOS) and says clearly when
there is none. Each conversion runs with its own throw-away LibreOffice profile,
so it neither waits for nor disturbs a LibreOffice the clerk has open, and
several conversions can run at once. Many files convert in one LibreOffice run
(its start-up is most of the cost). A PDF replaces an earlier one only whole.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from dafu.errors import ExportError
from dafu.export.atomic import atomic_write_bytes

TIMEOUT_SECONDS = 120.0          # for one file; a batch gets this per file
_CANDIDATES = {
    "win32": [r"C:\Program Files\LibreOffice\program\soffice.exe",
              r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}


class PdfError(ExportError):
    """The PDF could not be made (LibreOffice missing, failed or timed out)."""


def find_soffice() -> str | None:
    """The LibreOffice program to convert with, or None."""
    configured = os.environ.get("DAFU_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _CANDIDATES.get(sys.platform, []) if Path(c).is_file()), None)


def available() -> bool:
    return find_soffice() is not None


def export_pdf(docx: str | Path, pdf: str | Path | None = None, **options) -> Path:
    """Convert one .docx; the PDF goes beside it (same name, .pdf) unless ``pdf`` is given."""
    docx = Path(docx)
    target = Path(pdf) if pdf else docx.with_suffix(".pdf")
    return convert([docx], targets=[target], **options)[0]


def convert(docx_files: Iterable[str | Path], *, targets: Iterable[str | Path] | None = None,
            outdir: str | Path | None = None, fontconfig: str | Path | None = None,
            timeout: float = TIMEOUT_SECONDS) -> list[Path]:
    """Convert many .docx files in one LibreOffice run; returns the PDFs, in order.

    Each PDF goes to its entry in ``targets``, or into ``outdir``, or beside its
    .docx. ``fontconfig`` names a fontconfig file for the run (the tests' stand-in fonts).
    """
    sources = [Path(f).resolve() for f in docx_files]
    if targets is not None:
        outputs = [Path(t) for t in targets]
    elif outdir is not None:
        outputs = [Path(outdir) / f"{s.stem}.pdf" for s in sources]
    else:
        outputs = [s.with_suffix(".pdf") for s in sources]
    if len(outputs) != len(sources):
        raise ValueError("one target per .docx")
    for source in sources:
        if not source.is_file():
            raise PdfError("找不到要转换的文件（file not found）", path=source)
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("未找到 LibreOffice，无法生成 PDF；.docx 已写好。安装 LibreOffice（或设置 DAFU_SOFFICE"
                       " 指向 soffice）后重试（LibreOffice not found: install it to export PDF）",
                       path=outputs[0] if len(outputs) == 1 else None)
    # LibreOffice names its output after the input: files that share a name convert in separate runs.
    batches: list[list[int]] = []
    for index, source in enumerate(sources):
        batch = next((b for b in batches if all(sources[i].stem != source.stem for i in b)), None)
        if batch is None:
            batches.append([index])
        else:
            batch.append(index)
    for batch in batches:
        _run(soffice, [sources[i] for i in batch], [outputs[i] for i in batch], fontconfig, timeout * len(batch))
    return outputs


def _run(soffice: str, sources: list[Path], outputs: list[Path], fontconfig, timeout: float) -> None:
    with tempfile.TemporaryDirectory(prefix="dafu-pdf-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        env = dict(os.environ)
        if fontconfig:
            env["FONTCONFIG_FILE"] = str(fontconfig)
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work_dir / "out"),
                   *map(str, sources)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice 转换超时（timed out after {timeout:.0f} s）", path=sources[0]) from None
        except OSError as exc:
            raise PdfError(f"无法运行 LibreOffice（cannot run {soffice}: {exc.strerror or exc}）") from None
        for source, output in zip(sources, outputs):
            made = work_dir / "out" / f"{source.stem}.pdf"
            if not made.is_file():
                detail = (done.stderr or done.stdout or "").strip().splitlines()
                reason = detail[-1] if detail else f"exit status {done.returncode}"
                raise PdfError(f"LibreOffice 未能转换此文件（conversion failed: {reason}）", path=source)
            atomic_write_bytes(output, made.read_bytes())
