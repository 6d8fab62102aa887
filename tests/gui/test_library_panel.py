"""The library pane driven like a clerk drives it: typing, filters, choosing, dragging, measures."""
import json
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from dafu.gui.html_delegate import HTML_ROLE
from dafu.gui.library_panel import HIT_ROLE, MEASURES_TAB, PARAGRAPH_MIME, LibraryPanel
from dafu.library import Library
from library_fixtures import SAMPLE_BODY, VARIANTS, type_text, write_variants
from tests_paths import SAMPLE_TXT

SAMPLE_TITLE_PART = "JY20230126"


@pytest.fixture
def rich_library(tmp_path):
    """The sample reply and two generated variants from other years and issuing bodies."""
    path = tmp_path / "rich.sqlite"
    with Library(path) as library:
        library.import_path([SAMPLE_TXT, *write_variants(tmp_path / "variants")])
    return path


@pytest.fixture
def panel(qtbot, rich_library):
    widget = LibraryPanel(rich_library)
    qtbot.addWidget(widget)
    widget.resize(480, 800)
    widget.show()
    widget.activateWindow()   # the keyboard is the clerk's (on a bare X server only this gives it)
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: widget.year_filter.count() == 4, timeout=5000)   # all years + 2022/2023/2024
    yield widget
    widget.shutdown()


def type_query(qtbot, panel, text, *, clear=True):
    """Type as a clerk does and wait for the answer the pane shows after the pause."""
    panel.search_box.setFocus()
    if clear:
        panel.search_box.clear()
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        type_text(panel.search_box, text)
    qtbot.waitUntil(panel.results.complete, timeout=2000)   # rows are added a few at a time
    return panel.results.hits()


def test_one_character_query_shows_highlighted_results_with_their_source(qtbot, panel):
    hits = type_query(qtbot, panel, "福")
    assert hits and all("福" in hit.text for hit in hits)
    assert panel.count_label.text() == f"{len(hits)} result(s)"
    first = panel.results.item(0).data(HTML_ROLE)
    assert "<b>福</b>" in first
    assert hits[0].reply in first and hits[0].date in first   # source reply and its date under the snippet


def test_two_character_query_and_no_match(qtbot, panel):
    hits = type_query(qtbot, panel, "直播")
    assert hits and all("直播" in hit.text for hit in hits)
    assert "<b>直播</b>" in panel.results.item(0).data(HTML_ROLE)
    assert type_query(qtbot, panel, "没有这种词组") == []
    assert panel.count_label.text() == "0 result(s)"
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.clear()
    assert panel.results.count() == 0 and panel.count_label.text() == ""


def test_many_matches_say_there_are_more(qtbot, panel):
    panel.runner.limit = 3
    hits = type_query(qtbot, panel, "时尚")
    assert len(hits) == 3
    assert panel.count_label.text() == "First 3 results; type more to narrow them"


def test_a_keystroke_never_waits_for_the_database(qtbot, panel):
    """Even while the worker is busy (a slow query, a big import), typing returns at once."""
    panel.worker.submit(lambda library: time.sleep(0.6))
    panel.search_box.setFocus()
    start = time.perf_counter()
    type_text(panel.search_box, "直")
    assert (time.perf_counter() - start) < 0.05
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        type_text(panel.search_box, "播")
    assert all("直播" in hit.text for hit in panel.results.hits())


def test_stale_results_are_dropped(qtbot, panel):
    shown = []
    panel.search_finished.connect(lambda n: shown.append(panel.search_box.text()))
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        for text in ("时", "时尚", "时尚产", "直播电商"):
            panel.search_box.setText(text)
            panel.search_now()            # as if Enter were pressed after each: four searches queued
    qtbot.wait(300)
    assert shown == ["直播电商"]           # older answers were never drawn
    assert all("直播电商" in hit.text for hit in panel.results.hits())


def test_filters_by_role_year_body_and_tag(qtbot, panel, rich_library):
    everything = type_query(qtbot, panel, "加快")
    assert {hit.date[:4] for hit in everything} >= {"2022", "2023", "2024"}

    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.role_filter.setCurrentIndex(panel.role_filter.findData("next_steps"))
    hits = panel.results.hits()
    assert 0 < len(hits) < len(everything) and all(hit.role == "next_steps" for hit in hits)
    panel.role_filter.setCurrentIndex(0)

    assert [panel.year_filter.itemData(i) for i in range(1, 4)] == [2024, 2023, 2022]
    type_query(qtbot, panel, "校园安全")
    assert len(panel.results.hits()) == 1
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.year_filter.setCurrentIndex(panel.year_filter.findData(2023))
    assert panel.results.count() == 0
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.year_filter.setCurrentIndex(panel.year_filter.findData(2022))
    assert [hit.date for hit in panel.results.hits()] == ["2022-06-10"]
    panel.year_filter.setCurrentIndex(0)

    bodies = [panel.body_filter.itemText(i) for i in range(1, panel.body_filter.count())]
    assert sorted(bodies) == sorted([SAMPLE_BODY] + [v[1] for v in VARIANTS])
    type_query(qtbot, panel, "电梯")
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.body_filter.setCurrentIndex(panel.body_filter.findData(SAMPLE_BODY))
    assert panel.results.count() == 0
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.body_filter.setCurrentIndex(panel.body_filter.findData("福田区住房和建设局"))
    assert [hit.date for hit in panel.results.hits()] == ["2024-03-02"]
    panel.body_filter.setCurrentIndex(0)

    with Library(rich_library) as library:
        tagged = library.search("直播电商", 1)[0]
        library.tag_paragraph(tagged.paragraph_id, "数字经济")
    panel.refresh_filters()
    qtbot.waitUntil(lambda: panel.tag_filter.findData("数字经济") > 0, timeout=5000)
    type_query(qtbot, panel, "直播")
    assert panel.results.count() > 1
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("数字经济"))
    assert [hit.paragraph_id for hit in panel.results.hits()] == [tagged.paragraph_id]


