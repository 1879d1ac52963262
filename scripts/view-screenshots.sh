#!/usr/bin/env bash
# Renders the `minutes view` pages of two samples (the seed, and one with a long participant
# list) and their index in headless Chromium to PNG, and fails when a page logs anything to the
# console (a script error, a blocked or missing load: the pages should have neither).
#
#   scripts/view-screenshots.sh [OUT_DIR]        # default /tmp/minutes-view; needs a release build
#
# Needs Debian's chromium and a CJK font (without one the text renders as boxes):
#   apt-get install -y chromium fonts-wqy-microhei
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/minutes-view}
bin=.build/release/minutes
command -v chromium >/dev/null || { echo "needs chromium: apt-get install -y chromium fonts-wqy-microhei" >&2; exit 2; }
[ -x "$bin" ] || { echo "needs a release build: swift build -c release" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
"$bin" view Samples/articles/yunfu-2022-10-06.txt Samples/articles/110-rare-compound-surnames.txt --out "$out" >/dev/null
status=0
for page in "$out"/*.html; do
    png=${page%.html}.png
    log=${page%.html}.log
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 \
        --window-size=1400,1100 --screenshot="$png" "file://$(realpath "$page")" >/dev/null 2>"$log"
    if grep -q ':CONSOLE' "$log"; then
        echo "$page: console messages:" >&2
        grep ':CONSOLE' "$log" >&2
        status=1
    fi
    if [ ! -s "$png" ]; then
        echo "$page: no screenshot" >&2
        status=1
    fi
    echo "$png"
done
exit $status
