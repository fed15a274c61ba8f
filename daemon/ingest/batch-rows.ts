/** Turns one decoded EventBatch into table rows and event columns, resolving interned strings. */
import type { DuckDBValue } from '@duckdb/node-api';
import { LabtraceError } from '../../common/errors.js';
import { num, type EventBatch } from '../protocol/messages.js';
import type { EventColumns } from '../store/event-appender.js';
import { decodeEventColumns } from './event-columns.js';
import { REDACTED, looksSecret } from './secrets.js';

export interface BatchRows {
  readonly newStrings: string[];
  readonly stringRows: DuckDBValue[][];
  readonly codeObjectRows: DuckDBValue[][];
  readonly importRows: DuckDBValue[][];
  readonly functionStatRows: DuckDBValue[][];
  readonly threadRows: DuckDBValue[][];
  readonly exceptionRows: DuckDBValue[][];
  readonly fileRows: DuckDBValue[][];
  readonly variableRows: DuckDBValue[][];
  readonly hyperparameterRows: DuckDBValue[][];
  readonly metricRows: DuckDBValue[][];
  readonly sources: { path: string; sha256: string; size: bigint; content: Uint8Array | null }[];
  readonly environment: EventBatch['environment'];
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

  const stringRows = incoming.map((value, i) => [runId, base + i, value]);
  const codeObjectRows = (batch.codeObjects ?? []).map((c) => [runId, c.id ?? 0, str(c.file), str(c.qualname), c.firstLine ?? 0, c.user ?? false, str(c.module)]);
  const importRows = (batch.imports ?? []).map((m) => [runId, str(m.module), str(m.file), m.distribution || null, m.version || null, BigInt(num(m.t))]);
  const functionStatRows = (batch.functionStats ?? []).map((f) => [runId, f.codeId ?? 0, BigInt(num(f.calls)), BigInt(num(f.totalNs)), BigInt(num(f.timedCalls))]);
  const threadRows = (batch.threads ?? []).map((t) => [runId, t.thread ?? 0, t.name ?? '', BigInt(num(t.ident))]);
  const exceptionRows = (batch.exceptions ?? []).map((e) => [runId, e.codeId ?? 0, e.line ?? 0, e.type ?? '', e.message ?? '', BigInt(num(e.t))]);

  const big = (v: Parameters<typeof num>[0]): bigint => BigInt(Math.round(num(v)));
  const fileRows = (batch.fileAccesses ?? []).map((f) => [runId, f.path ?? '', f.mode || null, f.write ?? false, big(f.size), f.sha256 || null, f.hashMethod || null, f.codeId ?? 0, f.line ?? 0, big(f.t)]);
  const variableRows = (batch.variables ?? []).map((v) => {
    const secret = looksSecret(v.name ?? '');
    return [runId, v.name ?? '', v.codeId ?? 0, v.line ?? 0, v.type || null, v.shape || null, v.dtype || null, JSON.stringify(v.columns ?? []),
      secret ? null : v.fingerprint || null, big(v.objectId), secret ? REDACTED : v.value || null, !secret && v.isNumber ? (v.number ?? 0) : null, big(v.t)];
  });
  const hyperparameterRows = (batch.hyperparameters ?? []).map((h) => [runId, h.estimator || null, big(h.objectId), h.name ?? '',
    looksSecret(h.name ?? '') ? REDACTED : h.value ?? '', h.type || null, h.isDefault ?? false, h.codeId ?? 0, h.line ?? 0, big(h.t), h.source || 'get_params']);
  const metricRows = (batch.metrics ?? []).map((m) => [runId, m.function ?? '', Number.isFinite(m.value) ? (m.value ?? 0) : null, m.repr || null, m.codeId ?? 0, m.line ?? 0, big(m.t), 'return']);
  const sources = (batch.sources ?? []).map((f) => ({ path: f.path ?? '', sha256: f.sha256 ?? '', size: big(f.size), content: f.content && f.content.length > 0 ? f.content : null }));

  return {
    newStrings: incoming,
    fileRows,
    variableRows,
    hyperparameterRows,
    metricRows,
    sources,
    environment: batch.environment,
    stringRows,
    codeObjectRows,
    importRows,
    functionStatRows,
    threadRows,
    exceptionRows,
    events: events ?? decodeEventColumns(batch),
  };
}
