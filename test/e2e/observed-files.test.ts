/**
 * Observed file I/O (issue 11), end to end: real Python processes traced into a real daemon. Reads
 * through built paths (os.path.join, pathlib, f-strings, inside a function), a pickle written then read,
 * renames and removes are stored with their content hashes; a path literal never opened and an
 * os.path.exists are not. On CPython 3.8 (C audit hook, and the inferred fallback with
 * LABTRACE_NATIVE=0), 3.11, 3.12 and 3.13 with plain-Python scripts; pandas and pyarrow on the repo's
 * 3.11 .venv. The paper's Charlie scenario with a built path: a new content hash on each run.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, runCli, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { FIXTURES_DIR, REPO_ROOT } from '../support/paths.js';
import { discoverPythons, type PythonInterpreter } from '../support/pythons.js';

const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');

/** Reads, writes, renames and removes through built paths (shared with python-agent/tests/test_audit_hook.py). */
const FILES_SCRIPT = readFileSync(join(FIXTURES_DIR, 'scripts', 'observed_files.py'), 'utf8');

const CHARLIE = `\
"""Charlie, plain Python: the data set's path is built, and read inside a function."""
import csv
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def load_housing_data(name="apartments.csv"):
    with open(os.path.join(DATA, name), newline="") as f:
        return list(csv.DictReader(f))


houses = load_housing_data()
print("mean price %.0f" % (sum(float(h["price"]) for h in houses) / len(houses)))
`;

const PANDAS_SCRIPT = `\
import os
import pandas as pd
import pyarrow.parquet as pq

DATA = "data"
df = pd.read_csv(os.path.join(DATA, "x.csv"))
df.to_parquet(os.path.join(DATA, "x.parquet"))
pd.read_parquet(os.path.join(DATA, "x.parquet"))
table = pq.read_table(f"{DATA}/x.parquet")
pq.write_table(table, os.path.join(DATA, "direct.parquet"))   # pyarrow opens it in C++
pq.read_table(os.path.join(DATA, "direct.parquet"))
`;

interface FileRow {
  path: string;
  mode: string;
  is_write: boolean;
  sha256: string | null;
  line: number;
  source: string | null;
}

let daemon: DaemonProcess;
const projects: string[] = [];

before(async () => {
  daemon = await DaemonProcess.start();
});

