/**
 * SQL goes to the running daemon (it owns the DuckDB file); without one, the file is opened read-only.
 * Either way it is user SQL: one read-only statement, time-limited, row-capped (daemon/server/user-query.ts).
 */
import { existsSync } from 'node:fs';
import type { HomePaths } from '../common/home.js';
import { LabtraceError } from '../common/errors.js';
import { Store } from '../daemon/store/store.js';
import { queryLimits, runUserQuery, truncationNotice } from '../daemon/server/user-query.js';
import type { SqlRunner } from '../common/sql-source.js';
import { DaemonClient, notRunning, type QueryOptions, type QueryResult } from './daemon-client.js';

/** Rows a report query may return: far above what any report reads; a cut report would be wrong, so it fails. */
const REPORT_MAX_ROWS = 1_000_000;

export async function runSql(home: HomePaths, sql: string, options: QueryOptions = {}): Promise<QueryResult> {
  return (await rawRunner(home))(sql, options);
}

type Runner = (sql: string, options: QueryOptions) => Promise<QueryResult>;

async function rawRunner(home: HomePaths): Promise<Runner> {
  const client = await DaemonClient.find(home);
  if (client) return (sql, options) => client.query(sql, options);
  if (!existsSync(home.database)) throw notRunning(home);
  const store = await Store.open(home.database, { readOnly: true });
  process.once('beforeExit', () => store.close());
  return async (sql, options) => {
    const result: QueryResult = { columns: [], rows: [] };
    const limits = queryLimits(options.timeoutS, options.maxRows);
    const summary = await runUserQuery(store.connection, sql, limits, {
      columns: (names) => void (result.columns = names),
      rows: (rows) => void result.rows.push(...rows),
    }, options.params);
    result.truncated = summary.truncated;
    if (summary.truncated) result.notice = truncationNotice(limits.maxRows);
    return result;
  };
}

/**
 * A function answering SQL for a series of queries (reports make many): through the daemon when it
 * runs, else from the file opened read-only (closed when the process exits).
 */
export async function sqlRunner(home: HomePaths): Promise<SqlRunner> {
  const run = await rawRunner(home);
  return async (sql, params) => {
    const result = await run(sql, { maxRows: REPORT_MAX_ROWS, params });
    if (result.truncated) throw new LabtraceError('RESULT_TRUNCATED', `a report query returned more than ${REPORT_MAX_ROWS} rows`, 'report it as a bug of labtrace');
    return result;
  };
}
