"""Replies for the library-side GUI tests: the sample plus variants from other years and bodies,
and a way to type into a widget as a clerk does (QTest.keyClick cannot carry CJK text)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests_paths import SAMPLE_TXT

SAMPLE_BODY = "福田区文化广电旅游体育局"
VARIANTS = [  # number, issuing body, date line, a paragraph only this reply has
    ("JY20220311", "深圳市福田区教育局", "2022年6月10日", "关于校园安全，我局已完成辖区全部学校的校园安全专项检查。"),
    ("JY20240077", "福田区住房和建设局", "2024年3月2日", "关于加装电梯，我局已简化审批流程并给予每台最高15万元补贴。"),
]


def variant_text(number: str, body: str, date: str, extra: str) -> str:
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    text = text.replace("JY20230126", number).replace(SAMPLE_BODY, body).replace("2023年5月28日", date)
    return text.replace("特此回复。", f"{extra}\n特此回复。")


def write_variants(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, body, date, extra in VARIANTS:
        path = folder / f"reply_{number}.txt"
        path.write_text(variant_text(number, body, date, extra), encoding="utf-8")
        paths.append(path)
    return paths


def type_text(widget, text: str) -> None:
    """Send each character as the key event an input method's commit produces (press + release)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
