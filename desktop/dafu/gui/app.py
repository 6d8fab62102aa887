"""Start the desktop app: `dafu-desktop [DRAFT.dafu]` or `dafu gui`."""
from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
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


# Sans families with good Han glyphs at UI sizes, tried after the platform's default UI family.
CJK_UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                   "WenQuanYi Micro Hei"]


def prefer_cjk_ui_font(app: QApplication) -> None:
    """Without a Chinese locale, fontconfig takes Han glyphs for the UI from whatever font it meets first
    (often AR PL UMing, whose bitmap strikes look pixelated): name good sans families after the default."""
    font = app.font()
    font.setFamilies([font.family(), *CJK_UI_FAMILIES])
    app.setFont(font)


class ReadyAnnouncer(QObject):
    """Writes the wall-clock time to ``path`` once ``widget`` has been painted and holds the keyboard focus:
    the moment the clerk can type. Used by the start-up benchmark and the packaging smoke test. If the
    focus has not come 3 s after the first paint (no window manager activated the window), it says so."""

    GIVE_UP_MS = 3000

    def __init__(self, widget, path: Path):
        super().__init__(widget)
        self.widget, self.path = widget, path
        self.painted = self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._try)  # after the paint event has been handled
            QTimer.singleShot(self.GIVE_UP_MS, lambda: self._announce(False))
        elif kind == QEvent.Type.FocusIn and self.painted:
            QTimer.singleShot(0, self._try)
        return False

    def _try(self) -> None:
        if QApplication.focusWidget() is self.widget and self.widget.window().isActiveWindow():
            self._announce(True)

    def _announce(self, focused: bool) -> None:
        if self.done:
            return
        self.done = True
        self.widget.removeEventFilter(self)
        self.path.write_text(f"{time.time():.6f} focus={int(focused)}")


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


def migrate_with_progress(path: Path) -> None:
    """A library from an older Dafu is migrated before the window opens; re-indexing a large one
    takes minutes, so a progress dialog shows it (events are handled between steps)."""
    from dafu.library import store
    if not store.needs_migration(path):
        return
    from PySide6.QtWidgets import QProgressDialog
    dialog = QProgressDialog(QApplication.translate("App", "Updating the library's search index…"), "", 0, 0)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        QApplication.processEvents()
    try:
        store.connect(path, progress=progress).conn.close()
    except Exception:  # noqa: BLE001 — the main window reports a library it cannot open
        pass
    dialog.close()


def main(argv: list[str] | None = None) -> int:
    app, _window = start(argv)
    return app.exec()


def start(argv: list[str] | None = None):
    """Everything a start does up to the event loop: (application, main window), the window shown."""
    argv = list(sys.argv if argv is None else argv)
    QGuiApplication.setApplicationName("Dafu")
    QGuiApplication.setOrganizationName("Dafu")
    QGuiApplication.setDesktopFileName("dafu")
    app = QApplication.instance() or QApplication(argv)
    prefer_cjk_ui_font(app)
    from dafu.gui.settings import Settings

    settings = Settings()
    install_translations(app, os.environ.get("DAFU_LANG") or settings.get("language"))
    icon = paths.resources_dir() / "icons" / "dafu.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    draft_file = next((Path(a) for a in argv[1:] if not a.startswith("-")), None)

    from dafu.gui.main_window import MainWindow

    migrate_with_progress(settings.library_path())
    window = MainWindow(settings, draft_file=draft_file)
    install_excepthook(lambda: window)
    install_quit_handlers(app, window)
    if os.environ.get("DAFU_READY_FILE"):
        ReadyAnnouncer(window.library_panel.search_box, Path(os.environ["DAFU_READY_FILE"]))
    window.show()
    window.activateWindow()  # typing goes to the search box at once, also where no window manager activates us
    window.library_panel.focus_search()
    if os.environ.get("DAFU_QUIT_AFTER_MS"):
        QTimer.singleShot(int(os.environ["DAFU_QUIT_AFTER_MS"]), window.close)
    return app, window


if __name__ == "__main__":
    sys.exit(main())
