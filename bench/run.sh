#!/usr/bin/env bash
# make bench: every benchmark; writes bench/results/latest.json and prints the table.
#   bash bench/run.sh [--quick] [--parts overhead,startup,ingest,analytics] [--pythons 11,13] [--workloads dslike] [--update-docs]
# Expects `make build` and the .venv (make bench depends on both). Not part of make test.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=$(command -v python3)
if [ ! -f build/bench/ingest/ingest.js ]; then
  echo "bench: build/bench is missing; run make build (or make bench)" >&2
  exit 2
fi
exec "$PY" bench/harness/main.py "$@"
