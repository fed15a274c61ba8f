/**
 * The agent never changes the traced program: stdout, stderr and exit status are byte-identical with
 * and without it (daemon up), on every Python here; children started by fork and multiprocessing are
 * traced as their own runs, linked to their parent run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DaemonProcess, useDaemon, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { FIXTURES_DIR } from '../support/paths.js';
import { discoverPythons } from '../support/pythons.js';

const DIR = join(FIXTURES_DIR, 'transparency');
const SCRIPTS = ['exit3.py', 'raises.py', 'streams.py', 'threads.py', 'forks.py', 'mp.py'];

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

for (const python of discoverPythons()) {
  test(`output and exit status unchanged on Python ${python.label}`, () => {
    for (const script of SCRIPTS) {
      const path = join(DIR, script);
      const plain = runTraced(python.executable, path, daemon.home, { traced: false, cwd: DIR });
      const traced = runTraced(python.executable, path, daemon.home, { cwd: DIR });
      assert.equal(traced.status, plain.status, `${script}: exit status`);
      assert.equal(traced.stdout, plain.stdout, `${script}: stdout`);
      assert.equal(traced.stderr, plain.stderr, `${script}: stderr`);
    }
  });
}

test('fork and multiprocessing children are runs of their own, linked to the parent', async () => {
  const python = discoverPythons().find((p) => p.minor === 11) ?? discoverPythons()[0]!;
  const tag = `mp-${Date.now()}`;
  const diagnose = (): string => storeDiagnosis(daemon.home);
  // (a fork child has its parent's script and argv: the parent is the run without a parent)
  // Closed and joined pools: every worker is sure to start (a terminated pool may kill a worker that
  // has not started yet, and then there is rightly no run for it).
  const r = runTraced(python.executable, join(DIR, 'pools_joined.py'), daemon.home, { cwd: DIR, args: [tag] });
  assert.equal(r.status, 0, `exit status ${r.status}\n${r.stderr}`);
  const parent = await waitFor('parent run', () => sql<{ run_id: string }>(daemon.home,
    `SELECT run_id FROM runs WHERE script LIKE '%/pools_joined.py' AND list_contains(argv, '${tag}') AND parent_run_id IS NULL AND status = 'ok'`)[0], 20_000, diagnose);
  // Pool(2) for fork and Pool(2) for spawn: four worker processes, each its own run, ended normally.
  const workers = await waitFor('worker runs', () => {
    const rows = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM runs WHERE parent_run_id = '${parent.run_id}' AND status = 'ok' AND (list_contains(argv, '--multiprocessing-fork') OR script LIKE '%/pools_joined.py')`);
    return rows[0]!.n >= 4 ? rows : undefined;
  }, 20_000, diagnose);
  assert.equal(workers[0]!.n, 4);
  const fork = runTraced(python.executable, join(DIR, 'forks.py'), daemon.home, { cwd: DIR, args: [tag] });
  assert.equal(fork.status, 0, `exit status ${fork.status}\n${fork.stderr}`);
  const forkParent = await waitFor('fork parent run', () => sql<{ run_id: string }>(daemon.home,
    `SELECT run_id FROM runs WHERE script LIKE '%/forks.py' AND list_contains(argv, '${tag}') AND parent_run_id IS NULL AND status = 'ok'`)[0], 20_000, diagnose);
  const child = await waitFor('fork child run', () => sql<{ exit_code: number }>(daemon.home,
    `SELECT exit_code FROM runs WHERE parent_run_id = '${forkParent.run_id}' AND status <> 'running'`)[0], 20_000, diagnose);
  assert.equal(child.exit_code, 7);
});
