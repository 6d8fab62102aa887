"""The reader on real replies: a floor under the corpus score (dev part only; holdout is the final check).

Floors are what the reader reached on dev when issue 13 was closed; a change that
loses a field on a real reply fails here and says which file and field.
"""
from __future__ import annotations

import corpus_scoring as cs

OVERALL_FLOOR = 1.0
FIELD_FLOORS = {"title": 1.0, "number": 1.0, "salutation": 1.0, "issuing_body": 1.0, "date": 1.0,
                "contact_person": 1.0, "contact_phone": 1.0}


def test_dev_corpus_score_stays_above_its_floor():
    report = cs.score(["dev"])
    assert not report.errors, [(r.name, r.error) for r in report.errors]
    misses = "\n".join(f"{name} {field}: expected {want!r}, got {got!r}" for name, field, want, got in report.misses())
    for field, floor in FIELD_FLOORS.items():
        assert report.accuracy(field) >= floor, f"{field} {report.accuracy(field):.1%} < {floor:.0%}\n{misses}"
    assert report.overall >= OVERALL_FLOOR, misses
