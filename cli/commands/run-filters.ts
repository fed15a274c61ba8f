/** `labtrace runs` filters turned into SQL conditions on `runs r`, what the user typed bound as parameters. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LabtraceError } from '../../common/errors.js';
import type { SqlParams } from '../../common/sql-source.js';
import { NO_USER_CODE } from '../../analytics/reports/resolve-run.js';

export { NO_USER_CODE };

export interface RunFilters {
  script?: string;
  since?: string;
  phase?: string;
  param?: string[];
  metric?: string[];
  status?: string;
  /** A directory: runs whose git root (else working directory) is it or below it. */
  project?: string;
  /** Also -c and REPL runs without user code (hidden by default). */
  all?: boolean;
}

/** The project of a run: its git root, else its working directory. */
export const RUN_PROJECT = `coalesce((SELECT x.git_root FROM run_context x WHERE x.run_id = r.run_id), r.cwd)`;

/** The directory --project names: the git root above it when there is one (what runs record as their project). */
export function projectDirectory(path: string): string {
  const start = resolve(path);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** Short names people type for common metrics. */
export const METRIC_ALIASES: Readonly<Record<string, string>> = {
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
  // a notebook session's script is its notebook (else its kernel's connection file), as `runs` shows it
  if (f.script) where.push(`contains(CASE WHEN r.kind = 'notebook' THEN coalesce(r.notebook_path, r.kernel_connection_file) ELSE r.script END, ${params.bind(f.script)})`);
  if (f.since) where.push(`r.started_at >= ${params.bind(sinceToTimestamp(f.since))}::TIMESTAMP`);
  if (f.status) where.push(`r.status = ${params.bind(f.status)}`);
  if (f.project) {
    const dir = projectDirectory(f.project);
    where.push(`(${RUN_PROJECT} = ${params.bind(dir)} OR starts_with(${RUN_PROJECT}, ${params.bind(dir.endsWith('/') ? dir : dir + '/')}))`);
  }
  if (!f.all) where.push(`NOT ${NO_USER_CODE}`);
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
