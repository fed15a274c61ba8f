/** labtrace query "SQL" [--format table|csv|json] */
import type { HomePaths } from '../../daemon/home.js';
import { formatResult, type OutputFormat } from '../format.js';
import { runSql } from '../query-source.js';

export async function queryCommand(home: HomePaths, sql: string, format: OutputFormat, out: NodeJS.WritableStream): Promise<void> {
  out.write(formatResult(await runSql(home, sql), format));
}
