/**
 * labtrace rm / prune (issue 14) against a real daemon and real traced runs: every row of a deleted run
 * goes, in every table; other runs keep theirs; a running run is never deleted (rm refuses, prune keeps
 * it); prune --dry-run deletes nothing; without a daemon, rm goes through the store file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runTraced, sleep, sql, useDaemon, waitFor, type DaemonProcess } from '../../test/support/daemon-fixture.js';
import { discoverPythons } from '../../test/support/pythons.js';
import { AGENT_DIR } from '../../test/support/paths.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));
const python = discoverPythons().at(-1)!.executable;
let sleeper: ChildProcess | undefined;
let ended: string[] = [];
let running = '';

after(() => void sleeper?.kill('SIGKILL'));

before(async () => {
  await waitFor('the daemon', () => daemon !== undefined);
  const script = join(daemon.home.root, 'train.py');
  writeFileSync(script, 'import json\nrows = [1, 2, 3]\nwith open(__file__) as f:\n    text = f.read()\nprint(json.dumps(rows))\n');
  for (let i = 0; i < 3; i++) assert.equal(runTraced(python, script, daemon.home).status, 0);
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LABTRACE_HOME: daemon.home.root, PYTHONPATH: AGENT_DIR };
  delete env.LABTRACE_DISABLE;
  writeFileSync(join(daemon.home.root, 'sleeper.py'), 'import time\ntime.sleep(120)\n');
  sleeper = spawn(python, [join(daemon.home.root, 'sleeper.py')], { env, stdio: 'ignore' });
  await waitFor('three ended runs and a running one', () => {
    const rows = sql<{ run_id: string; status: string }>(daemon.home, 'SELECT run_id, status FROM runs ORDER BY started_at');
    ended = rows.filter((r) => r.status === 'ok').map((r) => r.run_id);
    running = rows.find((r) => r.status === 'running')?.run_id ?? '';
    return ended.length === 3 && running !== '';
  });
  // every ended run is correlated (derived tables written) before anything is deleted
  await waitFor('correlation', () => sql(daemon.home, 'SELECT run_id FROM run_analysis').length === 3);
});

/** Rows of the run in every table that has a run_id (or, event_log, a run_key). */
function rowsOf(runId: string): Record<string, number> {
  const tables = sql<{ table_name: string; column_name: string }>(daemon.home,
    `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE t.table_type = 'BASE TABLE' AND c.column_name IN ('run_id', 'run_key') AND NOT (c.table_name = 'runs' AND c.column_name = 'run_key')`);
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const where = t.column_name === 'run_id' ? `run_id = '${runId}'` : `run_key = (SELECT run_key FROM runs WHERE run_id = '${runId}')`;
    const n = Number(sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM "${t.table_name}" WHERE ${where}`)[0]!.n);
    if (n > 0) counts[t.table_name] = n;
  }
  return counts;
}

test('rm deletes every row of a run and nothing of the others; a running run is refused', () => {
  const [gone, kept] = ended;
  const before = rowsOf(gone!);
  assert.ok(before.runs === 1 && (before.event_log ?? 0) > 0 && (before.code_objects ?? 0) > 0 && (before.statement_phases ?? 0) > 0, JSON.stringify(before));
  const keptBefore = rowsOf(kept!);
  const r = runCli(daemon.home, ['rm', gone!.slice(0, 20)]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `deleted run ${gone}\n1 run deleted\n`);
  assert.deepEqual(rowsOf(gone!), {});
  assert.deepEqual(rowsOf(kept!), keptBefore);
  assert.equal(sql(daemon.home, 'SELECT * FROM source_blobs').length > 0, true, 'the blobs other runs use are kept');

  const refused = runCli(daemon.home, ['rm', kept!, running]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, new RegExp(`^labtrace: run ${running} is running: not deleted \\(nothing was\\)`));
  assert.equal(rowsOf(kept!).runs, 1);
  assert.equal(rowsOf(running).runs, 1);
});

test('prune --older-than: --dry-run deletes nothing, then deletes ended runs and keeps the running one', async () => {
  await sleep(1200);
  const dry = runCli(daemon.home, ['prune', '--older-than', '1s', '--dry-run', '--format', 'json']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.deepEqual(JSON.parse(dry.stdout), { deleted: ended.slice(1), running: [], missing: [], dry_run: true });
  assert.equal(sql(daemon.home, 'SELECT * FROM runs').length, 3);
  const none = runCli(daemon.home, ['prune', '--older-than', '30d']);
  assert.equal(none.stdout, '0 runs deleted\n');
  const pruned = runCli(daemon.home, ['prune', '--older-than', '1s']);
  assert.equal(pruned.status, 0, pruned.stderr);
  assert.deepEqual(sql<{ run_id: string }>(daemon.home, 'SELECT run_id FROM runs').map((r) => r.run_id), [running]);
});

test('without a daemon, rm goes through the store file', async () => {
  sleeper!.kill('SIGKILL');
  await waitFor('the killed run to end', () => sql<{ status: string }>(daemon.home, `SELECT status FROM runs WHERE run_id = '${running}'`)[0]?.status !== 'running', 30_000);
  await daemon.stop();
  const r = runCli(daemon.home, ['rm', 'latest', '--format', 'csv']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `run_id,outcome\n${running},deleted\n`);
  assert.deepEqual(sql(daemon.home, 'SELECT run_id FROM runs'), []);
  assert.deepEqual(sql(daemon.home, 'SELECT * FROM event_log'), []);
});
