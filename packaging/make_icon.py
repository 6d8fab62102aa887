"""Render resources/icons/dafu.svg into packaging/windows/dafu.ico (build output, not committed)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]


def png_bytes(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    """An .ico holding PNG images (Windows Vista and later read these)."""
    header = bytearray((0, 0, 1, 0)) + len(images).to_bytes(2, "little")
    offset = 6 + 16 * len(images)
    entries, blobs = bytearray(), bytearray()
    for size, png in sorted(images.items()):
        entries += bytes((size % 256, size % 256, 0, 0)) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        entries += len(png).to_bytes(4, "little") + (offset + len(blobs)).to_bytes(4, "little")
        blobs += png
    path.write_bytes(bytes(header + entries + blobs))


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (Qt needs one)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "dafu.svg"))
    target = ROOT / "packaging" / "windows" / "dafu.ico"
    write_ico(target, {size: png_bytes(renderer, size) for size in (16, 24, 32, 48, 64, 128, 256)})
    print(target)


if __name__ == "__main__":
    main()
