/**
 * labtrace export [RUN...] --format parquet|arrow|csv --out DIR: one file per table of the store
 * (runs, events, statements, parameters, metrics, files, phases...), filtered to the given runs
 * (default: all), for pandas, Polars, Spark or DuckDB to read; with --partition-by run, a directory per
 * table with a Hive-style partition per run (TABLE/run_id=ID/...). The running daemon writes them (it owns
 * the store; POST /v1/export) and reports each table as it is done; without a daemon the store is
 * opened read-only here. Either way daemon/store/export-tables.ts does the work, in one read-only
 * snapshot. Progress goes to stderr on a terminal only.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { LabtraceError, errorMessage, type LabtraceErrorCode } from '../../common/errors.js';
import { readToken, type HomePaths } from '../../common/home.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { EXPORT_TABLE_NAMES, exportTables, type ExportFormat, type ExportRequest, type ExportedTable } from '../../daemon/store/export-tables.js';
import { Store } from '../../daemon/store/store.js';
import { DaemonClient, notRunning } from '../daemon-client.js';
import { sqlRunner } from '../query-source.js';
import { progressLine } from '../../common/progress.js';

export interface ExportOutput {
  readonly out: NodeJS.WritableStream;
  /** Progress lines, written only when it is a terminal. */
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function exportCommand(home: HomePaths, refs: readonly string[], format: ExportFormat, outDir: string, io: ExportOutput, partitionBy?: 'run'): Promise<void> {
  if (partitionBy === 'run' && format === 'arrow') throw new LabtraceError('BAD_ARGUMENT', '--partition-by run writes Parquet or CSV files, not Arrow', 'use --format parquet or csv with --partition-by run');
  const dir = resolve(outDir);
  const sql = await sqlRunner(home);
  const runs: string[] = [];
  for (const ref of refs) runs.push(await resolveRun(sql, ref));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new LabtraceError('BAD_ARGUMENT', `cannot create the export directory ${dir}: ${errorMessage(err)}`);
  }
  const request: ExportRequest = { out: dir, format, runs: [...new Set(runs)], ...(partitionBy ? { partition_by: partitionBy } : {}) };
  const progress = exportProgress(io.err);
  let tables: ExportedTable[];
  try {
    const client = await DaemonClient.find(home);
    tables = client ? await exportThroughDaemon(home, client, request, progress.table) : await exportFromFile(home, request, progress.table);
  } finally {
    progress.clear();
  }
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  for (const t of tables) io.out.write(`${t.file}  ${t.rows} row${t.rows === 1 ? '' : 's'}  ${formatBytes(t.bytes)}\n`);
  const which = request.runs.length === 0 ? 'every run' : `${request.runs.length} run${request.runs.length === 1 ? '' : 's'}`;
  const what = partitionBy === 'run' ? `${format} tables partitioned by run` : `${format} files`;
  io.out.write(`exported ${which}: ${tables.length} ${what}, ${rows} rows, in ${dir}\n`);
}

async function exportFromFile(home: HomePaths, request: ExportRequest, progress: (t: ExportedTable) => void): Promise<ExportedTable[]> {
  const store = await Store.open(home.database, { readOnly: true }).catch((err: unknown) => {
    throw err instanceof LabtraceError && err.code === 'STORE_LOCKED' ? err : notRunning(home);
  });
  try {
    return await exportTables(store.connection, request, progress);
  } finally {
    store.close();
  }
}

/** POST /v1/export, reading its NDJSON answer line by line as the daemon writes each table. */
async function exportThroughDaemon(home: HomePaths, client: DaemonClient, request: ExportRequest, progress: (t: ExportedTable) => void): Promise<ExportedTable[]> {
  const response = await fetch(`http://127.0.0.1:${client.port}/v1/export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${readToken(home) ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; hint?: string } };
    throw new LabtraceError((body.error?.code ?? 'INTERNAL') as LabtraceErrorCode, body.error?.message ?? `the daemon answered ${response.status}`, body.error?.hint);
  }
  const tables: ExportedTable[] = [];
  let pending = '';
  let done = false;
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    pending += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = JSON.parse(pending.slice(0, newline)) as Partial<ExportedTable> & { done?: boolean; error?: { code: string; message: string; hint?: string } };
      pending = pending.slice(newline + 1);
      if (line.error) throw new LabtraceError(line.error.code as LabtraceErrorCode, line.error.message, line.error.hint);
      if (line.done) done = true;
      else {
        tables.push(line as ExportedTable);
        progress(line as ExportedTable);
      }
    }
  }
  if (!done) throw new LabtraceError('INTERNAL', 'the daemon\'s export answer was cut short', 'the daemon log says more (labtrace daemon status)');
  return tables;
}

/** `exported runs (12 rows); exporting events...` rewritten in place on a terminal; nothing otherwise. */
function exportProgress(err: ExportOutput['err']): { table: (t: ExportedTable) => void; clear: () => void } {
  const line = progressLine(err);
  return {
    table: (t) => {
      const next = EXPORT_TABLE_NAMES[EXPORT_TABLE_NAMES.indexOf(t.table) + 1];
      line.update(`exported ${t.table} (${t.rows} rows)${next ? `; exporting ${next}...` : ''}`);
    },
    clear: () => line.clear(),
  };
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
