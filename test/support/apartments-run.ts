/**
 * A real traced data-science run to read back: examples/apartments/bob.py (pandas, scikit-learn:
 * a CSV read, LinearRegression's parameters, a mean absolute error) traced on the repo's .venv
 * against a test daemon, waited for until it is correlated (phases exist).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTraced, sql, storeDiagnosis, waitFor, type DaemonProcess } from './daemon-fixture.js';
import { REPO_ROOT } from './paths.js';

export const VENV_PY = join(REPO_ROOT, '.venv', 'bin', 'python');

export interface ApartmentsRun {
  readonly runId: string;
  readonly project: string;
  remove(): void;
}

/** Traces bob.py in a project next to the daemon's home; resolves once its run is correlated. */
export async function traceApartments(daemon: DaemonProcess, script = 'bob.py'): Promise<ApartmentsRun> {
  assert.ok(existsSync(VENV_PY), 'the repo venv (make venv) is needed');
  const examples = join(REPO_ROOT, 'examples', 'apartments');
  const project = `${daemon.home.root}-apartments`;
  mkdirSync(join(project, 'data'), { recursive: true });
  copyFileSync(join(examples, script), join(project, script));
  copyFileSync(join(examples, 'data', 'apartments.csv'), join(project, 'data', 'apartments.csv'));
  const r = runTraced(VENV_PY, join(project, script), daemon.home, { cwd: project });
  assert.equal(r.status, 0, r.stderr);
  const row = await waitFor(`run of ${script} correlated`, () => sql<{ run_id: string }>(daemon.home,
    `SELECT r.run_id FROM runs r JOIN run_analysis a USING (run_id) WHERE r.script LIKE '%/${script}' AND r.status = 'ok' ORDER BY r.started_at DESC LIMIT 1`)[0], 180_000, () => storeDiagnosis(daemon.home));
  return { runId: row.run_id, project, remove: () => rmSync(project, { recursive: true, force: true }) };
}
