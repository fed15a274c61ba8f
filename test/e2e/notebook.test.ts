/**
 * Notebooks end to end (issue 12): real ipykernel kernels, started by nbclient as papermill and CI
 * pipelines do, with the agent on PYTHONPATH and a real daemon. Notebooks of our own: a pandas +
 * scikit-learn one, a cell that raises, cells executed out of order and again (shared fixture:
 * test/support/notebook-fixture.ts).
 */
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runTraced, sql, storeDiagnosis, tracedEnv, waitFor } from '../support/daemon-fixture.js';
import { notebookFixture, skip, VENV_PY } from '../support/notebook-fixture.js';

const nb = notebookFixture();
const { workdir, writeNotebook, execute, session, executionsOf } = nb;

const SKLEARN_CELLS = [
  'import pandas as pd\nfrom sklearn.linear_model import Ridge\nfrom sklearn.metrics import mean_squared_error',
  'df = pd.read_csv("houses.csv")\ndf.shape',
  'model = Ridge(alpha=0.5)\nmodel.fit(df[["area", "rooms"]], df["price"])',
  'mse = mean_squared_error(df["price"], model.predict(df[["area", "rooms"]]))\nprint(round(mse, 6))',
];

function writeCsv(dir: string): void {
  const lines = ['area,rooms,price'];
  for (let i = 0; i < 40; i++) lines.push(`${50 + i * 3},${1 + (i % 4)},${100 + i * 7 + (i % 5) * 3}`);
  writeFileSync(join(dir, 'houses.csv'), lines.join('\n') + '\n');
}

