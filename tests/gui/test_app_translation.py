"""The Chinese UI is complete: every tr() string in dafu.gui has a finished translation."""
import ast
import xml.etree.ElementTree as ET

from tests_paths import ROOT

TS = ROOT / "resources" / "i18n" / "dafu_zh_CN.ts"


def tr_strings(path) -> set[str]:
    """The source text of every self.tr("…") call (ast joins literals split over lines, as lupdate does)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.add(node.args[0].value)
    return found


def test_every_tr_string_is_translated():
    tree = ET.parse(TS)
    translated = {}
    for message in tree.iter("message"):
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip()
        assert translation.get("type") != "unfinished" and text, message.findtext("source")
        translated[message.findtext("source")] = text
    used = set().union(*(tr_strings(path) for path in (ROOT / "desktop" / "dafu" / "gui").glob("*.py")))
    assert len(used) > 200
    missing = sorted(s for s in used if s not in translated)
    assert not missing, f"run scripts/update-translations.sh; untranslated: {missing}"
