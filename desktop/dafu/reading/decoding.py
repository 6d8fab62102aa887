"""Decoding text files as bureaus' machines saved them.

UTF-8 and UTF-16 are recognised by their bytes. Otherwise the file is in one of
the East-Asian legacy encodings, which all decode almost any byte string without
an error — GB18030 most of all, so a Big5, Shift-JIS or EUC-KR file read as
GB18030 silently becomes mojibake. Each candidate is therefore decoded and
judged by what the text then looks like: how much of it is the common
characters (or kana, or Hangul) of the language that encoding is for. Mojibake is
made of rare characters; real text of common ones.

A Japanese or Korean file is refused with a message naming its encoding: it is
not a Chinese reply. Big5 is decoded (a traditional-character reply is still a
reply).
"""
from __future__ import annotations

from pathlib import Path

from dafu.errors import ImportFileError
from dafu.reading.charsets import COMMON_HANZI, is_hangul, is_kana

# (codec, language) tried on bytes that are not UTF-8; the order breaks ties.
_LEGACY = (("gb18030", "zh"), ("big5", "zh"), ("cp932", "ja"), ("cp949", "ko"))
_LANGUAGE_NAMES = {"ja": "日文（Shift-JIS）", "ko": "韩文（EUC-KR）"}
# Another encoding must beat GB18030 by this much: Simplified Chinese is what bureaus write.
_GB_MARGIN = 0.15
# Below this share of plausible characters no candidate is believed.
_FLOOR = 0.35


def decode_text(raw: bytes, path: str | Path) -> tuple[str, str]:
    """(text, encoding) of a text file. No newline translation, so offsets are into the file's own text."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw, "utf-8-sig", path), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", path), "utf-16"
    utf16 = _bomless_utf16(raw)
    if utf16:
        return _strict(raw, utf16, path), utf16
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            raise ImportFileError("不是文本文件（binary data, not text）", path=path)
        return text, "utf-8"
    encoding, text = guess_legacy(raw)
    if encoding is None:
        raise ImportFileError("无法识别文本编码（not UTF-8, UTF-16, GB18030 or Big5）；请另存为 UTF-8", path=path)
    language = dict(_LEGACY)[encoding]
    if language in _LANGUAGE_NAMES:
        raise ImportFileError(f"这是{_LANGUAGE_NAMES[language]}编码的文本，不是中文答复"
                              f"（{encoding} text, not a Chinese reply）", path=path)
    return text, encoding


def guess_legacy(raw: bytes) -> tuple[str | None, str]:
    """(codec, text) of the best-looking decode among the legacy encodings, or (None, "")."""
    scored: list[tuple[float, str, str]] = []
    for codec, language in _LEGACY:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(text, language), codec, text))
    if not scored:
        return None, ""
    gb = next((s for s in scored if s[1] == "gb18030"), None)
    best = max(scored, key=lambda s: s[0])
    if gb is not None and best[1] != "gb18030" and best[0] < gb[0] + _GB_MARGIN:
        best = gb
    if best[0] < _FLOOR:
        return None, ""
    return best[1], best[2]


def plausibility(text: str, language: str) -> float:
    """Share of the non-ASCII characters that are ordinary in ``language`` (0 … 1)."""
    total = good = 0
    for ch in text:
        if ch < "\x80":
            continue
        total += 1
        if ch in COMMON_HANZI or "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in "“”‘’—…·":
            good += 1
        elif language == "ja" and is_kana(ch):
            good += 1
        elif language == "ko" and is_hangul(ch):
            good += 1
    return good / total if total else 0.0


def _bomless_utf16(raw: bytes) -> str | None:
    # Notepad's "Unicode" without a BOM. Other text files never hold a zero byte; UTF-16 does in every
    # ASCII character and line break. The byte order that gives Chinese rather than noise wins.
    if b"\x00" not in raw[:20000] or len(raw) % 2:
        return None
    best, best_score = None, 0.5
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        ascii_share = sum(1 for ch in text if "\t" <= ch < "\x7f") / max(len(text), 1)
        score = max(plausibility(text, "zh"), ascii_share)
        if score > best_score:
            best, best_score = codec, score
    return best


def _strict(raw: bytes, codec: str, path: str | Path) -> str:
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"文本编码有误（invalid {codec} at byte {exc.start}）", path=path) from None
    if "\x00" in text:
        raise ImportFileError("不是文本文件（binary data, not text）", path=path)
    return text
