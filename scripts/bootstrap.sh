#!/usr/bin/env bash
# Make this checkout ready to run and test Dafu on a fresh Debian/Ubuntu machine:
# the system packages the tests and Qt need (installed only when missing, and only
# as root), then a virtual environment in .venv with Dafu and its extras.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt 6 offscreen/xcb needs these shared libraries; an `import PySide6.QtWidgets` fails without them.
QT_LIBS=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0)
# A real X11 screen: what the bundled Qt's xcb platform plugin (plugins/platforms/libqxcb.so and
# lib/libQt6XcbQpa.so.6) links against, found with readelf/ldd and dpkg -S — not guessed. Without
# libxcb-icccm4 and libxcb-keysyms1 (and libxcb-cursor0 for Qt >= 6.5) `dafu-desktop` does not start on
# X11. tests/gui/test_xcb_packages.py checks this list, and the .deb's Depends, against the plugin.
XCB_LIBS=(libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
          libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0
          libxcb-xkb1 libxkbcommon-x11-0)
# Rendering tests: LibreOffice converts the .docx, poppler reads the PDF, CJK fonts stand in for the official ones.
RENDER_PKGS=(libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai fonts-liberation)

missing=()
for pkg in "${QT_LIBS[@]}" "${XCB_LIBS[@]}" "${RENDER_PKGS[@]}" ${DAFU_EXTRA_APT:-}; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "bootstrap: installing ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "bootstrap: please install with apt: ${missing[*]}" >&2
    fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[gui,test,bench,server]"
bash scripts/build-translations.sh   # the Chinese UI (.qm files are build output)
