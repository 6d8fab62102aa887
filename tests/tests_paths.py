"""Paths shared by test modules (importable because pytest puts tests/ on sys.path)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_TXT = ROOT / "resources" / "samples" / "reply_JY20230126.txt"
SAMPLE_DRAFT = ROOT / "resources" / "samples" / "reply_JY20230126.dafu"
FONTS_CONF = ROOT / "resources" / "fonts" / "fonts.conf"
