#!/usr/bin/env bash
# Smoke test of a built bundle (dist/dafu, or the folder given): render the sample with the bundled
# `dafu`, then start the bundled app offscreen, check it shows its window and stays up, and quit it.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=${1:-dist/dafu}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" DAFU_LIBRARY="$work/library.sqlite"

"$bundle/dafu" render resources/samples/reply_JY20230126.dafu -o "$work/reply.docx"
python3 - "$work/reply.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    xml = z.read("word/document.xml").decode("utf-8")
    styles = z.read("word/styles.xml").decode("utf-8")
assert "尊敬的张昊等代表：" in xml and "仿宋_GB2312" in styles
print("smoke: bundled dafu render OK")
PY

# Every command group the source registers is in the bundle (they are imported by name at run time).
for group in render library check server gui; do
    "$bundle/dafu" "$group" --help >/dev/null || { echo "smoke: bundled dafu lacks '$group'"; exit 1; }
done
echo "smoke: bundled dafu has every command group"

# The pure-Python PDF reader (what a Windows desktop without poppler uses): a PDF of the sample, read
# with poppler's pdftotext off the PATH.
mkdir "$work/pdf"
if "$bundle/dafu" render resources/samples/reply_JY20230126.dafu -o "$work/pdf/reply.docx" --pdf >/dev/null 2>&1 \
        && [ -f "$work/pdf/reply.pdf" ]; then
    rm "$work/pdf/reply.docx"
    PATH=/nonexistent "$bundle/dafu" import "$work/pdf" >"$work/import.log" 2>&1 \
        || { cat "$work/import.log"; echo "smoke: bundled dafu could not import a PDF without poppler"; exit 1; }
    "$bundle/dafu" search 泰然立城连廊 | grep -q 泰然立城连廊 \
        || { echo "smoke: the imported PDF's paragraphs are not found"; exit 1; }
    echo "smoke: bundled dafu imported a PDF with pypdf"
else
    echo "smoke: no LibreOffice here to make a PDF; pypdf not tried"
fi

export QT_QPA_PLATFORM=offscreen DAFU_READY_FILE="$work/ready"
"$bundle/dafu-desktop" resources/samples/reply_JY20230126.dafu >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -f "$work/ready" ] && break; sleep 0.1; done
[ -f "$work/ready" ] || { cat "$work/app.log"; echo "smoke: the app showed no window"; exit 1; }
sleep 3
kill -0 "$pid" || { cat "$work/app.log"; echo "smoke: the app did not stay up"; exit 1; }
kill -TERM "$pid"
wait "$pid" && echo "smoke: bundled dafu-desktop started, stayed up and quit cleanly"
