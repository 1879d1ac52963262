#!/usr/bin/env bash
# Loopback load test of `minutes serve` (scripts/bench-serve.sh; README, "Service").
#
# One typical ~2 KB report (the first paragraphs of Samples/articles/yunfu-2022-10-06.txt, cut at
# a line end) is POSTed to /v1/extract by wrk at concurrency 1, 8 and 64 (requests/s, p50, p99);
# the same record repeated as JSON Lines goes through `minutes extract --format jsonl` and through
# POST /v1/extract/batch in the same run (MB/s); then RSS is sampled over a longer wrk run.
# Bounded: DURATION seconds per concurrency (default 10), RSS_SECONDS for the RSS run (default
# 120), RECORDS records for the MB/s comparison (default 4000). 127.0.0.1 only.
# Needs wrk and curl (apt-get install -y wrk curl) and a release build (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
RSS_SECONDS=${RSS_SECONDS:-120}
RECORDS=${RECORDS:-4000}
WORKERS=${WORKERS:-$(nproc)}
BIN=.build/release
command -v wrk >/dev/null || { echo "bench-serve: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[ -x "$BIN/minutes-server" ] && [ -x "$BIN/minutes" ] || { echo "bench-serve: build first: swift build -c release" >&2; exit 2; }

WORK=$(mktemp -d /tmp/minutes-bench-serve.XXXXXX)
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

python3 - "$WORK" "$RECORDS" <<'PY'
import json, sys
work, records = sys.argv[1], int(sys.argv[2])
text = open("Samples/articles/yunfu-2022-10-06.txt", encoding="utf-8").read()
cut = text.encode()[:2048].decode(errors="ignore")  # about 2 KB, ending at a sentence or clause
cut = cut[:max(cut.rfind(mark) for mark in "。，,；;") + 1]
body = json.dumps({"id": "bench", "text": cut, "published": "2022-10-08 09:08"}, ensure_ascii=False)
open(f"{work}/body.json", "w", encoding="utf-8").write(body)
with open(f"{work}/records.jsonl", "w", encoding="utf-8") as f:
    for i in range(records):
        f.write(json.dumps({"id": str(i), "text": cut}, ensure_ascii=False) + "\n")
print(f"report: {len(cut.encode())} bytes of text, request body {len(body.encode())} bytes")
PY
cat > "$WORK/post.lua" <<LUA
local f = io.open("$WORK/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA

"$BIN/minutes-server" --port 0 --workers "$WORKERS" --queue 4096 2> "$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep -o "listening on http://127.0.0.1:[0-9]*" "$WORK/server.log" | grep -o "[0-9]*$")
URL="http://127.0.0.1:$PORT"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F) ; workers $WORKERS"
curl -s -o /dev/null -X POST -H "Content-Type: application/json" --data-binary @"$WORK/body.json" "$URL/v1/extract"  # warm up

rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
latency() {  # wrk's latency column in ms
    awk -v p="$1" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; printf "%.2f", v}'
}
echo
echo "concurrency  requests/s  p50 ms  p99 ms  p99/p50  non-2xx"
for c in 1 8 64; do
    wrk -t $(( c < 2 ? 1 : 2 )) -c "$c" -d "${DURATION}s" --latency -s "$WORK/post.lua" "$URL/v1/extract" > "$WORK/wrk-$c.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$c.txt")
    p50=$(latency 50% < "$WORK/wrk-$c.txt")
    p99=$(latency 99% < "$WORK/wrk-$c.txt")
    bad=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk-$c.txt")
    printf "%11d  %10.1f  %6s  %6s  %7.2f  %s\n" "$c" "$rps" "$p50" "$p99" "$(echo "$p99 / $p50" | bc -l)" "${bad:-0}"
    eval "rps_$c=$rps"
done

bytes=$(stat -c %s "$WORK/records.jsonl")
mb=$(echo "$bytes / 1048576" | bc -l)
# CLI and batch endpoint alternate, 3 rounds, so a change in the machine's load hits both; medians
cli_rates=(); batch_rates=()
for round in 1 2 3; do
    t0=$(date +%s.%N)
    "$BIN/minutes" extract --format jsonl --quiet --jobs "$WORKERS" "$WORK/records.jsonl" > "$WORK/cli.jsonl"
    t1=$(date +%s.%N)
    curl -s -X POST -H "Content-Type: application/x-ndjson" --data-binary @"$WORK/records.jsonl" "$URL/v1/extract/batch" > "$WORK/batch.jsonl"
    t2=$(date +%s.%N)
    cli_rates+=("$(echo "$mb / ($t1 - $t0)" | bc -l)")
    batch_rates+=("$(echo "$mb / ($t2 - $t1)" | bc -l)")
done
median() { printf "%s\n" "$@" | sort -g | sed -n 2p; }
cli=$(median "${cli_rates[@]}")
batch=$(median "${batch_rates[@]}")
body=$(stat -c %s "$WORK/body.json")
single=$(echo "$rps_64 * $body / 1048576" | bc -l)
echo
printf "MB/s on %d records (%.1f MB), median of 3 alternating rounds: CLI extract --format jsonl %.2f; POST /v1/extract/batch %.2f (%.0f%% of the CLI); POST /v1/extract at c=64 (earlier) %.2f\n" \
    "$RECORDS" "$mb" "$cli" "$batch" "$(echo "100 * $batch / $cli" | bc -l)" "$single"
echo "rounds, CLI: ${cli_rates[*]}"
echo "rounds, batch: ${batch_rates[*]}"
cmp -s "$WORK/cli.jsonl" "$WORK/batch.jsonl" && echo "batch output identical to the CLI's" || echo "batch output DIFFERS from the CLI's"

echo
# A 1 GB batch, streamed: 60 lines of 17 MB (over the 16 MB line limit: each answered by an error
# line, never held whole) between real records; the server's peak RSS before and after.
peak() { awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status"; }
before=$(peak)
lines=$(python3 - "$WORK/body.json" <<'PY' | curl -s -X POST -T - -H "Expect:" -H "Content-Type: application/x-ndjson" "$URL/v1/extract/batch" | wc -l
import sys
record = open(sys.argv[1], "rb").read() + b"\n"
filler = b"\xe4\xbc\x9a" * (1 << 20)  # 3 MB of 会
out = sys.stdout.buffer
for i in range(60):
    out.write(b'{"id": "big-%d", "text": "' % i)
    for _ in range(17 // 3 + 1):
        out.write(filler)
    out.write(b'"}\n')
    out.write(record)
PY
)
echo "1 GB batch: $lines lines out for 120 in; peak RSS ${before} KB before, $(peak) KB after"

echo
echo "RSS over ${RSS_SECONDS}s at concurrency 8 (KB, every 10 s):"
samples="$(rss)"
wrk -t 2 -c 8 -d "${RSS_SECONDS}s" -s "$WORK/post.lua" "$URL/v1/extract" > "$WORK/wrk-rss.txt" &
WRK_PID=$!
for _ in $(seq 10 10 "$RSS_SECONDS"); do sleep 10; samples="$samples $(rss)"; done
wait "$WRK_PID"
samples="$samples $(rss)"
echo "$samples"
echo "requests in the RSS run: $(awk '/requests in/ {print $1}' "$WORK/wrk-rss.txt"), $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk-rss.txt")/s"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" && echo "server stopped on SIGTERM with status 0"; SERVER_PID=
