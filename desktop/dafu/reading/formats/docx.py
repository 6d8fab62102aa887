""".docx: the text of the body, its tables and text boxes, and of the headers and footers.

Read straight from the package with lxml, not through python-docx: the reader
needs only the text, in order, and a file from an unknown machine must not be
able to cost more than a bounded amount of memory. So:

- every part is inflated through a counter and refused past ``MAX_PART_BYTES``
  (a zip bomb is stopped after a few MiB of work, whatever its headers claim);
- the main part is parsed incrementally, one top-level block at a time, each
  cleared when its text is taken, so memory follows the largest paragraph or
  table, not the file;
- no DTD is loaded, no entity resolved, nothing fetched; comments and
  processing instructions are dropped by the parser.

Headers come first (the 文号 and 类别 often sit in a header table), then the
body, then the footers (a contact line may sit there); a header or footer that
repeats (first page, odd, even) is given once.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

from lxml import etree

from dafu.errors import ImportFileError
from dafu.reading.formats.docx_numbering import Numbering

MAX_PART_BYTES = 32 * 2**20      # inflated size of one XML part; a long reply's document.xml is < 1 MiB
MAX_PARTS_BYTES = 64 * 2**20     # all parts read from one file together
MAX_TEXT_CHARS = 4_000_000       # text taken from one file (a reply holds ~10,000 characters)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_T, _TAB, _BR, _CR, _P, _TBL, _TR, _TC = (_W + n for n in ("t", "tab", "br", "cr", "p", "tbl", "tr", "tc"))
_TXBX = _W + "txbxContent"
# the elements an incremental parse stops at: the body itself and what can stand in it
_BLOCK_TAGS = (_W + "body", _P, _TBL, _W + "sdt", _W + "customXml")
_SKIPPED = {_W + n for n in ("del", "moveFrom", "instrText", "delText", "rPr", "pPr", "tblPr", "trPr", "tcPr",
                             "sectPr", "fldChar", "footnoteReference", "endnoteReference", "commentReference")}
_SKIPPED.add(_MC + "Fallback")  # the same text box again, in VML


def docx_lines(raw: bytes, path: str | Path) -> list[str]:
    """The document's lines: headers, body (table rows as tab-separated cells), footers."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        raise ImportFileError(f"文件已损坏（corrupt .docx: {exc}）", path=path) from None
    try:
        with archive:
            reader = _PartReader(archive, path)
            main = reader.main_part()
            related = reader.related(main)
            headers, footers = reader.header_footer_parts(related)
            numbering = reader.numbering(related)
            lines: list[str] = []
            seen: set[tuple[str, ...]] = set()
            for part in headers:
                _add_once(lines, seen, list(reader.lines(part, body=False)))
            lines.extend(reader.lines(main, body=True, numbering=numbering))
            for part in footers:
                _add_once(lines, seen, list(reader.lines(part, body=False)))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        # A damaged member shows only when it is inflated (bad deflate data, CRC mismatch, a
        # compression method zipfile lacks), well after the zip's directory read fine.
        raise ImportFileError(f"文件已损坏（corrupt .docx: {type(exc).__name__}: {exc}）", path=path) from None
    return lines


def _add_once(lines: list[str], seen: set[tuple[str, ...]], new: list[str]) -> None:
    key = tuple(line.strip() for line in new if line.strip())
    if key and key not in seen:
        seen.add(key)
        lines.extend(new)