test('a pandas + scikit-learn notebook: each execution in order, with its parameters, metrics, data and source', { skip }, async () => {
  const dir = workdir();
  writeCsv(dir);
  const notebook = writeNotebook(dir, 'ridge.ipynb', SKLEARN_CELLS);
  const outputs = execute(dir, notebook);
  const { runId, executions } = await session(notebook);
  assert.deepEqual(executions.map((e) => [e.ordinal, e.execution_count, e.cell_index, e.outcome]),
    [[1, 1, 1, 'ok'], [2, 2, 2, 'ok'], [3, 3, 3, 'ok'], [4, 4, 4, 'ok']], JSON.stringify(executions));
  for (const e of executions) assert.ok(e.t_end_ns !== null && e.t_end_ns >= e.t_start_ns, JSON.stringify(e));
  // the cells' sources are stored content-addressed, as written
  const sources = sql<{ content: string }>(nb.daemon().home, `SELECT decode(b.content) AS content FROM cell_executions x JOIN source_blobs b ON b.sha256 = x.source_sha256 WHERE x.run_id = '${runId}' ORDER BY x.ordinal`);
  assert.deepEqual(sources.map((s) => s.content), SKLEARN_CELLS);
  // the script path's record, attributed to the executions' time windows
  const within = (table: string, where: string, ordinal: number): number => Number(sql<{ n: number }>(nb.daemon().home,
    `SELECT count(*)::INTEGER AS n FROM ${table} t JOIN cell_executions x ON x.run_id = t.run_id AND x.ordinal = ${ordinal}
     WHERE t.run_id = '${runId}' AND ${where} AND t.t_ns BETWEEN x.t_start_ns AND x.t_end_ns`)[0]!.n);
  assert.equal(within('hyperparameters', `t.name = 'alpha' AND t.value = '0.5' AND t.estimator LIKE '%Ridge'`, 3), 1, 'alpha=0.5 fitted in cell 3');
  assert.equal(within('metrics', `t.function LIKE '%mean_squared_error'`, 4), 1, 'the MSE computed in cell 4');
  assert.equal(within('variables', `t.name = 'df' AND t.shape = '(40, 3)'`, 2), 1, 'df read in cell 2');
  const mse = sql<{ value: number }>(nb.daemon().home, `SELECT value FROM metrics WHERE run_id = '${runId}' AND function LIKE '%mean_squared_error'`)[0]!.value;
  assert.equal((outputs[3] as { text: string }[])[0]!.text.trim(), String(Math.round(mse * 1e6) / 1e6));
  const files = sql<{ path: string }>(nb.daemon().home, `SELECT path FROM file_accesses WHERE run_id = '${runId}'`).map((f) => f.path);
  assert.ok(files.includes(join(dir, 'houses.csv')), JSON.stringify(files));

  const show = runCli(nb.daemon().home, ['show', runId]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, new RegExp(`notebook +${notebook.replace(/[.]/g, '\\.')}`));
  assert.match(show.stdout, /cell executions \(in the order they ran\)/);
  assert.match(show.stdout, /\n +4 +\[4\] +#4 .* ok +mean_squared_error=[\d.]+ +mse = mean_squared_error/, show.stdout);
  const runs = JSON.parse(runCli(nb.daemon().home, ['runs', '--format', 'json']).stdout) as { id: string; kind: string; script: string }[];
  assert.deepEqual(runs.filter((r) => r.id === runId).map((r) => [r.kind, r.script]), [['notebook', notebook]]);
});

test('a cell that raises: error with its type, later cells still recorded', { skip }, async () => {
  const dir = workdir();
  const notebook = writeNotebook(dir, 'raises.ipynb', ['a = 1', 'raise ValueError("boom")', 'b = a + 1\nb', 'undefined_name']);
  execute(dir, notebook);
  const { executions } = await session(notebook);
  assert.deepEqual(executions.map((e) => [e.cell_index, e.outcome, e.exception_type]),
    [[1, 'ok', null], [2, 'error', 'ValueError'], [3, 'ok', null], [4, 'error', 'NameError']]);
});

test('cells executed out of order and again: the recorded order is the real one', { skip }, async () => {
  const dir = workdir();
  const notebook = writeNotebook(dir, 'order.ipynb', ['n = 10', 'n = n * 2', 'print(n)']);
  const order = [0, 2, 1, 1, 2, 0, 2];
  const outputs = execute(dir, notebook, { order });
  assert.deepEqual(outputs.map((o) => (o as { text?: string }[]).map((x) => x.text ?? '').join('')), ['', '10\n', '', '', '40\n', '', '10\n']);
  const { executions } = await session(notebook);
  assert.deepEqual(executions.map((e) => e.cell_index), order.map((i) => i + 1));
  assert.deepEqual(executions.map((e) => e.execution_count), [1, 2, 3, 4, 5, 6, 7]);
  for (let i = 1; i < executions.length; i++) assert.ok(executions[i]!.t_start_ns >= executions[i - 1]!.t_end_ns!, 'executions do not overlap');
  // the same cell executed again: the same source, stored once
  assert.equal(new Set(executions.map((e) => e.source_sha256)).size, 3);
});

test('outputs of the notebook executed with and without tracing are identical cell by cell', { skip }, () => {
  const dir = workdir();
  writeCsv(dir);
  const cells = [...SKLEARN_CELLS, 'import sys\nprint("warn", file=sys.stderr)\nmodel.coef_.round(6).tolist()', '%time s = sum(range(1000))', '1/0'];
  const notebook = writeNotebook(dir, 'same.ipynb', cells);
  const untraced = execute(dir, notebook, { traced: false });
  const traced = execute(dir, notebook);
  const timed = cells.indexOf('%time s = sum(range(1000))');
  // %time's measure differs from run to run: its figures and their units (900 ns or 1.2 µs) only
  const stable = (outs: unknown, i: number): string => (i === timed ? JSON.stringify(outs).replace(/\d+(\.\d+)?\s*(ns|µs|μs|ms|s)\b/g, 'N T').replace(/\d+(\.\d+)?/g, 'N') : JSON.stringify(outs));
  assert.equal(untraced.length, cells.length);
  for (let i = 0; i < cells.length; i++) assert.equal(stable(traced[i], i), stable(untraced[i], i), `cell ${i + 1}`);
  assert.match(JSON.stringify(untraced[cells.length - 1]), /ZeroDivisionError/);
});

test("the kernel's own threads are not traced: events only in the thread that runs the cells", { skip }, async () => {
  const dir = workdir();
  const notebook = writeNotebook(dir, 'threads.ipynb', ['def f(x):\n    return x + 1', 'total = 0\nfor i in range(50):\n    total = f(total)\ntotal']);
  execute(dir, notebook);
  const { runId, executions } = await session(notebook);
  assert.equal(executions.length, 2);
  const byThread = sql<{ thread: number; name: string | null; n: number }>(nb.daemon().home,
    `SELECT e.thread, any_value(t.name) AS name, count(*)::INTEGER AS n FROM events e LEFT JOIN threads t ON t.run_id = e.run_id AND t.thread = e.thread
     WHERE e.run_id = '${runId}' GROUP BY e.thread`);
  assert.deepEqual(byThread.map((r) => [r.thread, r.name]), [[0, 'MainThread']], JSON.stringify(byThread));
  // the cell's function is traced as a script's is (its first calls streamed, then aggregated)
  const calls = sql<{ n: number }>(nb.daemon().home, `SELECT count(*)::INTEGER AS n FROM calls WHERE run_id = '${runId}' AND kind = 'call' AND qualname = 'f'`)[0]!.n;
  assert.ok(calls >= 10, `the cells were traced: ${calls} calls of f`);
  const user = sql<{ file: string }>(nb.daemon().home, `SELECT DISTINCT file FROM code_objects WHERE run_id = '${runId}' AND is_user`).map((r) => r.file);
  assert.ok(user.length > 0 && user.every((f) => /\/ipykernel_\d+\/\d+\.py$/.test(f)), JSON.stringify(user));
});

test("between cells the kernel's main thread runs without our hook; a thread a cell started stays traced", { skip }, async () => {
  const dir = workdir();
  // the probe runs on the kernel's own event loop after the cell (kernel machinery's time): it sees
  // the main thread's profile function then; the thread started by the cell calls g while the kernel is idle
  const notebook = writeNotebook(dir, 'idle.ipynb', [
    'import sys, threading, time\nseen = []\nget_ipython().kernel.io_loop.add_callback(lambda: seen.append(repr(sys.getprofile())))\n'
      + 'def g(i):\n    return i * 2\ndef work():\n    time.sleep(0.5)\n    for i in range(3):\n        g(i)\nth = threading.Thread(target=work)\nth.start()',
    'th.join()\nprint(seen)',
  ]);
  const outs = execute(dir, notebook) as Array<Array<{ text?: string }>>;
  assert.equal(outs[1]![0]!.text, "['None']\n", JSON.stringify(outs));
  const { runId, executions } = await session(notebook);
  assert.deepEqual(executions.map((e) => e.outcome), ['ok', 'ok']);
  const g = sql<{ thread: number; n: number }>(nb.daemon().home,
    `SELECT thread, count(*)::INTEGER AS n FROM calls WHERE run_id = '${runId}' AND kind = 'call' AND qualname = 'g' GROUP BY thread`);
  assert.equal(g.length, 1, JSON.stringify(g));
  assert.ok(g[0]!.thread !== 0 && g[0]!.n === 3, JSON.stringify(g));
});

/** A kernel of NOTEBOOK's (JPY_SESSION_NAME) runs a long cell, is interrupted 1.5 s into it, then runs one more cell. */
const INTERRUPT_DRIVER = `
import time
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="python3")
kc.execute_interactive("x = 1", timeout=60, output_hook=lambda m: None)
msg_id = kc.execute("import time\\nfor i in range(300):\\n    time.sleep(0.1)")
time.sleep(1.5)
km.interrupt_kernel()
reply = kc.get_shell_msg(timeout=30)
assert reply["parent_header"]["msg_id"] == msg_id, reply
print(reply["content"]["status"], reply["content"].get("ename"))
kc.execute_interactive("y = x + 1", timeout=60, output_hook=lambda m: None)
# an idle kernel's record is streamed within IDLE_MAX (1 s); a shutdown that outlasts
# jupyter_client's wait under load ends in SIGKILL, which may take the last second with it
# (the kill test covers that case): this test is about the interrupt
time.sleep(1.5)
kc.stop_channels()
km.shutdown_kernel()
`;

test('an interrupted cell: interrupted (KeyboardInterrupt), the kernel goes on', { skip }, async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'interrupt.py'), INTERRUPT_DRIVER);
  const notebook = join(dir, 'interrupt.ipynb');
  const r = runTraced(VENV_PY, join(dir, 'interrupt.py'), nb.daemon().home, { cwd: dir, env: { JPY_SESSION_NAME: notebook } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'error KeyboardInterrupt');
  const { executions } = await session(notebook);
  assert.deepEqual(executions.map((e) => [e.execution_count, e.outcome, e.exception_type]),
    [[1, 'ok', null], [2, 'interrupted', 'KeyboardInterrupt'], [3, 'ok', null]], `${JSON.stringify(executions)}\n${storeDiagnosis(nb.daemon().home)}`);
  assert.ok(executions[1]!.t_end_ns! - executions[1]!.t_start_ns > 1e9, 'the long cell ran until the interrupt');
});

