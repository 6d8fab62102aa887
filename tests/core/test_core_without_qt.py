"""The core must import and work where PySide6 cannot be imported at all."""
import subprocess
import sys
from pathlib import Path

BLOCKER = """
import sys, importlib.abc
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
sys.meta_path.insert(0, NoQt())
import pkgutil, importlib, dafu
for info in pkgutil.walk_packages(dafu.__path__, "dafu."):
    if info.name.startswith("dafu.gui") or info.name == "dafu.__main__":
        continue
    importlib.import_module(info.name)
from dafu.render import render_document
doc = render_document(sys.argv[1])
print(len(doc.blocks))
"""


def test_every_core_module_imports_without_pyside6(sample_draft):
    proc = subprocess.run([sys.executable, "-c", BLOCKER, str(sample_draft)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) > 20
