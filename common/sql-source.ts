/** What reports need from the store: SQL returning rows as objects (the CLI passes its daemon-or-file runner). */
export type SqlRunner = (sql: string) => Promise<{ columns: string[]; rows: unknown[][] }>;

export async function rows<T = Record<string, unknown>>(run: SqlRunner, sql: string): Promise<T[]> {
  const result = await run(sql);
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])) as T);
}

/** Quotes a string literal for SQL built from user input (run ids, names). */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