/**
 * A kernel of NOTEBOOK's (JPY_SESSION_NAME) runs two cells and starts a long one, then is restarted
 * the way a front end does: MODE "kill" kills it (restart_kernel(now=True): SIGKILL, as JupyterLab's
 * "Restart" when the kernel does not answer, or an OOM kill), MODE "graceful" asks it to shut down
 * first. In "kill" mode the driver prints "started" once the long cell runs and waits for a line on
 * stdin before killing (the test first sees the live session in the store). The new kernel runs one cell.
 */
const RESTART_DRIVER = `
import sys
from jupyter_client.manager import start_new_kernel
mode = sys.argv[1]
km, kc = start_new_kernel(kernel_name="python3", startup_timeout=120)
def run(code):
    reply = kc.execute_interactive(code, timeout=120, output_hook=lambda m: None)
    assert reply["content"]["status"] == "ok", reply
run("a = 1")
run("b = a + 1")
if mode == "kill":
    msg_id = kc.execute("import time\\ntime.sleep(600)")
    while True:  # the long cell is running once the kernel says busy for it
        msg = kc.get_iopub_msg(timeout=120)
        if msg["parent_header"].get("msg_id") == msg_id and msg["content"].get("execution_state") == "busy":
            break
    print("started", flush=True)
    sys.stdin.readline()
km.restart_kernel(now=(mode == "kill"))
kc.wait_for_ready(timeout=120)
run("c = 3")
kc.stop_channels()
km.shutdown_kernel()
print("done", flush=True)
`;

