#!/usr/bin/env bash
# Side-by-side throughput: jieba 0.42 `posseg` (from PyPI, in a throwaway venv) and `minutes extract`
# on the same articles (People's Daily 1998 when ../shared is present, else the generated corpus),
# one core each, in the same run. Prints MB/s of UTF-8 input for both and the ratio.
# usage: scripts/bench-vs-jieba.sh [--pd1998 PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
bin=.build/release/minutes
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" bench --write-corpus "$tmp/corpus.jsonl" "$@"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q "jieba==0.42.1"

"$tmp/venv/bin/python" - "$tmp/corpus.jsonl" "$bin" <<'PY'
import json, subprocess, sys, time
import jieba, jieba.posseg as pseg

corpus, binary = sys.argv[1], sys.argv[2]
texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

t = time.perf_counter(); jieba.initialize(); init = time.perf_counter() - t
t = time.perf_counter()
for text in texts:
    pseg.lcut(text)
jieba_s = time.perf_counter() - t

# minutes takes well under a second: the median of five runs, so one noisy run does not decide.
runs = []
for _ in range(5):
    t = time.perf_counter()
    subprocess.run([binary, "extract", "--quiet", "--jobs", "1", "--format", "jsonl", corpus],
                   check=True, stdout=subprocess.DEVNULL)
    runs.append(time.perf_counter() - t)
minutes_s = sorted(runs)[len(runs) // 2]

print(f"{len(texts)} articles, {mb:.2f} MB of UTF-8, one core each")
print(f"jieba 0.42 posseg: {jieba_s:7.2f} s  {mb / jieba_s:8.2f} MB/s  (dictionary load {init:.2f} s not counted)")
print(f"minutes extract  : {minutes_s:7.2f} s  {mb / minutes_s:8.2f} MB/s  (whole process, full pipeline, JSONL written; median of 5)")
print(f"ratio: minutes is {jieba_s / minutes_s:.1f}x jieba posseg")
PY
