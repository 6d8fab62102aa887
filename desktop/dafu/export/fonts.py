"""The official font names, written into the file but never shipped.

Offices that have the 方正…_GBK families choose that set; the names are what
Word or WPS look up on the clerk's machine. A machine without them falls back
to its own substitutes (on Linux, resources/fonts/fonts.conf maps them to free
stand-ins) — a substitute's name is never written into the file.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FontSet:
    title: str = "方正小标宋简体"        # 标题 二号
    body: str = "仿宋_GB2312"            # 正文 三号
    heading1: str = "黑体"               # 一、
    heading2: str = "楷体_GB2312"        # （一）
    page_number: str = "宋体"            # — 1 —
    latin: str = "Times New Roman"       # digits and Latin letters


OFFICIAL = FontSet()
GBK = FontSet(title="方正小标宋_GBK", body="方正仿宋_GBK", heading1="方正黑体_GBK", heading2="方正楷体_GBK")
# Where 仿宋_GB2312 / 楷体_GB2312 are absent, Windows itself has 仿宋 and 楷体.
WINDOWS = FontSet(body="仿宋", heading2="楷体")

FONT_SETS = {"official": OFFICIAL, "gbk": GBK, "windows": WINDOWS}
