"""Filing old replies: each file parsed, split into paragraphs and measures, in its own transaction.

Import is a generator yielding one result per file, so a command line can print
progress and a GUI worker can report it and stop between files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from dafu.errors import DafuError, ImportFileError, ServerUnavailable
from dafu.library import index
from dafu.library.engines.base import Database
from dafu.library.measures import extract_measures
from dafu.library.records import ImportResult
from dafu.model import BlockKind, ReplyDocument
from dafu.reading import SUPPORTED, meeting_of, not_a_reply, read_file, read_raw, read_text, reading_of, suggestion_title_of
from dafu.reading.explain import ExplainedLine, explained_lines, format_lines
from dafu.reading.formats import file_lines

log = logging.getLogger(__name__)

Cancel = Callable[[], bool]


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files to import: the files given, and the reply files inside folders given (sorted).

    Word's lock files (~$…) and hidden files are passed over; so is a second copy
    of the same reply converted to another format, which import would skip anyway.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted((p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED
                                 and not p.name.startswith(("~$", ".")) and p.is_file()), key=display_name))
        else:
            found.append(path)
    return found


def display_name(path: str | Path) -> str:
    """The file's name as a clerk would read it, safe to print and store.

    A name that is not valid UTF-8 (a zip made on Chinese Windows, unpacked on
    Linux, keeps its GBK bytes) reaches Python as lone surrogates, which can be
    neither printed nor stored; its bytes are read as GB18030 instead, and
    whatever still does not decode is shown as \\x escapes.
    """
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        raw = os.fsencode(text)
    parts = []
    for chunk in raw.split(b"/"):
        try:
            parts.append(chunk.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                parts.append(chunk.decode("gb18030"))
            except UnicodeDecodeError:
                parts.append(chunk.decode("utf-8", "backslashreplace"))
    return "/".join(parts)


def text_hash(text: str) -> str:
    """Paragraph identity across replies: whitespace and width variants don't make a new paragraph."""
    normal = re.sub(r"\s+", "", text)
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


class Batch:
    """One run of import: the replies it added can later be removed together.

    The batch row is written with the first reply it stores (in that reply's
    transaction), so an import that adds nothing leaves no empty batch behind.
    """

    def __init__(self, label: str):
        self.label = label
        self.id: int | None = None

    def ensure(self, db: Database) -> int:
        if self.id is not None:
            return self.id
        return db.insert("INSERT INTO import_batches (started_at, label) VALUES (?, ?)",
                         [dt.datetime.now().isoformat(timespec="seconds"), self.label])


def batch_label(files: list[Path], given: Iterable[str | Path]) -> str:
    names = [str(p) for p in given]
    label = "、".join(names[:3]) + (f" 等 {len(names)} 处" if len(names) > 3 else "")
    return f"{label}（{len(files)} 个文件）"


def iter_import(db: Database, paths: Iterable[str | Path], *,
                cancel: Cancel | None = None, batch: Batch | None = None) -> Iterator[tuple[int, int, ImportResult]]:
    """Yield (done, total, result) per file; stops between files when ``cancel()`` is true."""
    paths = list(paths)
    files = find_files(paths)
    total = len(files)
    if batch is None:
        batch = Batch(batch_label(files, paths))
    for done, path in enumerate(files, 1):
        if cancel is not None and cancel():
            return
        try:
            result = import_file(db, path, batch=batch)
        except db.errors as exc:
            error = db.library_error(exc)
            if not isinstance(error, ServerUnavailable):
                raise
            # The server went away and did not come back in time: this file and the rest are
            # reported as not imported (nothing of them was written), and the import stops.
            for late, rest in enumerate(files[done - 1:], done):
                yield late, total, ImportResult(display_name(rest), False, error=f"未导入：{error.message}")
            return
        yield done, total, result


