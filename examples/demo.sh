#!/usr/bin/env bash
# make demo: start the daemon if needed, trace the bundled experiment, print its record from DuckDB.
set -euo pipefail
cd "$(dirname "$0")/.."
labtrace() { node bin/labtrace.js "$@"; }
PY=python3
[[ -x .venv/bin/python ]] && PY=.venv/bin/python
labtrace daemon start
echo "== tracing examples/demo/train.py with $($PY --version 2>&1)"
PYTHONPATH="$PWD/python-agent" "$PY" examples/demo/train.py
run_id=""
for _ in $(seq 1 50); do
  run_id=$(labtrace query "SELECT run_id FROM runs WHERE script LIKE '%examples/demo/train.py' AND status <> 'running' ORDER BY started_at DESC LIMIT 1" --format csv | tail -n +2)
  [[ -n "$run_id" ]] && break
  sleep 0.2
done
[[ -n "$run_id" ]] || { echo "the run did not reach the store; see ~/.labtrace/agent.log and daemon.log" >&2; exit 1; }
echo
if labtrace show --help >/dev/null 2>&1; then
  labtrace show "$run_id"
else
  labtrace query "SELECT run_id, script, status, exit_code, python_version, backend, events_ingested, duration_s FROM run_summary WHERE run_id = '$run_id'"
fi
