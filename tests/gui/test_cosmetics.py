"""The things a clerk notices: columns in sight, labels not cut, fields wide enough with a Browse button,
splitters remembered, selected results readable, no template ids, a heading font that is not thin."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from dafu.gui import preview as preview_module
from dafu.gui.library_panel import MEASURES_TAB
from ui import choose_file


def test_measures_table_shows_more_than_the_policy_column(window, qtbot):
    panel = window.library_panel
    window.splitter.setSizes([380, 480, 560])
    panel.tabs.setCurrentIndex(MEASURES_TAB)
    qtbot.waitUntil(lambda: panel.measures_model.rowCount() > 0, timeout=5000)
    qtbot.wait(50)
    table, header = panel.measures_table, panel.measures_table.horizontalHeader()
    visible = [c for c in range(4) if header.sectionViewportPosition(c) + 20 < table.viewport().width()]
    assert visible == [0, 1, 2, 3]          # 政策, 支持事项, 比例, 上限 all begin in sight


def test_filter_combos_show_their_whole_labels(window, qtbot):
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.body_filter.count() > 1, timeout=5000)
    for combo in (panel.role_filter, panel.year_filter, panel.body_filter, panel.tag_filter):
        text_width = combo.fontMetrics().horizontalAdvance(combo.itemText(0))
        assert combo.width() >= text_width + 24, (combo.itemText(0), combo.width(), text_width)


def test_settings_fields_are_wide_and_have_browse_buttons(window, qtbot, dialogs, tmp_path):
    window.settings_dialog()
    dialog = window._settings_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert all(edit.width() >= 400 for edit in dialog.edits.values())
    folder = tmp_path / "my-templates"
    folder.mkdir()
    dialogs.expect(choose_file(folder))
    QTest.mouseClick(dialog.browse_buttons["templates_dir"], Qt.MouseButton.LeftButton)
    assert dialog.edits["templates_dir"].text() == str(folder)
    dialog.reject()


def test_every_splitter_is_remembered(qtbot, settings):
    from dafu.gui.main_window import MainWindow

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 540)   # inside the offscreen screen, so restoreGeometry need not shrink it
    qtbot.wait(50)
    first.draft_panel.splitter.setSizes([150, 300])
    first.preview.splitter.setSizes([250, 200])
    qtbot.wait(50)
    sizes = first.draft_panel.splitter.sizes(), first.preview.splitter.sizes()
    first.close()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(50)
    assert (again.draft_panel.splitter.sizes(), again.preview.splitter.sizes()) == sizes
    again.shutdown()


def test_a_selected_result_keeps_its_highlighted_match_readable(window, qtbot):
    panel = window.library_panel
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("时尚")
    panel.results.setFocus()
    panel.results.setCurrentRow(0)
    qtbot.wait(50)
    rect = panel.results.visualItemRect(panel.results.item(0))
    image = panel.results.viewport().grab(rect).toImage()
    yellow = [(x, y) for y in range(image.height()) for x in range(image.width())
              if QColor(image.pixel(x, y)).name() == "#fff2a8"]
    assert yellow, "the match is highlighted"
    xs, ys = [x for x, _ in yellow], [y for _, y in yellow]
    dark = sum(1 for y in range(min(ys), max(ys) + 1) for x in range(min(xs), max(xs) + 1)
               if QColor(image.pixel(x, y)).lightness() < 110)
    assert dark > 20, "the match's characters are dark on the yellow, not white"


def test_templates_are_named_in_words(window):
    combo = window.draft_panel.template_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "人大代表建议答复" in texts
    names = window.templates.names()
    assert not any(name in text for name in names for text in texts)


def test_second_level_headings_do_not_fall_back_to_a_thin_kai(window):
    assert "UKai" not in preview_module.FONT["h2"]
    assert preview_module.FONT["h2"].startswith("'楷体_GB2312'")


def test_every_place_that_names_the_formats_names_all_the_importer_reads(window, qtbot):
    """The empty-library page, the import dialog and the file chooser list what dafu.reading reads."""
    from PySide6.QtWidgets import QLabel

    from dafu.gui.import_dialog import ImportDialog
    from dafu.reading.formats import SUPPORTED

    page = " ".join(label.text() for label in window.library_panel.empty_page.findChildren(QLabel))
    dialog = ImportDialog(window.library_path)
    qtbot.addWidget(dialog)
    for text in (page, dialog.folder_edit.placeholderText()):
        assert all(suffix in text for suffix in SUPPORTED), text
