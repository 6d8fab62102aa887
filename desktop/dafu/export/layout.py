"""Page geometry of GB/T 9704-2012 and the positions computed from it.

All lengths in twips (1/20 pt). The numbers come from the standard; the few that
are *derived* (character advance, the space a renderer adds between Chinese and
Latin text) were measured in LibreOffice — see docs/print.md.
"""
from __future__ import annotations

from dataclasses import dataclass

from dafu.export.styles import CHAR_SPACING
from dafu.titles import char_em

# Page (§5): A4, 版心 156 × 225 mm.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT          # 8845
BODY_SIZE = 320                                               # 三号, 16 pt
SMALL_SIZE = 280                                              # 四号, 14 pt
BODY_CHAR = BODY_SIZE + CHAR_SPACING                          # 315: one 三号 character as laid out
SMALL_CHAR = SMALL_SIZE                                       # 一字 of 四号 text (抄送, 印发, page numbers)
ASIAN_LATIN_GAP_EM = 0.215  # LibreOffice's space between a Chinese character and a Latin letter or digit
SCRIPT_CHANGE_EM = 0.016    # … and where Latin text meets Chinese punctuation (both measured at 16 pt)


def text_width(text: str, size: int = BODY_SIZE) -> int:
    """Laid-out width of one line of text: CJK one em, Latin as Times New Roman sets it,
    the −0.25 pt character spacing, and the gap a renderer puts between Chinese and Latin."""
    width = 0.0
    previous_wide: bool | None = None
    for c in text:
        em = char_em(c)
        wide = em == 1.0
        width += em * size + CHAR_SPACING
        if previous_wide is not None and wide != previous_wide and c != " ":
            width += ASIAN_LATIN_GAP_EM * size
        previous_wide = wide
    return round(width)


@dataclass(frozen=True)
class Signature:
    """Where the issuing body and the date sit (twips from the text area's edges)."""

    issuer_right: int            # the issuing body is right-aligned this far from the right edge
    date_left: int | None        # the date starts here (left-aligned) …
    date_right: int | None       # … or is right-aligned this far from the right edge
    blank_lines: int             # blank lines between the body and the issuing body


def signature(issuer: str, date: str, *, sealed: bool) -> Signature:
    """GB/T 9704 §7.3.5.1 (sealed) or §7.3.5.2 (not sealed) for one issuing body."""
    issuer_w, date_w = text_width(issuer), text_width(date)
    if sealed:
        # The date ends four characters from the right; the issuing body is centred over it.
        date_right = BODY_CHAR * 4
        issuer_right = date_right + (date_w - issuer_w) // 2
        # Two blank lines: the seal's top stays within a line of the body while the name and
        # date sit at or below its centre (a 42 mm seal spans about four lines).
        return Signature(max(0, issuer_right), None, date_right, 2)
    issuer_right = BODY_CHAR * 2
    issuer_start = TEXT_WIDTH - issuer_right - issuer_w
    date_start = issuer_start + BODY_CHAR * 2
    if date_start + date_w > TEXT_WIDTH - BODY_CHAR * 2:
        # A date longer than that: the date two characters in from the right, the issuing
        # body moved left so the date still starts two characters right of it.
        date_start = TEXT_WIDTH - BODY_CHAR * 2 - date_w
        issuer_right = TEXT_WIDTH - (date_start - BODY_CHAR * 2) - issuer_w
        return Signature(max(0, issuer_right), None, BODY_CHAR * 2, 1)
    return Signature(issuer_right, max(0, date_start), None, 1)


def date_only(date: str, *, sealed: bool) -> Signature:
    """A date without an issuing body: right-aligned four characters in."""
    return Signature(0, None, BODY_CHAR * 4, 2 if sealed else 1)
