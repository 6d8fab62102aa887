"""The frequent actions have their keyboard shortcuts, and they do what they say."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

REQUIRED = ["Ctrl+N", "Ctrl+O", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+E", "Ctrl+F", "Ctrl+H", "Ctrl+Z", "Ctrl+Y", "Alt+Up",
            "Alt+Down", "Ctrl+Return", "Del", "F2", "Ctrl+I", "Ctrl+Shift+F", "Ctrl+Shift+C", "Ctrl+1", "Ctrl+2"]


def _bound(window):
    keys = set()
    for action in window.actions() + window.draft_panel.tree.actions():
        for sequence in action.shortcuts():
            keys.add(sequence.toString(QKeySequence.SequenceFormat.PortableText))
    return keys


def test_frequent_actions_have_shortcuts(window):
    missing = [k for k in REQUIRED if k not in _bound(window)]
    assert not missing


def test_ctrl_shift_f_focuses_the_search_box_and_del_removes(window, qtbot):
    window.activateWindow()
    panel = window.draft_panel
    panel.tree.setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+F"))
    assert window.library_panel.search_box.hasFocus()
    count = len(panel.draft.intro)
    panel.select_key(("paragraph", (), 0))
    panel.tree.setFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert len(panel.draft.intro) == count - 1
