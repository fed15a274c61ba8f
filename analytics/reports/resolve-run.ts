/**
 * Turns what the user typed (full id, unique prefix, `latest`, `latest~N`) into one run id. `latest`
 * counts the runs `labtrace runs` lists: -c and REPL runs without user code are skipped.
 */
import { LabtraceError } from '../../common/errors.js';
import { rows, type SqlRunner } from '../../common/sql-source.js';

/**
 * A -c or REPL run that ran no code of the user's files (`python -c "print(1)"`, a REPL session; the
 * sitecustomize.py that loads an agent is not the user's code):
 * hidden from `labtrace runs` (unless --all) and from `latest`. Notebook sessions and scripts never are.
 */
export const NO_USER_CODE = `(r.kind = 'script' AND coalesce(r.script, '') = '' AND NOT EXISTS (SELECT 1 FROM code_objects c WHERE c.run_id = r.run_id AND c.is_user AND NOT starts_with(c.file, '<') AND NOT ends_with(c.file, '/sitecustomize.py')))`;

/** Candidates listed for an ambiguous prefix. */
const CANDIDATES = 10;

export async function resolveRun(run: SqlRunner, ref: string | undefined): Promise<string> {
  const wanted = (ref ?? 'latest').trim();
  const back = /^latest(?:~(\d+))?$/.exec(wanted);
  if (back) {
    const offset = Number(back[1] ?? 0);
    const found = await rows<{ run_id: string }>(run, `SELECT run_id FROM runs r WHERE NOT ${NO_USER_CODE} ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT 1 OFFSET ${offset}`);
    if (!found[0]) throw new LabtraceError('RUN_NOT_FOUND', offset ? `there is no run ${wanted}` : 'no run has been traced yet', offset ? 'list runs with: labtrace runs' : 'trace one: eval "$(labtrace env)"; python your_script.py');
    return found[0].run_id;
  }
  if (!/^[0-9a-f]{1,32}$/.test(wanted)) throw new LabtraceError('RUN_NOT_FOUND', `"${wanted}" is not a run reference`, 'use latest, latest~N, or a run id or its prefix (labtrace runs lists them)');
  const found = await rows<{ run_id: string; script: string | null; started: string | null }>(run,
    `SELECT run_id, coalesce(nullif(r.script, ''), r.notebook_path, '-c') AS script, strftime(r.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started
     FROM runs r WHERE starts_with(run_id, $1) ORDER BY started_at DESC NULLS LAST, run_id LIMIT ${CANDIDATES + 1}`, [wanted]);
  if (found.length === 0) throw new LabtraceError('RUN_NOT_FOUND', `no run ${wanted}`, 'list runs with: labtrace runs');
  if (found.length > 1) {
    const list = found.slice(0, CANDIDATES).map((f) => `${f.run_id} ${f.started ?? ''} ${f.script ?? ''}`.trimEnd());
    if (found.length > CANDIDATES) list.push('...');
    throw new LabtraceError('RUN_NOT_FOUND', `run id prefix ${wanted} is ambiguous: it starts ${found.length > CANDIDATES ? `more than ${CANDIDATES}` : found.length} runs:\n  ${list.join('\n  ')}`, 'type more characters of the id');
  }
  return found[0]!.run_id;
}
