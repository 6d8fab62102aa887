"""Library packs from the app, as a clerk uses them: File → Export library pack (choose what, then where)
and File → Merge library pack (choose the file, decide each measure that differs by clicking), with
progress and Cancel; afterwards the library itself and the library pane show what came in."""
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGroupBox, QLabel, QRadioButton

from dafu.library import Library
from dafu.library.packs import summary
from library_fixtures import SAMPLE_BODY, variant_text, write_variants
from tests_paths import SAMPLE_TXT
from ui import choose_file, click

FASHION_CAP = 5_000_000      # the sample's 现代时尚产业 platform support: 最高500万元
SOCIETY_CAP = 1_000_000      # and 行业提升支持: 最高100万元


def colleague_pack(tmp_path: Path, *, replies: list[Path] | None = None) -> Path:
    """A colleague's library (the sample, two replies of other years and bodies) whose office raised the
    fashion cap and ended the society measure's validity — exported as a pack."""
    path = tmp_path / "colleague.sqlite"
    with Library(path) as library:
        library.import_path([SAMPLE_TXT, *write_variants(tmp_path / "variants"), *(replies or [])])
        measures = library.measures()
        fashion = next(m for m in measures if m.cap_yuan == FASHION_CAP)
        society = next(m for m in measures if m.cap_yuan == SOCIETY_CAP)
        library.update_measure(fashion.id, cap_yuan=8_000_000)
        library.update_measure(society.id, valid_to="2024-12-31")
        library.export_pack(tmp_path / "colleague.dafupack")
    return tmp_path / "colleague.dafupack"


def more_replies(folder: Path, count: int) -> list[Path]:
    """``count`` replies like the sample, each with its own number and a paragraph only it has."""
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"r{i:03d}.txt"
        path.write_text(variant_text(f"JY2023{i:04d}", SAMPLE_BODY, "2023年5月28日", f"补充说明第{i}项。"),
                        encoding="utf-8")
        paths.append(path)
    return paths


def trigger(window, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None and action.isEnabled(), name
    action.trigger()


def mouse(button) -> None:
    """A click where a person clicks: on a radio button or checkbox its box (the widget may be wider than its text)."""
    point = QPoint(8, button.height() // 2) if button.isCheckable() else button.rect().center()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def radio(box: QGroupBox, text: str) -> QRadioButton:
    return next(b for b in box.findChildren(QRadioButton) if b.text() == text)


def test_merge_puts_each_differing_measure_to_the_clerk(window, qtbot, dialogs, tmp_path):
    pack = colleague_pack(tmp_path)
    with Library(window.library_path) as library:
        paragraphs_before = library.stats()["paragraphs"]
    seen = {}

    def decide(dialog):
        boxes = {box.title(): box for box in dialog.findChildren(QGroupBox, "conflict")}
        seen["boxes"] = sorted(boxes)
        fashion = next(b for t, b in boxes.items() if "时尚" in t)
        seen["fashion"] = [label.text() for label in fashion.findChildren(QLabel)]
        mouse(dialog.all_pack_button)                              # everything from the pack …
        society = next(b for t, b in boxes.items() if "商协会" in t)
        mouse(radio(society, "Keep mine"))                        # … but this one stays as it is here
        click("Merge")(dialog)

    dialogs.expect(choose_file(pack))
    dialogs.expect(decide)
    trigger(window, "merge_pack")
    dialog = window._pack_dialog
    qtbot.waitUntil(lambda: dialog.complete, timeout=30000)
    assert len(seen["boxes"]) == 2
    # the field that differs, with this library's value and the pack's side by side
    assert seen["fashion"][:5] == ["<b>This library</b>", "<b>The pack</b>", "Cap", "500万元", "800万元"]
    with Library(window.library_path) as library:
        caps = {m.item: (m.cap_yuan, m.valid_to) for m in library.measures()}
        assert library.stats()["replies"] == 3
        new_paragraphs = library.stats()["paragraphs"] - paragraphs_before
    assert new_paragraphs >= 2        # each variant's own paragraph at least
    assert dialog.label.text() == (f"Done. Replies: 2 added, 1 already in the library. Paragraphs: {new_paragraphs} "
                                   "new. Measures: 0 added, 1 updated. 1 measure(s) kept as in this library.")
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert (8_000_000, None) in caps.values()                       # taken from the pack
    assert (SOCIETY_CAP, None) in caps.values()                     # kept: not ended in 2024
    # the library pane shows the merged replies: filters, results, measures
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.year_filter.findData(2022) >= 0 and panel.body_filter.findData("深圳市福田区教育局") >= 0,
                    timeout=5000)
    with qtbot.waitSignal(panel.search_finished, timeout=5000):
        panel.search_box.setText("校园安全")
    assert panel.results.count() == 1
    panel.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: any(row[3] == "800万元" for row in measure_rows(panel)), timeout=5000)
    mouse(dialog.cancel_button)                                     # Close
    assert not dialog.isVisible() and not window.errors
    assert dialogs.answered[0].startswith("QFileDialog")


