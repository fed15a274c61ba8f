/**
 * SQL typed by a user (`labtrace query`, and every report the CLI builds): read-only, bounded in time
 * and in rows, streamed chunk by chunk.
 *
 * Read-only three times over: the text must be exactly one statement that starts with a reading word
 * (checked before DuckDB prepares it) and whose prepared type is SELECT (DESCRIBE, SHOW, SUMMARIZE and
 * FROM-first prepare as SELECT), or an EXPLAIN of one; anything else is refused with READ_ONLY_SQL
 * before it runs. The statement then runs inside a
 * `BEGIN TRANSACTION READ ONLY` that is always rolled back, so a function with a side effect inside a
 * SELECT (nextval, ...) fails instead of persisting.
 *
 * Bounded: a time limit and an abort signal (the HTTP client went away) both interrupt the
 * connection; rows arrive from a streaming result one DuckDB chunk (2,048 rows) at a time, are
 * converted to JSON-ready values and handed to a sink that may wait (socket back-pressure), with a
 * turn of the event loop between chunks; at `maxRows` the query stops and the result says it was cut.
 */
import { JSDuckDBValueConverter, StatementType, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LabtraceError, errorMessage } from '../../common/errors.js';
import { toJsonValue } from '../../common/json.js';
import type { SqlParam } from '../../common/sql-source.js';
import { isOutOfMemoryError } from '../store/store-errors.js';

export const DEFAULT_QUERY_TIMEOUT_S = 60;
export const DEFAULT_MAX_ROWS = 100_000;
/** The largest --max-rows accepted: the daemon streams, but the CLI holds the whole answer to format it. */
export const MAX_ROWS_LIMIT = 10_000_000;

export interface UserQueryLimits {
  readonly timeoutMs: number;
  readonly maxRows: number;
  /** Aborted when whoever asked is gone (the HTTP client disconnected). */
  readonly signal?: AbortSignal;
}

/**
 * Where the rows go: `columns` once (names and DuckDB types), then `rows` for every chunk (JSON-ready
 * values), or `columnValues` instead when the sink has it (DuckDB's own values, column by column: the
 * Arrow answer types them itself).
 */
export interface UserQuerySink {
  columns(names: string[], types: readonly DuckDBType[]): void | Promise<void>;
  rows(rows: unknown[][]): void | Promise<void>;
  columnValues?(columns: DuckDBValue[][]): void | Promise<void>;
}

export interface UserQuerySummary {
  readonly rowCount: number;
  readonly truncated: boolean;
}

const READ_HINT = 'labtrace query runs reads only: SELECT (WITH, FROM-first, VALUES), DESCRIBE, SHOW, SUMMARIZE, EXPLAIN [ANALYZE] SELECT; see docs/query.md';

/** Why a statement type is refused, in words. */
const REFUSED: Partial<Record<StatementType, string>> = {
  [StatementType.INSERT]: 'INSERT', [StatementType.UPDATE]: 'UPDATE', [StatementType.DELETE]: 'DELETE', [StatementType.CREATE]: 'CREATE',
  [StatementType.DROP]: 'DROP', [StatementType.ALTER]: 'ALTER', [StatementType.COPY]: 'COPY', [StatementType.EXPORT]: 'EXPORT',
  [StatementType.ATTACH]: 'ATTACH', [StatementType.DETACH]: 'DETACH', [StatementType.PRAGMA]: 'PRAGMA', [StatementType.SET]: 'SET/RESET/USE',
  [StatementType.VARIABLE_SET]: 'SET VARIABLE', [StatementType.CALL]: 'CALL/CHECKPOINT', [StatementType.TRANSACTION]: 'a transaction statement',
  [StatementType.LOAD]: 'LOAD/INSTALL', [StatementType.VACUUM]: 'VACUUM', [StatementType.ANALYZE]: 'ANALYZE', [StatementType.PREPARE]: 'PREPARE',
  [StatementType.EXECUTE]: 'EXECUTE', [StatementType.CREATE_FUNC]: 'CREATE MACRO/FUNCTION', [StatementType.COPY_DATABASE]: 'COPY FROM DATABASE',
  [StatementType.MERGE_INTO]: 'MERGE', [StatementType.UPDATE_EXTENSIONS]: 'UPDATE EXTENSIONS',
};

