/**
 * Child runs of a notebook session (issue 12): `!python child.py`, `subprocess.run([sys.executable, ...])`
 * and `%run script.py` from cells. A child process is a run of its own that names the session
 * (runs.parent_run_id) and the cell execution that started it (runs.parent_cell); `%run` executes in the
 * kernel: what the script does belongs to that execution, and the script is a source of the session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, sql } from '../support/daemon-fixture.js';
import { notebookFixture, skip } from '../support/notebook-fixture.js';

const nb = notebookFixture();

test('processes started by cells are runs linked to the session and to their cell; %run is the cell\'s own', { skip }, async () => {
  const dir = nb.workdir();
  writeFileSync(join(dir, 'child.py'), 'import sys\nprint("child", sys.argv[1])\n');
  writeFileSync(join(dir, 'script.py'), 'import json\nvalues = [1, 2, 3]\ntotal = sum(values)\nwith open("total.json", "w") as f:\n    json.dump(total, f)\n');
  const notebook = nb.writeNotebook(dir, 'children.ipynb', [
    'import subprocess, sys',
    '!{sys.executable} child.py bang',
    'r = subprocess.run([sys.executable, "child.py", "sub"], capture_output=True, text=True)\nprint(r.stdout.strip())',
    'x = 1',
    '%run script.py',
    'r = subprocess.run([sys.executable, "child.py", "again"], capture_output=True, text=True)\nprint(r.stdout.strip())',
  ]);
  const outputs = nb.execute(dir, notebook) as Array<Array<{ text?: string }>>;
  assert.deepEqual(outputs.map((o) => o.map((x) => x.text ?? '').join('').replace(/\r\n/g, '\n')), ['', 'child bang\n', 'child sub\n', '', '', 'child again\n']);
  const home = nb.daemon().home;
  const { runId, executions } = await nb.session(notebook);
  assert.deepEqual(executions.map((e) => e.outcome), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  const children = sql<{ run_id: string; parent_cell: number | null; argv: string[] }>(home,
    `SELECT run_id, parent_cell, argv FROM runs WHERE parent_run_id = '${runId}' ORDER BY started_at`);
  assert.deepEqual(children.map((c) => [c.parent_cell, c.argv.slice(-1)[0]]), [[2, 'bang'], [3, 'sub'], [6, 'again']], JSON.stringify(sql(home, `SELECT run_id, parent_run_id, parent_cell, argv, script, status FROM runs ORDER BY started_at`)));
  // the session's own parent (the driver) started it from no cell
  assert.equal(sql<{ parent_cell: number | null }>(home, `SELECT parent_cell FROM runs WHERE run_id = '${runId}'`)[0]!.parent_cell, null);

  // %run script.py: its file written within execution 5, the script stored as a source of the session
  const written = sql<{ n: number }>(home, `SELECT count(*)::INTEGER AS n FROM file_accesses f JOIN cell_executions x ON x.run_id = f.run_id AND x.ordinal = 5
     WHERE f.run_id = '${runId}' AND f.path = '${join(dir, 'total.json')}' AND f.is_write AND f.t_ns BETWEEN x.t_start_ns AND x.t_end_ns`)[0]!.n;
  assert.equal(written, 1, 'total.json written by the %run cell');
  const sources = sql<{ path: string }>(home, `SELECT path FROM run_sources WHERE run_id = '${runId}'`).map((r) => r.path);
  assert.ok(sources.includes(join(dir, 'script.py')), JSON.stringify(sources));

  const show = runCli(home, ['show', runId]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /runs started by cells/);
  for (const [cell, child] of [[2, children[0]!], [3, children[1]!], [6, children[2]!]] as const) {
    assert.match(show.stdout, new RegExp(`\\n +${cell} \\[${cell}\\] started run ${child.run_id} \\S*child\\.py ok`), show.stdout);
  }
});
