"""A clerk's morning, played on the real app through its UI only (keys, clicks, dialogs answered by
clicking), in a process of its own so that the test can kill it with SIGKILL afterwards.

    python tests/gui/clerk_morning.py WORK_DIR            # the morning; prints DRAFT (JSON) and READY
    python tests/gui/clerk_morning.py WORK_DIR --restart  # the app started again; prints what it shows

Run by tests/gui/test_acceptance.py; each step prints "step: …" so a failure says where it was.
The app starts as `dafu-desktop` does (dafu.gui.app.start): Chinese UI, a fresh default library.
"""
from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parents[1] / "scripts")]

from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from library_fixtures import type_text, write_variants  # noqa: E402
from translations_zh_CN import ZH  # noqa: E402
from ui import DialogAnswers, choose_file, click  # noqa: E402

NUMBER = "JY20240158"


def give_up_after(seconds: int):
    """A hung step (a dialog nobody answers) ends the process with a message, not a test run that never ends."""
    import faulthandler
    import os
    import threading

    def give_up() -> None:
        say("error", f"gave up after {seconds} s")
        faulthandler.dump_traceback(file=sys.stdout)
        sys.stdout.flush()
        os._exit(3)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    return timer


def say(kind: str, value) -> None:
    print(f"{kind}: {json.dumps(value, ensure_ascii=False)}", flush=True)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition, what: str, timeout_ms: int = 20000) -> None:
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            raise AssertionError(f"timed out waiting for {what}")
        wait(20)
        waited += 20


def keys(sequence: str) -> None:
    """A shortcut typed wherever the keyboard focus is, as a clerk types it."""
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(sequence))


def key(code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), code, modifier)


def type_here(text: str) -> None:
    type_text(QApplication.focusWidget(), text)


def fill(window, name: str, text: str) -> None:
    """Click into a form field and type."""
    field = window.draft_panel.field(name)
    target = getattr(field, "edit", field)
    window.draft_panel.form_scroll.ensureWidgetVisible(field)
    QTest.mouseClick(target, Qt.MouseButton.LeftButton)
    target.selectAll()
    type_text(target, text)


def search(window, text: str) -> None:
    panel = window.library_panel
    keys("Ctrl+Shift+F")
    done = []
    panel.search_finished.connect(lambda n: done.append(n))
    type_here(text)
    wait_until(lambda: done and panel.search_box.text() == text and panel.results.complete(), f"results for {text}")