function refuse(what: string): never {
  throw new LabtraceError('READ_ONLY_SQL', `refused: ${what}`, READ_HINT);
}

/**
 * The store ran out of DuckDB's memory limit while answering: the query may have been fine, the pool
 * full of what ingest and correlations held. `answered`: part of the answer had reached the client.
 */
export class QueryOutOfMemory extends LabtraceError {
  constructor(readonly answered: boolean, cause: unknown) {
    super('QUERY_OUT_OF_MEMORY', `the trace store ran out of its memory limit while answering (${firstLine(errorMessage(cause))})`,
      'narrow the query (WHERE, LIMIT, an aggregate), or give the daemon more: LABTRACE_DAEMON_MEMORY_LIMIT=256MB, then labtrace daemon restart', { cause });
  }
}

function badSql(err: unknown): LabtraceError {
  return err instanceof LabtraceError ? err : new LabtraceError('BAD_SQL', errorMessage(err), undefined, { cause: err });
}

/** `EXPLAIN [ANALYZE] <rest>` → `<rest>`, else undefined (an EXPLAIN is allowed when its statement is). */
function explained(sql: string): string | undefined {
  const m = /^\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?/i.exec(sql);
  return m ? sql.slice(m[0].length) : undefined;
}

/** Words a read may start with. Checked before DuckDB prepares (binds) anything: preparing is not free of effects (EXPORT DATABASE creates its directory). */
const READ_KEYWORDS = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'TABLE', 'DESCRIBE', 'DESC', 'SHOW', 'SUMMARIZE']);

