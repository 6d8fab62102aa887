"""The preview: the reply as it will print, and the checker's findings under it."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter,
                               QTextBrowser, QVBoxLayout, QWidget)

from dafu.draft import Draft
from dafu.errors import DafuError
from dafu.gui.workers import QueryWorker
from dafu.model import BlockKind, ReplyDocument
from dafu.numbering import heading_number, ordinal

FINDING_ROLE = Qt.ItemDataRole.UserRole
# Official names first; the free stand-ins a Linux machine has after them.
FONT = {
    "title": "'方正小标宋简体','方正小标宋_GBK','Noto Serif CJK SC','Source Han Serif SC',serif",
    "body": "'仿宋_GB2312','仿宋','FangSong','Noto Serif CJK SC',serif",
    "h1": "'黑体','SimHei','Noto Sans CJK SC',sans-serif",
    "h2": "'楷体_GB2312','楷体','KaiTi','AR PL UKai CN',serif",
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


def document_html(document: ReplyDocument, scale: float = 1.0) -> str:
    """The reply as HTML in the official fonts and sizes (times ``scale``), each block anchored as b{index}."""
    html_text = _document_html(document)
    if scale != 1.0:
        html_text = re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * scale:.1f}pt", html_text)
    return html_text


def _document_html(document: ReplyDocument) -> str:
    out = [f"<body style=\"font-family:{FONT['body']}; font-size:16pt; color:#000\">"]
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
            out.append(f"<p align='right' style='margin-top:16pt; margin-right:32pt'>{anchor}{text}</p>")
        elif kind is BlockKind.DATE:
            out.append(f"<p align='right' style='margin:0; margin-right:64pt'>{anchor}{text}</p>")
        elif kind is BlockKind.CC:
            out.append(f"<p style='font-size:14pt; margin-top:16pt'>{anchor}{text}</p>")
        elif kind is BlockKind.TABLE:
            rows = "".join("<tr>" + "".join(f"<td style='padding:6px'>{html.escape(c)}</td>" for c in row) + "</tr>"
                           for row in block.rows)
            out.append(f"{anchor}<table border='1' cellspacing='0' width='100%' style='font-size:14pt'>{rows}</table>")
        elif kind in (BlockKind.CLASS_MARK, BlockKind.DOC_NUMBER, BlockKind.SIGNER):
            out.append(f"<p align='right' style='margin:0'>{anchor}{text}</p>")
        elif kind is BlockKind.SPACER:
            out.append("<p>&nbsp;</p>")
        else:
            out.append(f"<p style='margin:0'>{anchor}{text}</p>")
    out.append("</body>")
    return "".join(out)


def block_keys(draft: Draft, document: ReplyDocument) -> dict[int, tuple]:
    """Which outline item (or form value) each block of the document came from."""
    wanted: list[tuple[str, tuple]] = []
    for index, paragraph in enumerate(draft.intro):
        wanted.append((paragraph.rendered(), ("paragraph", (), index)))

    def visit(sections, prefix, level):
        for i, section in enumerate(sections):
            path = prefix + (i,)
            wanted.append((heading_number(level, i + 1) + section.heading, ("section", path)))
            for index, paragraph in enumerate(section.paragraphs):
                prefix_text = ordinal(index + 1) if section.enumerate else ""
                wanted.append((prefix_text + paragraph.rendered(), ("paragraph", path, index)))
            visit(section.sections, path, level + 1)

    visit(draft.sections, (), 1)
    for name, value in draft.values.items():
        if isinstance(value, str) and len(value) > 8:
            wanted.append((value, ("value", name)))
    keys: dict[int, tuple] = {}
    used: set[int] = set()
    for text, key in wanted:
        for i, block in enumerate(document.blocks):
            if i not in used and block.display_text == text:
                keys[i] = key
                used.add(i)
                break
    return keys


class PreviewPanel(QWidget):
    finding_activated = Signal(object, object)   # Finding, outline key (or None)
    fix_requested = Signal(object, object)       # Finding, outline key
    checked = Signal(int)                        # findings shown for the latest document

    def __init__(self, templates, parent: QWidget | None = None):
        super().__init__(parent)
        self.templates = templates
        self.draft: Draft | None = None
        self.document: ReplyDocument | None = None
        self.keys: dict[int, tuple] = {}
        self.library = None
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#b00020")
        self.error_label.hide()
        self.findings = QListWidget()
        self.findings.itemActivated.connect(self._activated)
        self.findings.itemClicked.connect(self._activated)
        self.summary = QLabel()
        self.fix_button = QPushButton(self.tr("Apply fix"))
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

    def schedule(self, draft: Draft) -> None:
        """Update soon: typing restarts the timer, so a burst of keys costs one render and check."""
        self.draft = draft
        self._timer.start()

    def update_now(self) -> None:
        self._timer.stop()
        if self.draft is None:
            return
        from dafu.templates import assemble

        try:
            document = assemble(self.draft, self.templates)
        except DafuError as exc:
            self.error_label.setText(self.tr("Cannot lay out the reply yet: %s") % exc)
            self.error_label.show()
            return
        self.error_label.hide()
        self.document = document
        self._render_html(force=True)
        self.keys = block_keys(self.draft, document)
        self._check(document)

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
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(document_html(self.document, scale))
        self.browser.verticalScrollBar().setValue(scroll)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self._relayout.start()  # the pane was resized: lay the text out again to 28 characters
        return False

    def _check(self, document: ReplyDocument) -> None:
        """Re-check off the GUI thread; a result for an older document than the one shown is dropped."""
        from dafu.checks import check

        if self.worker is None:
            try:
                self._show_findings(check(document, library=self.library))
            except DafuError as exc:
                self.summary.setText(str(exc))
            return
        self._latest_check = self.worker.submit(lambda library: check(document, library=library),
                                                replace_pending=True)

    def _check_done(self, job_id: int, findings: list) -> None:
        if job_id == self._latest_check:
            self._show_findings(findings)

    def _check_failed(self, job_id: int, message: str) -> None:
        if job_id == self._latest_check:
            self.summary.setText(message)

    def _show_findings(self, found: list) -> None:
        current = self.findings.currentRow()
        self.findings.clear()
        for finding in found:
            severity = str(getattr(finding.severity, "value", finding.severity))
            item = QListWidgetItem(f"{SEVERITY_MARK.get(severity, '•')} {finding.message}    {finding.excerpt}")
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(finding.rule)
            self.findings.addItem(item)
        if 0 <= current < self.findings.count():
            self.findings.setCurrentRow(current)  # "apply fix" again and again walks down the list
        self.summary.setText(self.tr("No findings") if not found else self.tr("%n finding(s)", "", len(found)))
        self.checked.emit(len(found))

    def _activated(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if finding.block is not None:
            self.browser.scrollToAnchor(f"b{finding.block}")
        self.finding_activated.emit(finding, self.keys.get(finding.block))

    def _fix_current(self) -> None:
        item = self.findings.currentItem()
        if item is None:
            return
        finding = item.data(FINDING_ROLE)
        if finding.replacement is not None:
            self.fix_requested.emit(finding, self.keys.get(finding.block))

    def finding_count(self) -> int:
        return self.findings.count()
