/** labtrace query "SQL" [--format table|csv|json] [--timeout S] [--max-rows N]: one read-only statement (docs/query.md). */
import type { HomePaths } from '../../common/home.js';
import { formatResult, type OutputFormat } from '../../common/format.js';
import { runSql } from '../query-source.js';
import type { QueryOptions } from '../daemon-client.js';

export async function queryCommand(home: HomePaths, sql: string, format: OutputFormat, out: NodeJS.WritableStream, options: QueryOptions = {}, err: NodeJS.WritableStream = process.stderr): Promise<void> {
  const result = await runSql(home, sql, options);
  out.write(formatResult(result, format));
  // On stderr: csv and json on stdout stay data only.
  if (result.truncated) err.write(`labtrace: ${result.notice ?? 'the result was cut'}\n`);
}