def morning(work: Path) -> None:
    from dafu.draftio import dumps
    from dafu.gui.app import start

    app, window = start(["dafu-desktop"])
    dialogs = DialogAnswers()
    watchdog = give_up_after(200)
    panel, library, preview = window.draft_panel, window.library_panel, window.preview
    window.resize(1400, 900)
    wait_until(window.isActiveWindow, "the window to be active")

    say("step", "a fresh install: the default library starts with the sample")
    wait_until(lambda: library.reply_count is not None, "the library pane")
    assert library.reply_count == 1 and not library.is_empty_shown(), library.reply_count
    assert library.search_box.hasFocus()

    say("step", "import a folder of old replies (Ctrl+I)")
    folder = work / "old-replies"
    write_variants(folder)
    dialogs.expect(choose_file(folder))
    keys("Ctrl+I")
    wait_until(lambda: getattr(window, "_import_dialog", None) is not None and window._import_dialog.finished_import,
               "the import")
    assert window._import_dialog.imported == 2, window._import_dialog.label.text()
    QTest.mouseClick(window._import_dialog.cancel_button, Qt.MouseButton.LeftButton)   # 关闭
    window.activateWindow()
    wait_until(window.isActiveWindow, "the window after the import")

    say("step", "search the library")
    search(window, "加装电梯")
    assert "加装电梯" in library.results.item(0).data(Qt.ItemDataRole.UserRole + 2).text

    say("step", "a new reply for another suggestion (Ctrl+N), its values typed into the form")
    keys("Ctrl+N")
    wait(300)
    assert ZH["Still to fill in: %s (marked red in the form)"].split("：")[0] in preview.error_label.text()
    for name, text in (("meeting", "深圳市福田区第八届人民代表大会第四次会议"),
                       ("suggestion_title", "关于加强校园安全和老旧小区加装电梯的建议"),
                       ("number", NUMBER), ("deputies", "王芳等代表"), ("issuing_body", "福田区住房和建设局"),
                       ("date", "2024年6月3日"), ("contact_person", "陈明"), ("contact_phone", "0755-83918888")):
        fill(window, name, text)
    wait(400)
    assert preview.error_label.isHidden(), preview.error_label.text()

    say("step", "a heading, numbered paragraphs from the library")
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton)
    keys("Ctrl+Shift+H")
    wait(100)
    type_here("工作开展情况")
    key(Qt.Key.Key_Return)
    wait(50)                                              # the item editor hands its text over
    assert panel.draft.sections[0].heading == "工作开展情况", panel.draft.sections[0].heading
    search(window, "校园安全")
    key(Qt.Key.Key_Down)                                  # into the results
    keys("Ctrl+Return")                                   # insert the chosen one
    search(window, "加装电梯")
    keys("Ctrl+Return")
    assert len(panel.draft.sections[0].paragraphs) == 2
    panel.select_key(("section", (0,)))
    box = panel.enumerate_box
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))   # on its box
    assert panel.draft.sections[0].enumerate

    say("step", "edit: type at the end of a paragraph, Enter for a new one")
    panel.select_key(("paragraph", (0,), 1))
    QTest.mouseClick(panel.editor.viewport(), Qt.MouseButton.LeftButton)
    key(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_here("我局将持续跟进。")
    key(Qt.Key.Key_Return)
    type_here("下一步，我局将推动推动老旧小区加装电梯工作。")
    paragraphs = [p.text for p in panel.draft.sections[0].paragraphs]
    assert len(paragraphs) == 3 and paragraphs[1].endswith("我局将持续跟进。"), paragraphs
    assert paragraphs[2] == "下一步，我局将推动推动老旧小区加装电梯工作。"

    say("step", "save it as a draft file (Ctrl+S asks where, once)")
    dialogs.expect(choose_file(work / "morning.dafu"))
    keys("Ctrl+S")
    wait_until(lambda: not dialogs.pending(), "the save dialog")
    assert window.file_path == work / "morning.dafu"

    say("step", "find and replace across the draft (Ctrl+H), one undo step, counted")
    keys("Ctrl+H")
    type_here("我局")
    key(Qt.Key.Key_Tab)
    type_here("我单位")
    count = sum(t.count("我局") for t in [p.text for p in panel.draft.sections[0].paragraphs])
    QTest.mouseClick(panel.find_bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert panel.find_bar.status.text() == ZH["Replaced %n occurrence(s)"].replace("%n", str(count)), \
        panel.find_bar.status.text()
    assert not any("我局" in p.text for p in panel.draft.sections[0].paragraphs)
    key(Qt.Key.Key_Escape)

    say("step", "undo and redo (Ctrl+Z, Ctrl+Y)")
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton)
    keys("Ctrl+Z")
    assert sum(p.text.count("我局") for p in panel.draft.sections[0].paragraphs) == count
    keys("Ctrl+Y")
    assert not any("我局" in p.text for p in panel.draft.sections[0].paragraphs)

    say("step", "apply a fix from the findings")
    preview.update_now()
    wait_until(lambda: any(f.rule == "repeat.word" for f in preview.shown_findings()), "the 推动推动 finding")
    row = next(i for i, f in enumerate(preview.shown_findings()) if f.rule == "repeat.word")
    item = preview.findings.item(row)
    QTest.mouseClick(preview.findings.viewport(), Qt.MouseButton.LeftButton,
                     pos=preview.findings.visualItemRect(item).center())
    QTest.mouseClick(preview.fix_button, Qt.MouseButton.LeftButton)
    assert panel.draft.sections[0].paragraphs[2].text == "下一步，我单位将推动老旧小区加装电梯工作。", \
        [p.text for p in panel.draft.sections[0].paragraphs]

    say("step", "export the .docx (Ctrl+E)")
    target = work / f"{NUMBER}答复.docx"
    exported, checked = [], []
    window.exported.connect(exported.append)
    preview.checked.connect(checked.append)
    preview.update_now()
    wait_until(lambda: checked, "the checks")
    if any(str(f.severity) == "error" for f in preview.shown_findings()):
        dialogs.expect(click(ZH["Export anyway"]))      # asked once about the errors still open
    dialogs.expect(choose_file(target))
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton)
    keys("Ctrl+E")
    wait_until(lambda: exported, "the export", 60000)
    from docx import Document

    texts = [p.text for p in Document(str(target)).paragraphs]
    assert "尊敬的王芳等代表：" in texts and "一、工作开展情况" in texts, texts[:12]
    assert any(t.startswith("一是") and "一是一是" not in t for t in texts), texts
    window._export_box.button(window._export_box.StandardButton.Ok).click()

    say("step", "a few seconds for the autosave, then the state the test will compare")
    wait(4500)
    say("draft", dumps(panel.draft))
    say("file", str(window.file_path))
    assert not dialogs.unexpected, dialogs.unexpected
    watchdog.cancel()
    say("step", "READY")
    app.exec()   # until SIGKILL


def restart(work: Path) -> None:
    from dafu.draftio import dumps
    from dafu.gui.app import start

    app, window = start(["dafu-desktop"])
    give_up_after(60)
    wait(800)
    say("draft", dumps(window.draft_panel.draft))
    say("file", str(window.file_path))
    say("title", window.windowTitle())
    say("status", window.statusBar().currentMessage())
    say("step", "DONE")
    window.shutdown()


if __name__ == "__main__":
    try:
        (restart if "--restart" in sys.argv else morning)(Path(sys.argv[1]))
    except BaseException:
        say("error", traceback.format_exc())
        sys.stdout.flush()
        import os

        os._exit(1)
