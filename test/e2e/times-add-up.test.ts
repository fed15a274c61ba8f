/**
 * Times that add up (issue 11), end to end on every CPython here: a run that fails (the exception event
 * carries the module frame's whole life as its duration) and a run that ends by sys.exit from a
 * thread-using, nested-call script. Their phase and statement times sum to at most their wall time.
 * (Every other end-to-end test checks the same on its own runs when it stops its daemon: test/support/times-add-up.ts.)
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, useDaemon, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { discoverPythons } from '../support/pythons.js';
import { runsWhoseTimesDoNotAddUp } from '../support/times-add-up.js';

const SCRIPTS: Record<string, string> = {
  'fails.py': [
    'import time',
    'def work():',
    '    s = 0',
    '    for i in range(100000):',
    '        s += i',
    '    return s',
    'work()',
    'x = [work() for _ in range(3)]',
    'time.sleep(0.3)',
    'open("no/such/dir/missing.csv")',
  ].join('\n'),
  'exits.py': [
    'import sys, threading, time',
    'def inner():',
    '    time.sleep(0.1)',
    '    return 1',
    'def outer():',
    '    return inner() + inner()',
    't = threading.Thread(target=lambda: time.sleep(0.3))',
    't.start()',
    'total = outer() + outer()',
    't.join()',
    'sys.exit(3)',
  ].join('\n'),
};

const FORK_SCRIPT = [
  'import os, time',
  'def work(n):',
  '    return sum(range(n))',
  'time.sleep(0.6)',
  'pid = os.fork()',
  'if pid == 0:',
  '    total = work(200000)',
  '    time.sleep(0.05)',
  '    os._exit(0)',
  'os.waitpid(pid, 0)',
  'done = work(10)',
].join('\n') + '\n';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));
let project: string | undefined;
after(() => project && rmSync(project, { recursive: true, force: true }));

for (const python of discoverPythons()) {
  test(`phases and statements of a failed and an exited run add up to at most their wall time on Python ${python.label}`, async () => {
    project ??= `${daemon.home.root}-times`;
    const dir = join(project, python.label);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(SCRIPTS)) {
      writeFileSync(join(dir, name), text + '\n');
      const r = runTraced(python.executable, join(dir, name), daemon.home, { cwd: dir });
      assert.equal(r.status, name === 'fails.py' ? 1 : 3, r.stderr);
      const run = await waitFor(`${name} correlated`, () => sql<{ run_id: string; duration_s: number; phases_s: number; statements_s: number }>(daemon.home,
        `SELECT r.run_id, (epoch_ns(r.ended_at) - epoch_ns(r.started_at)) / 1e9 AS duration_s,
           (SELECT sum(wall_ns) / 1e9 FROM phase_breakdown p WHERE p.run_id = r.run_id) AS phases_s,
           (SELECT sum(total_ns) / 1e9 FROM statement_times s WHERE s.run_id = r.run_id) AS statements_s
         FROM runs r JOIN run_analysis USING (run_id) WHERE r.script = '${join(dir, name)}'`)[0], 60_000, () => storeDiagnosis(daemon.home));
      assert.ok(run.duration_s >= 0.3, `${name} lasted ${run.duration_s} s`);
      assert.ok(run.phases_s > 0.25 && run.phases_s <= run.duration_s + 0.002, `${name}: phases ${run.phases_s} s, wall ${run.duration_s} s`);
      assert.ok(run.statements_s <= run.duration_s + 0.002, `${name}: statements ${run.statements_s} s, wall ${run.duration_s} s`);
    }
    assert.deepEqual(runsWhoseTimesDoNotAddUp((q) => sql(daemon.home, q)), []);
  });

  // A fork child is a run of its own that starts at the fork: its times count from there, not from
  // the parent's start (they did: the child's intervals ended up to the parent's whole life late).
  test(`a fork child's phases end within its own wall time on Python ${python.label}`, async () => {
    project ??= `${daemon.home.root}-times`;
    const dir = join(project, `${python.label}-fork`);
    mkdirSync(dir, { recursive: true });
    const script = join(dir, 'forks.py');
    writeFileSync(script, FORK_SCRIPT);
    const r = runTraced(python.executable, script, daemon.home, { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    await waitFor('parent and child correlated', () => {
      const n = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM runs JOIN run_analysis USING (run_id) WHERE script = '${script}'`)[0]!.n;
      return Number(n) === 2 ? true : undefined;
    }, 60_000, () => storeDiagnosis(daemon.home));
    assert.deepEqual(runsWhoseTimesDoNotAddUp((q) => sql(daemon.home, q)), []);
  });
}
