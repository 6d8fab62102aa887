"""File → Export PDF for publication where LibreOffice is missing or fails, and over files already there.
(The PDF made by the real LibreOffice is checked in test_actions.py's export_pdf step.)"""
import os
import stat

from PySide6.QtGui import QAction

from ui import choose_file, click


def file_menu(window):
    return window.file_menu


def pdf_action(window) -> QAction:
    file_menu(window).aboutToShow.emit()        # the clerk opens the File menu: LibreOffice is looked up again
    return window.findChild(QAction, "export_pdf")


def test_without_libreoffice_the_entry_is_off_and_says_why(window, monkeypatch, tmp_path):
    monkeypatch.setenv("DAFU_SOFFICE", str(tmp_path / "no-such-soffice"))
    action = pdf_action(window)
    assert not action.isEnabled()
    assert "LibreOffice" in action.toolTip() and file_menu(window).toolTipsVisible()
    monkeypatch.delenv("DAFU_SOFFICE")
    assert pdf_action(window).isEnabled()       # installed meanwhile: on again at the next look


def test_a_failing_conversion_is_shown_once_and_the_docx_stays(window, qtbot, dialogs, monkeypatch, tmp_path):
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("DAFU_SOFFICE", str(broken))
    target = tmp_path / "reply.pdf"
    dialogs.expect(click("Export anyway"))
    dialogs.expect(choose_file(target))
    with qtbot.waitSignal(window.export_failed, timeout=30000) as failed:
        pdf_action(window).trigger()
    assert "LibreOffice" in failed.args[0] and str(target.with_suffix(".docx")) in failed.args[0]
    assert window.errors == [failed.args[0]]                  # through the window's one error presenter
    assert target.with_suffix(".docx").is_file() and not target.exists()


def test_files_already_there_are_replaced_only_when_the_clerk_says_so(window, qtbot, dialogs, tmp_path):
    target = tmp_path / "reply.pdf"
    target.write_bytes(b"%PDF old")
    target.with_suffix(".docx").write_bytes(b"old docx")
    before = os.stat(target).st_mtime_ns
    dialogs.expect(click("Export anyway"))
    dialogs.expect(choose_file(target))
    dialogs.expect(click("Cancel"))                             # "reply.pdf、reply.docx already exist …"
    pdf_action(window).trigger()
    qtbot.waitUntil(lambda: not dialogs.pending(), timeout=5000)
    assert "reply.pdf、reply.docx" in dialogs.answered[-1]
    assert target.read_bytes() == b"%PDF old" and os.stat(target).st_mtime_ns == before
    assert target.with_suffix(".docx").read_bytes() == b"old docx"
