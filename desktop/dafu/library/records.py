"""Plain records the library returns: what the CLI prints and the GUI shows."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class SearchHit:
    paragraph_id: int
    text: str
    snippet: str            # the text around the match, matches wrapped in 【】
    snippet_html: str       # the same with <b>…</b>, HTML-escaped, for the GUI
    reply_id: int | None
    reply: str              # the source reply's title (the most recent reply using it)
    date: str | None        # ISO date of that reply
    score: float            # higher is better
    role: str
    section_path: str
    usage_count: int

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("snippet_html")
        return data


@dataclass(frozen=True)
class Measure:
    id: int
    policy: str | None
    policy_year: int | None
    item: str | None
    text: str
    rate_percent: float | None
    rate_base: str | None
    rate_kind: str | None
    cap_yuan: int | None
    one_off: bool
    valid_from: str | None = None
    valid_to: str | None = None
    superseded_by: int | None = None
    paragraph_ids: tuple[int, ...] = ()

    def to_json(self) -> dict:
        data = asdict(self)
        data["paragraph_ids"] = list(self.paragraph_ids)
        return data


@dataclass(frozen=True)
class DraftInfo:
    id: int
    name: str
    updated_at: str


@dataclass
class ImportResult:
    file: str
    ok: bool
    error: str | None = None
    reply_id: int | None = None
    skipped: bool = False      # already in the library (same content hash)
    fields: dict = field(default_factory=dict)
    batch_id: int | None = None  # the import batch a newly stored reply belongs to

    def to_json(self) -> dict:
        if not self.ok:
            return {"file": self.file, "error": self.error}
        return {"file": self.file, **self.fields, "reply_id": self.reply_id, "already_imported": self.skipped,
                "batch_id": self.batch_id}


@dataclass
class ImportReport:
    results: list[ImportResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def batch_id(self) -> int | None:
        """The batch the new replies of this import went into (None when it added none)."""
        return next((r.batch_id for r in self.results if r.batch_id is not None), None)

    @property
    def imported(self) -> int:
        return sum(1 for r in self.results if r.ok and not r.skipped)

    @property
    def failed(self) -> list[ImportResult]:
        return [r for r in self.results if not r.ok]


@dataclass(frozen=True)
class ReplyInfo:
    """One reply of the library as a list shows it."""
    id: int
    title: str
    number: str | None
    issuing_body: str | None
    date: str | None
    source_file: str | None
    imported_at: str
    batch_id: int | None
    tags: tuple[str, ...] = ()

    def to_json(self) -> dict:
        data = asdict(self)
        data["tags"] = list(self.tags)
        return data


@dataclass(frozen=True)
class ImportBatch:
    id: int
    started_at: str
    label: str
    reply_count: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RemovalReport:
    """What a removal took with it: the replies, and the paragraphs and measures only they held."""
    replies: int = 0
    paragraphs: int = 0
    measures: int = 0

    def to_json(self) -> dict:
        return asdict(self)
