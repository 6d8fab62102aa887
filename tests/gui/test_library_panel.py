import json

from dafu.gui.html_delegate import HTML_ROLE
from dafu.gui.library_panel import HIT_ROLE, PARAGRAPH_MIME, LibraryPanel


def search(qtbot, panel, text):
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText(text)
    return panel.results.count()


def test_search_as_you_type_one_and_two_characters(qtbot, library_path):
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    assert search(qtbot, panel, "福") > 0
    assert search(qtbot, panel, "直播") > 0
    assert "直播" in panel.results.item(0).toolTip()
    assert "<b>直播</b>" in panel.results.item(0).data(HTML_ROLE)
    assert search(qtbot, panel, "没有这种词组") == 0
    assert panel.count_label.text()
    panel.shutdown()


def test_stale_results_are_dropped(qtbot, library_path):
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        for text in ("时", "时尚", "时尚产", "直播电商"):
            panel.search_box.setText(text)
            panel._search_now()
    qtbot.wait(200)
    assert all("直播电商" in panel.results.item(i).toolTip() for i in range(panel.results.count()))
    panel.shutdown()


def test_filters_narrow_results(qtbot, library_path):
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.year_filter.count() > 1, timeout=5000)
    search(qtbot, panel, "加快")
    everything = panel.results.count()
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.role_filter.setCurrentIndex(panel.role_filter.findData("next_steps"))
    assert 0 < panel.results.count() < everything
    assert all(panel.results.item(i).data(HIT_ROLE).role == "next_steps" for i in range(panel.results.count()))
    panel.shutdown()


def test_double_click_and_drag_carry_the_paragraph(qtbot, library_path):
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    search(qtbot, panel, "直播电商")
    item = panel.results.item(0)
    with qtbot.waitSignal(panel.paragraph_chosen) as signal:
        panel.results.itemActivated.emit(item)
    text, paragraph_id = signal.args
    assert "直播电商" in text and paragraph_id.isdigit()
    mime = panel.results.mimeData([item])
    payload = json.loads(bytes(mime.data(PARAGRAPH_MIME)).decode("utf-8"))
    assert payload == [{"text": text, "paragraph_id": paragraph_id}] and mime.text() == text
    panel.shutdown()


def test_more_like_this(qtbot, library_path):
    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    panel.suggestion_box.setPlainText("建议加快发展直播电商，培育直播基地。")
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.similar_button.click()
    assert "直播" in panel.similar_results.item(0).toolTip()
    panel.shutdown()


def test_measures_listed_and_edited(qtbot, library_path):
    from dafu.gui.measure_dialog import MeasureDialog, MeasureInputError
    from dafu.library import Library

    panel = LibraryPanel(library_path)
    qtbot.addWidget(panel)
    model = panel.measures_model
    qtbot.waitUntil(lambda: model.rowCount() >= 4, timeout=5000)
    items = [model.index(r, 0).data() for r in range(model.rowCount())]
    row = items.index("现代时尚产业国际时尚交流平台建设支持")
    assert model.index(row, 3).data() == "500万元"
    measure = panel._measures[row]
    dialog = MeasureDialog(measure, panel._measures)
    qtbot.addWidget(dialog)
    dialog.valid_to.setText("2023-13-40")
    try:
        dialog.values()
        raise AssertionError("a bad date must be refused")
    except MeasureInputError as exc:
        assert "2023-13-40" in str(exc)
    dialog.valid_to.setText("2024-12-31")
    dialog.cap.setValue(600)
    with qtbot.waitSignal(panel.measures_changed, timeout=5000):
        panel.save_measure(measure.id, dialog.values())
    with Library(library_path) as library:
        again = library.measure(measure.id)
    assert (again.cap_yuan, again.valid_to, again.rate_percent) == (6_000_000, "2024-12-31", 30.0)
    panel.shutdown()


def test_ui_speaks_chinese_by_default(qtbot, qapp, library_path):
    from PySide6.QtCore import QCoreApplication

    from dafu.gui.app import install_translations

    translators = install_translations(qapp, "zh_CN")
    try:
        assert translators, "resources/i18n/dafu_zh_CN.qm is missing: run scripts/build-translations.sh"
        panel = LibraryPanel(library_path)
        qtbot.addWidget(panel)
        assert [panel.tabs.tabText(i) for i in range(3)] == ["检索", "相似内容", "政策措施"]
        assert panel.search_box.placeholderText() == "检索资料库（一两个字也可以）"
        panel.shutdown()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
    assert install_translations(qapp, "en") == []
