/** Turns one decoded EventBatch into table rows and event columns, resolving interned strings. */
import { LabtraceError } from '../../common/errors.js';
import { num, type EventBatch } from '../protocol/messages.js';
import type { EventColumns } from '../store/event-appender.js';
import type { BatchTableRows, CellExecutionRow, MetricRow, TrialHyperparameterRow, TrialRow, VariableRow } from '../store/run-writes.js';
import { decodeEventColumns } from './event-columns.js';
import { REDACTED, looksSecret } from './secrets.js';

export interface BatchRows extends BatchTableRows {
  readonly newStrings: string[];
  readonly events: EventColumns;
}

/** The run's strings so far (ids 0..length-1); a plain array is one. */
export interface StringTable {
  readonly length: number;
  at(id: number): string | undefined;
}

/** `events`: the batch's columns if they were decoded already (by the decode worker, which strips them from `batch`). */
export function batchToRows(runId: string, knownStrings: StringTable, batch: EventBatch, events?: EventColumns): BatchRows {
  const base = batch.stringBase ?? 0;
  const incoming = batch.strings ?? [];
  if (incoming.length > 0 && base !== knownStrings.length) {
    throw new LabtraceError('MALFORMED_FRAME', `batch ${num(batch.seq)} introduces strings from id ${base}, expected ${knownStrings.length}`);
  }
  const str = (id: number | null | undefined): string => {
    const i = id ?? 0;
    if (i < knownStrings.length) return knownStrings.at(i)!;
    const j = i - knownStrings.length;
    if (j < incoming.length) return incoming[j]!;
    throw new LabtraceError('MALFORMED_FRAME', `batch ${num(batch.seq)} refers to unknown string id ${i}`);
  };

  const big = (v: Parameters<typeof num>[0]): bigint => BigInt(Math.round(num(v)));
  const variables = (batch.variables ?? []).map((v): VariableRow => {
    const secret = looksSecret(v.name ?? '');
    return [runId, v.name ?? '', v.codeId ?? 0, v.line ?? 0, v.type || null, v.shape || null, v.dtype || null, JSON.stringify(v.columns ?? []),
      secret ? null : v.fingerprint || null, big(v.objectId), secret ? REDACTED : v.value || null, !secret && v.isNumber ? (v.number ?? 0) : null, big(v.t)];
  });
  const hyperparameters = (batch.hyperparameters ?? []).map((h): TrialHyperparameterRow => [runId, h.estimator || null, big(h.objectId), h.name ?? '',
    looksSecret(h.name ?? '') ? REDACTED : h.value ?? '', h.type || null, h.isDefault ?? false, h.codeId ?? 0, h.line ?? 0, big(h.t), h.source || 'get_params', h.trial || null]);
  const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const metrics = (batch.metrics ?? []).map((m): MetricRow => [runId, m.function ?? '', Number.isFinite(m.value) ? (m.value ?? 0) : null, m.repr || null, m.codeId ?? 0, m.line ?? 0, big(m.t), 'return',
    m.name || null, m.trial || null, m.n ? finite(m.std) : null, m.n || null]);
  const trials = (batch.trials ?? []).map((t): TrialRow => [runId, t.trial ?? 0, t.kind || 'loop', t.codeId ?? 0, t.line ?? 0, t.label || null, t.params || '{}',
    t.parent || null, t.kind !== 'loop' ? finite(t.meanScore) : null, t.kind === 'candidate' ? finite(t.stdScore) : null, t.rank || null, big(t.t)]);

  return {
    newStrings: incoming,
    strings: incoming.map((value, i) => [runId, base + i, value]),
    codeObjects: (batch.codeObjects ?? []).map((c) => [runId, c.id ?? 0, str(c.file), str(c.qualname), c.firstLine ?? 0, c.user ?? false, str(c.module)]),
    imports: (batch.imports ?? []).map((m) => [runId, str(m.module), str(m.file), m.distribution || null, m.version || null, BigInt(num(m.t))]),
    functionStats: (batch.functionStats ?? []).map((f) => [runId, f.codeId ?? 0, BigInt(num(f.calls)), BigInt(num(f.totalNs)), BigInt(num(f.timedCalls))]),
    threads: (batch.threads ?? []).map((t) => [runId, t.thread ?? 0, t.name ?? '', BigInt(num(t.ident))]),
    exceptions: (batch.exceptions ?? []).map((e) => [runId, e.codeId ?? 0, e.line ?? 0, e.type ?? '', e.message ?? '', BigInt(num(e.t))]),
    fileAccesses: (batch.fileAccesses ?? []).map((f) => [runId, f.path ?? '', f.mode || null, f.write ?? false, big(f.size), f.sha256 || null, f.hashMethod || null, f.codeId ?? 0, f.line ?? 0, big(f.t), f.source || null, f.kind || 'file']),
    variables,
    hyperparameters,
    metrics,
    trials,
    sources: (batch.sources ?? []).map((f) => ({ path: f.path ?? '', sha256: f.sha256 ?? '', size: big(f.size), content: f.content && f.content.length > 0 ? f.content : null })),
    environment: batch.environment ? environmentRows(runId, batch.environment) : undefined,
    notebook: batch.notebook ? { path: batch.notebook.path || null, connectionFile: batch.notebook.connectionFile || null } : undefined,
    cellExecutions: (batch.cellExecutions ?? []).map((x): CellExecutionRow => [runId, x.ordinal ?? 0, x.executionCount || null, x.cellIndex || null,
      x.cellId || null, x.sourceSha256 || null, x.cellFile || null, big(x.started), x.ended ? big(x.ended) : null, x.outcome || 'running', x.exceptionType || null]),
    events: events ?? decodeEventColumns(batch),
  };
}

/** The run's environment (first batch only): secrets among its variables are redacted. */
function environmentRows(runId: string, env: NonNullable<EventBatch['environment']>): BatchTableRows['environment'] {
  const git = env.git ?? {};
  return {
    distributions: (env.distributions ?? []).map((d) => [runId, d.name ?? '', d.version ?? '']),
    variables: (env.variables ?? []).map((v) => {
      const secret = v.redacted === true || looksSecret(v.name ?? '');
      return [runId, v.name ?? '', secret ? REDACTED : v.value ?? '', secret];
    }),
    // dirty_pending: the run ended before its `git status`; runs/git-status.ts fills the flag in later
    context: [runId, git.commit || null, git.commit && !git.dirtyPending ? git.dirty ?? false : null, git.branch || null, git.root || null, env.gpu || null, env.platform || null],
  };
}
