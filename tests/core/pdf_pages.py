"""Reading a rendered PDF back: text rows with their boxes (pdftotext -bbox-layout) and the
horizontal rules drawn on each page (pdftocairo -svg). Coordinates in points from the top-left."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
PAGE_HEIGHT = 841.89
LEFT, RIGHT = 1587 / 20, (11906 - 1474) / 20            # 79.35, 521.6: the text area's edges
TOP, BOTTOM = 2098 / 20, (16838 - 1984) / 20             # 104.9, 742.7
PITCH = 579 / 20                                        # 28.95
CHAR = 15.75                                            # one 三号 character as laid out
SMALL = 14.0                                            # one 四号 character


@dataclass
class Row:
    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def size(self) -> str:
        """"title" (22 pt), "body" (16 pt) or "small" (14 pt), from the box height."""
        h = self.height
        return "title" if h > 25 else "body" if h > 19.5 else "small"


@dataclass
class Rule:
    page: int
    x0: float
    x1: float
    y: float
    width: float


def rows(pdf: Path) -> list[Row]:
    """Text rows, words on one baseline merged (a tab splits a row into several pdftotext lines)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    root = ET.fromstring(xml)
    out: list[Row] = []
    for number, page in enumerate(root.iter(XHTML + "page"), 1):
        found: list[Row] = []
        for line in page.iter(XHTML + "line"):
            words = list(line.iter(XHTML + "word"))
            text = "".join(w.text or "" for w in words)
            found.append(Row(number, float(line.get("xMin")), float(line.get("xMax")), float(line.get("yMin")),
                             float(line.get("yMax")), text))
        found.sort(key=lambda r: (round(r.y0), r.x0))
        merged: list[Row] = []
        for row in found:
            last = merged[-1] if merged else None
            if last and abs(last.y0 - row.y0) < 2 and abs(last.y1 - row.y1) < 2:
                merged[-1] = Row(number, last.x0, row.x1, last.y0, last.y1, last.text + "\t" + row.text)
            else:
                merged.append(row)
        out.extend(merged)
    return out


def rules(pdf: Path) -> list[Rule]:
    """Straight horizontal strokes (table borders) on every page."""
    out: list[Rule] = []
    pages = page_count(pdf)
    with_svg = pdf.with_suffix(".rules")
    with_svg.mkdir(exist_ok=True)
    for page in range(1, pages + 1):
        svg = with_svg / f"{page}.svg"
        subprocess.run(["pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(pdf), str(svg)], check=True,
                       capture_output=True)
        for m in re.finditer(r'stroke-width:([\d.]+);[^"]*"\s+d="M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) "',
                             svg.read_text()):
            width, x0, y0, x1, y1 = map(float, m.groups())
            if abs(y0 - y1) < 0.01:
                out.append(Rule(page, min(x0, x1), max(x0, x1), PAGE_HEIGHT - y0, width))
    return out


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def is_page_number(row: Row) -> bool:
    return bool(re.fullmatch(r"—\s*\d+\s*—", row.text.split("\t")[-1].strip())) or \
        bool(re.fullmatch(r"—\s*\d+\s*—", row.text.split("\t")[0].strip()))
