"""The Chinese UI is complete: every tr() string in dafu.gui has a finished translation."""
import re
import xml.etree.ElementTree as ET

from tests_paths import ROOT

TS = ROOT / "resources" / "i18n" / "dafu_zh_CN.ts"
TR_CALL = re.compile(r"""\btr\(\s*(["'])(.+?)\1""")


def test_every_tr_string_is_translated():
    tree = ET.parse(TS)
    translated = {}
    for message in tree.iter("message"):
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip()
        assert translation.get("type") != "unfinished" and text, message.findtext("source")
        translated[message.findtext("source")] = text
    sources = (ROOT / "desktop" / "dafu" / "gui").glob("*.py")
    used = {m.group(2) for path in sources for m in TR_CALL.finditer(path.read_text(encoding="utf-8"))}
    missing = sorted(s for s in used if s not in translated)
    assert not missing, f"run scripts/update-translations.sh; untranslated: {missing}"
