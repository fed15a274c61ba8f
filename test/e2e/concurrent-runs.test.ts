/**
 * Many runs at once on a loaded machine: 60 traced Python processes (every interpreter here in turn)
 * start together while two busy loops hold both cores. Each run must be complete in the store within
 * a bound after its process exits: ended_at, exit code, status and every event its agent recorded;
 * a run SIGKILLed mid-way is closed by liveness (status lost, with an end time).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, useDaemon, sql, sleep, storeDiagnosis } from '../support/daemon-fixture.js';
import { AGENT_DIR, REPO_ROOT } from '../support/paths.js';
import { discoverPythons } from '../support/pythons.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

const RUNS = 60;
/** After the last process exited, every run is complete within this. */
const BOUND_MS = 20_000;

type Kind = 'ok' | 'exit3' | 'thread_exit' | 'raise' | 'fork' | 'killed';
const KINDS: readonly Kind[] = ['ok', 'exit3', 'thread_exit', 'raise', 'fork', 'killed'];

// argv[1] = tag (which run is which in the store), argv[2] = seconds to run: the agent connects after
// 0.1 s, so most runs end while their sender is still waiting for the busy daemon's hello reply.
const SCRIPT = `\
import os, sys, threading, time
kind, tag, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
def work(i):
    return i * 2
def child(i):
    return i + 1
for i in range(5):
    work(i)
if kind == "killed":
    print("ready", flush=True)
    time.sleep(30)
time.sleep(secs)
if kind == "exit3":
    sys.exit(3)
if kind == "raise":
    raise RuntimeError("boom " + tag)
if kind == "thread_exit":
    t = threading.Thread(target=sys.exit, args=(5,))
    t.start()
    t.join()
if kind == "fork":
    pid = os.fork()
    if pid == 0:
        for i in range(3):
            child(i)
        time.sleep(secs)
        sys.stdout.flush()
        os._exit(7)
    _, status = os.waitpid(pid, 0)
    print("child", os.WEXITSTATUS(status))
print("done", tag)
`;

interface Launched {
  readonly tag: string;
  readonly kind: Kind;
  readonly python: string;
  readonly child: ChildProcess;
  stdout: string;
  exit?: { code: number | null; signal: NodeJS.Signals | null; at: number };
}

interface RunRow {
  run_id: string;
  parent_run_id: string | null;
  tag: string;
  status: string;
  exit_code: number | null;
  ended_at: string | null;
  end_reason: string | null;
  exception_type: string | null;
  events_recorded: number | null;
  events_ingested: number;
  work_calls: number;
  child_calls: number;
  batches: number;
  max_seq: number;
}

const ROWS_SQL = `
  SELECT r.run_id, r.parent_run_id, r.argv[3] AS tag, r.status, r.exit_code, CAST(r.ended_at AS VARCHAR) AS ended_at,
    r.end_reason, r.exception_type, r.events_recorded, r.events_ingested,
    (SELECT count(*) FROM calls c WHERE c.run_id = r.run_id AND c.kind = 'call' AND c.qualname = 'work') AS work_calls,
    (SELECT count(*) FROM calls c WHERE c.run_id = r.run_id AND c.kind = 'call' AND c.qualname = 'child') AS child_calls,
    (SELECT count(*) FROM batches b WHERE b.run_id = r.run_id) AS batches,
    (SELECT coalesce(max(seq), 0) FROM batches b WHERE b.run_id = r.run_id) AS max_seq
  FROM runs r`;

/** What is wrong with a run's row, or undefined when it is complete as its kind says. */
function problem(l: Launched, row: RunRow | undefined, forkChild: boolean): string | undefined {
  if (l.kind === 'killed' && !forkChild) {
    if (!row) return undefined; // killed before its agent said hello: nothing was sent, nothing to close
    if (row.status !== 'lost' || row.ended_at === null) return `killed run: status ${row.status}, ended_at ${row.ended_at}`;
    return undefined;
  }
  if (!row) return 'no run in the store';
  const expected = forkChild
    ? { status: 'failed', exit_code: 7, work: 5, child: 3 }
    : { ok: { status: 'ok', exit_code: 0 }, exit3: { status: 'failed', exit_code: 3 }, thread_exit: { status: 'ok', exit_code: 0 },
        raise: { status: 'failed', exit_code: 1 }, fork: { status: 'ok', exit_code: 0 } }[l.kind as Exclude<Kind, 'killed'>];
  const wrong: string[] = [];
  if (row.ended_at === null) wrong.push('no ended_at');
  if (row.status !== expected.status) wrong.push(`status ${row.status}`);
  if (row.exit_code !== expected.exit_code) wrong.push(`exit_code ${row.exit_code}`);
  if (l.kind === 'raise' && row.exception_type !== 'RuntimeError') wrong.push(`exception_type ${row.exception_type}`);
  // work() ran 5 times before the fork: the child's run starts after it, so it sees none of them
  const work = forkChild ? 0 : 5;
  if (Number(row.work_calls) !== work) wrong.push(`work calls ${row.work_calls}`);
  if (forkChild && Number(row.child_calls) !== 3) wrong.push(`child calls ${row.child_calls}`);
  if (Number(row.events_ingested) !== Number(row.events_recorded)) wrong.push(`events ingested ${row.events_ingested} of ${row.events_recorded}`);
  if (Number(row.batches) !== Number(row.max_seq)) wrong.push(`frames ${row.batches} of ${row.max_seq}`);
  return wrong.length > 0 ? wrong.join(', ') : undefined;
}

