#!/usr/bin/env bash
# Refresh the Chinese UI translation: collect tr() strings, fill them from the table, compile the .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate desktop/dafu/gui/*.py -ts resources/i18n/dafu_zh_CN.ts -no-obsolete
.venv/bin/python scripts/translations_zh_CN.py resources/i18n/dafu_zh_CN.ts
bash scripts/build-translations.sh
