"""Stage two: the most likely sequence of parts for the whole document (Viterbi over a small state machine).

A reply runs top to bottom through phases — page debris, marks and title;
salutation; body; closing; signature, contact, 抄送 and notes — and never goes
back. Inside the first and last phase the parts may come in any order (a web
heading, then debris, then the letter's own title; a date before the issuing
body; the contact line before or after 抄送). Each line's evidence scores are
added to the transition scores below, and dynamic programming finds the best
path. An odd line therefore costs a little score where it stands; it never
stops the parts after it from being found.
"""
from __future__ import annotations

from dataclasses import dataclass

from dafu.reading.evidence import Evidence, Part

NEG = float("-inf")


@dataclass(frozen=True)
class State:
    part: Part
    phase: int


STATES: tuple[State, ...] = (
    State(Part.NOISE, 0), State(Part.HEADER, 0), State(Part.TITLE, 0),
    State(Part.SALUTATION, 1),
    State(Part.BODY, 2),
    State(Part.CLOSING, 3),
    State(Part.ISSUER, 4), State(Part.DATE, 4), State(Part.CONTACT, 4), State(Part.CC, 4), State(Part.NOTE, 4),
    State(Part.NOISE, 4),
)


def _transition(a: State, b: State) -> float:
    if b.phase < a.phase:
        return NEG
    if a == b:
        return {Part.SALUTATION: -1.5, Part.DATE: -3.0, Part.CLOSING: -1.0, Part.ISSUER: -0.5}.get(a.part, 0.0)
    if a.phase == b.phase:
        return -0.3  # switching among the parts of the top or of the tail
    if a.phase == 0:
        if b.part is Part.SALUTATION:
            return {Part.TITLE: 0.0, Part.HEADER: -1.5, Part.NOISE: -1.0}[a.part]
        if b.part is Part.BODY:
            return {Part.TITLE: -1.5, Part.HEADER: -3.0, Part.NOISE: -3.0}[a.part]
        return -6.0
    if a.phase == 1:
        return 0.0 if b.part is Part.BODY else -5.0
    if a.phase == 2:
        return 0.0 if b.part is Part.CLOSING else -1.0
    return 0.0  # closing → signature, contact …


_TRANSITIONS = [[_transition(a, b) for b in STATES] for a in STATES]
# for each state, the states it may follow and at what cost (the impossible pairs left out)
_INTO = [[(p, _TRANSITIONS[p][j]) for p in range(len(STATES)) if _TRANSITIONS[p][j] != NEG] for j in range(len(STATES))]
_START = [0.0 if s.phase == 0 else (-2.0 if s.part is Part.SALUTATION else (-4.0 if s.part is Part.BODY else NEG))
          for s in STATES]
_END = [0.0 if s.phase >= 2 else -5.0 for s in STATES]


@dataclass(frozen=True)
class Assigned:
    """One line's part and how sure the choice was."""

    evidence: Evidence
    part: Part
    phase: int
    margin: float          # how much better this part's emission was than the best other part's (may be < 0)
    runner_up: Part | None


def assign(evidence: list[Evidence]) -> list[Assigned]:
    """The best sequence of parts for the lines (Viterbi)."""
    n = len(evidence)
    if n == 0:
        return []
    k = len(STATES)
    emit = [[ev.score(s.part) for s in STATES] for ev in evidence]
    score = [_START[j] + emit[0][j] for j in range(k)]
    back: list[list[int]] = []
    for i in range(1, n):
        row = emit[i]
        new = [NEG] * k
        pointers = [0] * k
        for j in range(k):
            best, arg = NEG, 0
            for p, cost in _INTO[j]:
                value = score[p] + cost
                if value > best:
                    best, arg = value, p
            new[j] = best + row[j]
            pointers[j] = arg
        back.append(pointers)
        score = new
    last = max(range(k), key=lambda j: score[j] + _END[j])
    path = [last]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    path.reverse()
    out = []
    for ev, j in zip(evidence, path):
        state = STATES[j]
        others = [(ev.score(p), p) for p in Part if p is not state.part]
        best_other = max(others, key=lambda t: t[0])
        out.append(Assigned(ev, state.part, state.phase, ev.score(state.part) - best_other[0],
                            best_other[1] if best_other[0] > 0 else None))
    return out
