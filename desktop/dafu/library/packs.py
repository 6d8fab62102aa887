"""Library packs: part of a library in one file, to send to a colleague or carry on a USB stick.

A pack (``*.dafupack``) is a zip of JSON Lines — readable by any engine and by a
person with an unzip tool:

    manifest.json    format, when and from what it was made, the filters, counts
    replies.jsonl    one reply per line: its fields, source hash, tags, and its
                     paragraph uses (position, section, role, paragraph hash)
    paragraphs.jsonl one paragraph per line: hash, text, role, tags
    measures.jsonl   one measure per line: key, figures, validity, the key of the
                     measure superseding it, the hashes of the paragraphs citing it

Merging brings a pack in the way import brings a file in: a reply already present
(same source hash) is counted as already there; a paragraph is matched by its
text hash, so uses add up and nothing is doubled; a measure is matched by its
key, and one whose figures or validity differ from the library's is a conflict
that the clerk resolves (keep mine, take the pack's). Merging the same pack twice
changes nothing. Each reply lands in its own transaction (as in import), so a
cancelled merge leaves whole replies, and running it again completes it.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Literal

from dafu.errors import LibraryError
from dafu.export.atomic import atomic_write
from dafu.library import importer, index
from dafu.library.engines.base import Database

FORMAT = "dafu-pack"
FORMAT_VERSION = 1
SUFFIX = ".dafupack"
# A pack is read into memory member by member; these bound what a damaged or hostile
# file can make us inflate.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 16

MEASURE_FIELDS = ("policy", "policy_year", "item", "text", "rate_percent", "rate_base", "rate_kind", "cap_yuan",
                  "one_off", "valid_from", "valid_to")
REPLY_FIELDS = ("title", "kind", "meeting", "number", "suggestion_title", "salutation", "deputies", "issuing_body",
                "date", "contact_person", "contact_phone", "result_class", "cc", "source_file", "source_hash",
                "imported_at")

Prefer = Literal["pack", "mine"]
Cancel = Callable[[], bool]


class PackError(LibraryError):
    """A pack file that cannot be written, or read as a Dafu pack."""


@dataclass(frozen=True)
class PackFilters:
    """Which replies go into a pack; measures follow the paragraphs that cite them."""
    year: int | None = None
    issuing_body: str | None = None
    tag: str | None = None
    kind: str | None = None
    since: str | None = None     # replies dated on or after this ISO date

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class MeasureConflict:
    """A measure both sides hold under one key, with different figures or validity."""
    key: str
    label: str                          # policy and item, for a clerk to recognise it
    mine: dict[str, Any]
    pack: dict[str, Any]

    @property
    def differences(self) -> list[str]:
        return [name for name in (*MEASURE_FIELDS, "superseded_by") if self.mine.get(name) != self.pack.get(name)]

    def to_json(self) -> dict:
        return {"key": self.key, "label": self.label, "differences": self.differences,
                "mine": self.mine, "pack": self.pack}


@dataclass
class PackSummary:
    path: str
    created_at: str
    source: str
    filters: dict
    replies: int
    paragraphs: int
    measures: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class MergeReport:
    replies_added: int = 0
    replies_present: int = 0
    paragraphs_added: int = 0
    measures_added: int = 0
    measures_updated: int = 0
    conflicts: list[MeasureConflict] = field(default_factory=list)   # not resolved: the library's kept
    resolved: list[tuple[str, str]] = field(default_factory=list)    # (key, "pack"|"mine")
    batch_id: int | None = None
    cancelled: bool = False

    def to_json(self) -> dict:
        data = asdict(self)
        data["conflicts"] = [c.to_json() for c in self.conflicts]
        return data


@dataclass
class ExportReport:
    path: str
    replies: int = 0
    paragraphs: int = 0
    measures: int = 0
    cancelled: bool = False

    def to_json(self) -> dict:
        return asdict(self)


# -- writing -----------------------------------------------------------------------


def iter_export(db: Database, path: str | Path, filters: PackFilters = PackFilters(), *,
                source: str = "", cancel: Cancel | None = None) -> Iterator[tuple[int, int, ExportReport]]:
    """Write a pack; yields (done, total, report) as replies are gathered. Written whole or not at all."""
    path = Path(path)
    reply_ids = _selected_replies(db, filters)
    report = ExportReport(str(path))
    replies, paragraph_ids = [], set()
    total = len(reply_ids)
    for done, reply_id in enumerate(reply_ids, 1):
        if cancel is not None and cancel():
            report.cancelled = True
            yield done - 1, total, report
            return
        reply = _reply_record(db, reply_id)
        paragraph_ids.update(use.pop("paragraph_id") for use in reply["paragraphs"])
        replies.append(reply)
        if done % 50 == 0 or done == total:
            yield done, total, report
    paragraphs = _paragraph_records(db, sorted(paragraph_ids))
    measures = _measure_records(db, sorted(paragraph_ids), everything=not filters.to_json())
    manifest = {
        "format": FORMAT, "version": FORMAT_VERSION,
        "created_at": dt.datetime.now().isoformat(timespec="seconds"), "source": source,
        "filters": filters.to_json(),
        "counts": {"replies": len(replies), "paragraphs": len(paragraphs), "measures": len(measures)},
    }

    def write(stream: io.BufferedIOBase) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, records in (("replies", replies), ("paragraphs", paragraphs), ("measures", measures)):
                archive.writestr(f"{name}.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))

    try:
        atomic_write(path, write)
    except LibraryError:
        raise
    except Exception as exc:  # ExportError from atomic_write names the reason and the file
        raise PackError(getattr(exc, "message", str(exc)), path=path) from None
    report.replies, report.paragraphs, report.measures = len(replies), len(paragraphs), len(measures)
    yield total, total, report


def _selected_replies(db: Database, filters: PackFilters) -> list[int]:
    clauses, params = [], []
    if filters.year:
        clauses.append("substr(r.date, 1, 4) = ?")
        params.append(str(filters.year))
    if filters.issuing_body:
        clauses.append("r.issuing_body = ?")
        params.append(filters.issuing_body)
    if filters.kind:
        clauses.append("r.kind = ?")
        params.append(filters.kind)
    if filters.since:
        clauses.append("r.date >= ?")
        params.append(filters.since)
    if filters.tag:
        clauses.append("(r.id IN (SELECT rt.reply_id FROM reply_tags rt JOIN tags t ON t.id = rt.tag_id WHERE t.name = ?)"
                       " OR r.id IN (SELECT rp.reply_id FROM reply_paragraphs rp JOIN paragraph_tags pt"
                       " ON pt.paragraph_id = rp.paragraph_id JOIN tags t ON t.id = pt.tag_id WHERE t.name = ?))")
        params.extend([filters.tag, filters.tag])
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return [row[0] for row in db.execute(f"SELECT r.id FROM replies r{where} ORDER BY r.id", params)]


def _reply_record(db: Database, reply_id: int) -> dict:
    row = db.execute(f"SELECT {', '.join(REPLY_FIELDS)} FROM replies WHERE id = ?", [reply_id]).fetchone()
    record = dict(zip(REPLY_FIELDS, row))
    record["tags"] = [r[0] for r in db.execute(
        "SELECT t.name FROM reply_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.reply_id = ? ORDER BY t.name",
        [reply_id])]
    record["paragraphs"] = [
        {"position": pos, "section_path": section, "role": role, "hash": text_hash, "paragraph_id": pid}
        for pos, section, role, text_hash, pid in db.execute(
            "SELECT rp.position, rp.section_path, rp.role, p.text_hash, p.id FROM reply_paragraphs rp"
            " JOIN paragraphs p ON p.id = rp.paragraph_id WHERE rp.reply_id = ? ORDER BY rp.position", [reply_id])]
    return record


def _paragraph_records(db: Database, ids: list[int]) -> list[dict]:
    tags: dict[int, list[str]] = {}
    for pid, name in db.execute("SELECT pt.paragraph_id, t.name FROM paragraph_tags pt JOIN tags t ON t.id = pt.tag_id"
                                " ORDER BY t.name"):
        tags.setdefault(pid, []).append(name)
    out = []
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for pid, text_hash, text, role in db.execute(
                f"SELECT id, text_hash, text, role FROM paragraphs WHERE id IN ({marks}) ORDER BY id", chunk):
            out.append({"hash": text_hash, "text": text, "role": role, "tags": tags.get(pid, [])})
    return out


def _measure_records(db: Database, paragraph_ids: list[int], *, everything: bool) -> list[dict]:
    """The measures the pack's paragraphs cite, those superseding them, and those entered by hand."""
    rows = {row["id"]: row for row in db.query(
        f"SELECT m.id, m.key, {', '.join('m.' + f for f in MEASURE_FIELDS)}, s.key AS superseded_by"
        " FROM measures m LEFT JOIN measures s ON s.id = m.superseded_by")}
    citing: dict[int, list[str]] = {}
    for mid, text_hash in db.execute("SELECT mc.measure_id, p.text_hash FROM measure_citations mc"
                                     " JOIN paragraphs p ON p.id = mc.paragraph_id ORDER BY p.text_hash"):
        citing.setdefault(mid, []).append(text_hash)
    if everything:
        chosen = set(rows)
    else:
        chosen = {mid for mid, row in rows.items() if row["key"].startswith("manual|")}
        for chunk in _chunks(paragraph_ids, 500):
            marks = ",".join("?" * len(chunk))
            chosen.update(r[0] for r in db.execute(
                f"SELECT DISTINCT measure_id FROM measure_citations WHERE paragraph_id IN ({marks})", chunk))
        by_key = {row["key"]: mid for mid, row in rows.items()}
        frontier = list(chosen)
        while frontier:  # follow supersession so a pack never cites a newer measure it lacks
            successor = rows[frontier.pop()]["superseded_by"]
            if successor and by_key.get(successor) not in chosen:
                chosen.add(by_key[successor])
                frontier.append(by_key[successor])
    out = []
    for mid in sorted(chosen):
        row = dict(rows[mid])
        row.pop("id")
        row["one_off"] = bool(row["one_off"])
        row["cited_by"] = citing.get(mid, [])
        out.append(row)
    return out


