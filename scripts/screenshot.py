"""Take docs/images/main-window.png: the app offscreen, the sample draft open, library results shown.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py [OUT.png]

Runs against a throw-away library and settings (the sample reply imported), so it
never touches the clerk's own data. Look at the picture afterwards: Chinese text
must render as glyphs, not boxes.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images" / "main-window.png"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="dafu-shot-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DAFU_LIBRARY"] = str(tmp / "library.sqlite")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from dafu.gui.app import install_translations, prefer_cjk_ui_font
    from dafu.gui.main_window import MainWindow
    from dafu.gui.settings import Settings
    from dafu.library import Library

    with Library(tmp / "library.sqlite") as library:
        library.import_path(ROOT / "resources" / "samples" / "reply_JY20230126.txt")
    app = QApplication(sys.argv[:1])
    prefer_cjk_ui_font(app)
    install_translations(app, os.environ.get("DAFU_LANG", "zh_CN"))
    window = MainWindow(Settings(tmp / "dafu.ini"), draft_file=ROOT / "resources" / "samples" / "reply_JY20230126.dafu")
    window.resize(1280, 760)
    window.splitter.setSizes([360, 440, 480])
    window.show()
    window.library_panel.search_box.setText("时尚")

    def shoot() -> None:
        if getattr(window, "_shot", False):
            return
        window._shot = True
        window.draft_panel.select_key(("paragraph", (0, 0), 0))
        QTimer.singleShot(400, save)

    def save() -> None:
        # A palette of 256 colours keeps the picture small for the README; text stays crisp.
        image = window.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(OUT), "PNG", 9)
        print(f"{OUT}: {image.width()}x{image.height()}, {OUT.stat().st_size // 1024} KB")
        window.close()
        app.quit()

    window.library_panel.search_finished.connect(lambda _n: QTimer.singleShot(600, shoot))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
