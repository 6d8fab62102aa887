"""A list delegate that draws each item's HTML (highlighted snippets) and sizes rows to fit."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
# Matches are bold on a pale yellow, as a highlighter pen would mark them; the source line is grey.
STYLE = "b { background-color: #fff2a8; } .source { color: #666666; font-size: small; }"
# On a selected row the text is the selection's colour (white on blue), so a match keeps dark text on its
# yellow (white on pale yellow could not be read) and the source line is a light grey.
SELECTED_STYLE = "b { background-color: #fff2a8; color: #000000; } .source { color: #e8e8e8; font-size: small; }"
PADDING = 4
CACHE_SIZE = 400


class HtmlDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        # Laying out rich text is the expensive part of showing results; the view asks for each
        # row's size several times (layout, scrolling, painting), so keep the laid-out documents.
        self._documents: dict[tuple[str, int, str, bool], QTextDocument] = {}

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, selected: bool = False) -> QTextDocument:
        html = index.data(HTML_ROLE) or ""
        width = max(option.rect.width(), 200) - 2 * PADDING
        key = (html, width, option.font.key(), selected)
        document = self._documents.get(key)
        if document is None:
            if len(self._documents) >= CACHE_SIZE:
                self._documents.clear()
            document = QTextDocument()
            document.setDefaultFont(option.font)
            document.setDefaultStyleSheet(SELECTED_STYLE if selected else STYLE)
            document.setDocumentMargin(2)
            document.setHtml(html)
            document.setTextWidth(width)
            self._documents[key] = document
        return document

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        background = QStyleOptionViewItem(option)
        background.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._document(option, index, selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        if selected:
            context.palette.setColor(QPalette.ColorRole.Text,
                                     option.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(option.rect.left() + PADDING, option.rect.top() + 2)
        painter.setClipRect(0, 0, option.rect.width() - PADDING, option.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()) + 2 * PADDING, int(document.size().height()) + 4)