def read_for_import(path: Path) -> tuple[bytes, ReplyDocument]:
    """(bytes, document) of one file. Any failure is this file's alone: it comes back as ImportFileError.

    A DafuError names what is wrong; anything else is a bug met on this file's
    contents — logged with its traceback, reported in one line, and the import
    goes on with the next file.
    """
    name = display_name(path)
    try:
        raw = read_raw(path)
        return raw, read_file(path, raw).document
    except DafuError as exc:
        raise ImportFileError(exc.message, path=name) from None
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - one bad file must not stop the others
        log.error("reading %s failed", name, exc_info=True)
        raise ImportFileError(f"读取时出错，已跳过（{type(exc).__name__}: {str(exc)[:120]}）", path=name) from None


def import_file(db: Database, path: Path, *, batch: Batch | None = None) -> ImportResult:
    name = display_name(path)
    try:
        raw, document = read_for_import(path)
    except ImportFileError as exc:
        return ImportResult(name, False, error=exc.message)
    digest = hashlib.sha256(raw).hexdigest()
    existing = db.read(lambda: db.one("SELECT id FROM replies WHERE source_hash = ?", [digest]))
    fields = recognised_fields(name, document)
    if existing:
        return ImportResult(name, True, reply_id=existing[0], skipped=True, fields=fields)
    batch = batch or Batch(name)

    def store() -> tuple[int, int | None, bool]:
        # Inside the write transaction: another process importing the same file may have filed it meanwhile.
        existing = db.one("SELECT id FROM replies WHERE source_hash = ?", [digest])
        if existing:
            return existing[0], None, True
        batch_id = batch.ensure(db)
        with index.batch(db):   # the reply's new paragraphs go into the search index together
            return _store_reply(db, name, digest, document, batch_id), batch_id, False

    reply_id, batch_id, skipped = db.write(store)
    if skipped:
        return ImportResult(name, True, reply_id=reply_id, skipped=True, fields=fields)
    batch.id = batch_id
    return ImportResult(name, True, reply_id=reply_id, fields=fields, batch_id=batch_id)


@dataclass
class Explained:
    """How one file was read, line by line (``dafu import --explain``); nothing is stored."""

    file: str
    lines: list[ExplainedLine] = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    error: str | None = None

    def text_rows(self) -> list[str]:
        return format_lines(self.lines)

    def to_json(self) -> dict:
        data: dict = {"file": self.file, "lines": [line.to_json() for line in self.lines]}
        if self.error:
            data["error"] = self.error
        else:
            data["fields"] = self.fields
        return data


def explain_files(paths: Iterable[str | Path]) -> Iterator[Explained]:
    for path in find_files(paths):
        name = display_name(path)
        try:
            reading = reading_of("\n".join(file_lines(path)))
        except DafuError as exc:
            yield Explained(name, error=exc.message)
            continue
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - as in import: the next file still gets read
            log.error("reading %s failed", name, exc_info=True)
            yield Explained(name, error=f"读取时出错（{type(exc).__name__}）")
            continue
        yield Explained(name, explained_lines(reading.lines), recognised_fields(name, reading.document),
                        error=not_a_reply(reading))


def recognised_fields(path: str | Path, document: ReplyDocument) -> dict:
    meta = document.meta
    salutation = document.first(BlockKind.SALUTATION)
    return {
        "file": str(path),
        "title": meta.title or None,
        "number": meta.number or None,
        "salutation": salutation.text if salutation else None,
        "issuing_body": meta.issuing_body or None,
        "date": meta.date.isoformat() if meta.date else None,
        "contact_person": meta.contact_person or None,
        "contact_phone": meta.contact_phone or None,
    }


