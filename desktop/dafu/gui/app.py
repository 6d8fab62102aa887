"""Start the desktop app: `dafu-desktop [DRAFT.dafu]` or `dafu gui`."""
from __future__ import annotations

import os
import signal
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from dafu import paths


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Chinese by default (our strings and Qt's own dialogs); English is the source language."""
    if language.startswith("en"):
        return []
    translators = []
    ours = QTranslator(app)
    if ours.load(str(paths.resources_dir() / "i18n" / f"dafu_{language}.qm")):
        app.installTranslator(ours)
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


def install_excepthook(window_getter) -> None:
    """A bug shows one dialog and is logged; the draft is autosaved already."""
    log = paths.data_dir() / "error.log"

    def hook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as stream:
                stream.write(text + "\n")
        except OSError:
            pass
        sys.__stderr__.write(text)
        window = window_getter()
        if window is not None and not os.environ.get("DAFU_NO_DIALOGS"):
            QMessageBox.critical(window, "Dafu", f"{value}\n\n(details in {log})")

    sys.excepthook = hook


def install_quit_handlers(app: QApplication, window) -> QTimer:
    """SIGTERM / SIGINT and the session ending save the draft and quit cleanly."""
    def quit_cleanly(*_args) -> None:
        window.shutdown()
        app.quit()

    signal.signal(signal.SIGTERM, quit_cleanly)
    signal.signal(signal.SIGINT, quit_cleanly)
    app.commitDataRequest.connect(lambda _manager: window.autosave())
    app.aboutToQuit.connect(window.shutdown)
    # Python runs signal handlers only between bytecodes; wake it up regularly from Qt's loop.
    timer = QTimer(app, interval=250)
    timer.timeout.connect(lambda: None)
    timer.start()
    return timer


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    QGuiApplication.setApplicationName("Dafu")
    QGuiApplication.setOrganizationName("Dafu")
    QGuiApplication.setDesktopFileName("dafu")
    app = QApplication.instance() or QApplication(argv)
    from dafu.gui.settings import Settings

    settings = Settings()
    install_translations(app, os.environ.get("DAFU_LANG") or settings.get("language"))
    icon = paths.resources_dir() / "icons" / "dafu.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    draft_file = next((Path(a) for a in argv[1:] if not a.startswith("-")), None)

    from dafu.gui.main_window import MainWindow

    window = MainWindow(settings, draft_file=draft_file)
    install_excepthook(lambda: window)
    install_quit_handlers(app, window)
    window.show()
    window.library_panel.focus_search()
    if os.environ.get("DAFU_READY_FILE"):
        # For benchmarks and the packaging smoke test: say when the window is ready to type in.
        QTimer.singleShot(0, lambda: Path(os.environ["DAFU_READY_FILE"]).write_text("ready"))
    if os.environ.get("DAFU_QUIT_AFTER_MS"):
        QTimer.singleShot(int(os.environ["DAFU_QUIT_AFTER_MS"]), window.close)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
