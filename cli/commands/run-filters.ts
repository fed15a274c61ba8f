/** `labtrace runs` filters turned into SQL conditions on `runs r`, what the user typed bound as parameters. */
import { LabtraceError } from '../../common/errors.js';
import type { SqlParams } from '../../common/sql-source.js';

export interface RunFilters {
  script?: string;
  since?: string;
  phase?: string;
  param?: string[];
  metric?: string[];
}

/** Short names people type for common metrics. */
const METRIC_ALIASES: Record<string, string> = {
  mae: 'mean_absolute_error', mse: 'mean_squared_error', rmse: 'root_mean_squared_error', r2: 'r2_score',
  acc: 'accuracy_score', accuracy: 'accuracy_score', f1: 'f1_score', auc: 'roc_auc_score', precision: 'precision_score', recall: 'recall_score',
};

export function sinceToTimestamp(since: string, now = new Date()): string {
  const rel = /^(\d+)\s*(m|min|h|d|w)$/.exec(since.trim());
  if (rel) {
    const unit = { m: 60e3, min: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[rel[2] as 'm' | 'min' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(rel[1]) * unit).toISOString();
  }
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new LabtraceError('BAD_ARGUMENT', `--since ${since}: use a date (2026-11-28, 2026-11-28T10:00) or an age (30m, 2h, 7d)`);
  return new Date(t).toISOString();
}

export function filterConditions(f: RunFilters, params: SqlParams): string[] {
  const where: string[] = [];
  if (f.script) where.push(`contains(r.script, ${params.bind(f.script)})`);
  if (f.since) where.push(`r.started_at >= ${params.bind(sinceToTimestamp(f.since))}::TIMESTAMP`);
  if (f.phase) where.push(`EXISTS (SELECT 1 FROM phase_intervals p WHERE p.run_id = r.run_id AND p.phase = ${params.bind(f.phase)})`);
  for (const p of f.param ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(p);
    if (!m) throw new LabtraceError('BAD_ARGUMENT', `--param ${p}: expected name=value`);
    const name = m[1]!.trim();
    const value = m[2]!.trim();
    where.push(`EXISTS (SELECT 1 FROM hyperparameters h WHERE h.run_id = r.run_id AND h.name = ${params.bind(name)} AND trim(h.value, '''"') = ${params.bind(value.replace(/^['"]|['"]$/g, ''))})`);
  }
  for (const expr of f.metric ?? []) {
    const m = /^\s*([A-Za-z_][\w.]*)\s*(<=|>=|!=|=|<|>)\s*(-?[\d.]+(?:e-?\d+)?)\s*$/.exec(expr);
    if (!m) throw new LabtraceError('BAD_ARGUMENT', `--metric ${expr}: expected name<op>number, e.g. "mae<15000"`);
    const name = METRIC_ALIASES[m[1]!.toLowerCase()] ?? m[1]!;
    where.push(`EXISTS (SELECT 1 FROM metrics x WHERE x.run_id = r.run_id AND (x.function = ${params.bind(name)} OR ends_with(x.function, ${params.bind('.' + name)})) AND x.value ${m[2]} ${params.bind(Number(m[3]))})`);
  }
  return where;
}
