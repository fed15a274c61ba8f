/**
 * `labtrace export`: the store's tables, filtered to some runs, one file per table in a directory, for
 * any tool to read (pandas, Polars, Spark, DuckDB...). Parquet and CSV are written by DuckDB's own
 * COPY ... TO; Arrow (the IPC file format, `.arrow`, what pyarrow.feather and pandas.read_feather
 * read) through arrow-answer.ts's encoder.
 *
 * Read-only: every table is read inside one `BEGIN TRANSACTION READ ONLY` (one snapshot: a run being
 * ingested meanwhile is exported as it was when the export began), always rolled back. The daemon
 * runs it on a connection of its own (it owns the file's lock); without a daemon the CLI runs it on
 * the file opened read-only. Each file (or partitioned table's directory) is written under a temporary
 * name and renamed when complete.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { LabtraceError, errorMessage } from '../../common/errors.js';
import { ArrowColumns, ArrowIpcEncoder } from '../server/arrow-answer.js';

export const EXPORT_FORMATS = ['parquet', 'arrow', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  /** An existing directory, absolute. */
  readonly out: string;
  readonly format: ExportFormat;
  /** Full run ids; empty: every run. */
  readonly runs: readonly string[];
  /**
   * 'run': each table with a run_id column is a directory of Hive-style partitions, `TABLE/run_id=ID/data_0.parquet`
   * (DuckDB's COPY ... PARTITION_BY; the run_id column lives in the directory names, which DuckDB's
   * hive_partitioning, pandas and pyarrow read back as a column). Parquet and CSV only.
   */
  readonly partition_by?: 'run';
}

export interface ExportedTable {
  readonly table: string;
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
}

/**
 * What is exported, in this order: a table (or view) name and the rows of the wanted runs. `events`
 * and `statements` are the views that put run ids and names on event_log; `source_blobs` holds the
 * code the runs used. Tables a store does not have (correlation tables before the first analysis,
 * notebook tables of old stores) are skipped.
 */
const TABLES: readonly { name: string; where: (runs: string) => string }[] = [
  ...['runs', 'events', 'code_objects', 'statements', 'function_stats', 'imports', 'threads', 'exceptions', 'resource_samples',
    'file_accesses', 'variables', 'hyperparameters', 'metrics', 'run_sources'].map((name) => ({ name, where: (runs: string) => `run_id IN (${runs})` })),
  { name: 'source_blobs', where: (runs) => `sha256 IN (SELECT sha256 FROM run_sources WHERE run_id IN (${runs}))` },
  ...['run_distributions', 'run_environment', 'run_context', 'cell_executions',
    'run_analysis', 'statement_phases', 'function_phases', 'phase_intervals', 'statement_times'].map((name) => ({ name, where: (runs: string) => `run_id IN (${runs})` })),
];

export const EXPORT_TABLE_NAMES: readonly string[] = TABLES.map((t) => t.name);

const EXTENSION: Record<ExportFormat, string> = { parquet: 'parquet', arrow: 'arrow', csv: 'csv' };