def test_double_click_enter_and_ctrl_enter_choose_a_paragraph(qtbot, panel):
    hits = type_query(qtbot, panel, "时尚")
    assert len(hits) >= 3
    second = panel.results.item(1)
    viewport = panel.results.viewport()
    centre = panel.results.visualItemRect(second).center()
    with qtbot.waitSignal(panel.paragraph_chosen) as chosen:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert chosen.args == [hits[1].text, str(hits[1].paragraph_id)]

    panel.search_box.setFocus()
    QTest.keyClick(panel.search_box, Qt.Key.Key_Down)      # from the box into the results
    assert panel.results.hasFocus() and panel.results.currentRow() >= 0
    panel.results.setCurrentRow(2)
    with qtbot.waitSignal(panel.paragraph_chosen) as chosen:
        QTest.keyClick(panel.results, Qt.Key.Key_Return)
    assert chosen.args == [hits[2].text, str(hits[2].paragraph_id)]

    panel.results.setCurrentRow(0)
    panel.search_box.setFocus()
    with qtbot.waitSignal(panel.paragraph_chosen) as chosen:
        QTest.keyClick(panel.search_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert chosen.args == [hits[0].text, str(hits[0].paragraph_id)]


def test_dragging_results_carries_paragraph_json_and_plain_text(qtbot, panel):
    hits = type_query(qtbot, panel, "直播")
    model = panel.results.model()
    indexes = [model.index(0, 0), model.index(1, 0)]
    mime = model.mimeData(indexes)    # what QAbstractItemView.startDrag asks for
    assert set(panel.results.mimeTypes()) == {PARAGRAPH_MIME, "text/plain"}
    payload = json.loads(bytes(mime.data(PARAGRAPH_MIME)).decode("utf-8"))
    assert payload == [{"text": h.text, "paragraph_id": str(h.paragraph_id)} for h in hits[:2]]
    assert mime.text() == hits[0].text + "\n" + hits[1].text
    assert model.flags(indexes[0]) & Qt.ItemFlag.ItemIsDragEnabled


def test_more_like_this(qtbot, panel):
    panel.tabs.setCurrentIndex(1)
    panel.suggestion_box.setPlainText("建议加快发展直播电商，培育直播基地，支持网红主播。")
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        QTest.mouseClick(panel.similar_button, Qt.MouseButton.LeftButton)
    hits = panel.similar_results.hits()
    assert hits and "直播" in hits[0].text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert panel.similar_label.text() == f"{len(hits)} similar paragraph(s), best first"
    with qtbot.waitSignal(panel.paragraph_chosen) as chosen:
        panel.choose_current()                   # the first "more like this" result
    assert chosen.args[0] == hits[0].text


def test_a_new_library_path_is_searched_from_then_on(qtbot, panel, tmp_path):
    type_query(qtbot, panel, "福田")
    assert panel.results.count() > 0
    empty = tmp_path / "empty.sqlite"
    Library(empty).close()
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.set_library_path(empty)          # the box still says 福田: searched again, in the new file
    assert panel.results.count() == 0
    qtbot.waitUntil(lambda: panel.year_filter.count() == 1 and panel.measures_model.rowCount() == 0, timeout=5000)


def test_measures_tab_lists_figures_in_wan_yuan_and_sorts(qtbot, panel):
    model, table = panel.measures_model, panel.measures_table
    assert model.rowCount() == 0                      # not read at start: only when the tab is shown
    panel.tabs.setCurrentIndex(MEASURES_TAB)
    qtbot.waitUntil(lambda: model.rowCount() >= 4, timeout=5000)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Policy", "Item", "Rate", "Cap", "One-off", "Valid from", "Valid to", "Superseded by"]
    rows = {model.index(r, 1).data(): [model.index(r, c).data() for c in range(8)] for r in range(model.rowCount())}
    row = rows["现代时尚产业国际时尚交流平台建设支持"]
    assert row[0] == "2022年《深圳市福田区支持现代时尚产业集群发展若干措施》"
    assert row[2].endswith("30%") and row[3] == "500万元" and row[4] == "✓"
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)       # by cap, largest first
    proxy = table.model()
    caps = [proxy.index(r, 3).data() for r in range(proxy.rowCount())]
    assert caps[0] == "1000万元" and caps[-1] == "100万元"
    panel.measures_filter.setText("直播")
    assert proxy.rowCount() < model.rowCount()


