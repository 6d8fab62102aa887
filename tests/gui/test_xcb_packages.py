"""On a real X11 screen the bundled Qt loads its xcb platform plugin: every library that plugin links
against must be installed by scripts/bootstrap.sh and required by the .deb. The list is checked here
against the plugin itself (readelf for what it needs, ldconfig and dpkg -S for the package that has
it), so a Qt upgrade that needs one more library fails this test instead of a clerk's start."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import PySide6
from tests_paths import ROOT

QT = Path(PySide6.__file__).parent / "Qt"
PLUGIN_FILES = [QT / "plugins" / "platforms" / "libqxcb.so", QT / "lib" / "libQt6XcbQpa.so.6"]
# Linked but not ours to install: the C library family, and what Qt ships beside itself.
BASE = re.compile(r"^(libc|libm|libdl|libpthread|librt|libgcc_s|libstdc\+\+|ld-linux)[.-]|^libQt6|^libicu")

pytestmark = pytest.mark.skipif(not (shutil.which("readelf") and shutil.which("dpkg") and PLUGIN_FILES[0].exists()),
                                reason="needs a Debian/Ubuntu system and the bundled Qt's xcb plugin")


def needed(path: Path) -> set[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out))


def packages_of(sonames: list[str]) -> set[str]:
    """The Debian packages that hold these libraries (one ldconfig and one dpkg call)."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths = []
    for soname in sonames:
        match = re.search(rf"^\s*{re.escape(soname)} .*=> (\S+)$", cache, re.M)
        assert match, f"{soname} is not installed: the xcb plugin cannot load (run scripts/bootstrap.sh as root)"
        path = str(Path(match.group(1)).resolve())
        # usr-merge: dpkg may know /lib/… where ldconfig says /usr/lib/…, or the other way round
        paths += [path, path.replace("/usr/lib/", "/lib/", 1) if path.startswith("/usr/lib/")
                  else path.replace("/lib/", "/usr/lib/", 1)]
    owners = subprocess.run(["dpkg", "-S", *paths], capture_output=True, text=True).stdout
    found = {}
    for line in owners.splitlines():
        package, _, path = line.partition(": ")
        found[path] = package.split(":")[0]
    packages = set()
    for soname, (path, other) in zip(sonames, zip(paths[::2], paths[1::2])):
        assert path in found or other in found, f"no package owns {path} ({soname})"
        packages.add(found.get(path) or found[other])
    return packages


def bootstrap_list() -> set[str]:
    text = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    block = re.search(r"^XCB_LIBS=\((.*?)\)", text, re.S | re.M).group(1)
    qt = re.search(r"^QT_LIBS=\((.*?)\)", text, re.S | re.M).group(1)
    return set(block.split()) | set(qt.split())


def deb_depends() -> set[str]:
    """The Depends line build_deb.sh writes, with its ${XCB_DEPENDS} worked out by the script's own line."""
    script = (ROOT / "packaging" / "build_deb.sh").read_text(encoding="utf-8")
    line = re.search(r"^XCB_DEPENDS=.*$", script, re.M).group(0)
    xcb = subprocess.run(["bash", "-c", f"cd {ROOT} && {line} && echo \"$XCB_DEPENDS\""], capture_output=True,
                         text=True, check=True).stdout.strip()
    depends = re.search(r"^Depends: (.*)$", script, re.M).group(1).replace("${XCB_DEPENDS}", xcb)
    return {d.strip().split()[0] for d in depends.split(",") if d.strip()}


def test_bootstrap_and_the_deb_install_what_the_xcb_plugin_links():
    sonames = set().union(*(needed(p) for p in PLUGIN_FILES if p.exists())) - {""}
    wanted = packages_of(sorted(s for s in sonames if not BASE.match(s)))
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"} <= wanted   # the ones a fresh install lacked
    assert wanted - bootstrap_list() == set(), "add them to XCB_LIBS in scripts/bootstrap.sh"
    assert wanted - deb_depends() == set(), "the .deb's Depends (packaging/build_deb.sh) lacks them"
