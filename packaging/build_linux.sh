#!/usr/bin/env bash
# Build the one-folder Linux bundle dist/dafu/ with both `dafu` and `dafu-desktop`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q -e ".[packaging]"
bash scripts/build-translations.sh
QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py >/dev/null  # the spec names it on Windows only
rm -rf dist/dafu build/pyinstaller
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/dafu.spec
echo "bundle: dist/dafu ($(du -sh dist/dafu | cut -f1))"
