/** SQL goes to the running daemon (it owns the DuckDB file); without one, the file is opened read-only. */
import { existsSync } from 'node:fs';
import type { HomePaths } from '../daemon/home.js';
import { Store } from '../daemon/store/store.js';
import { toJsonValue } from '../daemon/server/json.js';
import { DaemonClient, notRunning, type QueryResult } from './daemon-client.js';

export async function runSql(home: HomePaths, sql: string): Promise<QueryResult> {
  return (await sqlRunner(home))(sql);
}

/**
 * A function answering SQL for a series of queries (reports make many): through the daemon when it
 * runs, else from the file opened read-only (closed when the process exits).
 */
export async function sqlRunner(home: HomePaths): Promise<(sql: string) => Promise<QueryResult>> {
  const client = await DaemonClient.find(home);
  if (client) return (sql) => client.query(sql);
  if (!existsSync(home.database)) throw notRunning(home);
  const store = await Store.open(home.database, { readOnly: true });
  process.once('beforeExit', () => store.close());
  return async (sql) => {
    const result = await store.query(sql);
    return { columns: result.columns, rows: toJsonValue(result.rows) as unknown[][] };
  };
}
