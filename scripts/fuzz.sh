#!/usr/bin/env bash
# Builds the libFuzzer target (Fuzz/, a separate package that depends on this one by path) with
# AddressSanitizer, and runs it over the whole pipeline, seeded with the samples.
#   scripts/fuzz.sh [SECONDS] [libFuzzer options…]      (default 60 seconds)
# New inputs accumulate in Fuzz/.corpus; a crash is written to Fuzz/artifacts/ — copy it to
# Fuzz/regressions/ (FuzzRegressionTests runs every file there) and fix what it shows.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds=${1:-60}
shift || true
touch Package.swift  # makes SwiftPM re-plan: it misses files added to or removed from the path dependency
swift build -c release --product FuzzPipeline \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld   # gold crashes on these links
mkdir -p .corpus artifacts
exec .build/release/FuzzPipeline -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix=artifacts/ -print_final_stats=1 "$@" \
    .corpus ../Samples/articles ../Samples/html regressions