after(async () => {
  await daemon.stop();
  daemon.home.remove();
  for (const p of projects) rmSync(p, { recursive: true, force: true });
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A project directory outside LABTRACE_HOME (the agent ignores files in its own home), with data/. */
function project(name: string, files: Record<string, string>): string {
  const dir = `${daemon.home.root}-${name}`;
  projects.push(dir);
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const [f, content] of Object.entries(files)) writeFileSync(join(dir, f), content);
  return dir;
}

/** Traces script in dir and returns the file rows of its run, paths relative to dir. */
async function traced(python: string, dir: string, script: string, env: Record<string, string> = {}): Promise<FileRow[]> {
  const runsOf = (): { run_id: string }[] => sql<{ run_id: string }>(daemon.home, `SELECT run_id FROM runs WHERE script = '${join(dir, script)}' AND status = 'ok'`);
  const earlier = new Set(runsOf().map((x) => x.run_id));
  const r = runTraced(python, join(dir, script), daemon.home, { cwd: dir, env });
  assert.equal(r.status, 0, r.stderr);
  const run = await waitFor(`run of ${script} stored`, () => runsOf().find((x) => !earlier.has(x.run_id)), 60_000, () => storeDiagnosis(daemon.home));
  const rows = sql<FileRow>(daemon.home, `SELECT path, mode, is_write, sha256, line, source FROM file_accesses WHERE run_id = '${run.run_id}' ORDER BY path, mode`);
  return rows.map((f) => ({ ...f, path: f.path.startsWith(dir + '/') ? f.path.slice(dir.length + 1) : f.path }));
}

function pythonsFor(minors: number[]): PythonInterpreter[] {
  const out: PythonInterpreter[] = [];
  for (const minor of minors) {
    const p = discoverPythons().find((x) => x.minor === minor && !x.executable.startsWith('/usr/bin'));
    if (p) out.push(p);
  }
  return out;
}

const DATA_FILES = { 'data/x.csv': 'a,b\n1,2\n', 'data/y.csv': 'y\n', 'data/z.csv': 'z\n', 'data/notes.csv': 'n\n' };

for (const py of pythonsFor([8, 11, 12, 13])) {
  test(`${py.label}: reads through built paths, write then read, rename, remove; no literal, no exists`, async () => {
    const dir = project(`files-${py.minor}`, { 's.py': FILES_SCRIPT, ...DATA_FILES });
    const rows = await traced(py.executable, dir, 's.py');
    assert.deepEqual(rows.map((f) => [f.path, f.mode, f.is_write]), [
      ['data/final.txt', 'rename', true],
      ['data/kept.txt', 'remove', true],
      ['data/kept.txt', 'w', true],
      ['data/moved.pkl', 'remove', true],
      ['data/moved.pkl', 'rename', true],
      ['data/out1.pkl', 'r', false],
      ['data/out1.pkl', 'remove', true],
      ['data/out1.pkl', 'w', true],
      ['data/x.csv', 'r', false],
      ['data/y.csv', 'r', false],
    ]);
    assert.deepEqual([...new Set(rows.map((f) => f.source))], ['audit']);
    const x = rows.find((f) => f.path === 'data/x.csv')!;
    assert.equal(x.sha256, sha256(DATA_FILES['data/x.csv']));
    assert.equal(x.line, FILES_SCRIPT.split('\n').findIndex((l) => l.includes('os.path.join(DATA')) + 1, 'the line inside load()');
    assert.equal(rows.find((f) => f.path === 'data/final.txt')!.sha256, sha256('kept'));
  });

  test(`${py.label}: Charlie's data set behind the same built path, a new content hash on each run`, async () => {
    const first = 'size_m2,price\n50,200000\n70,260000\n';
    const again = 'size_m2,price\n50,210000\n70,275000\n90,330000\n';
    const dir = project(`charlie-${py.minor}`, { 'charlie.py': CHARLIE, 'data/apartments.csv': first });
    const a = await traced(py.executable, dir, 'charlie.py');
    writeFileSync(join(dir, 'data', 'apartments.csv'), again);
    const b = await traced(py.executable, dir, 'charlie.py');
    for (const [rows, content] of [[a, first], [b, again]] as const) {
      assert.deepEqual(rows.map((f) => [f.path, f.mode, f.sha256, f.source]), [['data/apartments.csv', 'r', sha256(content), 'audit']]);
    }
  });
}

const py38 = pythonsFor([8])[0];
test('3.8 without the C audit hook (LABTRACE_NATIVE=0): files inferred from statements, labelled inferred', { skip: !py38 && 'no CPython 3.8' }, async () => {
  const dir = project('files-38-inferred', { 's.py': FILES_SCRIPT, ...DATA_FILES });
  const rows = await traced(py38!.executable, dir, 's.py', { LABTRACE_NATIVE: '0' });
  assert.ok(rows.length > 0, 'the fallback still records what it infers');
  assert.deepEqual([...new Set(rows.map((f) => f.source))], ['inferred']);
  const [run] = sql<{ run_id: string }>(daemon.home, `SELECT run_id FROM runs WHERE script = '${join(dir, 's.py')}'`);
  const shown = runCli(daemon.home, ['show', run!.run_id]);
  assert.equal(shown.status, 0, shown.stderr);
  const data = shown.stdout.slice(shown.stdout.indexOf('\ndata\n'), shown.stdout.indexOf('\nparameters\n'));
  assert.match(data, /inferred/, 'show says which files were inferred');
  const json = JSON.parse(runCli(daemon.home, ['show', run!.run_id, '--json']).stdout) as { data: { inferred: boolean }[] };
  assert.ok(json.data.length > 0 && json.data.every((d) => d.inferred), JSON.stringify(json.data));
});

test('3.11 .venv: pandas read_csv, to_parquet, read_parquet observed; pyarrow writing in C++ recorded from its arguments', { skip: !existsSync(VENV_PY) && 'no .venv (make venv)' }, async () => {
  const dir = project('pandas', { 'p.py': PANDAS_SCRIPT, 'data/x.csv': 'a,b\n1,2\n3,4\n' });
  const rows = await traced(VENV_PY, dir, 'p.py');
  assert.deepEqual(rows.map((f) => [f.path, f.mode, f.is_write, f.source]), [
    ['data/direct.parquet', 'r', false, 'call'],
    ['data/direct.parquet', 'w', true, 'call'],
    ['data/x.csv', 'r', false, 'audit'],
    ['data/x.parquet', 'r', false, 'audit'],
    ['data/x.parquet', 'w', true, 'audit'],
  ]);
  assert.ok(rows.every((f) => f.sha256 && f.sha256.length === 64), JSON.stringify(rows));
});