# -- reading -----------------------------------------------------------------------


@dataclass
class Pack:
    manifest: dict
    replies: list[dict]
    paragraphs: list[dict]
    measures: list[dict]


def read_pack(path: str | Path) -> Pack:
    """Read and validate a pack; a damaged or foreign file is a PackError naming it."""
    path = Path(path)
    if not path.is_file():
        raise PackError("资料包不存在或不是普通文件（pack not found）", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise PackError("不是 Dafu 资料包（too many members）", path=path)
            members = {}
            for info in infos:
                if info.file_size > MAX_MEMBER_BYTES:
                    raise PackError(f"资料包中的 {info.filename} 过大（member too large）", path=path)
                with archive.open(info) as stream:
                    data = stream.read(MAX_MEMBER_BYTES + 1)
                if len(data) > MAX_MEMBER_BYTES:
                    raise PackError(f"资料包中的 {info.filename} 过大（member too large）", path=path)
                members[info.filename] = data
    except zipfile.BadZipFile:
        raise PackError("不是 Dafu 资料包，或文件已损坏（not a pack, or damaged）", path=path) from None
    except OSError as exc:
        raise PackError(f"无法读取资料包：{exc.strerror or exc}", path=path) from None
    try:
        manifest = json.loads(members["manifest.json"])
        if manifest.get("format") != FORMAT:
            raise ValueError("format")
        if int(manifest.get("version", 0)) > FORMAT_VERSION:
            raise PackError(f"资料包由更新版本的 Dafu 制作（pack format {manifest['version']}）", path=path)
        parts = {name: [json.loads(line) for line in members[f"{name}.jsonl"].decode("utf-8").splitlines()
                        if line.strip()] for name in ("replies", "paragraphs", "measures")}
        pack = Pack(manifest, parts["replies"], parts["paragraphs"], parts["measures"])
        _validate(pack)
    except PackError:
        raise
    except (KeyError, ValueError, TypeError, UnicodeDecodeError, AttributeError) as exc:
        raise PackError(f"不是 Dafu 资料包，或内容已损坏（{type(exc).__name__}: {exc}）", path=path) from None
    return pack


def _validate(pack: Pack) -> None:
    hashes = set()
    for p in pack.paragraphs:
        if not isinstance(p["text"], str) or not isinstance(p["hash"], str) or not p["text"].strip():
            raise ValueError("paragraph without text")
        if importer.text_hash(p["text"]) != p["hash"]:
            raise ValueError(f"paragraph hash does not match its text: {p['hash']}")
        hashes.add(p["hash"])
    for r in pack.replies:
        if not isinstance(r.get("title"), str) or not isinstance(r.get("source_hash"), str):
            raise ValueError("reply without title or source hash")
        for use in r["paragraphs"]:
            if use["hash"] not in hashes:
                raise ValueError(f"reply uses a paragraph the pack lacks: {use['hash']}")
    for m in pack.measures:
        if not isinstance(m.get("key"), str):
            raise ValueError("measure without key")


def summary(path: str | Path) -> PackSummary:
    pack = read_pack(path)
    return PackSummary(str(path), pack.manifest.get("created_at", ""), pack.manifest.get("source", ""),
                       pack.manifest.get("filters", {}), len(pack.replies), len(pack.paragraphs), len(pack.measures))


# -- merging -----------------------------------------------------------------------


def conflicts(db: Database, pack: Pack) -> list[MeasureConflict]:
    """Measures both sides hold under one key with different figures or validity."""
    mine = _local_measures(db)
    out = []
    for record in pack.measures:
        local = mine.get(record["key"])
        if local is None:
            continue
        theirs = _comparable(record)
        if theirs != local:
            label = " · ".join(x for x in (record.get("policy"), record.get("item")) if x) or record["key"]
            out.append(MeasureConflict(record["key"], label, local, theirs))
    return out


def iter_merge(db: Database, path: str | Path, *, prefer: Prefer | None = None,
               resolutions: dict[str, Prefer] | None = None, cancel: Cancel | None = None,
               ) -> Iterator[tuple[int, int, MergeReport]]:
    """Merge a pack; yields (done, total, report) per reply. Conflicts not resolved keep the library's."""
    pack = read_pack(path)
    report = MergeReport()
    resolutions = dict(resolutions or {})
    total = len(pack.replies)
    _merge_measures(db, pack, report, prefer, resolutions)
    paragraphs = {p["hash"]: p for p in pack.paragraphs}
    batch = importer.Batch(f"合并资料包 {Path(path).name}")
    for done, record in enumerate(pack.replies, 1):
        if cancel is not None and cancel():
            report.cancelled = True
            yield done - 1, total, report
            return
        _merge_reply(db, record, paragraphs, batch, report)
        yield done, total, report
    _link_citations_and_tags(db, pack)
    report.batch_id = batch.id
    if not pack.replies:
        yield 0, 0, report


def _merge_measures(db: Database, pack: Pack, report: MergeReport, prefer: Prefer | None,
                    resolutions: dict[str, Prefer]) -> None:
    def write() -> tuple[int, int, list, list]:
        found = {c.key: c for c in conflicts(db, pack)}
        added = updated = 0
        resolved, kept = [], []
        local_keys = {row[0] for row in db.execute("SELECT key FROM measures")}
        for record in pack.measures:
            values = {name: record.get(name) for name in MEASURE_FIELDS}
            values["one_off"] = int(bool(values["one_off"]))
            if record["key"] not in local_keys:
                columns = ["key", *values]
                db.execute(f"INSERT INTO measures ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           [record["key"], *values.values()])
                added += 1
            elif record["key"] in found:
                choice = resolutions.get(record["key"], prefer)
                if choice == "pack":
                    sets = ", ".join(f"{k} = ?" for k in values)
                    db.execute(f"UPDATE measures SET {sets} WHERE key = ?", [*values.values(), record["key"]])
                    updated += 1
                    resolved.append((record["key"], "pack"))
                elif choice == "mine":
                    resolved.append((record["key"], "mine"))
                else:
                    kept.append(found[record["key"]])
        # Supersession by key, once every measure of the pack is present.
        kept_mine = {key for key, choice in resolved if choice == "mine"} | {c.key for c in kept}
        for record in pack.measures:
            successor = record.get("superseded_by")
            if record["key"] in kept_mine:
                continue
            db.execute("UPDATE measures SET superseded_by = (SELECT id FROM measures WHERE key = ?) WHERE key = ?",
                       [successor, record["key"]])
        return added, updated, resolved, kept

    added, updated, resolved, kept = db.write(write)
    report.measures_added += added
    report.measures_updated += updated
    report.resolved.extend(resolved)
    report.conflicts.extend(kept)


def _merge_reply(db: Database, record: dict, paragraphs: dict[str, dict], batch: importer.Batch,
                 report: MergeReport) -> None:
    def write() -> tuple[int | None, int]:
        if db.one("SELECT 1 FROM replies WHERE source_hash = ?", [record["source_hash"]]):
            return None, 0
        batch_id = batch.ensure(db)
        values = [record.get(name) for name in REPLY_FIELDS]
        reply_id = db.insert(
            f"INSERT INTO replies ({', '.join(REPLY_FIELDS)}, batch_id) VALUES ({', '.join('?' * len(values))}, ?)",
            [*values, batch_id])
        with index.batch(db):  # the reply's new paragraphs go into the search index together
            added = _merge_uses(db, reply_id, record, paragraphs)
        for tag in record.get("tags", []):
            _tag(db, "reply_tags", "reply_id", reply_id, tag)
        return batch_id, added

    batch_id, added = db.write(write)
    if batch_id is None:
        report.replies_present += 1
        return
    batch.id = batch_id
    report.replies_added += 1
    report.paragraphs_added += added


def _merge_uses(db: Database, reply_id: int, record: dict, paragraphs: dict[str, dict]) -> int:
    added = 0
    ids = {}
    # In the order of their hashes, as import writes them.
    for text_hash in sorted({use["hash"] for use in record["paragraphs"]}):
        paragraph = paragraphs[text_hash]
        existed = db.one("SELECT 1 FROM paragraphs WHERE text_hash = ?", [text_hash])
        count = sum(1 for use in record["paragraphs"] if use["hash"] == text_hash)
        ids[text_hash] = importer.upsert_paragraph(db, paragraph["text"], paragraph.get("role") or "other", count)
        added += not existed
    db.executemany("INSERT INTO reply_paragraphs (reply_id, position, paragraph_id, section_path, role)"
                   " VALUES (?,?,?,?,?)",
                   [(reply_id, use["position"], ids[use["hash"]], use.get("section_path") or "",
                     use.get("role") or paragraphs[use["hash"]].get("role") or "other") for use in record["paragraphs"]])
    return added


def _link_citations_and_tags(db: Database, pack: Pack) -> None:
    def write() -> None:
        for record in pack.measures:
            for text_hash in record.get("cited_by", []):
                db.execute("INSERT INTO measure_citations (measure_id, paragraph_id)"
                           " SELECT m.id, p.id FROM measures m, paragraphs p WHERE m.key = ? AND p.text_hash = ?"
                           " ON CONFLICT DO NOTHING", [record["key"], text_hash])
        for paragraph in pack.paragraphs:
            row = db.one("SELECT id FROM paragraphs WHERE text_hash = ?", [paragraph["hash"]])
            if row:
                for tag in paragraph.get("tags", []):
                    _tag(db, "paragraph_tags", "paragraph_id", row[0], tag)
    db.write(write)


def _tag(db: Database, table: str, column: str, owner_id: int, tag: str) -> None:
    db.execute("INSERT INTO tags (name) VALUES (?) ON CONFLICT DO NOTHING", [tag])
    db.execute(f"INSERT INTO {table} ({column}, tag_id) SELECT ?, id FROM tags WHERE name = ? ON CONFLICT DO NOTHING",
               [owner_id, tag])


def _local_measures(db: Database) -> dict[str, dict]:
    return {row["key"]: _comparable(row) for row in db.query(
        f"SELECT m.key, {', '.join('m.' + f for f in MEASURE_FIELDS)}, s.key AS superseded_by"
        " FROM measures m LEFT JOIN measures s ON s.id = m.superseded_by")}


def _comparable(record: dict) -> dict:
    values = {name: record.get(name) for name in (*MEASURE_FIELDS, "superseded_by")}
    values["one_off"] = bool(values["one_off"])
    if values["rate_percent"] is not None:
        values["rate_percent"] = float(values["rate_percent"])
    return values


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