test(`${RUNS} traced runs at once under CPU load are all complete within ${BOUND_MS / 1000} s of their exit`, { timeout: 120_000 }, async () => {
  const pythons = discoverPythons();
  assert.ok(pythons.length > 0);
  const project = mkdtempSync(join(REPO_ROOT, '.labtrace-test', 'concurrent-'));
  const script = join(project, 'many.py');
  writeFileSync(script, SCRIPT);
  const burners = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  const launched: Launched[] = [];
  try {
    await sleep(300);
    const env: Record<string, string> = { ...(process.env as Record<string, string>), LABTRACE_HOME: daemon.home.root, PYTHONPATH: AGENT_DIR };
    delete env.LABTRACE_DISABLE;
    delete env.LABTRACE_PARENT_RUN_ID;
    for (let i = 0; i < RUNS; i++) {
      const kind = KINDS[i % KINDS.length]!;
      const tag = `t${i}`;
      const python = pythons[i % pythons.length]!.executable;
      const secs = ((i * 7) % 10) / 10 + 0.1;
      const child = spawn(python, [script, kind, tag, String(secs)], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const l: Launched = { tag, kind, python, child, stdout: '' };
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        l.stdout += d;
        if (kind === 'killed' && l.stdout.startsWith('ready')) setTimeout(() => child.kill('SIGKILL'), 300 + (i % 5) * 150);
      });
      child.stderr!.resume();
      child.once('exit', (code, signal) => (l.exit = { code, signal, at: Date.now() }));
      launched.push(l);
    }
    const allExited = Date.now() + 90_000;
    while (launched.some((l) => !l.exit) && Date.now() < allExited) await sleep(100);
    assert.ok(launched.every((l) => l.exit), 'every traced process exited');
    const lastExit = Math.max(...launched.map((l) => l.exit!.at));
    const startedToExit = lastExit - Math.min(...launched.map((l) => l.exit!.at));
    for (const b of burners) b.kill('SIGKILL');

    // the programs themselves: exit codes and output as untraced
    for (const l of launched) {
      const code = { ok: 0, exit3: 3, thread_exit: 0, raise: 1, fork: 0, killed: null }[l.kind];
      assert.equal(l.exit!.code, code, `${l.tag} ${l.kind} exit ${l.exit!.code} ${l.exit!.signal}`);
      if (l.kind !== 'killed' && l.kind !== 'raise' && l.kind !== 'exit3') assert.match(l.stdout, new RegExp(`done ${l.tag}\\n$`), l.tag);
    }

    let problems: string[] = [];
    let completeAfterMs = -1;
    while (Date.now() < lastExit + BOUND_MS) {
      const rows = sql<RunRow>(daemon.home, ROWS_SQL);
      const byTag = new Map<string, RunRow[]>();
      for (const r of rows) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r]);
      problems = [];
      for (const l of launched) {
        const mine = byTag.get(l.tag) ?? [];
        const parent = mine.find((r) => !r.parent_run_id);
        const p = problem(l, parent, false);
        if (p) problems.push(`${l.tag} ${l.kind} (${l.python}): ${p}`);
        if (l.kind === 'fork') {
          const forked = mine.find((r) => r.parent_run_id && r.parent_run_id === parent?.run_id);
          const c = problem(l, forked, true);
          if (c) problems.push(`${l.tag} fork child (${l.python}): ${c}`);
        }
      }
      if (problems.length === 0) {
        completeAfterMs = Date.now() - lastExit;
        break;
      }
      await sleep(250);
    }
    process.stderr.write(`# ${RUNS} runs exited within ${startedToExit} ms of each other; complete ${completeAfterMs} ms after the last exit\n`);
    assert.deepEqual(problems, [], `runs incomplete ${BOUND_MS} ms after the last exit\n${storeDiagnosis(daemon.home)}`);
  } finally {
    for (const b of burners) b.kill('SIGKILL');
    for (const l of launched) if (!l.exit) l.child.kill('SIGKILL');
    rmSync(project, { recursive: true, force: true });
  }
});