interface NotebookRun {
  run_id: string;
  status: string;
  end_reason: string | null;
  started_ms: number;
  ended_ms: number | null;
}

/** The notebook's sessions, oldest first, once COUNT of them have ended. */
async function sessions(notebook: string, count: number): Promise<NotebookRun[]> {
  return waitFor(`${count} ended notebook sessions of ${notebook}`, () => {
    const runs = sql<NotebookRun>(nb.daemon().home,
      `SELECT run_id, status, end_reason, epoch_ms(started_at)::DOUBLE AS started_ms, epoch_ms(ended_at)::DOUBLE AS ended_ms
       FROM runs WHERE kind = 'notebook' AND notebook_path = '${notebook}' ORDER BY started_at`);
    return runs.length === count && runs.every((r) => r.status !== 'running') && runs;
  }, 90_000, () => storeDiagnosis(nb.daemon().home));
}

/** Starts the restart driver for NOTEBOOK in DIR (traced); resolves with its stdout when it exits with 0. */
function startRestartDriver(dir: string, notebook: string, mode: 'kill' | 'graceful'): { finished: Promise<string>; write: (line: string) => void; output: () => string; stop: () => void } {
  writeFileSync(join(dir, 'restart.py'), RESTART_DRIVER);
  const child = spawn(VENV_PY, [join(dir, 'restart.py'), mode], { cwd: dir, env: tracedEnv(nb.daemon().home, { env: { JPY_SESSION_NAME: notebook } }), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
  const finished = new Promise<string>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`restart driver exited with ${code ?? signal}\n${stdout}\n${stderr}`));
    });
  });
  finished.catch(() => undefined);  // awaited by the test; a failure before that is reported there
  // stop: a failed test does not leave the driver (and its kernel) waiting for its line
  return { finished, write: (line) => child.stdin.write(line + '\n'), output: () => stdout, stop: () => child.stdin.end() };
}

