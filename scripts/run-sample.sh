#!/usr/bin/env bash
# The main job on the bundled sample: set up, render the sample draft to an official
# .docx (and its feedback form), check it, search the sample library — and open the
# desktop app on it when there is a screen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
mkdir -p out
dafu=.venv/bin/dafu
draft=resources/samples/reply_JY20230126.dafu
$dafu render "$draft" -o out/reply_JY20230126.docx
$dafu render "$draft" --template feedback_form -o out/reply_JY20230126-征询意见表.docx
$dafu check "$draft" || true           # lists what a reviewer would mark; exit 1 means findings
$dafu search 时尚 --limit 3 || true
$dafu measures || true
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec .venv/bin/dafu-desktop "$draft"
else
    echo "No screen here: the .docx files are in out/; run .venv/bin/dafu-desktop on a desktop."
fi
