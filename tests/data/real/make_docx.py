"""Make the .docx twins of a few corpus replies from their .txt (one paragraph per line).

The .docx files are committed; this script documents how they were made and can rebuild
them: ``.venv/bin/python tests/data/real/make_docx.py``.  Each .docx holds exactly the
lines of its .txt, in order, except that some header marks (文号, 类别, 签发人, 同意公开) are
moved into a table - in the page header (section header) or at the top of the body - as
bureaus' Word files often have them.  Text is never edited.
"""
from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

# Each part's docx_layout.json maps "NNN" -> null (plain paragraphs) or
# {"where": "page_header" | "body_table", "lines": [header-mark lines exactly as in the .txt]}.
# The holdout's layout stays in its own folder with the rest of the holdout.


def build(txt: Path, layout: dict | None) -> Path:
    lines = txt.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline is not an empty paragraph
    marks = list(layout["lines"]) if layout else []
    missing = [m for m in marks if m not in lines]
    if missing:
        raise SystemExit(f"{txt}: header marks not found as lines: {missing}")
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    table_placed = False
    for line in lines:
        if line in marks:
            if layout and layout["where"] == "body_table" and not table_placed:
                table = doc.add_table(rows=1, cols=len(marks))
                for cell, mark in zip(table.rows[0].cells, marks):
                    cell.text = mark
                table_placed = True
            continue  # page-header marks live only in the section header
        doc.add_paragraph(line)
    if layout and layout["where"] == "page_header":
        header = doc.sections[0].header
        table = header.add_table(rows=1, cols=len(marks), width=doc.sections[0].page_width
                                 - doc.sections[0].left_margin - doc.sections[0].right_margin)
        for cell, mark in zip(table.rows[0].cells, marks):
            cell.text = mark
    out = txt.with_suffix(".docx")
    doc.core_properties.author = "dafu corpus"
    doc.save(out)
    return out


def main() -> None:
    for part in ("dev", "holdout"):
        layouts = json.loads((HERE / part / "docx_layout.json").read_text(encoding="utf-8"))
        for number, layout in layouts.items():
            print(build(HERE / part / f"{number}.txt", layout).relative_to(HERE))


if __name__ == "__main__":
    main()