test('a kernel SIGKILLed by its front end: a lost run with its end time, every execution up to the kill kept', { skip, timeout: 300_000 }, async () => {
  const dir = workdir();
  const notebook = join(dir, 'killed.ipynb');
  const driver = startRestartDriver(dir, notebook, 'kill');
  let live: string;
  try {
    await Promise.race([waitFor('the long cell to start', () => driver.output().includes('started'), 180_000), driver.finished]);
    // streamed while the kernel lives: the two cells and the one in progress
    live = await waitFor('the live session\'s executions', () => {
      const run = sql<{ run_id: string }>(nb.daemon().home, `SELECT run_id FROM runs WHERE kind = 'notebook' AND notebook_path = '${notebook}' AND status = 'running'`)[0];
      const executions = run ? executionsOf(run.run_id) : [];
      return executions.length === 3 && executions[2]!.outcome === 'running' && run!.run_id;
    }, 60_000, () => storeDiagnosis(nb.daemon().home));
    driver.write('kill');
  } finally {
    driver.stop();
  }
  assert.match(await driver.finished, /done/);
  const [killed, restarted] = await sessions(notebook, 2);
  assert.equal(killed!.run_id, live);
  assert.deepEqual([killed!.status, killed!.end_reason], ['lost', 'agent vanished without run end']);
  assert.ok(killed!.ended_ms !== null && killed!.ended_ms >= killed!.started_ms, JSON.stringify(killed));
  assert.ok(killed!.ended_ms! <= restarted!.started_ms + 2000, `the killed run ended before the new kernel's started: ${JSON.stringify([killed, restarted])}`);
  const executions = executionsOf(killed!.run_id);
  assert.deepEqual(executions.map((e) => [e.ordinal, e.execution_count, e.outcome]), [[1, 1, 'ok'], [2, 2, 'ok'], [3, 3, 'running']], JSON.stringify(executions));
  assert.ok(executions.slice(0, 2).every((e) => e.t_end_ns !== null && e.t_end_ns >= e.t_start_ns), JSON.stringify(executions));
  assert.equal(restarted!.status, 'ok');
  assert.deepEqual(executionsOf(restarted!.run_id).map((e) => [e.execution_count, e.outcome]), [[1, 'ok']]);
  const show = runCli(nb.daemon().home, ['show', killed!.run_id]);
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /\n +3 +\[3\] .* killed +import time/, show.stdout);
});

test('a kernel restart is a new run of the same notebook: `labtrace runs` shows both', { skip, timeout: 300_000 }, async () => {
  const dir = workdir();
  const notebook = join(dir, 'restarted.ipynb');
  assert.match(await startRestartDriver(dir, notebook, 'graceful').finished, /done/);
  const [first, second] = await sessions(notebook, 2);
  assert.deepEqual([first!.status, second!.status], ['ok', 'ok'], JSON.stringify([first, second]));
  assert.ok(first!.ended_ms! <= second!.started_ms + 2000, 'one after the other');
  assert.deepEqual(executionsOf(first!.run_id).map((e) => [e.execution_count, e.outcome]), [[1, 'ok'], [2, 'ok']]);
  assert.deepEqual(executionsOf(second!.run_id).map((e) => [e.execution_count, e.outcome]), [[1, 'ok']]);
  const listed = runCli(nb.daemon().home, ['runs', '--script', notebook, '--format', 'json']);
  assert.equal(listed.status, 0, listed.stderr);
  const runs = JSON.parse(listed.stdout) as { id: string; kind: string; script: string }[];
  assert.deepEqual(runs.map((r) => [r.id, r.kind, r.script === notebook]).sort(),
    [[first!.run_id, 'notebook', true], [second!.run_id, 'notebook', true]].sort());
});