/** The first word of `sql` after comments and opening parentheses. */
function leadingWord(sql: string): { word: string; rest: string } | undefined {
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  const m = /^[\s(]*([A-Za-z_]+)/.exec(text);
  return m ? { word: m[1]!.toUpperCase(), rest: text } : undefined;
}

function checkLeadingWord(sql: string, depth: number): void {
  const lead = leadingWord(sql);
  if (!lead) return; // not a statement at all: the parser says why
  if (lead.word === 'EXPLAIN' && depth === 0) {
    const inner = explained(lead.rest);
    if (inner === undefined) refuse('an EXPLAIN whose statement could not be checked (write EXPLAIN [ANALYZE] SELECT ...)');
    checkLeadingWord(inner, depth + 1);
    return;
  }
  if (!READ_KEYWORDS.has(lead.word)) refuse(`${lead.word} (the trace store is read-only to queries)`);
}

/**
 * Prepares the single statement of `sql` when it only reads; throws READ_ONLY_SQL for anything
 * else (several statements included: one query, one answer) and BAD_SQL when it does not parse.
 * Two checks: the leading word (before DuckDB sees the text), then the prepared statement's type.
 */
export async function prepareReadOnly(connection: DuckDBConnection, sql: string, depth = 0): Promise<DuckDBPreparedStatement> {
  let extracted;
  try {
    extracted = await connection.extractStatements(sql); // parses only
  } catch (err) {
    throw badSql(err);
  }
  checkLeadingWord(sql, depth);
  if (extracted.count === 0) throw new LabtraceError('BAD_SQL', 'no SQL statement given');
  if (extracted.count > 1) refuse(`${extracted.count} statements in one query (run one statement at a time)`);
  let prepared: DuckDBPreparedStatement;
  try {
    prepared = await extracted.prepare(0);
  } catch (err) {
    throw badSql(err);
  }
  const type = prepared.statementType;
  if (type === StatementType.SELECT) return prepared;
  if (type === StatementType.EXPLAIN && depth === 0) {
    const inner = explained(leadingWord(sql)?.rest ?? sql);
    if (inner !== undefined) {
      (await prepareReadOnly(connection, inner, depth + 1)).destroySync();
      return prepared;
    }
    prepared.destroySync();
    refuse('an EXPLAIN whose statement could not be checked (write EXPLAIN [ANALYZE] SELECT ...)');
  }
  prepared.destroySync();
  refuse(`${REFUSED[type] ?? `a statement of type ${StatementType[type] ?? type}`} (the trace store is read-only to queries)`);
}

/**
 * Runs one read-only user statement on `connection` (which nobody else uses meanwhile), streaming rows into `sink`.
 * `params`: the values of its `$1`, `$2`... (reports bind what users typed instead of quoting it into the text).
 */
export async function runUserQuery(connection: DuckDBConnection, sql: string, limits: UserQueryLimits, sink: UserQuerySink, params: readonly SqlParam[] = []): Promise<UserQuerySummary> {
  let stopped: 'timeout' | 'cancelled' | undefined;
  const stop = (why: 'timeout' | 'cancelled'): void => {
    stopped ??= why;
    connection.interrupt();
  };
  const timer = setTimeout(() => stop('timeout'), limits.timeoutMs);
  const onAbort = (): void => stop('cancelled');
  if (limits.signal?.aborted) stopped = 'cancelled';
  limits.signal?.addEventListener('abort', onAbort, { once: true });
  const stoppedError = (): LabtraceError =>
    stopped === 'timeout'
      ? new LabtraceError('QUERY_TIMEOUT', `the query was stopped after ${formatSeconds(limits.timeoutMs)} (its time limit)`, 'narrow it (WHERE, LIMIT, an aggregate) or allow more time: labtrace query --timeout SECONDS')
      : new LabtraceError('QUERY_CANCELLED', 'the query was cancelled: its client went away');
  let prepared: DuckDBPreparedStatement | undefined;
  let inTransaction = false;
  let answered = false;
  try {
    if (stopped) throw stoppedError();
    await connection.run('BEGIN TRANSACTION READ ONLY');
    inTransaction = true;
    prepared = await prepareReadOnly(connection, sql);
    if (params.length > 0) prepared.bind([...params]);
    const result = await prepared.stream();
    answered = true;
    await sink.columns(result.columnNames(), result.columnTypes());
    let rowCount = 0;
    let truncated = false;
    for (;;) {
      if (stopped) throw stoppedError();
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) {
        await checkNotFailed(connection, rowCount);
        break;
      }
      if (rowCount >= limits.maxRows) {
        truncated = true;
        break;
      }
      const take = Math.min(chunk.rowCount, limits.maxRows - rowCount);
      truncated = take < chunk.rowCount;
      if (sink.columnValues) {
        const columns = chunk.getColumns();
        await sink.columnValues(truncated ? columns.map((c) => c.slice(0, take)) : columns);
      } else {
        const rows = chunk.convertRows(JSDuckDBValueConverter) as unknown[][];
        await sink.rows(toJsonValue(truncated ? rows.slice(0, take) : rows) as unknown[][]);
      }
      rowCount += take;
      if (truncated) break;
      await nextTurn(); // status, agents and other requests get their turn between chunks
    }
    return { rowCount, truncated };
  } catch (err) {
    if (stopped) throw stoppedError();
    const message = errorMessage(err);
    if (/read-only mode|read-only transaction|attached in read-only/i.test(message)) {
      throw new LabtraceError('READ_ONLY_SQL', `refused: the query tried to write (${firstLine(message)})`, READ_HINT, { cause: err });
    }
    if (isOutOfMemoryError(err)) throw new QueryOutOfMemory(answered, err);
    throw badSql(err);
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onAbort);
    prepared?.destroySync();
    if (inTransaction) await connection.run('ROLLBACK').catch(() => undefined);
  }
}