def measure_rows(panel) -> list[list[str]]:
    model = panel.measures_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_merging_the_same_pack_again_changes_nothing(window, qtbot, dialogs, tmp_path):
    pack = colleague_pack(tmp_path)
    dialogs.expect(choose_file(pack))
    dialogs.expect(lambda dialog: (mouse(dialog.all_pack_button), click("Merge")(dialog)))
    trigger(window, "merge_pack")
    qtbot.waitUntil(lambda: window._pack_dialog.complete, timeout=30000)
    with Library(window.library_path) as library:
        before = (library.stats(), sorted(str(m.to_json()) for m in library.measures()))
    window._pack_dialog.close()
    dialogs.expect(choose_file(pack))                               # no measure differs now: no question
    trigger(window, "merge_pack")
    again = window._pack_dialog
    qtbot.waitUntil(lambda: again.complete, timeout=30000)
    assert again.label.text() == ("Done. Replies: 0 added, 3 already in the library. Paragraphs: 0 new. "
                                  "Measures: 0 added, 0 updated.")
    with Library(window.library_path) as library:
        assert (library.stats(), sorted(str(m.to_json()) for m in library.measures())) == before


def test_cancel_in_the_conflict_dialog_merges_nothing(window, qtbot, dialogs, tmp_path):
    pack = colleague_pack(tmp_path)
    dialogs.expect(choose_file(pack))
    dialogs.expect(click("Cancel"))
    trigger(window, "merge_pack")
    dialog = window._pack_dialog
    qtbot.waitUntil(lambda: dialog.complete, timeout=30000)
    assert dialog.label.text() == "Not merged: nothing changed."
    with Library(window.library_path) as library:
        assert library.stats()["replies"] == 1
        assert {m.cap_yuan for m in library.measures()} >= {FASHION_CAP}


def test_cancel_midway_keeps_whole_replies_and_merging_again_completes(window, qtbot, dialogs, tmp_path):
    pack = colleague_pack(tmp_path, replies=more_replies(tmp_path / "many", 150))
    dialogs.expect(choose_file(pack))
    dialogs.expect(click("Merge"))
    trigger(window, "merge_pack")
    dialog = window._pack_dialog
    qtbot.waitUntil(lambda: dialog.job is not None, timeout=10000)
    dialog.job.progressed.connect(lambda done, total, report: done == 3 and mouse(dialog.cancel_button))
    qtbot.waitUntil(lambda: dialog.complete, timeout=30000)
    assert dialog.cancelled and dialog.label.text().startswith("Cancelled — the replies merged so far are whole")
    with Library(window.library_path) as library:
        merged = library.stats()["replies"]
        orphans = library.db.execute("SELECT count(*) FROM replies r WHERE NOT EXISTS"
                                     " (SELECT 1 FROM reply_paragraphs rp WHERE rp.reply_id = r.id)").fetchone()[0]
    assert 1 < merged < 153 and orphans == 0
    mouse(dialog.cancel_button)
    dialogs.expect(choose_file(pack))
    dialogs.expect(click("Merge"))
    trigger(window, "merge_pack")
    qtbot.waitUntil(lambda: window._pack_dialog.complete, timeout=60000)
    with Library(window.library_path) as library:
        assert library.stats()["replies"] == 153


