"""Why each line was read as it was: rows for ``dafu import --explain`` (text or JSON)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dafu.reading.assign import Assigned


@dataclass(frozen=True)
class ExplainedLine:
    line: int              # 1-based line number in the file's text
    part: str
    text: str
    why: list[str]         # the evidence for the part it was given, strongest first
    runner_up: str | None  # the other part the line looked most like, if any
    margin: float          # score of its part minus the runner-up's (small or negative: a close call)

    def to_json(self) -> dict:
        return {"line": self.line, "part": self.part, "text": self.text, "why": self.why,
                "runner_up": self.runner_up, "margin": round(self.margin, 2)}


def explained_lines(assigned: list[Assigned]) -> list[ExplainedLine]:
    out = []
    for a in assigned:
        reasons = a.evidence.reasons.get(a.part, [])
        reasons = sorted(reasons, key=lambda r: -abs(_weight(r)))
        if not reasons:
            reasons = ["fits between its neighbours" if a.part.value != "noise" else "nothing of a reply's parts"]
        out.append(ExplainedLine(a.evidence.line.number, a.part.value, a.evidence.line.text, reasons,
                                 a.runner_up.value if a.runner_up else None, a.margin))
    return out


def _weight(reason: str) -> float:
    m = re.search(r"([+-]\d+(?:\.\d+)?)$", reason)
    return float(m.group(1)) if m else 0.0


def clip(text: str, width: int) -> str:
    """The text cut to ``width`` display columns (a Hanzi takes two), padded."""
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1 and len(text) > len(out):
            out.append("…")
            used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * max(0, width - used)


def format_lines(lines: list[ExplainedLine], width: int = 36) -> list[str]:
    rows = []
    for e in lines:
        close = f"  (close: {e.runner_up} {e.margin:+.1f})" if e.runner_up and e.margin < 1 else ""
        rows.append(f"{e.line:4d}  {e.part:<10} {clip(e.text, width)}  {'; '.join(e.why[:3])}{close}")
    return rows
