"""The preview as it will print, and its findings re-checked off the GUI thread."""
import threading

from dafu.gui import preview as preview_module
from dafu.model import BlockKind


def _lines(window):
    return window.preview.browser.toPlainText().splitlines()


def test_body_paragraphs_are_indented_two_characters(window, qtbot):
    lines = _lines(window)
    salutation = next(line for line in lines if line.startswith("尊敬的"))
    assert salutation == "尊敬的张昊等代表："                      # flush left
    body = next(line for line in lines if "已收悉" in line)
    assert body.startswith("\u3000\u3000你们好")                   # two ideographic spaces, not collapsed
    assert "\u3000\u3000一、工作开展情况" in lines


def test_checks_run_off_the_gui_thread_and_use_the_library(window, qtbot, monkeypatch):
    threads, libraries = [], []
    real_check = __import__("dafu.checks", fromlist=["check"]).check

    def spy(document, library=None, **kwargs):
        threads.append(threading.current_thread())
        libraries.append(library)
        return real_check(document, library=library, **kwargs)

    monkeypatch.setattr("dafu.checks.check", spy)
    with qtbot.waitSignal(window.preview.checked, timeout=5000):
        window.preview.update_now()
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert libraries[-1] is not None  # measure rules compare with the library's records


def test_stale_check_results_are_dropped(window, qtbot):
    preview = window.preview
    qtbot.waitUntil(lambda: preview.finding_count() > 0, timeout=5000)
    shown = preview.finding_count()
    preview._latest_check += 1000            # a newer check is (pretend) on its way
    preview._check_done(preview._latest_check - 1000, [])
    assert preview.finding_count() == shown  # the older, empty result did not replace the list


def test_preview_follows_edits_after_the_debounce(window, qtbot):
    panel = window.draft_panel
    qtbot.waitUntil(lambda: window.preview.finding_count() > 0, timeout=5000)  # the first check is in
    panel.select_key(("section", (1,)))
    with qtbot.waitSignal(window.preview.checked, timeout=5000):
        panel.move_selected(-1)  # the debounce timer renders, then the worker checks
    assert "\u3000\u3000一、下一步工作安排" in _lines(window)
    headings = [b.display_text for b in window.preview.document.of_kind(BlockKind.HEADING) if b.level == 1]
    assert headings == ["一、下一步工作安排", "二、工作开展情况"]
    assert preview_module.RECHECK_MS <= 500


def test_lines_hold_about_28_characters_as_on_paper(window, qtbot):
    preview = window.preview
    for width in (420, 700):
        preview.browser.resize(width, 600)
        qtbot.wait(preview_module.RELAYOUT_MS + 50)
        block = preview.browser.document().begin()
        while block.isValid() and "已收悉" not in block.text():
            block = block.next()
        layout = block.layout()
        first_line = layout.lineAt(0).textLength()
        assert 26 <= first_line <= 28, (width, first_line, preview.scale)  # indent + text, like the page
