"""The preview: the reply as it will print, and the checker's findings under it."""
from __future__ import annotations

import html
import re
from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QTextCursor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from dafu.draft import Draft, TextKey, TextMatch, block_at, block_sources, locate
from dafu.errors import DafuError
from dafu.gui.assembly import Assembly, assemble_for_preview
from dafu.gui.value_form import field_label
from dafu.gui.workers import QueryWorker
from dafu.model import Block, BlockKind, ReplyDocument
from dafu.titles import width_em

FINDING_ROLE = Qt.ItemDataRole.UserRole
# Official names first; the free stand-ins a Linux machine has after them.
FONT = {
    "title": "'方正小标宋简体','方正小标宋_GBK','Noto Serif CJK SC','Source Han Serif SC',serif",
    "body": "'仿宋_GB2312','仿宋','FangSong','Noto Serif CJK SC',serif",
    "h1": "'黑体','SimHei','Noto Sans CJK SC',sans-serif",
    # Without the official 楷体 the free AR PL UKai looks thin and letter-spaced at this size: the body's
    # serif stands in, as LibreOffice's replacement table does for the exported .docx.
    "h2": "'楷体_GB2312','楷体','KaiTi','STKaiti','Noto Serif CJK SC',serif",
}
# Two ideographic spaces, as printed. Qt's rich text takes text-indent in px only and collapses
# U+3000 like any white space, so the indent is kept by white-space:pre on its own span.
INDENT = "<span style='white-space:pre'>\u3000\u3000</span>"
SEVERITY_MARK = {"error": "●", "warning": "▲", "info": "○"}
RECHECK_MS = 250
# A printed line holds 28 characters of 16 pt (GB/T 9704). The preview is scaled so that its width holds
# the same 28 (a little slack for Qt's layout), so lines break about where they will on paper.
LINE_WIDTH_PT = 28 * 16 + 4
MIN_SCALE, MAX_SCALE = 0.45, 1.25
RELAYOUT_MS = 80


PLACEHOLDER_STYLE = "color:#b3261e; background-color:#fde8e8"
BODY_PT = 16          # one character of the body (三号)
BLANK_LINE_PT = 22    # a blank line of the body as the preview sets it (the signature's one, or two when sealed)


def document_html(document: ReplyDocument, scale: float = 1.0, placeholders: list[str] | None = None,
                  dpi: float = 96.0, measure: Callable[[str], float] | None = None) -> str:
    """The reply as HTML in the official fonts and sizes (times ``scale``), each block anchored as b{index};
    the marks standing in for missing values in red. Margins and paddings are written in points like the
    rest and turned into pixels for ``dpi`` (Qt's rich text takes them in px only and ignores pt).
    ``measure(text)`` is a body line's width in points at 16 pt (default: one em a Chinese character)."""
    html_text = _document_html(document, measure or (lambda text: width_em(text) * BODY_PT))
    for mark in placeholders or ():
        escaped = html.escape(mark)
        html_text = html_text.replace(escaped, f"<span style='{PLACEHOLDER_STYLE}'>{escaped}</span>")
    px_per_pt = scale * dpi / 72

    def in_px(declaration: re.Match) -> str:
        return re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * px_per_pt:.0f}px", declaration.group(0))

    html_text = re.sub(r"(?:margin|padding)[\w-]*:[^;'\"]*", in_px, html_text)
    if scale != 1.0:
        html_text = re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * scale:.1f}pt", html_text)
    return html_text


