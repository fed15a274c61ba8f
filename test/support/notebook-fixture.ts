/**
 * Shared fixture of the notebook e2e tests (issue 12): real ipykernel kernels started by nbclient, as
 * papermill and CI pipelines do, with the agent on PYTHONPATH and a real daemon. Runs on the repo's 3.11
 * venv (make venv installs ipykernel, nbclient and nbformat), the only interpreter with a kernel.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTraced, sql, storeDiagnosis, useDaemon, waitFor, type DaemonProcess } from './daemon-fixture.js';
import { REPO_ROOT } from './paths.js';

export const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');
const SITE = join(REPO_ROOT, '.venv', 'lib', 'python3.11', 'site-packages');
export const skip: string | false = existsSync(join(SITE, 'nbclient')) ? false : 'no nbclient in .venv (make venv)';
/** Whether the venv has a package (an optional one, e.g. papermill). */
export const venvHas = (pkg: string): boolean => existsSync(join(SITE, pkg));

/**
 * Executes NOTEBOOK with nbclient in a fresh python3 kernel (the venv's kernelspec) and prints the
 * outputs of each cell as JSON. ORDER (JSON list of cell indexes) executes cells in that order through
 * nbclient's kernel client instead of top to bottom; an entry [index, source] first edits that cell
 * (and saves the notebook, as Jupyter's autosave does).
 */
const DRIVER = `
import json, os, sys
import nbformat
from nbclient import NotebookClient
path = sys.argv[1]
order = json.loads(sys.argv[2]) if len(sys.argv) > 2 else None
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120,
                        resources={"metadata": {"path": os.path.dirname(path)}})
if order is None:
    client.execute()
    outs = [c.get("outputs", []) for c in nb.cells]
else:
    outs = []
    with client.setup_kernel():
        for i in order:
            if isinstance(i, list):
                i, source = i
                nb.cells[i].source = source
                nbformat.write(nb, path)
            cell = client.execute_cell(nb.cells[i], i)
            outs.append(cell.get("outputs", []))
for cell_outs in outs:
    for o in cell_outs:
        o.pop("execution_count", None)
print(json.dumps(outs))
`;

export interface Execution {
  ordinal: number;
  execution_count: number | null;
  cell_index: number | null;
  outcome: string;
  exception_type: string | null;
  t_start_ns: number;
  t_end_ns: number | null;
  source_sha256: string;
}

export interface NotebookFixture {
  /** The test file's daemon (set once it started). */
  daemon: () => DaemonProcess;
  /** A notebook's directory (with the driver), outside LABTRACE_HOME (the agent records no file of its home). */
  workdir: () => string;
  /** Writes a notebook of code cells (ids c0, c1, ...; TAGS: cell index -> its tags) into DIR. */
  writeNotebook: (dir: string, name: string, cells: string[], tags?: Record<number, string[]>) => string;
  /** Runs the driver (traced or not: the kernel inherits its environment); returns the cells' outputs. */
  execute: (dir: string, notebook: string, options?: { traced?: boolean; order?: (number | [number, string])[] }) => unknown[];
  /** The notebook's latest session (ended), and its executions in recorded order. */
  session: (notebook: string) => Promise<{ runId: string; executions: Execution[] }>;
  /** A run's cell executions in recorded order. */
  executionsOf: (runId: string) => Execution[];
}

/** Starts a daemon for the test file (useDaemon) and removes the notebooks' directories after it. */
export function notebookFixture(): NotebookFixture {
  let daemon: DaemonProcess | undefined;
  useDaemon((d) => (daemon = d));
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const home = (): DaemonProcess => {
    assert.ok(daemon, 'the daemon started');
    return daemon;
  };
  const executionsOf = (runId: string): Execution[] => sql<Execution>(home().home,
    `SELECT ordinal, execution_count, cell_index, outcome, exception_type, t_start_ns::DOUBLE AS t_start_ns, t_end_ns::DOUBLE AS t_end_ns, source_sha256
     FROM cell_executions WHERE run_id = '${runId}' ORDER BY ordinal`);
  return {
    daemon: home,
    workdir: () => {
      const base = join(REPO_ROOT, '.labtrace-test');
      mkdirSync(base, { recursive: true });
      const dir = mkdtempSync(join(base, 'nb-'));
      dirs.push(dir);
      writeFileSync(join(dir, 'driver.py'), DRIVER);
      return dir;
    },
    writeNotebook: (dir, name, cells, tags = {}) => {
      const nb = {
        nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
        cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: tags[i] ? { tags: tags[i] } : {}, execution_count: null, outputs: [], source })),
      };
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(nb));
      return path;
    },
    execute: (dir, notebook, options = {}) => {
      const args = [notebook, ...(options.order ? [JSON.stringify(options.order)] : [])];
      // Jupyter Server names the notebook of a kernel in JPY_SESSION_NAME; nbclient does not: we do
      const r = runTraced(VENV_PY, join(dir, 'driver.py'), home().home, { args, cwd: dir, traced: options.traced, env: { JPY_SESSION_NAME: notebook } });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as unknown[];
    },
    session: async (notebook) => {
      const run = await waitFor(`notebook session of ${notebook}`, () => sql<{ run_id: string }>(home().home,
        `SELECT run_id FROM runs WHERE kind = 'notebook' AND notebook_path = '${notebook}' AND status <> 'running' ORDER BY started_at DESC LIMIT 1`)[0],
      60_000, () => storeDiagnosis(home().home));
      return { runId: run.run_id, executions: executionsOf(run.run_id) };
    },
    executionsOf,
  };
}
