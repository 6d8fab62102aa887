#!/usr/bin/env python3
"""Measure the reply reader on the corpus of real replies (tests/data/real/).

    .venv/bin/python scripts/score_reader.py                  # dev part, table + misses
    .venv/bin/python scripts/score_reader.py --part holdout   # the kept-out part (final check only)
    .venv/bin/python scripts/score_reader.py --part all --json
    .venv/bin/python scripts/score_reader.py --explain tests/data/real/dev/016.txt

Prints per-field and overall accuracy and, per file, the fields it got wrong.
--explain FILE shows one file's expected and recognised fields and the blocks the
reader made of it, line by line.  The scoring itself lives in tests/corpus_scoring.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "desktop"))

import corpus_scoring as cs  # noqa: E402


def explain(path: Path) -> int:
    path = path.resolve()
    try:
        relative = path.relative_to(cs.REAL)
    except ValueError:
        relative = None
    entry = None
    if relative is not None and len(relative.parts) == 2 and relative.parts[0] in cs.PARTS:
        if relative.parts[0] == "holdout":
            print("warning: this file is in the holdout part - it is meant for the final check only",
                  file=sys.stderr)
        entry = next((e for e in cs.load_key(relative.parts[0]) if e["file"] == relative.parts[1]), None)
    from dafu.errors import DafuError
    from dafu.reading import read_reply

    try:
        document = read_reply(path)
        got = cs.current_reader(path)
    except DafuError as exc:
        print(f"{path}: cannot be read: {exc.message}")
        if entry:
            print("\nexpected:")
            for field_name in cs.FIELDS:
                print(f"  {field_name:<16}{entry.get(field_name)}")
        return 1
    print(f"{path}\n")
    print(f"{'field':<16}{'ok':<4}{'expected':<40}got")
    for field_name in cs.FIELDS:
        expected = entry.get(field_name) if entry else None
        mark = ("✓" if cs.matches(entry, field_name, got.get(field_name)) else "✗") if entry else "?"
        print(f"{field_name:<16}{mark:<4}{str(expected):<40}{got.get(field_name)}")
        if entry and entry.get("alternatives", {}).get(field_name):
            print(f"{'':<20}also accepted: {entry['alternatives'][field_name]}")
    if entry and entry.get("notes"):
        print(f"\nnotes: {entry['notes']}")
    print("\nblocks:")
    for block in document.blocks:
        text = block.display_text.replace("\n", " / ")
        print(f"  {block.kind.value:<11} {text[:100]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("dev", "holdout", "all"), default="dev")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--no-misses", action="store_true", help="only the accuracy table")
    parser.add_argument("--explain", metavar="FILE", type=Path, help="show one file's fields and blocks")
    args = parser.parse_args(argv)
    if args.explain:
        return explain(args.explain)
    report = cs.score(cs.parts_of(args.part))
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(cs.format_report(report, misses=not args.no_misses))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into head
        sys.stderr.close()
        sys.exit(0)
