#!/usr/bin/env bash
# Compile resources/i18n/*.ts into the .qm files the app loads (build output, not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
lrelease=.venv/bin/pyside6-lrelease
for ts in resources/i18n/*.ts; do
    "$lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
