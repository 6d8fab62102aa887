"""Make docs/images/sample-pages.png: pages of the bundled sample as LibreOffice prints them.

    .venv/bin/python scripts/sample-pages.py [OUT.png]

The sample reply's first and last pages; the same draft with 文号, 签发人, result class,
抄送 and the seal layout (its first and last pages); and its feedback form — rendered
with the free stand-in fonts of resources/fonts/fonts.conf, side by side in one grey-scale PNG
(the pages are black on white). Needs LibreOffice and poppler; nothing of the GUI.
"""
from __future__ import annotations

import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from dafu.draftio import read_draft  # noqa: E402
from dafu.export.docx import export_docx  # noqa: E402
from dafu.export.pdf import convert  # noqa: E402
from dafu.render import render_document  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "reply_JY20230126.dafu"
FONTS = ROOT / "resources" / "fonts" / "fonts.conf"
DPI = 42
GAP = 10
BACKGROUND = 205


def pages(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(folder / pdf.stem)], check=True)
    return sorted(folder.glob(f"{pdf.stem}-*.pgm"))


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and rows of an 8-bit binary PGM (what pdftoppm -gray writes)."""
    data = path.read_bytes()
    magic, width, height, top, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and top == b"255", path
    return int(width), int(height), pixels[:int(width) * int(height)]


def side_by_side(images: list[tuple[int, int, bytes]]) -> tuple[int, int, bytearray]:
    width = sum(w for w, _, _ in images) + GAP * (len(images) + 1)
    height = max(h for _, h, _ in images) + 2 * GAP
    sheet = bytearray([BACKGROUND]) * (width * height)
    x = GAP
    for w, h, pixels in images:
        for row in range(h):
            at = (GAP + row) * width + x
            sheet[at:at + w] = pixels[row * w:(row + 1) * w]
        x += w + GAP
    return width, height, sheet


def write_png(path: Path, width: int, height: int, grey: bytes) -> None:
    """An 8-bit grey-scale PNG: each row behind filter byte 0, deflated once."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\0" + grey[y * width:(y + 1) * width] for y in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images" / "sample-pages.png"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        marked = read_draft(SAMPLE)
        marked.values.update(doc_number="福文旅体函〔2023〕12号", signer="王五", result_class="A",
                             disclosure="主动公开", seal=True,
                             cc=["区人大常委会代表工作委员会", "区政协提案委员会", "区政府督查室"])
        files = [export_docx(render_document(SAMPLE), folder / "reply.docx"),
                 export_docx(render_document(marked), folder / "sealed.docx"),
                 export_docx(render_document(SAMPLE, template="feedback_form"), folder / "form.docx")]
        reply, sealed, form = (pages(pdf, folder) for pdf in convert(files, fontconfig=FONTS))
        chosen = [reply[0], reply[-1], sealed[0], sealed[-1], form[0]]

        write_png(out, *side_by_side([read_pgm(p) for p in chosen]))
    print(out)


if __name__ == "__main__":
    main()
