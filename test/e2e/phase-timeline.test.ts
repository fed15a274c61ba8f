/**
 * The phase timeline follows the work a statement calls, end to end on every CPython here (issue 13's
 * runtime side): a script written as functions behind `if __name__ == "__main__": main()` is one
 * module-level statement, labelled with main()'s first phase; its time is now split by the user
 * functions of one phase it calls (reading the data, persisting the model), which the agent streams
 * as CALL/RETURN events. Before, the whole run showed as data_loading.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, useDaemon, runTraced, sql, storeDiagnosis, waitFor } from '../support/daemon-fixture.js';
import { discoverPythons } from '../support/pythons.js';

const SCRIPT = [
  'import csv',
  'import pickle',
  'import time',
  '',
  '',
  'def read_table(path):',
  '    time.sleep(0.3)  # a slow disk',
  '    with open(path, newline="") as f:',
  '        return list(csv.DictReader(f))',
  '',
  '',
  'def save_model(model, path):',
  '    time.sleep(0.2)',
  '    with open(path, "wb") as f:',
  '        pickle.dump(model, f)',
  '',
  '',
  'def main():',
  '    rows = read_table("data.csv")',
  '    save_model({"rows": len(rows)}, "model.pkl")',
  '',
  '',
  'if __name__ == "__main__":',
  '    main()',
].join('\n');

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));
let project: string | undefined;
after(() => project && rmSync(project, { recursive: true, force: true }));

for (const python of discoverPythons()) {
  test(`main()'s time goes to the phases of the functions it calls on Python ${python.label}`, async () => {
    project ??= `${daemon.home.root}-phase-timeline`;
    const dir = join(project, python.label);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'data.csv'), 'x,y\n' + Array.from({ length: 50 }, (_, i) => `${i},${i * 2}`).join('\n') + '\n');
    const script = join(dir, 'pipeline.py');
    writeFileSync(script, SCRIPT + '\n');
    const r = runTraced(python.executable, script, daemon.home, { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const phases = await waitFor('run correlated', () => {
      const rows = sql<{ phase: string; s: number }>(daemon.home,
        `SELECT p.phase, p.wall_ns / 1e9 AS s FROM phase_breakdown p JOIN runs r USING (run_id) JOIN run_analysis USING (run_id) WHERE r.script = '${script}'`);
      return rows.length > 0 ? new Map(rows.map((p) => [p.phase, Number(p.s)])) : undefined;
    }, 60_000, () => storeDiagnosis(daemon.home));
    assert.ok((phases.get('data_loading') ?? 0) >= 0.29, `data_loading ${phases.get('data_loading')} s: ${JSON.stringify([...phases])}`);
    assert.ok((phases.get('model_persistence') ?? 0) >= 0.19, `model_persistence ${phases.get('model_persistence')} s: ${JSON.stringify([...phases])}`);
    // the statement itself still has the whole time
    const [statement] = sql<{ s: number }>(daemon.home,
      `SELECT t.total_ns / 1e9 AS s FROM statement_times t JOIN runs r USING (run_id) WHERE r.script = '${script}' AND t.start_line = 24`);
    assert.ok(statement && Number(statement.s) >= 0.49, `main() took ${statement?.s} s`);
  });
}
