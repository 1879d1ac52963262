#!/usr/bin/env bash
# schemathesis against a live `minutes serve` and docs/openapi.yaml (README, "Service"): every
# operation with generated valid and invalid requests; fails on a response that breaks the spec or
# any 5xx. Bounded: MAX_EXAMPLES per operation (default 100). 127.0.0.1 only.
# Installs schemathesis from PyPI into a venv (VENV, default /tmp/minutes-schemathesis) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_EXAMPLES=${MAX_EXAMPLES:-100}
VENV=${VENV:-/tmp/minutes-schemathesis}
BIN=${BIN:-.build/release}
[ -x "$BIN/minutes-server" ] || { echo "check-openapi: build first: swift build -c release" >&2; exit 2; }
if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q schemathesis
fi

LOG=$(mktemp /tmp/minutes-check-openapi.XXXXXX)
"$BIN/minutes-server" --port 0 --max-body-mb 1 2> "$LOG" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
PORT=$(grep -o "listening on http://127.0.0.1:[0-9]*" "$LOG" | grep -o "[0-9]*$")

# A batch answers 200 with one {"id", "error"} line per bad line (the JSONL contract), so it is
# checked without negative_data_rejection; a batch body is JSON Lines (scripts/schemathesis_hooks.py).
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
export SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH=scripts
status=0
"$VENV/bin/schemathesis" run docs/openapi.yaml --url "http://127.0.0.1:$PORT" --exclude-path /v1/extract/batch \
    --checks "$CHECKS,negative_data_rejection" --max-examples "$MAX_EXAMPLES" --phases examples,coverage,fuzzing --no-color || status=1
"$VENV/bin/schemathesis" run docs/openapi.yaml --url "http://127.0.0.1:$PORT" --include-path /v1/extract/batch \
    --checks "$CHECKS" --max-examples "$MAX_EXAMPLES" --phases examples,coverage,fuzzing --no-color || status=1
echo "server 5xx lines in its log: $(grep -c 'status=5' "$LOG" || true)"
exit $status
