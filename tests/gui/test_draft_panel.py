"""Dropping library results into the outline inserts them where they land, as one undoable step."""
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from dafu.draft import strip_ordinal
from dafu.gui.library_panel import HIT_ROLE


def test_drop_library_results_into_the_outline(window, qtbot):
    library, panel = window.library_panel, window.draft_panel
    with qtbot.waitSignal(library.search_finished, timeout=5000):
        library.search_box.setText("直播")
    items = [library.results.item(0), library.results.item(1)]
    hits = [item.data(HIT_ROLE) for item in items]
    mime = library.results.mimeData(items)       # what a drag from the results carries
    draft = panel.draft
    before = list(draft.sections[1].paragraphs)
    target = panel.item_for(("paragraph", (1,), 0))
    point = QPointF(panel.tree.visualItemRect(target).center())
    event = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    panel.tree.dropEvent(event)
    inserted = draft.sections[1].paragraphs[1:3]
    # 二、 numbers its paragraphs itself: a library paragraph's own 五是 is not printed twice
    assert [p.text for p in inserted] == [strip_ordinal(h.text) for h in hits]
    assert [p.ref for p in inserted] == [f"library:{h.paragraph_id}" for h in hits]
    assert draft.sections[1].paragraphs[0] == before[0] and draft.sections[1].paragraphs[3:] == before[1:]
    panel.undo_stack.undo()                       # both paragraphs were one drop, so one undo
    assert draft.sections[1].paragraphs == before
