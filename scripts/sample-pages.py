"""Make docs/images/sample-pages.png: pages of the bundled sample as LibreOffice prints them.

    .venv/bin/python scripts/sample-pages.py [OUT.png]

The sample reply's first and last pages; the same draft with 文号, 签发人, result class,
抄送 and the seal layout (its first and last pages); and its feedback form — rendered
with the free stand-in fonts of resources/fonts/fonts.conf. Needs LibreOffice, poppler
and the GUI extra (PySide6, for putting the pages side by side).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dafu.draftio import read_draft  # noqa: E402
from dafu.export.docx import export_docx  # noqa: E402
from dafu.export.pdf import convert  # noqa: E402
from dafu.render import render_document  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "reply_JY20230126.dafu"
FONTS = ROOT / "resources" / "fonts" / "fonts.conf"
DPI = 42


def pages(pdf: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(folder / pdf.stem)], check=True)
    return sorted(folder.glob(f"{pdf.stem}-*.png"))


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

        from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

        app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QImage painting needs it
        images = [QImage(str(p)) for p in chosen]
        gap = 10
        sheet = QImage(sum(i.width() for i in images) + gap * (len(images) + 1),
                       max(i.height() for i in images) + 2 * gap, QImage.Format.Format_RGB32)
        sheet.fill(QColor(205, 205, 205))
        painter = QPainter(sheet)
        x = gap
        for image in images:
            painter.drawImage(x, gap, image)
            x += image.width() + gap
        painter.end()
        small = sheet.convertToFormat(QImage.Format.Format_Indexed8)  # a 256-colour PNG: small in git
        small.save(str(out))
    print(out)


if __name__ == "__main__":
    main()
