/**
 * A run's trials (issue 11): the iterations of its sweeps (one row per loop iteration with its
 * parameters, model and metrics), the candidates of its searches and the trials of its Optuna studies,
 * as `labtrace show` prints them.
 */
import { formatTable } from '../../common/format.js';
import { rows, type SqlRunner } from '../../common/sql-source.js';

export interface Trial {
  trial_no: number;
  kind: string;
  label: string | null;
  line: number;
  params: Record<string, unknown>;
  parent_trial: number | null;
  mean_score: number | null;
  std_score: number | null;
  rank: number | null;
  /** Metric name -> value of the metrics this trial's calls returned (the last value of each name). */
  metrics: Record<string, number | null>;
  /** Short class names of the models it fitted. */
  models: string[];
}

export const TRIALS_SQL = {
  trials: `SELECT trial_no, kind, label, line, CAST(params AS VARCHAR) AS params, parent_trial, mean_score, std_score, rank
     FROM trials WHERE run_id = $1 ORDER BY trial_no`,
  metrics: `SELECT trial_no, coalesce(name, function) AS name, value FROM metrics WHERE run_id = $1 AND trial_no IS NOT NULL ORDER BY t_ns`,
  models: `SELECT trial_no, estimator FROM hyperparameters WHERE run_id = $1 AND trial_no IS NOT NULL AND source = 'get_params' AND estimator IS NOT NULL
     GROUP BY trial_no, estimator ORDER BY trial_no, min(t_ns)`,
} as const;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number.isFinite(Number(v)) ? Number(v) : null);

export async function loadTrials(sql: SqlRunner, runId: string): Promise<Trial[]> {
  const exists = await rows(sql, `SELECT 1 FROM information_schema.tables WHERE table_name = 'trials'`);
  if (exists.length === 0) return [];
  const raw = await rows<Record<string, unknown>>(sql, TRIALS_SQL.trials, [runId]);
  const byNo = new Map<number, Trial>();
  for (const r of raw) {
    let params: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(String(r.params ?? '{}'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) params = parsed as Record<string, unknown>;
    } catch {
      params = {};
    }
    const t: Trial = {
      trial_no: Number(r.trial_no), kind: String(r.kind), label: r.label === null ? null : String(r.label), line: Number(r.line ?? 0), params,
      parent_trial: num(r.parent_trial), mean_score: num(r.mean_score), std_score: num(r.std_score), rank: num(r.rank), metrics: {}, models: [],
    };
    byNo.set(t.trial_no, t);
  }
  for (const m of await rows<{ trial_no: number; name: string; value: unknown }>(sql, TRIALS_SQL.metrics, [runId])) {
    const t = byNo.get(Number(m.trial_no));
    if (t) t.metrics[m.name] = num(m.value);
  }
  for (const m of await rows<{ trial_no: number; estimator: string }>(sql, TRIALS_SQL.models, [runId])) {
    const t = byNo.get(Number(m.trial_no));
    const short = m.estimator.split('.').pop() ?? m.estimator;
    if (t && !t.models.includes(short)) t.models.push(short);
  }
  return [...byNo.values()];
}

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(2) : v.toPrecision(6);
  return String(v).replace(/\s+/g, ' ');
};

/** A search's or study's name without the candidate / trial number its label ends with. */
const groupName = (t: Trial): string => (t.label ?? '').replace(/ (candidate|trial) \d+$/, '');

/** An Optuna study's trials ranked by value (rank 1 = best in the study's direction; unranked: failed or pruned). */
function renderStudy(group: readonly Trial[], maxRows: number): string[] {
  const first = group[0]!;
  const paramKeys = [...new Set(group.flatMap((t) => Object.keys(t.params)))];
  const sorted = [...group].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.trial_no - b.trial_no);
  const table = formatTable(['rank', 'trial', ...paramKeys, 'value'], sorted.slice(0, maxRows).map((t) => [
    cell(t.rank), /(\d+)$/.exec(t.label ?? '')?.[1] ?? '', ...paramKeys.map((k) => cell(t.params[k])), cell(t.mean_score)]));
  return [`  ${groupName(first)} at line ${first.line}${first.parent_trial ? ` (in trial ${first.parent_trial})` : ''}: ${group.length} trials`,
    table.trimEnd().split('\n').map((l) => `    ${l}`).join('\n'), ...(group.length > maxRows ? [`    … ${group.length - maxRows} more`] : [])];
}

/** Sweeps as tables (one per loop: trial, its parameters, model, metrics) and searches' candidates by rank. */
export function renderTrials(trials: readonly Trial[], maxRows = 40): string[] {
  const out: string[] = [];
  const groups = new Map<string, Trial[]>();
  for (const t of trials) {
    const key = `${t.kind}:${t.line}:${t.kind === 'candidate' || t.kind === 'study' ? groupName(t) + `:${t.parent_trial ?? 0}` : t.label ?? ''}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(t);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const paramKeys = [...new Set(group.flatMap((t) => Object.keys(t.params)))];
    if (first.kind === 'study') {
      out.push(...renderStudy(group, maxRows));
      continue;
    }
    if (first.kind === 'candidate') {
      const name = (first.label ?? 'search').replace(/ candidate \d+$/, '');
      out.push(`  ${name} at line ${first.line}${first.parent_trial ? ` (in trial ${first.parent_trial})` : ''}: ${group.length} candidates`);
      const sorted = [...group].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
      const table = formatTable(['rank', ...paramKeys, 'mean score', 'std'], sorted.slice(0, maxRows).map((t) => [
        cell(t.rank), ...paramKeys.map((k) => cell(t.params[k])), cell(t.mean_score), cell(t.std_score)]));
      out.push(table.trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
      if (group.length > maxRows) out.push(`    … ${group.length - maxRows} more`);
      continue;
    }
    const metricKeys = [...new Set(group.flatMap((t) => Object.keys(t.metrics)))];
    const models = new Set(group.flatMap((t) => t.models));
    out.push(`  loop at line ${first.line}: ${first.label ?? ''} (${group.length} trials)`);
    const head = ['trial', ...paramKeys, ...(models.size > 1 ? ['model'] : []), ...metricKeys];
    const table = formatTable(head, group.slice(0, maxRows).map((t) => [
      String(t.trial_no), ...paramKeys.map((k) => cell(t.params[k])), ...(models.size > 1 ? [t.models.join(', ')] : []), ...metricKeys.map((k) => cell(t.metrics[k]))]));
    out.push(table.trimEnd().split('\n').map((l) => `    ${l}`).join('\n'));
    if (group.length > maxRows) out.push(`    … ${group.length - maxRows} more`);
  }
  return out;
}
