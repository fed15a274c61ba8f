#!/usr/bin/env bash
# Runs every test — TypeScript (node:test, incl. end-to-end against a real daemon) and the Python
# agent's unittest suite on every CPython >= 3.8 this machine has — and prints one summary line.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
LOG_DIR="$ROOT/.labtrace-test/logs"
mkdir -p "$LOG_DIR"
passed=0; failed=0; failed_suites=()

# --- TypeScript -------------------------------------------------------------------------------
mapfile -t ts_tests < <(find build -name '*.test.js' -not -path '*/node_modules/*' | sort)
echo "== TypeScript: ${#ts_tests[@]} test files"
if ((${#ts_tests[@]} > 0)); then
  node --test --test-reporter=spec --test-timeout=600000 "${ts_tests[@]}" 2>&1 | tee "$LOG_DIR/ts.log"
  p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$LOG_DIR/ts.log" | tail -1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$LOG_DIR/ts.log" | tail -1)
  c=$(sed -n 's/^ℹ cancelled \([0-9]*\)$/\1/p' "$LOG_DIR/ts.log" | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1} + ${c:-0}))
  [[ "${f:-1}" != 0 || "${c:-0}" != 0 ]] && failed_suites+=("typescript")
fi

# --- Python agent, on every interpreter -------------------------------------------------------
pythons=()
root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
for py in "$root"/versions/3.*/bin/python /usr/bin/python3; do
  [[ -x "$py" ]] || continue
  if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)' 2>/dev/null; then pythons+=("$py"); fi
done
[[ -x "$ROOT/.venv/bin/python" ]] && pythons+=("$ROOT/.venv/bin/python")
for py in "${pythons[@]}"; do
  label=$("$py" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
  [[ "$py" == /usr/bin/* ]] && label="system-$label"
  [[ "$py" == "$ROOT/.venv/"* ]] && label="venv-$label"
  echo "== Python agent tests on $label ($py)"
  log="$LOG_DIR/py-$label.log"
  LABTRACE_REQUIRE_PROTOBUF=$([[ "$label" == venv-* ]] && echo 1 || echo 0) LABTRACE_REQUIRE_NATIVE=1 \
    "$py" -m unittest discover -s python-agent/tests -t python-agent 2>&1 | tee "$log" | tail -5
  ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\}.*/\1/p' "$log" | tail -1)
  bad=$(sed -n 's/^FAILED (\(.*\))$/\1/p' "$log" | tail -1 | awk -F', *' '{ n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^(failures|errors)=/) { split($i, kv, "="); n += kv[2] } print n }')
  ran=${ran:-0}; bad=${bad:-0}
  # No "OK" line and no counted failure means the suite crashed or ran nothing: that is a failure too.
  if ! grep -q '^OK' "$log" && ((bad == 0)); then bad=1; fi
  passed=$((passed + ran - bad)); failed=$((failed + bad))
  ((bad > 0)) && failed_suites+=("python-$label")
done

# --- the transparency harness's own unit tests (make transparency itself is too slow for CI) ------
echo "== transparency harness tests"
log="$LOG_DIR/py-transparency-harness.log"
harness_py=$(ls "$root"/versions/3.11*/bin/python 2>/dev/null | head -1)
"${harness_py:-python3}" -m unittest discover -s test/transparency -p 'test_*.py' 2>&1 | tee "$log" | tail -3
ran=$(sed -n 's/^Ran \([0-9]*\) tests\{0,1\}.*/\1/p' "$log" | tail -1)
if grep -q '^OK' "$log"; then passed=$((passed + ${ran:-0})); else failed=$((failed + 1)); failed_suites+=("transparency-harness"); fi

echo
# CI shows only the end of the output: repeat why TypeScript tests failed (the spec reporter's summary).
if grep -q '^✖ failing tests:' "$LOG_DIR/ts.log" 2>/dev/null; then
  sed -n '/^✖ failing tests:/,$p' "$LOG_DIR/ts.log" | grep -v '^ℹ' | head -60
fi
# ...and which Python tests failed, with their tracebacks (unittest prints them before "Ran N tests").
for suite in "${failed_suites[@]}"; do
  [[ "$suite" == python-* ]] || continue
  echo "-- ${suite}:"
  awk '/^(FAIL|ERROR): /{on=1} /^Ran [0-9]+ test/{on=0} on' "$LOG_DIR/py-${suite#python-}.log" | head -80
done
((${#failed_suites[@]} > 0)) && echo "failing suites: ${failed_suites[*]}"
echo "labtrace: $passed passed, $failed failed"
((failed == 0))
