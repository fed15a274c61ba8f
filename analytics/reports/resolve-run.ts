/** Turns what the user typed (full id, unique prefix, `latest`, `latest~N`) into one run id. */
import { LabtraceError } from '../../common/errors.js';
import { rows, type SqlRunner } from '../../common/sql-source.js';

export async function resolveRun(run: SqlRunner, ref: string | undefined): Promise<string> {
  const wanted = (ref ?? 'latest').trim();
  const back = /^latest(?:~(\d+))?$/.exec(wanted);
  if (back) {
    const offset = Number(back[1] ?? 0);
    const found = await rows<{ run_id: string }>(run, `SELECT run_id FROM runs ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT 1 OFFSET ${offset}`);
    if (!found[0]) throw new LabtraceError('RUN_NOT_FOUND', offset ? `there is no run ${wanted}` : 'no run has been traced yet', 'trace one: PYTHONPATH=python-agent python your_script.py');
    return found[0].run_id;
  }
  if (!/^[0-9a-f]{1,32}$/.test(wanted)) throw new LabtraceError('RUN_NOT_FOUND', `"${wanted}" is not a run id (hex, or latest)`, 'list runs with: labtrace runs');
  const found = await rows<{ run_id: string }>(run, `SELECT run_id FROM runs WHERE starts_with(run_id, $1) ORDER BY run_id LIMIT 2`, [wanted]);
  if (found.length === 0) throw new LabtraceError('RUN_NOT_FOUND', `no run ${wanted}`, 'list runs with: labtrace runs');
  if (found.length > 1) throw new LabtraceError('RUN_NOT_FOUND', `run id prefix ${wanted} is ambiguous`, 'type more characters of the id');
  return found[0]!.run_id;
}
