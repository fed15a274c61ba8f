/**
 * Times that add up (issue 11), checked on every run an end-to-end test leaves in a real daemon's
 * store: DaemonProcess.stop() calls assertTimesAddUp before it stops the daemon, so every test file
 * that traces runs checks it. Phases and statement times of a correlated run never sum to more than
 * its wall time, and no phase interval ends after the run did.
 */
import assert from 'node:assert/strict';

/** Rounding of the stored start and end (the runs table keeps them in ms), and nothing else. */
export const TIME_EPSILON_NS = 2_000_000;

export type Query = <T = Record<string, unknown>>(sql: string) => T[];

interface RunTimes { run_id: string; script: string | null; wall_ns: number | null; phases_ns: number | null; statements_ns: number | null; last_end_ns: number | null }

const TIMES_SQL = `SELECT r.run_id, r.script, epoch_ns(r.ended_at) - epoch_ns(r.started_at) AS wall_ns,
    (SELECT sum(wall_ns) FROM phase_breakdown p WHERE p.run_id = r.run_id) AS phases_ns,
    (SELECT sum(total_ns) FROM statement_times s WHERE s.run_id = r.run_id) AS statements_ns,
    (SELECT max(end_ns) FROM phase_intervals i WHERE i.run_id = r.run_id) AS last_end_ns
  FROM runs r JOIN run_analysis a USING (run_id) WHERE r.ended_at IS NOT NULL`;

/** The correlated runs of the store whose times do not add up (an empty list when all do). */
export function runsWhoseTimesDoNotAddUp(query: Query): string[] {
  if (query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'run_analysis'`).length === 0) return [];
  const problems: string[] = [];
  for (const r of query<RunTimes>(TIMES_SQL)) {
    const wall = Number(r.wall_ns);
    const over = (what: string, ns: number | null): void => {
      if (ns !== null && Number(ns) > wall + TIME_EPSILON_NS) problems.push(`${r.run_id} (${r.script ?? '-c'}): ${what} ${Number(ns) / 1e9} s > wall ${wall / 1e9} s`);
    };
    over('phases sum to', r.phases_ns);
    over('statement times sum to', r.statements_ns);
    over('the last phase interval ends at', r.last_end_ns);
  }
  return problems;
}

/** Waits (up to `waitMs`) for the daemon to correlate the runs that ended, then asserts their times add up. */
export async function assertTimesAddUp(query: Query, waitMs = 30_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  const uncorrelated = `SELECT count(*) AS n FROM runs WHERE status <> 'running' AND run_id NOT IN (SELECT run_id FROM run_analysis)`;
  while (Date.now() < deadline) {
    if (query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'run_analysis'`).length === 0) break;
    if (Number(query<{ n: number }>(uncorrelated)[0]?.n ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(runsWhoseTimesDoNotAddUp(query), [], 'phase and statement times exceed the run\'s wall time');
}
