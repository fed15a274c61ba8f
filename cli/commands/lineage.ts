/** labtrace lineage [RUN] [--format mermaid|dot|json] */
import type { HomePaths } from '../../common/home.js';
import { buildLineage, lineageToDot, lineageToMermaid } from '../../analytics/reports/lineage.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';

export type LineageFormat = 'mermaid' | 'dot' | 'json';

export async function lineageCommand(home: HomePaths, ref: string | undefined, format: LineageFormat, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const lineage = await buildLineage(sql, await resolveRun(sql, ref));
  out.write(format === 'json' ? JSON.stringify(lineage, null, 2) + '\n' : format === 'dot' ? lineageToDot(lineage) : lineageToMermaid(lineage));
}