/**
 * A streamed result that fails part-way stops like one that ends (DuckDB's C API fetch gives no chunk
 * either way, and node-api does not expose the result's error): the failure shows as the aborted state
 * of the query's transaction, probed here so a cut answer is never reported as complete.
 */
async function checkNotFailed(connection: DuckDBConnection, rowCount: number): Promise<void> {
  try {
    await connection.run('SELECT 1');
  } catch (err) {
    throw new LabtraceError('BAD_SQL', `the query failed after ${rowCount} rows: DuckDB stopped its result without saying why (${firstLine(errorMessage(err))})`,
      'run it on fewer rows (WHERE, LIMIT) to see the error DuckDB raises; a cast or error() on a late row does this', { cause: err });
  }
}

/** Checks the `timeout_s` / `max_rows` a client sent (undefined = the default). */
export function queryLimits(timeoutS: unknown, maxRows: unknown, signal?: AbortSignal): UserQueryLimits {
  const t = timeoutS ?? DEFAULT_QUERY_TIMEOUT_S;
  const n = maxRows ?? DEFAULT_MAX_ROWS;
  if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t > 86_400) throw new LabtraceError('BAD_ARGUMENT', `timeout must be a number of seconds in (0, 86400], got ${String(t)}`);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_ROWS_LIMIT) throw new LabtraceError('BAD_ARGUMENT', `max rows must be an integer from 1 to ${MAX_ROWS_LIMIT}, got ${String(n)}`);
  return { timeoutMs: t * 1000, maxRows: n, signal };
}

/** What a cut result says, for the CLI to print. */
export function truncationNotice(maxRows: number): string {
  return `the result was cut at ${maxRows} rows (more rows exist): narrow the query (WHERE, an aggregate), page with LIMIT/OFFSET, or raise --max-rows (at most ${MAX_ROWS_LIMIT}; --format csv > file for big exports)`;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`; // 1 s, 1.5 s; a limit less the few ms a connection took still reads 1 s
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/**
 * The daemon's user queries: each on a fresh connection of its own (an interrupt stops that query
 * only; ingest, correlation and status keep theirs), at most `concurrency` at once so DuckDB calls of
 * user queries never hold every libuv worker thread that ingest needs. Others wait their turn; the
 * wait counts towards their time limit.
 */
export class UserQueries {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly connect: () => Promise<DuckDBConnection>, private readonly concurrency = 2) {}

  get running(): number {
    return this.active;
  }

  /** Resolves once no query runs (the daemon stops after its clients were disconnected, which interrupts theirs). */
  async idle(): Promise<void> {
    while (this.active > 0) await new Promise((r) => setTimeout(r, 20));
  }

  async run(sql: string, limits: UserQueryLimits, sink: UserQuerySink, params: readonly SqlParam[] = []): Promise<UserQuerySummary> {
    const started = Date.now();
    await this.acquire(limits);
    try {
      const connection = await this.connect();
      try {
        return await runUserQuery(connection, sql, { ...limits, timeoutMs: Math.max(1, limits.timeoutMs - (Date.now() - started)) }, sink, params);
      } finally {
        connection.closeSync();
      }
    } finally {
      this.release();
    }
  }

  private async acquire(limits: UserQueryLimits): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        clearTimeout(timer);
        limits.signal?.removeEventListener('abort', cancel);
        this.active++;
        resolve();
      };
      const leave = (err: LabtraceError): void => {
        clearTimeout(timer);
        limits.signal?.removeEventListener('abort', cancel);
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(err);
      };
      const cancel = (): void => leave(new LabtraceError('QUERY_CANCELLED', 'the query was cancelled: its client went away'));
      const timer = setTimeout(() => leave(new LabtraceError('QUERY_TIMEOUT', `the query waited ${formatSeconds(limits.timeoutMs)} for ${this.concurrency} running queries to finish (its time limit)`, 'try again later, or allow more time: labtrace query --timeout SECONDS')), limits.timeoutMs);
      limits.signal?.addEventListener('abort', cancel, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
