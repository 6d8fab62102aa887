"""The sealed layout and the 版记's 印发机关 / 印发日期 in the value form, as a clerk sets them: a checkbox and
two fields in their words, kept in the .dafu file, and a preview that lays the signature out for the seal."""
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox

from dafu.draftio import read_draft
from dafu.model import BlockKind
from library_fixtures import type_text
from ui import choose_file


def line_rect(preview, kind: BlockKind):
    """The laid-out text of a block in the preview (x, width) in pixels."""
    index = next(i for i, b in enumerate(preview.document.blocks) if b.kind is kind)
    cursor = QTextCursor(preview.browser.document())
    cursor.setPosition(preview._anchors[index])
    layout = cursor.block().layout()
    rect = layout.lineAt(0).naturalTextRect()
    return layout.position().x() + rect.x(), rect.width()


def char_px(preview) -> float:
    """One body character in the preview, in pixels."""
    return preview.browser.viewport().logicalDpiX() / 72 * 16 * preview.scale


def rendered(window, qtbot):
    with qtbot.waitSignal(window.preview.checked, timeout=10000):
        window.preview.update_now()
    return window.preview.document


def test_seal_checkbox_lays_out_the_signature_for_the_seal_and_is_saved(window, qtbot, dialogs, tmp_path):
    panel, preview = window.draft_panel, window.preview
    box = panel.field("seal")
    assert isinstance(box, QCheckBox) and not box.isChecked()
    assert panel.value_form.labels["seal"].text() == "Seal"
    document = rendered(window, qtbot)
    assert not document.sealed
    issuer_x, issuer_w = line_rect(preview, BlockKind.ISSUER)
    date_x, _date_w = line_rect(preview, BlockKind.DATE)
    char = char_px(preview)
    # not sealed (§7.3.5.2): the date starts two characters right of the issuing body
    assert abs((date_x - issuer_x) - 2 * char) < 0.25 * char

    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert panel.draft.values["seal"] is True
    document = rendered(window, qtbot)
    assert document.sealed
    issuer_x, issuer_w = line_rect(preview, BlockKind.ISSUER)
    date_x, date_w = line_rect(preview, BlockKind.DATE)
    right = preview.browser.viewport().width() - preview.browser.document().documentMargin()
    # sealed (§7.3.5.1): the date ends four characters in, the issuing body centred over it
    assert abs((right - (date_x + date_w)) - 4 * char) < 0.25 * char
    assert abs((issuer_x + issuer_w / 2) - (date_x + date_w / 2)) < 0.25 * char

    target = tmp_path / "sealed.dafu"
    dialogs.expect(choose_file(target))
    window.findChild(QAction, "save_as").trigger()
    assert read_draft(target).values["seal"] is True and "seal = true" in target.read_text(encoding="utf-8")
    window.findChild(QAction, "undo").trigger()                 # unticked again: the value is gone
    assert not box.isChecked() and "seal" not in panel.draft.values
    dialogs.expect(choose_file(target))
    window.findChild(QAction, "open_draft").trigger()          # the file brings the tick back
    assert panel.field("seal").isChecked()


def test_printed_by_and_on_in_the_form_print_the_imprint_line(window, qtbot, dialogs, tmp_path):
    panel = window.draft_panel
    printed_by, printed_on = panel.field("printed_by"), panel.field("printed_on")
    assert panel.value_form.labels["printed_by"].text() == "Printed by"
    assert panel.value_form.labels["printed_on"].text() == "Printed on"
    # left empty they show what the reply will print there
    assert printed_by.placeholderText() == "Empty: as the Issuing body (福田区文化广电旅游体育局)"
    assert printed_on.edit.placeholderText() == "Empty: as the Date (2023年5月28日)"
    cc = panel.field("cc")
    cc.setFocus()
    type_text(cc, "区委办公室、区政府办公室")
    document = rendered(window, qtbot)
    assert [b.display_text for b in document.blocks if b.kind in (BlockKind.PRINTED_BY, BlockKind.PRINTED_ON)] == \
        ["福田区文化广电旅游体育局", "2023年5月28日印发"]
    printed_by.setFocus()
    type_text(printed_by, "福田区文化广电旅游体育局办公室")
    printed_on.edit.setFocus()
    type_text(printed_on.edit, "2023年6月1日")
    assert panel.draft.values["printed_on"] == dt.date(2023, 6, 1)
    document = rendered(window, qtbot)
    assert [b.display_text for b in document.blocks if b.kind in (BlockKind.PRINTED_BY, BlockKind.PRINTED_ON)] == \
        ["福田区文化广电旅游体育局办公室", "2023年6月1日印发"]
    shown = window.preview.browser.toPlainText()
    assert "福田区文化广电旅游体育局办公室" in shown and "2023年6月1日印发" in shown
    target = tmp_path / "imprint.dafu"
    dialogs.expect(choose_file(target))
    QTest.keySequence(printed_on.edit, QKeySequence("Ctrl+Shift+S"))
    values = read_draft(target).values
    assert values["printed_by"] == "福田区文化广电旅游体育局办公室" and values["printed_on"] == dt.date(2023, 6, 1)
    assert values["cc"] == ["区委办公室", "区政府办公室"]
    window.findChild(QAction, "new_draft").trigger()
    dialogs.expect(choose_file(target))
    window.findChild(QAction, "open_draft").trigger()
    assert panel.field("printed_by").text() == "福田区文化广电旅游体育局办公室"
    assert panel.field("printed_on").text() == "2023年6月1日"


def test_contact_line_place_is_offered_in_words(window, qtbot):
    """联系人位置 reads 成文日期下方（附注）/ 页脚, never the template's note / footer."""
    combo = window.draft_panel.field("contact_placement")
    assert [combo.itemText(i) for i in range(combo.count())] == ["Under the date (附注)", "In the page footer"]
    assert combo.currentText() == "Under the date (附注)"
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert window.draft_panel.draft.values["contact_placement"] == "footer"
    document = rendered(window, qtbot)
    assert document.first(BlockKind.NOTE) is None          # the contact line went to the footer
    window.findChild(QAction, "undo").trigger()
    assert combo.currentText() == "Under the date (附注)" and "contact_placement" not in window.draft_panel.draft.values