def _select_measure(panel, item):
    proxy = panel.measures_table.model()
    for r in range(proxy.rowCount()):
        if proxy.index(r, 1).data() == item:
            panel.measures_table.setCurrentIndex(proxy.index(r, 1))
            return panel.current_measure()
    raise AssertionError(item)


def test_measure_edited_in_the_dialog_round_trips_to_the_library(qtbot, panel, rich_library):
    panel.tabs.setCurrentIndex(MEASURES_TAB)
    qtbot.waitUntil(lambda: panel.measures_model.rowCount() >= 4, timeout=5000)
    measure = _select_measure(panel, "现代时尚产业国际时尚交流平台建设支持")
    QTest.mouseClick(panel.edit_measure_button, Qt.MouseButton.LeftButton)
    dialog = panel._dialog
    assert dialog.isVisible() and dialog.cap.text() == "500" and dialog.rate.text() == "30"

    dialog.rate.setText("百分之三十")                              # not a number: refused, dialog stays
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "百分之三十" in dialog.error.text() and dialog.focusWidget() is dialog.rate

    dialog.rate.setText("35%")
    dialog.cap.clear()
    type_text(dialog.cap, "６００万元")                             # full-width, as an input method types it
    dialog.valid_from.setText("2022年1月1日")
    dialog.valid_to.setText("2024-12-31")
    with qtbot.waitSignal(panel.measures_changed, timeout=5000):
        QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    with Library(rich_library) as library:
        again = library.measure(measure.id)
    assert (again.rate_percent, again.cap_yuan, again.valid_from, again.valid_to) == \
        (35.0, 6_000_000, "2022-01-01", "2024-12-31")
    assert (again.policy, again.item, again.one_off) == (measure.policy, measure.item, True)
    qtbot.waitUntil(lambda: "600万元" in [panel.measures_model.index(r, 3).data()
                                        for r in range(panel.measures_model.rowCount())], timeout=5000)


def test_measure_added_and_marked_as_superseding(qtbot, panel, rich_library):
    panel.tabs.setCurrentIndex(MEASURES_TAB)
    qtbot.waitUntil(lambda: panel.measures_model.rowCount() >= 4, timeout=5000)
    count = panel.measures_model.rowCount()
    old = _select_measure(panel, "现代时尚产业国际时尚交流平台建设支持")
    dialog = panel.add_measure()
    dialog.policy.setText("深圳市福田区支持现代时尚产业集群发展若干措施（修订）")
    dialog.policy_year.setValue(2024)
    dialog.item.setText("国际时尚交流平台建设支持（2024）")
    dialog.rate.setText("30")
    dialog.cap.setText("800")
    with qtbot.waitSignal(panel.measures_changed, timeout=5000):
        dialog.accept()
    qtbot.waitUntil(lambda: panel.measures_model.rowCount() == count + 1, timeout=5000)
    new = _select_measure(panel, "国际时尚交流平台建设支持（2024）")
    assert (new.cap_yuan, new.policy_year) == (8_000_000, 2024)

    _select_measure(panel, old.item)
    dialog = panel.edit_measure()
    dialog.superseded_by.setCurrentIndex(dialog.superseded_by.findData(new.id))
    dialog.valid_to.setText("2023-12-31")
    with qtbot.waitSignal(panel.measures_changed, timeout=5000):
        dialog.accept()
    with Library(rich_library) as library:
        assert (library.measure(old.id).superseded_by, library.measure(old.id).valid_to) == (new.id, "2023-12-31")
    model = panel.measures_model
    qtbot.waitUntil(lambda: any(model.index(r, 7).data() == new.item for r in range(model.rowCount())), timeout=5000)


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


def test_long_result_lists_arrive_a_few_rows_at_a_time_and_a_newer_list_replaces_them(qtbot, panel, rich_library):
    import dataclasses

    from dafu.gui.library_panel import LAYOUT_BATCH

    with Library(rich_library) as library:
        hit = library.search("时尚", 1)[0]
    many = [dataclasses.replace(hit, paragraph_id=i) for i in range(3 * LAYOUT_BATCH + 1)]
    panel.results.show_hits(many)
    assert panel.results.count() == LAYOUT_BATCH and panel.results.hits() == many
    qtbot.waitUntil(panel.results.complete, timeout=2000)
    assert panel.results.count() == len(many)
    panel.results.show_hits(many)
    panel.results.show_hits(many[:2])           # the clerk typed on before the long list was complete
    qtbot.wait(50)
    assert [h.paragraph_id for h in panel.results.hits()] == [0, 1] and panel.results.count() == 2