/** Checks what a client sent; throws BAD_ARGUMENT. */
export function checkExportRequest(body: unknown): ExportRequest {
  const b = (body ?? {}) as { out?: unknown; format?: unknown; runs?: unknown; partition_by?: unknown };
  const usage = 'body must be {"out": "/absolute/dir", "format": "parquet" | "arrow" | "csv", "runs"?: ["<32 hex>", ...], "partition_by"?: "run"}';
  if (typeof b.out !== 'string' || !isAbsolute(b.out)) throw new LabtraceError('BAD_ARGUMENT', `${usage}: out must be an absolute path`);
  if (!EXPORT_FORMATS.includes(b.format as ExportFormat)) throw new LabtraceError('BAD_ARGUMENT', `${usage}: format must be parquet, arrow or csv`);
  const runs = b.runs ?? [];
  if (!Array.isArray(runs) || !runs.every((r) => typeof r === 'string' && /^[0-9a-f]{32}$/.test(r))) throw new LabtraceError('BAD_ARGUMENT', `${usage}: runs must be full run ids`);
  if (b.partition_by !== undefined && b.partition_by !== 'run') throw new LabtraceError('BAD_ARGUMENT', `${usage}: partition_by can only be "run"`);
  if (b.partition_by === 'run' && b.format === 'arrow') throw new LabtraceError('BAD_ARGUMENT', 'partitioning by run writes Parquet or CSV files, not Arrow', 'use --format parquet or csv with --partition-by run');
  let isDir = false;
  try {
    isDir = statSync(b.out).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new LabtraceError('BAD_ARGUMENT', `the export directory ${b.out} does not exist`, 'create it first (labtrace export creates its --out)');
  return { out: b.out, format: b.format as ExportFormat, runs: runs as string[], ...(b.partition_by === 'run' ? { partition_by: 'run' as const } : {}) };
}

const quoted = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Writes one file per table into `request.out`, calling `progress` after each; `signal` (the client
 * went away) interrupts the statement running and stops the export.
 */
export async function exportTables(connection: DuckDBConnection, request: ExportRequest, progress: (t: ExportedTable) => void | Promise<void>, signal?: AbortSignal): Promise<ExportedTable[]> {
  const onAbort = (): void => connection.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  const done: ExportedTable[] = [];
  await connection.run('BEGIN TRANSACTION READ ONLY');
  try {
    const present = new Set((await connection.runAndReadAll('SELECT table_name FROM information_schema.tables')).getRows().map((r) => String(r[0])));
    const runs = request.runs.map(quoted).join(', ');
    for (const table of TABLES) {
      if (signal?.aborted) throw new LabtraceError('QUERY_CANCELLED', 'the export was cancelled: its client went away');
      if (!present.has(table.name)) continue;
      const select = `SELECT * FROM ${table.name}${request.runs.length > 0 ? ` WHERE ${table.where(runs)}` : ''}`;
      const partitioned = request.partition_by === 'run' && request.format !== 'arrow' && table.name !== 'source_blobs';
      const file = partitioned ? join(request.out, table.name) : join(request.out, `${table.name}.${EXTENSION[request.format]}`);
      const partial = `${file}.partial`;
      let rows: number;
      try {
        rmSync(partial, { recursive: true, force: true });
        rows = request.format === 'arrow' ? await writeArrow(connection, select, partial) : await copyTo(connection, select, partial, request.format, partitioned);
        if (partitioned) {
          mkdirSync(partial, { recursive: true }); // a table without rows: an empty directory
          rmSync(file, { recursive: true, force: true });
        }
        renameSync(partial, file);
      } catch (err) {
        rmSync(partial, { recursive: true, force: true });
        if (signal?.aborted) throw new LabtraceError('QUERY_CANCELLED', 'the export was cancelled: its client went away', undefined, { cause: err });
        throw err instanceof LabtraceError ? err : new LabtraceError('INTERNAL', `exporting ${table.name} failed: ${errorMessage(err)}`, undefined, { cause: err });
      }
      const exported = { table: table.name, file, rows, bytes: sizeOf(file) };
      done.push(exported);
      await progress(exported);
    }
    return done;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await connection.run('ROLLBACK').catch(() => undefined);
  }
}

/** Bytes of a file, or of every file under a directory (a partitioned table). */
function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((n, name) => n + sizeOf(join(path, name)), 0);
}

async function copyTo(connection: DuckDBConnection, select: string, path: string, format: 'parquet' | 'csv', byRun = false): Promise<number> {
  const options = (format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER') + (byRun ? ', PARTITION_BY (run_id)' : '');
  const result = await connection.runAndReadAll(`COPY (${select}) TO ${quoted(path)} (${options})`);
  return Number(result.getRows()[0]?.[0] ?? 0);
}

/** The rows of `select` as an Arrow IPC file, one record batch per DuckDB chunk, written as they come. */
async function writeArrow(connection: DuckDBConnection, select: string, path: string): Promise<number> {
  const result = await connection.stream(select);
  const encoder = new ArrowIpcEncoder(new ArrowColumns(result.columnNames(), result.columnTypes()), 'file');
  const fd = openSync(path, 'w');
  let rows = 0;
  try {
    writeSync(fd, encoder.take());
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      rows += chunk.rowCount;
      writeSync(fd, encoder.write(chunk.getColumns()));
    }
    // A failing streamed result ends like a complete one: the aborted transaction tells them apart (user-query.ts).
    await connection.run('SELECT 1');
    writeSync(fd, encoder.finish());
  } finally {
    closeSync(fd);
  }
  return rows;
}
