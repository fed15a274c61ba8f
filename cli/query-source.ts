/** SQL goes to the running daemon (it owns the DuckDB file); without one, the file is opened read-only. */
import { existsSync } from 'node:fs';
import type { HomePaths } from '../daemon/home.js';
import { Store } from '../daemon/store/store.js';
import { toJsonValue } from '../daemon/server/json.js';
import { DaemonClient, notRunning, type QueryResult } from './daemon-client.js';

export async function runSql(home: HomePaths, sql: string): Promise<QueryResult> {
  const client = await DaemonClient.find(home);
  if (client) return client.query(sql);
  if (!existsSync(home.database)) throw notRunning(home);
  const store = await Store.open(home.database, { readOnly: true });
  try {
    const result = await store.query(sql);
    return { columns: result.columns, rows: toJsonValue(result.rows) as unknown[][] };
  } finally {
    store.close();
  }
}
