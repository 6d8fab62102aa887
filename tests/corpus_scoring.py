"""Score a reply reader against the corpus of real replies in tests/data/real/.

The corpus has two parts, ``dev`` and ``holdout``; each folder holds the replies
(NNN.txt, some also NNN.docx) and a hand-checked ``key.json``.  This module reads
every file through a *reader* - by default the project's current public path,
``dafu.reading.read_reply`` followed by ``dafu.library.importer.recognised_fields`` -
and compares seven fields with the key after a light normalisation (see
tests/data/real/README.md, "How a field is compared").

Importable from tests (pytest puts tests/ on sys.path) and used by
scripts/score_reader.py.  Nothing here depends on Qt.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
PARTS = ("dev", "holdout")
FIELDS = ("title", "number", "salutation", "issuing_body", "date", "contact_person", "contact_phone")

Reader = Callable[[Path], dict]


# -- the key ------------------------------------------------------------------------


def load_key(part: str) -> list[dict]:
    """The key entries of one part, in file order."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r} (dev or holdout)")
    with open(REAL / part / "key.json", encoding="utf-8") as handle:
        return json.load(handle)


def parts_of(name: str) -> tuple[str, ...]:
    """'dev' | 'holdout' | 'all' -> the parts to score."""
    return PARTS if name == "all" else (name,)


# -- reading ------------------------------------------------------------------------


def current_reader(path: Path) -> dict:
    """The fields the importer records today for one file (raises DafuError on a bad file)."""
    from dafu.library.importer import recognised_fields
    from dafu.reading import read_reply

    return recognised_fields(Path(path), read_reply(path))


# -- normalisation ------------------------------------------------------------------

_WHITESPACE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]+")
_FOLD = str.maketrans({
    **{c: '"' for c in "“”„‟＂'‘’‚‛「」『』"},
    **{c: "[" for c in "〔［【〖"}, **{c: "]" for c in "〕］】〗"},
    **{c: "-" for c in "‐‑‒–—―－﹣−"},
    "〈": "<", "〉": ">", "《": "<", "》": ">",
    "、": ",", "，": ",", "：": ":", "；": ";", "。": ".",
})
_TRAILING_PUNCT = ":;,.!?"


def _text(value) -> str | None:
    """NFKC, one form for quotes/brackets/dashes/CJK punctuation, no whitespace at all."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).translate(_FOLD)
    text = _WHITESPACE.sub("", text)
    return text or None


def normalise(field_name: str, value) -> str | None:
    """The form in which a field's value is compared; None for an absent or empty value."""
    text = _text(value)
    if text is None:
        return None
    if field_name == "title":
        text = text.rstrip(_TRAILING_PUNCT)
    elif field_name == "number":
        text = text.upper().removeprefix("第").removesuffix("号").removesuffix("號")
        if text.isdigit():
            text = str(int(text))
    elif field_name == "salutation":
        text = text.rstrip(_TRAILING_PUNCT).removeprefix("尊敬的")
    elif field_name == "contact_phone":
        text = "".join(c for c in text if c.isdigit() or c == "*")
    elif field_name == "date":
        text = text[:10]
    return text or None


def accepted(entry: dict, field_name: str) -> list:
    """The key's value for a field followed by its listed alternatives."""
    return [entry.get(field_name)] + list(entry.get("alternatives", {}).get(field_name, []))


def matches(entry: dict, field_name: str, got) -> bool:
    wanted = {normalise(field_name, value) for value in accepted(entry, field_name)}
    return normalise(field_name, got) in wanted


# -- scoring ------------------------------------------------------------------------


@dataclass
class FileResult:
    part: str
    file: str
    got: dict = field(default_factory=dict)
    error: str | None = None
    right: dict = field(default_factory=dict)   # field -> bool

    @property
    def name(self) -> str:
        return f"{self.part}/{self.file}"


@dataclass
class Report:
    parts: tuple[str, ...]
    results: list[FileResult]
    keys: dict[str, dict]                       # "part/file" -> key entry

    @property
    def files(self) -> int:
        return len(self.results)

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.results if r.error is not None]

    def right(self, field_name: str) -> int:
        return sum(1 for r in self.results if r.right.get(field_name))

    def accuracy(self, field_name: str) -> float:
        return self.right(field_name) / self.files if self.files else 0.0

    @property
    def overall(self) -> float:
        total = self.files * len(FIELDS)
        return sum(self.right(f) for f in FIELDS) / total if total else 0.0

    def misses(self) -> list[tuple[str, str, object, object]]:
        """(file, field, expected, got) for every wrong field, file by file."""
        out = []
        for result in self.results:
            entry = self.keys[result.name]
            for field_name in FIELDS:
                if not result.right.get(field_name):
                    out.append((result.name, field_name, entry.get(field_name), result.got.get(field_name)))
        return out

    def to_dict(self) -> dict:
        return {
            "parts": list(self.parts),
            "files": self.files,
            "fields": {f: {"right": self.right(f), "accuracy": round(self.accuracy(f), 4)} for f in FIELDS},
            "overall": round(self.overall, 4),
            "errors": [{"file": r.name, "error": r.error} for r in self.errors],
            "misses": [{"file": f, "field": k, "expected": e, "got": g} for f, k, e, g in self.misses()],
        }


def score(parts: Iterable[str] = ("dev",), reader: Reader | None = None) -> Report:
    """Read every file of the given parts with ``reader`` and compare with the key.

    A file whose reading raises counts as wrong on all seven fields and is listed
    under ``errors`` with the message (a DafuError's, or the exception's type and text).
    """
    reader = reader or current_reader
    parts = tuple(parts)
    results: list[FileResult] = []
    keys: dict[str, dict] = {}
    for part in parts:
        for entry in load_key(part):
            result = FileResult(part, entry["file"])
            keys[result.name] = entry
            try:
                result.got = dict(reader(REAL / part / entry["file"]))
            except Exception as exc:  # a reader's failure is a measurement, not a crash of the scorer
                result.error = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            for field_name in FIELDS:
                result.right[field_name] = result.error is None and matches(entry, field_name,
                                                                            result.got.get(field_name))
            results.append(result)
    return Report(parts, results, keys)


def format_report(report: Report, *, misses: bool = True) -> str:
    txt = sum(1 for r in report.results if r.file.endswith(".txt"))
    lines = [f"Real-reply corpus: {'+'.join(report.parts)} - {report.files} files "
             f"({txt} .txt, {report.files - txt} .docx)", "",
             f"{'field':<16}{'right':>6}{'of':>5}{'accuracy':>10}"]
    for field_name in FIELDS:
        lines.append(f"{field_name:<16}{report.right(field_name):>6}{report.files:>5}"
                     f"{report.accuracy(field_name):>9.1%}")
    total = report.files * len(FIELDS)
    lines.append(f"{'overall':<16}{sum(report.right(f) for f in FIELDS):>6}{total:>5}{report.overall:>9.1%}")
    if report.errors:
        lines += ["", f"Import errors ({len(report.errors)}):"]
        lines += [f"  {r.name}: {r.error}" for r in report.errors]
    if misses:
        by_file: dict[str, list[str]] = {}
        for name, field_name, expected, got in report.misses():
            by_file.setdefault(name, []).append(f"    {field_name}: expected {expected!r}, got {got!r}")
        if by_file:
            lines += ["", f"Misses ({sum(len(v) for v in by_file.values())} fields in {len(by_file)} files):"]
            for name, rows in by_file.items():
                lines.append(f"  {name}")
                lines += rows
    return "\n".join(lines)