def _store_reply(db: Database, path: str | Path, digest: str, document: ReplyDocument,
                 batch_id: int | None = None) -> int:
    meta = document.meta
    salutation = document.first(BlockKind.SALUTATION)
    cc = document.first(BlockKind.CC)
    mark = document.first(BlockKind.CLASS_MARK)
    reply_id = db.insert(
        "INSERT INTO replies (title, kind, meeting, number, suggestion_title, salutation, deputies, issuing_body,"
        " date, contact_person, contact_phone, result_class, cc, source_file, source_hash, imported_at, batch_id)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [meta.title, meta.kind, meeting_of(meta.title), meta.number, suggestion_title_of(meta.title),
         salutation.text if salutation else None, _deputies(salutation.text if salutation else ""),
         meta.issuing_body, meta.date.isoformat() if meta.date else None, meta.contact_person,
         meta.contact_phone, _result_class(mark.text) if mark else None, cc.text if cc else None,
         str(path), digest, dt.datetime.now().isoformat(timespec="seconds"), batch_id])
    section: list[str] = []
    uses = []
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            del section[block.level - 1:]
            section.extend([""] * (block.level - 1 - len(section)))
            section.append(block.number)
            continue
        if block.kind not in (BlockKind.PARAGRAPH, BlockKind.CLOSING) or len(block.text) < 2:
            continue
        uses.append((block.text, block.role or "other", "/".join(s for s in section if s)))
    # Paragraphs and measures are written in the order of their hashes and keys, so two imports
    # sharing paragraphs lock them in the same order (on a server: no deadlock between them).
    hashes = [text_hash(text) for text, _role, _section in uses]
    counts = Counter(hashes)
    first = {}
    for digest_, (text, role, _section) in zip(hashes, uses):
        first.setdefault(digest_, (text, role))
    ids = {digest_: upsert_paragraph(db, *first[digest_], count=counts[digest_]) for digest_ in sorted(counts)}
    db.executemany("INSERT INTO reply_paragraphs (reply_id, position, paragraph_id, section_path, role)"
                   " VALUES (?,?,?,?,?)", [(reply_id, position, ids[digest_], section, role)
                                          for position, (digest_, (_text, role, section)) in enumerate(zip(hashes, uses))])
    citations = {}
    for digest_, (text, _role, _section) in zip(hashes, uses):
        for citation in extract_measures(text):
            citations.setdefault(citation.key, (citation, set()))[1].add(ids[digest_])
    for key in sorted(citations):
        citation, paragraph_ids = citations[key]
        measure_id = _upsert_measure(db, citation)
        db.executemany("INSERT INTO measure_citations (measure_id, paragraph_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                       [(measure_id, pid) for pid in sorted(paragraph_ids)])
    return reply_id


def upsert_paragraph(db: Database, text: str, role: str, count: int = 1) -> int:
    """The paragraph's id, adding it (used ``count`` times) or adding ``count`` to its uses."""
    digest = text_hash(text)
    while True:
        row = db.one("SELECT id FROM paragraphs WHERE text_hash = ?", [digest])
        if row:
            if index.reuse(db, row[0], +count):
                return row[0]
            continue             # removed by another client between the two reads: add it again
        paragraph_id = db.scalar("INSERT INTO paragraphs (text_hash, text, role, usage_count) VALUES (?,?,?,?)"
                                 " ON CONFLICT (text_hash) DO NOTHING RETURNING id", [digest, text, role, count])
        if paragraph_id is not None:
            index.add(db, paragraph_id, text, count)
            return paragraph_id
        # another client added it meanwhile (on a server): use theirs


def _upsert_measure(db: Database, citation) -> int:
    row = db.one("SELECT id FROM measures WHERE key = ?", [citation.key])
    if row:
        return row[0]
    measure_id = db.scalar(
        "INSERT INTO measures (key, policy, policy_year, item, text, rate_percent, rate_base, rate_kind, cap_yuan,"
        " one_off) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (key) DO NOTHING RETURNING id",
        [citation.key, citation.policy, citation.policy_year, citation.item, citation.text, citation.rate_percent,
         citation.rate_base, citation.rate_kind, citation.cap_yuan, int(citation.one_off)])
    if measure_id is None:         # another import added it meanwhile (on a server)
        measure_id = db.scalar("SELECT id FROM measures WHERE key = ?", [citation.key])
    return measure_id


def _deputies(salutation: str) -> str | None:
    text = re.sub(r"^尊敬的|[:：]$", "", salutation)
    return text or None


def _result_class(text: str) -> str | None:
    m = re.search(r"[A-D甲乙丙丁]", text)
    return m.group(0) if m else None


def read_for_similar(path: Path) -> str:
    """The text of a suggestion file given to `dafu similar`."""
    return read_text(path)
