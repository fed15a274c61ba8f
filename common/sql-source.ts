/**
 * What reports need from the store: a statement with its parameters bound, rows back (the CLI passes
 * its daemon-or-file runner). Values typed by users never enter SQL text: they are `$1`, `$2`... of a
 * prepared statement.
 */

/** A value bound to a placeholder (JSON-safe: it may travel to the daemon in a request). */
export type SqlParam = string | number | boolean | null;

/** A statement and the values of its `$1`, `$2`... */
export interface BoundSql {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

export type SqlRunner = (sql: string, params?: readonly SqlParam[]) => Promise<{ columns: string[]; rows: unknown[][] }>;

export async function rows<T = Record<string, unknown>>(run: SqlRunner, sql: string, params?: readonly SqlParam[]): Promise<T[]> {
  const result = await run(sql, params);
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])) as T);
}

/** Collects a statement's parameters as it is written: `bind(value)` returns the placeholder to put in the SQL. */
export class SqlParams {
  readonly values: SqlParam[] = [];

  bind(value: SqlParam): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Checks parameters that arrived as JSON (the daemon's /v1/query): an array of strings, numbers, booleans or nulls. */
export function isSqlParams(value: unknown): value is SqlParam[] {
  return Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
}
