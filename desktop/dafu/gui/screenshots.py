"""Take the screenshots in docs/images: the app offscreen, from a throw-away library and settings.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m dafu.gui.screenshots [NAME ...] [--out DIR]

(from the checkout: DIR defaults to its docs/images).

Names: main-window (the sample draft, library results, findings), empty-library, missing-values
(a new draft), find-replace, full-text, sealed (加盖印章, 抄送 and 印发机关 in the form; the signature and
版记 in the preview), export-pack (File → Export library pack), merge-conflicts (the measures a pack
would change). Without names, all of them. It never touches the clerk's own
data. Look at the pictures afterwards: Chinese text must render as glyphs, not boxes.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from dafu.paths import resources_dir

SAMPLE_TXT = resources_dir() / "samples" / "reply_JY20230126.txt"
SAMPLE_DRAFT = resources_dir() / "samples" / "reply_JY20230126.dafu"
SHOTS = ["main-window", "empty-library", "missing-values", "find-replace", "full-text", "sealed", "export-pack",
         "merge-conflicts"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"any of {SHOTS}")
    parser.add_argument("--out", type=Path, default=Path("docs") / "images")
    args = parser.parse_args()
    names = args.names or SHOTS
    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        parser.error(f"unknown screenshot {unknown}; choose from {SHOTS}")
    tmp = Path(tempfile.mkdtemp(prefix="dafu-shot-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DAFU_LIBRARY"] = str(tmp / "library.sqlite")
    os.environ["XDG_DATA_HOME"] = str(tmp / "data")
    os.environ["DAFU_NO_DIALOGS"] = "1"
    from PySide6.QtWidgets import QApplication

    from dafu.gui.app import install_translations, prefer_cjk_ui_font

    app = QApplication(sys.argv[:1])
    prefer_cjk_ui_font(app)
    install_translations(app, os.environ.get("DAFU_LANG", "zh_CN"))
    for name in names:
        shoot(app, name, tmp / name, args.out / f"{name}.png")
    return 0


def shoot(app, name: str, folder: Path, out: Path) -> None:
    from PySide6.QtGui import QImage

    from dafu.gui.main_window import MainWindow
    from dafu.gui.settings import Settings
    from dafu.library import Library

    folder.mkdir(parents=True)
    library = folder / "library.sqlite"
    if name != "empty-library":
        with Library(library) as lib:
            lib.import_path(SAMPLE_TXT)
    else:
        Library(library).close()
    settings = Settings(folder / "dafu.ini")
    settings.set("library_path", str(library))
    window = MainWindow(settings, draft_file=None if name in ("empty-library", "missing-values") else SAMPLE_DRAFT)
    window.resize(1280, 760)
    window.splitter.setSizes([360, 440, 480])
    window.show()
    wait(app, 300)
    panel = window.draft_panel
    if name == "main-window":
        with_signal(app, window.library_panel.search_finished, lambda: window.library_panel.search_box.setText("时尚"))
        panel.select_key(("paragraph", (0, 0), 0))
    elif name == "missing-values":
        panel.field("meeting").setText("")
    elif name == "find-replace":
        panel.select_key(("paragraph", (0, 0), 0))
        panel.open_find(replace=True)
        panel.find_bar.find_edit.setText("时尚")
        panel.find_bar.replace_edit.setText("养老")
        panel.find_next()
    elif name == "full-text":
        panel.show_full_text()
        wait(app, 200)
        panel.full_text.focus_key(("paragraph", (0, 1), 0), 40)
    elif name == "sealed":
        for key, value in (("cc", ["区委办公室", "区政府办公室"]), ("printed_by", "福田区文化广电旅游体育局办公室"),
                           ("seal", True)):
            panel.set_value(key, value)
        panel.focus_field("printed_on")
    shown = window
    if name == "export-pack":
        shown = window.export_pack()
        wait(app, 400)
        shown.some_radio.setChecked(True)
        shown.year_combo.setCurrentIndex(shown.year_combo.findData(2023))
    elif name == "merge-conflicts":
        from dafu.gui.conflict_dialog import ConflictDialog

        with Library(library) as lib:
            shown = ConflictDialog(lib.pack_conflicts(colleague_pack(folder)), "福田区文广旅体局-2023.dafupack", window)
        shown.show()
    window.preview.update_now()
    wait(app, 900)
    if name == "sealed":
        bar = window.preview.browser.verticalScrollBar()
        bar.setValue(bar.maximum())
        form_bar = panel.form_scroll.verticalScrollBar()
        form_bar.setValue(form_bar.maximum())
        wait(app, 300)
    # A palette of 256 colours keeps the picture small for the README; text stays crisp.
    image = shown.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out), "PNG", 9)
    print(f"{out}: {image.width()}x{image.height()}, {out.stat().st_size // 1024} KB")
    window.shutdown()
    window.deleteLater()
    wait(app, 50)


def colleague_pack(folder: Path) -> Path:
    """A colleague's pack of the sample reply whose office raised one cap and ended another measure."""
    from dafu.library import Library

    with Library(folder / "colleague.sqlite") as lib:
        lib.import_path(SAMPLE_TXT)
        for measure in lib.measures():
            if measure.cap_yuan == 5_000_000:
                lib.update_measure(measure.id, cap_yuan=8_000_000, valid_to="2025-12-31")
            elif measure.cap_yuan == 1_000_000:
                lib.update_measure(measure.id, valid_to="2024-12-31")
        lib.export_pack(folder / "colleague.dafupack")
    return folder / "colleague.dafupack"


def wait(app, ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def with_signal(app, signal, start) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(lambda *_: loop.quit())
    QTimer.singleShot(5000, loop.quit)
    start()
    loop.exec()


if __name__ == "__main__":
    sys.exit(main())
