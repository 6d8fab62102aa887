"""The vocabulary every rule shares: severities, findings, rules and their registry.

A rule is a small function over a :class:`~dafu.checks.structure.Context` that
yields :class:`Hit` s (a span, a message and perhaps a replacement); the engine
turns hits into :class:`Finding` s with line, column and excerpt. Keeping the
place arithmetic out of the rules keeps each rule a few lines of domain logic.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from dafu.checks.structure import Context


class Severity(StrEnum):
    ERROR = "error"      # certainly wrong: a reviewer sends the reply back
    WARNING = "warning"  # almost always wrong in a reply; the clerk should look
    INFO = "info"        # a style point a careful reviewer would mention

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Hit:
    """What a rule reports: offsets into the checked text, before places are computed."""

    start: int
    end: int
    message: str
    replacement: str | None = None


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int          # 1-based
    column: int        # 1-based, in characters
    excerpt: str       # the flagged text with a little of its line around it
    text: str          # exactly the flagged characters: checked_text[start:end]
    replacement: str | None = None
    block: int | None = None  # index into ReplyDocument.blocks when a document was checked

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str                     # short Chinese name for lists and docs
    run: Callable[["Context"], Iterable[Hit]]
    safe: bool = False             # may `--fix` apply its replacements unattended?
    needs_library: bool = False    # runs only when a library is given

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, title: str, *, safe: bool = False,
         needs_library: bool = False) -> Callable[[Callable[["Context"], Iterable[Hit]]], Rule]:
    """Register a rule function under its id; the module defining it only has to be imported."""

    def register(func: Callable[["Context"], Iterable[Hit]]) -> Rule:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        made = Rule(rule_id, severity, title, func, safe=safe, needs_library=needs_library)
        RULES[rule_id] = made
        return made

    return register