class _PartReader:
    def __init__(self, archive: zipfile.ZipFile, path: str | Path):
        self.archive = archive
        self.path = path
        self.names = set(archive.namelist())
        self.budget = MAX_PARTS_BYTES
        self.chars = 0

    # -- which parts ----------------------------------------------------------------

    def main_part(self) -> str:
        target = None
        if "_rels/.rels" in self.names:
            for rel in self._relationships("_rels/.rels"):
                if rel[0].endswith(_OFFICE_DOCUMENT) and rel[1].lstrip("/") in self.names:
                    target = rel[1].lstrip("/")
                    break
        target = target or ("word/document.xml" if "word/document.xml" in self.names else None)
        if target is None:
            raise ImportFileError("不是 Word 文档（no word/document.xml）", path=self.path)
        return target

    @staticmethod
    def header_footer_parts(related: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
        return ([part for kind, part in related if kind.endswith("/header")],
                [part for kind, part in related if kind.endswith("/footer")])

    def numbering(self, related: list[tuple[str, str]]) -> Numbering:
        """Word's list numbering and the styles that carry it (parsed when a paragraph first needs them)."""
        parts: dict[str, str] = {}
        for kind, part in related:
            parts.setdefault(kind.rsplit("/", 1)[-1], part)
        if "numbering" not in parts:
            return Numbering()
        styles = parts.get("styles")
        return Numbering(lambda: self._parse_small(parts["numbering"]),
                         (lambda: self._parse_small(styles)) if styles else None)

    def related(self, main: str) -> list[tuple[str, str]]:
        """(relationship type, part name) of the main part's related parts that are in the package."""
        folder, name = posixpath.split(main)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return []
        related = []
        for kind, target in self._relationships(rels):
            part = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
            if part in self.names:
                related.append((kind, part))
        return related

    def _relationships(self, part: str) -> list[tuple[str, str]]:
        root = self._parse_small(part)
        return [(rel.get("Type", ""), rel.get("Target", "")) for rel in root.iter(_REL + "Relationship")
                if rel.get("TargetMode") != "External"]

    # -- reading, bounded -----------------------------------------------------------

    def _open(self, part: str) -> "_BoundedStream":
        info = self.archive.getinfo(part)
        limit = min(MAX_PART_BYTES, self.budget)
        if info.file_size > limit:
            raise self._too_large(part, info.file_size)
        return _BoundedStream(self.archive.open(info), limit, lambda size: self._too_large(part, size))

    def _too_large(self, part: str, size: int) -> ImportFileError:
        return ImportFileError(f"文件过大或已损坏：{part} 解压后超过 {min(MAX_PART_BYTES, self.budget) // 2**20} MiB"
                               f"（part inflates to {size // 2**20} MiB or more; refused as a possible zip bomb）",
                               path=self.path)

    def _parse_small(self, part: str):
        with self._open(part) as stream:
            data = stream.read()
        self.budget -= len(data)
        try:
            return etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise ImportFileError(f"文件已损坏（corrupt .docx: {part}: {exc}）", path=self.path) from None

    def lines(self, part: str, *, body: bool, numbering: Numbering | None = None) -> Iterator[str]:
        """Lines of a part, parsed one top-level block at a time."""
        stream = self._open(part)
        container = _W + "body" if body else None
        found_container = False
        try:
            events = etree.iterparse(stream, events=("end",), tag=_BLOCK_TAGS, resolve_entities=False, no_network=True,
                                     load_dtd=False, remove_comments=True, remove_pis=True, huge_tree=False)
            for _, element in events:
                parent = element.getparent()
                if parent is None:
                    continue
                if body and element.tag == container:
                    found_container = True
                    continue
                top_level = parent.tag == container if body else parent.getparent() is None
                if not top_level:
                    continue
                for line in _block_lines(element, numbering):
                    self.chars += len(line)
                    if self.chars > MAX_TEXT_CHARS:
                        raise ImportFileError(f"文字过多（more than {MAX_TEXT_CHARS:,} characters）；不像是一份答复",
                                              path=self.path)
                    yield line
                element.clear()
                while element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            message = str(exc)
            if "huge" in message.lower() or "too long" in message.lower():
                raise ImportFileError("段落过长，无法读取（a text node over 10 MB）", path=self.path) from None
            raise ImportFileError(f"文件已损坏（corrupt .docx: {part}: {message}）", path=self.path) from None
        finally:
            self.budget -= stream.count
            stream.close()
        if body and not found_container:
            raise ImportFileError("不是 Word 文档正文（document.xml has no w:body）", path=self.path)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                           remove_pis=True, huge_tree=False)


class _BoundedStream(io.RawIOBase):
    """A part's inflated bytes, refused past a limit whatever the zip's headers said."""

    def __init__(self, source, limit: int, error):
        self.source = source
        self.limit = limit
        self.error = error
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.source.read(min(len(buffer), 1 << 16))
        self.count += len(data)
        if self.count > self.limit:
            raise self.error(self.count)
        buffer[:len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            chunks = []
            while chunk := self.read(1 << 16):
                chunks.append(chunk)
            return b"".join(chunks)
        data = self.source.read(size)
        self.count += len(data)
        if self.count > self.limit:
            raise self.error(self.count)
        return data

    def close(self) -> None:
        self.source.close()
        super().close()


# -- text of one block ----------------------------------------------------------------


def _block_lines(element, numbering: Numbering | None = None) -> list[str]:
    tag = element.tag
    if tag == _P:
        return _paragraph_lines(element, numbering)
    if tag == _TBL:
        return _table_lines(element, numbering)
    if not isinstance(tag, str) or tag in _SKIPPED:
        return []
    # content controls, custom XML, smart tags: their children are paragraphs and tables
    out: list[str] = []
    for child in element:
        out.extend(_block_lines(child, numbering))
    return out


def _paragraph_lines(p, numbering: Numbering | None = None) -> list[str]:
    """The paragraph's text (a manual line break starts a new line) after the number Word shows before
    it; its text boxes' lines before it."""
    boxes: list[str] = []
    parts: list[str] = [numbering.label(p)] if numbering is not None else []
    _collect(p, parts, boxes, numbering)
    text = "".join(parts)
    return boxes + text.split("\n")


def _collect(element, parts: list[str], boxes: list[str], numbering: Numbering | None = None) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _T:
            parts.append(child.text or "")
            # an unresolved entity reference is a child node; the text after it is its tail
            parts.extend(sub.tail or "" for sub in child)
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR or tag == _CR:
            if child.get(_W + "type") in (None, "textWrapping"):
                parts.append("\n")
        elif tag == _TXBX:
            for block in child:
                boxes.extend(_block_lines(block, numbering))
        elif tag == _MC + "AlternateContent":
            choice = next((c for c in child if c.tag == _MC + "Choice"), None)
            if choice is not None:
                _collect(choice, parts, boxes, numbering)
        else:
            _collect(child, parts, boxes, numbering)


def _table_lines(table, numbering: Numbering | None = None) -> list[str]:
    out: list[str] = []
    for row in table:
        if row.tag != _TR:
            if row.tag in (_W + "sdt", _W + "customXml"):
                out.extend(_table_lines(row.find(_W + "sdtContent") if row.tag == _W + "sdt" else row, numbering) or [])
            continue
        cells: list[str] = []
        extra: list[str] = []
        for cell in row.iter(_TC):
            if cell.getparent() is not row and cell.getparent().getparent() is not row:
                continue  # a nested table's cell: read with its own table below
            lines: list[str] = []
            for block in cell:
                if block.tag == _TBL:
                    extra.extend(_table_lines(block, numbering))
                else:
                    lines.extend(_block_lines(block, numbering))
            cells.append(" ".join(line.strip() for line in lines if line.strip()))
        if any(cells):
            out.append("\t".join(cells))
        out.extend(extra)
    return out
