/**
 * End to end on every CPython >= 3.8 here: a real daemon, a real traced Python process, and the rows
 * in DuckDB — the run, its user-function calls, module-level statements, library calls and imports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DaemonProcess, useDaemon, runTraced, sql, waitFor } from '../support/daemon-fixture.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { discoverPythons } from '../support/pythons.js';

const SCRIPT = join(FIXTURES_DIR, 'scripts', 'basic_run.py');
// Lines of basic_run.py: every module-level statement, and those that make a call (always seen).
const ALL_STATEMENTS = [2, 3, 6, 10, 17, 18, 19, 20, 21, 22, 23];
// (line 21 calls range(), a class: below 3.12 no profile event marks it)
const CALLING_STATEMENTS = [18, 19, 20, 22, 23];

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

const pythons = discoverPythons();

test('this machine has interpreters to test', () => {
  assert.ok(pythons.length > 0, 'no CPython >= 3.8 found');
});

for (const python of pythons) {
  test(`traces a script end to end on Python ${python.label}`, async () => {
    const r = runTraced(python.executable, SCRIPT, daemon.home, { env: { LABTRACE_TEST_TAG: python.label } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '{"result": 55} 7.416\n');
    assert.equal(r.stderr, '');
    const run = await waitFor('run end committed', () => {
      const rows = sql<Record<string, unknown>>(daemon.home, `SELECT * FROM runs WHERE python_version = '${python.version}' AND executable = '${python.executable}' AND status <> 'running' ORDER BY started_at DESC LIMIT 1`);
      return rows[0];
    });
    const runId = String(run.run_id);
    assert.equal(run.status, 'ok');
    assert.equal(run.exit_code, 0);
    assert.equal(run.script, SCRIPT);
    assert.equal(run.backend, python.minor >= 12 ? 'monitoring' : 'setprofile');
    assert.ok(String(run.backend_reason).length > 0);
    assert.match(String(run.script_sha256), /^[0-9a-f]{64}$/);

    const calls = sql<{ qualname: string; n: number }>(daemon.home, `SELECT qualname, count(*) AS n FROM calls WHERE run_id = '${runId}' AND kind = 'call' GROUP BY 1 ORDER BY 1`);
    // The module's own code object starts once, like a call.
    assert.deepEqual(calls, [{ qualname: '<module>', n: 1 }, { qualname: 'square', n: 5 }, { qualname: 'total', n: 1 }]);
    const returns = sql<{ n: number; first_line: number }>(daemon.home, `SELECT count(*) AS n, min(first_line) AS first_line FROM calls WHERE run_id = '${runId}' AND kind = 'return' AND qualname = 'square'`);
    assert.deepEqual(returns, [{ n: 5, first_line: 6 }]);

    const lines = sql<{ line: number }>(daemon.home, `SELECT DISTINCT line FROM statements WHERE run_id = '${runId}' AND file = '${SCRIPT}' ORDER BY line`).map((s) => s.line);
    for (const line of CALLING_STATEMENTS) assert.ok(lines.includes(line), `statement at line ${line} missing (got ${lines})`);
    for (const line of lines) assert.ok(ALL_STATEMENTS.includes(line), `line ${line} is not a module-level statement`);

    const lib = sql<{ call_line: number; callee_module: string; callee: string }>(daemon.home,
      `SELECT DISTINCT call_line, callee_module, callee FROM library_calls WHERE run_id = '${runId}' AND call_line IN (19, 20) ORDER BY call_line`);
    assert.deepEqual(lib.map((l) => [l.call_line, l.callee_module, l.callee]), [[19, 'json', 'dumps'], [20, 'math', 'sqrt']]);

    const imports = sql<{ module: string }>(daemon.home, `SELECT module FROM imports WHERE run_id = '${runId}'`).map((i) => i.module);
    assert.ok(imports.includes('json'), `imports: ${imports}`);
    // (math is not checked: some interpreters' site-packages .pth files import it before any script runs)
  });
}
