/**
 * labtrace lineage [RUN] [--of NAME] [--format table|mermaid|dot|json|csv|svg] (csv: one row per edge, with its
 * ends' kinds and labels; svg: the DOT drawn by the Graphviz the HTML report uses). --of NAME: only what
 * produced NAME (a metric, model, variable or file); as a table, the chain of cell executions of a notebook
 * session that produced it (a script's: the nodes it came from).
 */
import type { HomePaths } from '../../common/home.js';
import { LabtraceError } from '../../common/errors.js';
import { formatResult, formatTable, oneLine } from '../../common/format.js';
import { stringifyJson } from '../../common/json.js';
import { buildLineage, lineageChain, lineageToDot, lineageToMermaid, type Lineage, type LineageChain } from '../../analytics/reports/lineage.js';
import { lineageSvgDocument } from '../../analytics/reports/html/lineage-svg.js';
import { resolveRun } from '../../analytics/reports/resolve-run.js';
import { sqlRunner } from '../query-source.js';

export type LineageFormat = 'table' | 'mermaid' | 'dot' | 'json' | 'csv' | 'svg';

export async function lineageCommand(home: HomePaths, ref: string | undefined, format: LineageFormat, out: NodeJS.WritableStream, of?: string): Promise<void> {
  const sql = await sqlRunner(home);
  const whole = await buildLineage(sql, await resolveRun(sql, ref));
  let lineage = whole;
  let chain: LineageChain | undefined;
  if (of !== undefined) {
    chain = lineageChain(whole, of);
    if (!chain) {
      const names = [...new Set(whole.nodes.filter((n) => n.kind !== 'file').map((n) => n.label.split(/ = |: | /)[0]))].join(', ');
      throw new LabtraceError('BAD_ARGUMENT', `nothing named ${of} in the lineage of run ${whole.run_id}`, names ? `names in it: ${names}` : 'the run recorded no lineage');
    }
    lineage = chain.lineage;
  }
  if (format === 'json') out.write(stringifyJson(chain ? { target: chain.target, executions: chain.executions, lineage } : lineage, 2) + '\n');
  else if (format === 'svg') out.write(await lineageSvgDocument(lineage));
  else if (format === 'csv') out.write(formatResult(lineageEdges(lineage), 'csv'));
  else if (format === 'table') out.write((chain ? renderChain(chain) : formatResult(lineageEdges(lineage), 'table').trimEnd()) + '\n');
  else out.write(format === 'dot' ? lineageToDot(lineage) : lineageToMermaid(lineage));
}

export function lineageEdges(lineage: Lineage): { columns: string[]; rows: unknown[][] } {
  const node = new Map(lineage.nodes.map((n) => [n.id, n]));
  const text = (id: string): string => {
    const n = node.get(id);
    return n ? (n.cell ? `${n.label} (${n.cell})` : n.label) : id;
  };
  return {
    columns: ['from_kind', 'from', 'to_kind', 'to', 'line'],
    rows: lineage.edges.map((e) => [node.get(e.from)?.kind, text(e.from), node.get(e.to)?.kind, text(e.to), e.line]),
  };
}

/**
 * What produced a target: in a notebook session, one row per cell execution in the order they ran (n, In [k],
 * cell position, what it produced of the chain, the cell's first line) and the input files; in a script, the nodes.
 */
export function renderChain(chain: LineageChain): string {
  const t = chain.target;
  const inputs = chain.lineage.nodes.filter((n) => n.kind === 'file').map((n) => `  ${n.label}`);
  const files = inputs.length > 0 ? `\n\ninput files\n${inputs.join('\n')}` : '';
  if (chain.executions.length > 0) {
    const head = `${t.label}${t.cell ? `, ${t.cell}` : ''}: produced by ${chain.executions.length} cell execution${chain.executions.length === 1 ? '' : 's'} (in the order they ran)`;
    const table = formatTable(['n', 'in', 'cell', 'produced', 'code'], chain.executions.map((x) => [
      String(x.ordinal), x.execution_count ? `[${x.execution_count}]` : '', x.cell_index ? `#${x.cell_index}` : '?',
      oneLine(x.produced.join(', '), 50), oneLine((x.first_line ?? '').trim(), 50)]));
    return `${head}\n${table.trimEnd()}${files}`;
  }
  const rows = chain.lineage.nodes.filter((n) => n.kind !== 'file').map((n) => [n.kind, n.label, n.line === null ? '' : String(n.line)]);
  return `${t.label}: produced by\n${formatTable(['kind', 'node', 'line'], rows).trimEnd()}${files}`;
}