def test_closing_the_window_mid_merge_stops_between_replies(window, qtbot, dialogs, tmp_path):
    pack = colleague_pack(tmp_path, replies=more_replies(tmp_path / "many", 120))
    dialogs.expect(choose_file(pack))
    dialogs.expect(click("Merge"))
    trigger(window, "merge_pack")
    dialog = window._pack_dialog
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.isRunning(), timeout=10000)
    window.shutdown()                                   # as on close, SIGTERM or logout
    assert not dialog.job.isRunning()
    with Library(window.library_path) as library:
        orphans = library.db.execute("SELECT count(*) FROM replies r WHERE NOT EXISTS"
                                     " (SELECT 1 FROM reply_paragraphs rp WHERE rp.reply_id = r.id)").fetchone()[0]
        assert orphans == 0 and 1 <= library.stats()["replies"] <= 123


def test_a_damaged_pack_is_named_and_nothing_changes(window, qtbot, dialogs, tmp_path):
    bad = tmp_path / "同事的资料包.dafupack"
    bad.write_bytes(b"PK\x03\x04 not really a zip" * 20)
    dialogs.expect(choose_file(bad))
    trigger(window, "merge_pack")
    qtbot.waitUntil(lambda: bool(window.errors), timeout=10000)
    assert str(bad) in window.errors[0] and "不是 Dafu 资料包" in window.errors[0]
    assert not window._pack_dialog.isVisible()
    with Library(window.library_path) as library:
        assert library.stats()["replies"] == 1


@pytest.fixture
def varied_settings(tmp_path, settings, library_path):
    """The window's library holds the sample and replies of 2022 (教育局) and 2024 (住房和建设局)."""
    with Library(library_path) as library:
        library.import_path(write_variants(tmp_path / "variants"))
    return settings


def test_export_a_year_then_the_colleague_merges_it(qtbot, dialogs, tmp_path, varied_settings, monkeypatch):
    from dafu.gui.main_window import MainWindow
    from tests_paths import SAMPLE_DRAFT

    errors = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, error: errors.append(str(error)))
    window = MainWindow(varied_settings, draft_file=SAMPLE_DRAFT)
    qtbot.addWidget(window)
    window.show()
    try:
        trigger(window, "export_pack")
        dialog = window._pack_dialog
        assert dialog.all_radio.isChecked() and not dialog.filters_box.isEnabled()
        qtbot.waitUntil(lambda: dialog.year_combo.findData(2022) >= 0, timeout=5000)
        mouse(dialog.some_radio)
        assert dialog.filters_box.isEnabled()
        dialog.year_combo.setFocus()
        while dialog.year_combo.currentData() != 2022:               # the clerk steps through the years
            QTest.keyClick(dialog.year_combo, Qt.Key.Key_Down)
        target = tmp_path / "out" / "教育-2022"
        target.parent.mkdir()
        names = []
        dialogs.expect(lambda file_dialog: (names.append(file_dialog.selectedFiles()), choose_file(target)(file_dialog)))
        mouse(dialog.export_button)
        qtbot.waitUntil(lambda: dialog.complete, timeout=30000)
        written = target.with_suffix(".dafupack")
        assert dialog.label.text().startswith(f"Exported {written}: 1 replies,")
        assert "2022" in names[0][0] and names[0][0].endswith(".dafupack")
        assert summary(written).replies == 1 and summary(written).filters == {"year": 2022}
        with Library(tmp_path / "colleague.sqlite") as colleague:
            colleague.merge_pack(written)
            assert [r.number for r in colleague.list_replies()] == ["JY20220311"]
        mouse(dialog.cancel_button)
        assert not dialog.isVisible() and not errors
    finally:
        window.shutdown()


def test_export_asks_for_a_condition_and_a_real_date(window, qtbot, dialogs, tmp_path):
    trigger(window, "export_pack")
    dialog = window._pack_dialog
    mouse(dialog.some_radio)
    mouse(dialog.export_button)                                     # nothing chosen: no file dialog
    assert dialog.label.text() == "Choose at least one condition, or export the whole library."
    dialog.since_field.edit.setText("去年")
    mouse(dialog.export_button)
    assert dialog.label.text().startswith("“去年” is not a date")
    dialog.since_field.edit.setText("2023年1月1日")
    target = tmp_path / "since.dafupack"
    dialogs.expect(choose_file(target))
    mouse(dialog.export_button)
    qtbot.waitUntil(lambda: dialog.complete, timeout=30000)
    assert summary(target).filters == {"since": "2023-01-01"} and summary(target).replies == 1