def _document_html(document: ReplyDocument, measure: Callable[[str], float]) -> str:
    out = [f"<body style=\"font-family:{FONT['body']}; font-size:16pt; color:#000\">"]
    issuer, blank_lines, issuer_right, date_right = _signature(document, measure)
    imprint_open, done = False, set()
    for i, block in enumerate(document.blocks):
        text = html.escape(block.display_text)
        anchor = f"<a name='b{i}'></a>"
        kind = block.kind
        if kind is BlockKind.TITLE:
            lines = "<br>".join(html.escape(line) for line in (block.lines or (block.text,)))
            out.append(f"<p align='center' style=\"font-family:{FONT['title']}; font-size:22pt; "
                       f"margin-bottom:16pt\">{anchor}{lines}</p>")
        elif kind is BlockKind.HEADING:
            font = FONT["h1"] if block.level == 1 else FONT["h2"] if block.level == 2 else FONT["body"]
            out.append(f"<p style=\"font-family:{font}; margin:0\">{anchor}{INDENT}{text}</p>")
        elif kind in (BlockKind.PARAGRAPH, BlockKind.CLOSING, BlockKind.NOTE):
            out.append(f"<p style='margin:0'>{anchor}{INDENT}{text}</p>")
        elif kind is BlockKind.ISSUER:
            out.append(f"<p align='right' style='margin:0; margin-top:{BLANK_LINE_PT * blank_lines}pt; "
                       f"margin-right:{issuer_right:.1f}pt'>{anchor}{text}</p>")
        elif kind is BlockKind.DATE:
            top = 0 if issuer is not None else BLANK_LINE_PT * blank_lines
            out.append(f"<p align='right' style='margin:0; margin-top:{top}pt; "
                       f"margin-right:{date_right:.1f}pt'>{anchor}{text}</p>")
        elif kind in (BlockKind.CC, BlockKind.PRINTED_BY, BlockKind.PRINTED_ON):
            if not imprint_open:   # the 版记: between full-width rules at the foot of the last page
                out.append("<hr style='margin-top:24pt'>")
                imprint_open = True
            if kind is BlockKind.CC:
                out.append(f"<p style='font-size:14pt; margin:0; margin-left:14pt; margin-right:14pt'>"
                           f"{anchor}{text}</p><hr>")
            elif kind is BlockKind.PRINTED_BY:
                printed_on = next((j for j in range(i + 1, len(document.blocks))
                                   if document.blocks[j].kind is BlockKind.PRINTED_ON), None)
                date_cell = ""
                if printed_on is not None:
                    done.add(printed_on)
                    date_cell = f"<a name='b{printed_on}'></a>{html.escape(document.blocks[printed_on].display_text)}"
                out.append(f"<table width='100%' cellspacing='0' cellpadding='0' style='font-size:14pt'><tr>"
                           f"<td style='padding-left:14pt'>{anchor}{text}</td>"
                           f"<td align='right' style='padding-right:14pt'>{date_cell}</td></tr></table><hr>")
            elif i not in done:
                out.append(f"<p align='right' style='font-size:14pt; margin:0; margin-right:14pt'>"
                           f"{anchor}{text}</p><hr>")
        elif kind is BlockKind.TABLE:
            rows = "".join("<tr>" + "".join(f"<td style='padding:6px'>{html.escape(c)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            out.append(f"{anchor}<table border='1' cellspacing='0' width='100%' style='font-size:14pt'>{rows}</table>")
        elif kind in (BlockKind.CLASS_MARK, BlockKind.DOC_NUMBER, BlockKind.SIGNER):
            out.append(f"<p align='right' style='margin:0'>{anchor}{text}</p>")
        elif kind is BlockKind.SEAL:
            continue   # a marker: the signature below is laid out for the seal
        elif kind is BlockKind.SPACER:
            out.append("<p>&nbsp;</p>")
        else:
            out.append(f"<p style='margin:0'>{anchor}{text}</p>")
    out.append("</body>")
    return "".join(out)


def _signature(document: ReplyDocument, measure: Callable[[str], float]) -> tuple[Block | None, int, float, float]:
    """(issuing body block, blank lines above it, its distance from the right edge, the date's) in points,
    by the rules the export follows (GB/T 9704 §7.3.5; dafu.export.layout): not sealed, the issuing body two
    characters in from the right and the date starting two characters right of it (a longer date two in from
    the right, the body moved left); sealed, the date ending four characters in and the issuing body centred
    over it, below two blank lines. Widths are measured in the preview's font, so the positions hold on screen
    as they will on paper."""
    issuer, date = document.first(BlockKind.ISSUER), document.first(BlockKind.DATE)
    issuer_w = measure(issuer.display_text) / BODY_PT if issuer is not None else 0.0
    date_w = measure(date.display_text) / BODY_PT if date is not None else 0.0
    if document.sealed or issuer is None:
        date_right = 4.0
        issuer_right = max(0.0, date_right + (date_w - issuer_w) / 2)
        blank = 2 if document.sealed else 1
    else:
        issuer_right, blank = 2.0, 1
        date_right = issuer_right + issuer_w - 2 - date_w
        if date_right < 2:
            date_right = 2.0
            issuer_right = max(0.0, date_right + date_w + 2 - issuer_w)
    return issuer, blank, issuer_right * BODY_PT, date_right * BODY_PT


class PreviewPanel(QWidget):
    finding_activated = Signal(object, object)   # Finding, where it is in the draft (TextMatch or None)
    fix_requested = Signal(object, object)       # Finding, TextMatch or None (Apply fix, with or without a fix)
    checked = Signal(int)                        # findings shown for the latest document
    problems_changed = Signal(dict)              # value name -> what is missing or wrong with it
    rendered = Signal()                          # a document was laid out in the browser

    def __init__(self, templates, parent: QWidget | None = None):
        super().__init__(parent)
        self.templates = templates
        self.draft: Draft | None = None
        self.document: ReplyDocument | None = None
        self.assembly: Assembly | None = None
        self.sources: dict = {}
        self._shown = None            # (draft snapshot, document, sources) the listed findings belong to
        self._follow: TextKey | None = None
        self._anchors: dict[int, int] = {}
        self.library = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.error_label = QLabel()   # what keeps the reply from being complete, in the clerk's words
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#b3261e; background:#fdf1f0; padding:4px")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.findings = QListWidget()
        self.findings.setObjectName("findings")
        self.findings.itemActivated.connect(self._activated)
        self.findings.itemClicked.connect(self._activated)
        self.findings.currentItemChanged.connect(lambda *_: self._update_fix_button())
        self.summary = QLabel()
        self.fix_button = QPushButton(self.tr("Apply fix"))
        self.fix_button.setObjectName("apply_fix")
        self.fix_button.clicked.connect(self._fix_current)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.error_label)
        top_layout.addWidget(self.browser)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.fix_button)
        bottom_layout.addLayout(header)
        bottom_layout.addWidget(self.findings)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._timer.timeout.connect(self.update_now)
        self.worker: QueryWorker | None = None   # checks run here, with the library for the measure rules
        self.scale = 0.0
        self._relayout = QTimer(self, singleShot=True, interval=RELAYOUT_MS)
        self._relayout.timeout.connect(self._render_html)
        self.browser.viewport().installEventFilter(self)
        self._latest_check = 0
        self._held = False
        self._html: str | None = None      # what the browser shows

    def set_library_path(self, path) -> None:
        """Check off the GUI thread on a private connection to this library (None: check inline, no library)."""
        self.shutdown()
        if path is not None:
            self.worker = QueryWorker(path, self)
            self.worker.finished_job.connect(self._check_done)
            self.worker.failed_job.connect(self._check_failed)
            self.worker.start()

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def reset(self, draft: Draft | None = None) -> None:
        """Another draft: nothing of the old one stays on screen, not even for the first 250 ms."""
        self._timer.stop()
        self._latest_check += 1   # a check of the old draft still on its way is dropped
        self.draft = draft
        self.document, self.assembly, self.sources, self._shown = None, None, {}, None
        self.browser.clear()
        self._html = None
        self.findings.clear()
        self.summary.setText("")
        self.error_label.hide()
        self._update_fix_button()

    def hold(self) -> None:
        """Render nothing until ``release()`` (or an explicit update): the window's first paint comes first."""
        self._timer.stop()
        self._held = True

    def is_held(self) -> bool:
        return self._held

    def release(self) -> None:
        """Render now if nothing was rendered since ``hold()``."""
        if self._held:
            self.update_now()

    def schedule(self, draft: Draft) -> None:
        """Update soon: typing restarts the timer, so a burst of keys costs one render and check."""
        self.draft = draft
        self._timer.start()

    def update_now(self) -> None:
        self._timer.stop()
        self._held = False
        if self.draft is None:
            return
        assembly = assemble_for_preview(self.draft, self.templates, field_label)
        self.assembly = assembly
        self.problems_changed.emit(assembly.problems(field_label))
        self._show_problems(assembly)
        if assembly.document is None:
            self.document, self.sources = None, {}
            self.browser.clear()
            self._html = None
            self._show_findings([], None)
            self.summary.setText(self.tr("Not checked: the reply cannot be laid out yet"))
            return
        document = assembly.document
        snapshot = self.draft.copy()
        self.document = document
        self.sources = block_sources(snapshot, document)
        self._render_html(force=True)
        self._check(document, (snapshot, document, self.sources), assembly.placeholders)

    def _show_problems(self, assembly: Assembly) -> None:
        lines = []
        if assembly.error:
            lines.append(self.tr("Cannot lay out the reply yet: %s") % assembly.error)
        if assembly.missing:
            names = "、".join(field_label(n) for n in assembly.missing)
            lines.append(self.tr("Still to fill in: %s (marked red in the form)") % names)
        for name, message in assembly.invalid.items():
            lines.append(f"{field_label(name)}：{message}")
        self.error_label.setText("\n".join(lines))
        self.error_label.setVisible(bool(lines))

    def fitting_scale(self) -> float:
        """The scale at which 28 characters of the body fill the preview's width."""
        viewport = self.browser.viewport()
        usable = viewport.width() - 2 * self.browser.document().documentMargin()
        px_per_pt = viewport.logicalDpiX() / 72
        return min(MAX_SCALE, max(MIN_SCALE, usable / (LINE_WIDTH_PT * px_per_pt)))

    def _render_html(self, force: bool = False) -> None:
        scale = self.fitting_scale()
        if self.document is None or (not force and abs(scale - self.scale) < 0.01):
            return
        self.scale = scale
        placeholders = self.assembly.placeholders if self.assembly else []
        html_text = document_html(self.document, scale, placeholders, self.browser.viewport().logicalDpiX(),
                                  self._measure_body())
        # The same reply again (checked again, the library's measures changed, F7): nothing to lay out. Laying
        # a ten-page reply out holds the GUI thread 10–25 ms, the longest slice while the clerk types.
        if html_text != self._html:
            scroll = self.browser.verticalScrollBar().value()
            self.browser.setHtml(html_text)
            self._html = html_text
            self._anchors = self._anchor_positions()
            self.browser.verticalScrollBar().setValue(scroll)
        if self._follow is not None:
            self.follow(self._follow)
        self.rendered.emit()

    def _measure_body(self) -> Callable[[str], float]:
        """A line's width in points at 16 pt in the body's font as the browser resolves it."""
        font = QFont()
        font.setFamilies([f.strip(" '") for f in FONT["body"].split(",") if f.strip(" '") != "serif"])
        font.setPointSizeF(BODY_PT)
        metrics = QFontMetricsF(font, self.browser.viewport())
        dpi = self.browser.viewport().logicalDpiX()
        return lambda text: metrics.horizontalAdvance(text) * 72 / dpi

    def _anchor_positions(self) -> dict[int, int]:
        """Block index -> position of its anchor in the browser's text."""
        out: dict[int, int] = {}
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                for name in fragment.charFormat().anchorNames():
                    if name.startswith("b") and name[1:].isdigit():
                        out.setdefault(int(name[1:]), fragment.position())
                it += 1
            block = block.next()
        return out

    def block_of(self, key: TextKey) -> int | None:
        """The block that prints a draft text (for an item, its paragraph's block)."""
        for index, segments in self.sources.items():
            if any(segment.key == key for segment in segments):
                return index
        return None

    def follow(self, key: TextKey | None) -> None:
        """Keep the paragraph being edited in view (scrolled only when it is out of sight)."""
        self._follow = key
        index = self.block_of(key) if key is not None else None
        if index is None or index not in self._anchors:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(self._anchors[index])
        rect = self.browser.cursorRect(cursor)
        height = self.browser.viewport().height()
        if rect.top() < 0 or rect.bottom() > height:
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - height // 5)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self._relayout.start()  # the pane was resized: lay the text out again to 28 characters
        return False

    # -- findings ---------------------------------------------------------------------

    def _check(self, document: ReplyDocument, shown: tuple, placeholders: list[str]) -> None:
        """Re-check off the GUI thread; a result for an older document than the one shown is dropped.
        Findings inside a placeholder's block are left out: they would be about the mark, not the reply."""
        from dafu.checks import check

        marked = {i for i, block in enumerate(document.blocks)
                  if any(mark in block.display_text for mark in placeholders)}

        def run(library):
            return [f for f in check(document, library=library) if f.block not in marked], shown

        if self.worker is None:
            try:
                self._check_done(self._latest_check, run(self.library))
            except DafuError as exc:
                self.summary.setText(str(exc))
            return
        self._latest_check = self.worker.submit(run, replace_pending=True)

    def _check_done(self, job_id: int, result) -> None:
        if job_id == self._latest_check:
            findings, shown = result if isinstance(result, tuple) else (result, self._shown)
            self._show_findings(findings, shown)

    def _check_failed(self, job_id: int, message: str) -> None:
        if job_id == self._latest_check:
            self.summary.setText(message)

    def _show_findings(self, found: list, shown) -> None:
        current = self.findings.currentRow()
        self._shown = shown
        self.findings.clear()
        for finding in found:
            severity = str(getattr(finding.severity, "value", finding.severity))
            fixable = "  ✎" if finding.replacement is not None else ""
            item = QListWidgetItem(f"{SEVERITY_MARK.get(severity, '•')} {finding.message}{fixable}    {finding.excerpt}")
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(finding.message + ("\n" + self.tr("Apply fix puts in: %s") % finding.replacement
                                               if finding.replacement is not None else ""))
            self.findings.addItem(item)
        if 0 <= current < self.findings.count():
            self.findings.setCurrentRow(current)  # "apply fix" again and again walks down the list
        errors = sum(1 for f in found if str(getattr(f.severity, "value", f.severity)) == "error")
        incomplete = self.assembly is not None and not self.assembly.complete
        if not found:
            self.summary.setText(self.tr("No findings in what is written so far") if incomplete
                                 else self.tr("No findings"))
        else:
            self.summary.setText(self.tr("%n finding(s)", "", len(found)) +
                                 (self.tr(", %n error(s)", "", errors) if errors else ""))
        self._update_fix_button()
        self.checked.emit(len(found))

    def shown_findings(self) -> list:
        return [self.findings.item(i).data(FINDING_ROLE) for i in range(self.findings.count())]

    def locate(self, finding) -> TextMatch | None:
        """Where in the draft a listed finding is: the very characters it flags, by their offsets."""
        if self._shown is None or finding.block is None:
            return None
        snapshot, document, sources = self._shown
        place = block_at(document, finding.start)
        if place is None:
            return None
        block, start = place
        return locate(snapshot, document, sources, block, start, start + finding.end - finding.start)

    def _update_fix_button(self) -> None:
        item = self.findings.currentItem()
        finding = item.data(FINDING_ROLE) if item else None
        self.fix_button.setEnabled(finding is not None)
        self.fix_button.setToolTip("" if finding is None or finding.replacement is not None
                                   else self.tr("This finding has no automatic fix: change the text by hand"))

    def _activated(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if finding.block is not None:
            self.browser.scrollToAnchor(f"b{finding.block}")
        self.finding_activated.emit(finding, self.locate(finding))

    def _fix_current(self) -> None:
        item = self.findings.currentItem()
        if item is None:
            return
        finding = item.data(FINDING_ROLE)
        self.fix_requested.emit(finding, self.locate(finding))

    def finding_count(self) -> int:
        return self.findings.count()
