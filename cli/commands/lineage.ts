/**
 * labtrace lineage [RUN] [--format mermaid|dot|json|csv|svg] (csv: one row per edge, with its ends' kinds and labels;
 * svg: the DOT drawn by the Graphviz the HTML report uses).
 */
import type { HomePaths } from '../../common/home.js';
import { formatResult } from '../../common/format.js';
import { stringifyJson } from '../../common/json.js';
import { buildLineage, lineageToDot, lineageToMermaid, type Lineage } from '../../analytics/reports/lineage.js';
import { lineageSvgDocument } from '../../analytics/reports/html/lineage-svg.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';

export type LineageFormat = 'mermaid' | 'dot' | 'json' | 'csv' | 'svg';

export async function lineageCommand(home: HomePaths, ref: string | undefined, format: LineageFormat, out: NodeJS.WritableStream): Promise<void> {
  const sql = await sqlRunner(home);
  const lineage = await buildLineage(sql, await resolveRun(sql, ref));
  if (format === 'json') out.write(stringifyJson(lineage, 2) + '\n');
  else if (format === 'svg') out.write(await lineageSvgDocument(lineage));
  else if (format === 'csv') out.write(formatResult(lineageEdges(lineage), 'csv'));
  else out.write(format === 'dot' ? lineageToDot(lineage) : lineageToMermaid(lineage));
}

export function lineageEdges(lineage: Lineage): { columns: string[]; rows: unknown[][] } {
  const node = new Map(lineage.nodes.map((n) => [n.id, n]));
  return {
    columns: ['from_kind', 'from', 'to_kind', 'to', 'line'],
    rows: lineage.edges.map((e) => [node.get(e.from)?.kind, node.get(e.from)?.label ?? e.from, node.get(e.to)?.kind, node.get(e.to)?.label ?? e.to, e.line]),
  };
}
