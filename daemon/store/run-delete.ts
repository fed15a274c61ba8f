/**
 * Deleting runs (labtrace rm / prune): every row of theirs, in every table that has a run_id (or, like
 * event_log, a run_key), in one transaction, then the source blobs no remaining row refers to. A run
 * that is still running is never deleted: it is re-checked inside the transaction and reported back.
 * Tables are found in the catalog, so tables added later (correlation's, notebooks') are covered.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface DeleteSummary {
  /** Run ids deleted. */
  readonly deleted: string[];
  /** Run ids asked for that are running: kept. */
  readonly running: string[];
  /** Run ids asked for that do not exist. */
  readonly missing: string[];
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function tablesWithColumn(connection: DuckDBConnection, column: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE' AND c.column_name = $1 AND c.table_name <> 'runs' ORDER BY 1`, [column]);
  return reader.getRowObjectsJS().map((r) => String(r.table_name));
}

export async function deleteRuns(connection: DuckDBConnection, runIds: readonly string[]): Promise<DeleteSummary> {
  const wanted = [...new Set(runIds)];
  if (wanted.length === 0) return { deleted: [], running: [], missing: [] };
  const byId = await tablesWithColumn(connection, 'run_id');
  const byKey = await tablesWithColumn(connection, 'run_key');
  const blobRefs = (await connection.runAndReadAll(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'main' AND column_name LIKE '%sha256%' AND data_type = 'VARCHAR' AND table_name <> 'source_blobs'
       AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE')`,
  )).getRowObjectsJS().map((r) => `SELECT ${quoteIdent(String(r.column_name))} AS sha256 FROM ${quoteIdent(String(r.table_name))}`);
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run('CREATE OR REPLACE TEMP TABLE labtrace_delete (run_id VARCHAR, run_key INTEGER)');
    const list = wanted.map((_, i) => `$${i + 1}`).join(', ');
    await connection.run(`INSERT INTO labtrace_delete SELECT run_id, run_key FROM runs WHERE run_id IN (${list}) AND status <> 'running'`, wanted);
    const found = (await connection.runAndReadAll(`SELECT run_id, status FROM runs WHERE run_id IN (${list})`, wanted)).getRowObjectsJS();
    const running = found.filter((r) => r.status === 'running').map((r) => String(r.run_id));
    const deleted = found.filter((r) => r.status !== 'running').map((r) => String(r.run_id));
    const missing = wanted.filter((id) => !found.some((r) => r.run_id === id));
    if (deleted.length > 0) {
      for (const table of byKey) await connection.run(`DELETE FROM ${quoteIdent(table)} WHERE run_key IN (SELECT run_key FROM labtrace_delete)`);
      for (const table of byId) await connection.run(`DELETE FROM ${quoteIdent(table)} WHERE run_id IN (SELECT run_id FROM labtrace_delete)`);
      await connection.run('DELETE FROM runs WHERE run_id IN (SELECT run_id FROM labtrace_delete)');
      if (blobRefs.length > 0) {
        await connection.run(`DELETE FROM source_blobs WHERE sha256 NOT IN (SELECT sha256 FROM (${blobRefs.join(' UNION ')}) WHERE sha256 IS NOT NULL)`);
      }
    }
    await connection.run('DROP TABLE labtrace_delete');
    await connection.run('COMMIT');
    return { deleted, running, missing };
  } catch (err) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** The daemon's deletions: one at a time, on a connection of their own (opened at the first), outside the ingest transaction. */
export class RunDeleter {
  private connection: Promise<DuckDBConnection> | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly connect: () => Promise<DuckDBConnection>) {}

  delete(runIds: readonly string[]): Promise<DeleteSummary> {
    const work = async (): Promise<DeleteSummary> => deleteRuns(await (this.connection ??= this.connect()), runIds);
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Waits for the deletion in progress, then closes the connection. */
  async close(): Promise<void> {
    await this.tail;
    if (this.connection) (await this.connection).closeSync();
  }
}
