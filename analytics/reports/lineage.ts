/**
 * Data lineage of a run: input file → variable → variable → model → metric / output file.
 * Edges come from def-use in the statements that ran (identifiers a statement reads, the variables
 * it assigned according to the runtime summaries), checked against runtime identities: a variable
 * whose object id is a fitted estimator's id *is* that model.
 * In a notebook session the statements are the cells' and the names flow through the kernel's namespace:
 * a name a cell reads comes from the last execution that defined it before (the order cells really ran in,
 * not their order in the notebook); each node is labelled with its execution (`In [n] cell #i`).
 */
import { rows, type SqlRunner } from '../../common/sql-source.js';
import { shortClass } from './render-record.js';
import { assignmentLine, enclosingLoop, forIterable, innermostStatement, lastAssignment, logicalStatement, type Statement } from './lineage-source.js';
export { assignmentLine, enclosingLoop, innermostStatement } from './lineage-source.js';

export type NodeKind = 'file' | 'variable' | 'model' | 'metric' | 'output';
export interface LineageNode {
  id: string; kind: NodeKind; label: string; line: number | null;
  /** Notebook sessions: the cell execution (cell_executions.ordinal) that produced the node, and how a notebook names it (`In [6] cell #3`). */
  execution?: number | null; cell?: string | null;
}
export interface LineageEdge { from: string; to: string; line: number | null }
/** A notebook session's cell execution, as the lineage refers to it. */
export interface LineageExecution { ordinal: number; execution_count: number | null; cell_index: number | null; first_line: string | null }
export interface Lineage { run_id: string; nodes: LineageNode[]; edges: LineageEdge[]; executions?: LineageExecution[] }

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Identifiers a statement reads: its right-hand side (augmented assignments also read their target). */
export function readNames(text: string): Set<string> {
  const noStrings = text.replace(/("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/g, '""').replace(/#.*$/gm, '');
  let rhs = noStrings;
  let depth = 0;
  for (let i = 0; i < noStrings.length; i++) {
    const ch = noStrings[i]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '=' && depth === 0 && noStrings[i + 1] !== '=' && !'=!<>'.includes(noStrings[i - 1] ?? '')) {
      const augmented = /[+\-*/%@&|^]$/.test(noStrings.slice(0, i).trimEnd());
      rhs = augmented ? noStrings : noStrings.slice(i + 1);
      break;
    }
  }
  // Attribute names after a dot are not variables (df.price reads df, not price).
  return new Set((rhs.replace(/\.\s*[A-Za-z_][A-Za-z0-9_]*/g, '').match(IDENT) ?? []));
}

/** The lineage's queries, in one place: each takes the run id as $1 (`ranges` reads a correlation table). */
const LINEAGE_SQL = {
  sources: `SELECT rs.path, b.content FROM run_sources rs JOIN source_blobs b ON b.sha256 = rs.sha256 WHERE rs.run_id = $1`,
  hasPhases: `SELECT 1 FROM information_schema.tables WHERE table_name = 'statement_phases'`,
  /** Every statement's range, nested ones too: a loop body's statements are read one by one, not as the loop. */
  ranges: `SELECT DISTINCT file, start_line, end_line FROM statement_phases WHERE run_id = $1`,
  variables: `SELECT v.name, v.line, c.file, v.object_id, v.type, v.shape, v.t_ns FROM variables v
     LEFT JOIN code_objects c ON c.run_id = v.run_id AND c.code_id = v.code_id WHERE v.run_id = $1 ORDER BY v.t_ns`,
  files: `SELECT f.path, f.line, c.file, f.is_write, f.t_ns FROM file_accesses f LEFT JOIN code_objects c ON c.run_id = f.run_id AND c.code_id = f.code_id WHERE f.run_id = $1 ORDER BY f.t_ns`,
  /** One model per object and trial (a loop's models: CPython reuses a freed model's id in a later iteration). */
  models: `SELECT h.object_id, any_value(h.estimator) AS estimator, min(h.line) AS line, any_value(c.file) AS file, min(h.t_ns) AS t_ns, h.trial_no FROM hyperparameters h
     LEFT JOIN code_objects c ON c.run_id = h.run_id AND c.code_id = h.code_id WHERE h.run_id = $1 AND h.source <> 'literal' GROUP BY h.object_id, h.trial_no ORDER BY 5`,
  metrics: `SELECT m.function, m.name, m.source, m.value, m.line, c.file, m.t_ns, m.trial_no FROM metrics m LEFT JOIN code_objects c ON c.run_id = m.run_id AND c.code_id = m.code_id WHERE m.run_id = $1 ORDER BY m.t_ns`,
  hasCells: `SELECT 1 FROM information_schema.tables WHERE table_name = 'cell_executions'`,
  /** A notebook session's executions in the order they ran, with the first non-blank line of each cell's source. */
  executions: `SELECT x.ordinal, x.execution_count, x.cell_index, x.t_start_ns::DOUBLE AS t_start_ns,
      (SELECT list_filter(string_split(decode(b.content), chr(10)), l -> trim(l) <> '')[1] FROM source_blobs b WHERE b.sha256 = x.source_sha256) AS first_line
     FROM cell_executions x WHERE x.run_id = $1 ORDER BY x.ordinal`,
} as const;

export async function buildLineage(sql: SqlRunner, runId: string): Promise<Lineage> {
  const of = <T = Record<string, unknown>>(query: string): Promise<T[]> => rows<T>(sql, query, [runId]);
  const sources = new Map<string, string[]>();
  for (const s of await of<{ path: string; content: string | null }>(LINEAGE_SQL.sources)) {
    if (s.content) sources.set(s.path, Buffer.from(s.content, 'base64').toString('utf8').split('\n'));
  }
  const hasPhases = (await rows(sql, LINEAGE_SQL.hasPhases)).length > 0;
  const ranges = hasPhases ? await of<{ file: string; start_line: number; end_line: number }>(LINEAGE_SQL.ranges) : [];
  const statementAt = (file: string, line: number): Statement => innermostStatement(ranges, sources.get(file) ?? [], file, line);
  // The agent records a loop's variables once, at the end of the top-level statement (their line is the
  // loop's): the statement of the body that assigned each is found in the loop's text.
  const assignedAt = (file: string, line: number, name: string): number => assignmentLine(ranges, sources.get(file) ?? [], file, line, name);

  const variables = await of<{ name: string; line: number; file: string; object_id: number | string; type: string; shape: string | null; t_ns: number }>(LINEAGE_SQL.variables);
  const files = await of<{ path: string; line: number; file: string; is_write: boolean; t_ns: number }>(LINEAGE_SQL.files);
  const models = await of<{ object_id: number | string; estimator: string; line: number; file: string; t_ns: number; trial_no?: number | null }>(LINEAGE_SQL.models);
  const metrics = await of<MetricRow>(LINEAGE_SQL.metrics);
  const metricIds = metricNodeIds(metrics);
  const hasCells = (await rows(sql, LINEAGE_SQL.hasCells)).length > 0;
  const executions = hasCells ? await of<LineageExecution & { t_start_ns: number }>(LINEAGE_SQL.executions) : [];
  // The execution running at t: the last one started by then (a cell's records all fall within it).
  const executionAt = (t: number): (LineageExecution & { t_start_ns: number }) | undefined => {
    let found: (LineageExecution & { t_start_ns: number }) | undefined;
    for (const x of executions) if (Number(x.t_start_ns) <= t) found = x;
    return found;
  };
  // A notebook's names are per execution (a re-executed cell defines new ones), a script's per line.
  const at = (t: number): string => {
    const x = executionAt(t);
    return x ? `@${x.ordinal}` : '';
  };
  const inExecution = (node: LineageNode, t: number): LineageNode => {
    if (executions.length === 0) return node;
    const x = executionAt(t);
    return { ...node, execution: x?.ordinal ?? null, cell: x ? executionName(x) : null };
  };

  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const addEdge = (from: string, to: string, line: number | null): void => {
    if (from !== to && nodes.has(from) && nodes.has(to)) edges.set(`${from}->${to}`, { from, to, line });
  };
  // A model's node: per object, and per trial in a loop (a freed model's id comes back in a later iteration).
  const modelNodeId = (m: (typeof models)[number]): string => `model:${m.object_id}${m.trial_no ? `#${m.trial_no}` : ''}${at(Number(m.t_ns))}`;
  const modelIds = new Map<string, (typeof models)[number][]>();
  for (const m of models) modelIds.set(String(m.object_id), [...(modelIds.get(String(m.object_id)) ?? []), m]);
  // The model a variable holds at t: the latest fitted by then with its object id.
  const modelAt = (objectId: string, t: number): (typeof models)[number] | undefined => {
    const list = modelIds.get(objectId);
    return list ? [...list].reverse().find((m) => Number(m.t_ns) <= t) ?? list[0] : undefined;
  };
  // Latest node that holds each variable name, as statements run in order.
  const current = new Map<string, string>();
  // Loop bodies (issue 11): the agent records a loop's variables once, at its end, but its models and
  // metrics at each iteration, with their trial. What a record of trial T reads from an earlier line of
  // its loop body is that iteration's: a node per trial (`var:pred:9#T`), read back along the body's lines.
  const trialOf = new Map<string, number>();          // node id -> trial of the iteration that made it
  const lastOfLine = new Map<string, string>();       // file:name:line -> its latest per-iteration node
  const read = (file: string, line: number, trial: number | null | undefined, text?: string): string[] => {
    const names = readNames(text ?? statementAt(file, line).text);
    if (!trial) return [...names].flatMap((n) => current.get(n) ?? []);
    return [...names].flatMap((n) => resolveInTrial(file, line, n, trial) ?? []);
  };
  const resolveInTrial = (file: string, line: number, name: string, trial: number): string | undefined => {
    const known = current.get(name);
    if (known && trialOf.get(known) === trial) return known;
    const lines = sources.get(file) ?? [];
    const loop = enclosingLoop(lines, line);
    const assigned = loop ? lastAssignment(lines, loop, line, name) : undefined;
    if (!loop || assigned === undefined) return known;
    const id = `var:${name}:${assigned}#${trial}`;
    if (!nodes.has(id)) {
      nodes.set(id, { id, kind: 'variable', label: name, line: assigned });
      trialOf.set(id, trial);
      const text = assigned === loop ? forIterable(lines, loop) : logicalStatement(lines, file, assigned).text;
      for (const from of read(file, assigned, assigned === loop ? null : trial, text)) addEdge(from, id, assigned);
    }
    current.set(name, id);
    lastOfLine.set(`${file}:${name}:${assigned}`, id);
    return id;
  };
  // A record of a trial whose statement assigns a name (`m = Ridge().fit(...)`, `m.fit(...)`): that name now holds it.
  const holds = (file: string, line: number, trial: number | null | undefined, nodeId: string): void => {
    if (!trial) return;
    const text = statementAt(file, line).text;
    const target = (/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)[\s\S]*\.\s*fit\w*\([^()]*\)\s*(#.*)?$/.exec(text) ?? /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*fit\w*\(/.exec(text))?.[1];
    if (!target) return;
    trialOf.set(nodeId, trial);
    current.set(target, nodeId);
  };

  // Inputs exist before anything reads them (their access time may be recorded after the statement).
  for (const f of files) if (!f.is_write) nodes.set(`file:${f.path}`, { id: `file:${f.path}`, kind: 'file', label: f.path, line: f.line });

  // Ties in time (a loop's variables, all recorded at its end) run in the order of the lines that assigned them.
  type Step = { t: number; line?: number; apply: () => void };
  const steps: Step[] = [];
  for (const recorded of variables) {
    const v = { ...recorded, line: assignedAt(recorded.file, recorded.line, recorded.name) };
    steps.push({ t: Number(v.t_ns), line: v.line, apply: () => {
      // Same id *and* the estimator's type: CPython reuses the ids of freed objects.
      const candidate = modelAt(String(v.object_id), Number(v.t_ns));
      const model = candidate && String(v.type ?? '').endsWith(shortClass(candidate.estimator)) ? candidate : undefined;
      // A variable that holds a metric (`mse = mean_squared_error(...)`) is that metric's node, not a second one.
      const metric = model ? undefined : metricIds.forVariable(v.file, v.line, v.name, Number(v.t_ns));
      const t = Number(v.t_ns);
      // A loop's variable, recorded at its end: its last iteration's node, when a record of that iteration read it.
      const iteration = model || metric ? undefined : lastOfLine.get(`${v.file}:${v.name}:${v.line}`);
      if (iteration) nodes.set(iteration, { ...nodes.get(iteration)!, label: `${v.name}${v.shape ? ` ${v.shape}` : ''}` });
      const nodeId = model ? modelNodeId(model) : metric ? metric.id : iteration ?? `var:${v.name}:${v.line}${at(t)}`;
      if (metric && !nodes.has(nodeId)) nodes.set(nodeId, inExecution(metricNode(metric.id, metric.row), t));
      if (!nodes.has(nodeId)) nodes.set(nodeId, inExecution(model
        ? { id: nodeId, kind: 'model', label: `${v.name}: ${shortClass(model.estimator)}`, line: v.line }
        : { id: nodeId, kind: 'variable', label: `${v.name}${v.shape ? ` ${v.shape}` : ''}`, line: v.line }, t));
      const st = statementAt(v.file, v.line);
      for (const name of readNames(st.text)) {
        const from = current.get(name);
        if (from) addEdge(from, nodeId, v.line);
      }
      for (const f of files.filter((x) => !x.is_write && x.file === v.file && st.start <= x.line && x.line <= st.end)) addEdge(`file:${f.path}`, nodeId, f.line);
      current.set(v.name, nodeId);
    } });
  }
  for (const f of files) {
    steps.push({ t: Number(f.t_ns), apply: () => {
      const nodeId = `file:${f.path}`;
      if (!f.is_write) return;
      nodes.set(nodeId, inExecution({ id: nodeId, kind: 'output', label: f.path, line: f.line }, Number(f.t_ns)));
      for (const name of readNames(statementAt(f.file, f.line).text)) {
        const from = current.get(name);
        if (from) addEdge(from, nodeId, f.line);
      }
    } });
  }
  for (const m of models) {
    steps.push({ t: Number(m.t_ns), apply: () => {
      const nodeId = modelNodeId(m);
      if (!nodes.has(nodeId)) nodes.set(nodeId, inExecution({ id: nodeId, kind: 'model', label: shortClass(m.estimator), line: m.line }, Number(m.t_ns)));
      for (const from of read(m.file, m.line, m.trial_no)) addEdge(from, nodeId, m.line);
      holds(m.file, m.line, m.trial_no, nodeId);
    } });
  }
  metrics.forEach((m, i) => {
    steps.push({ t: Number(m.t_ns), apply: () => {
      const nodeId = metricIds.ids[i]!;
      if (!nodes.has(nodeId)) nodes.set(nodeId, inExecution(metricNode(nodeId, m), Number(m.t_ns)));
      for (const from of read(m.file, m.line, m.trial_no)) addEdge(from, nodeId, m.line);
    } });
  });
  steps.sort((a, b) => a.t - b.t || (a.line ?? 0) - (b.line ?? 0)).forEach((s) => s.apply());
  const lineage: Lineage = { run_id: runId, nodes: [...nodes.values()], edges: [...edges.values()] };
  if (executions.length > 0) lineage.executions = executions.map(({ ordinal, execution_count, cell_index, first_line }) => ({ ordinal, execution_count, cell_index, first_line }));
  return lineage;
}

/** How a notebook names an execution: `In [6] cell #3` (`In [ ]` before the kernel counted it, `cell ?` when its position is unknown). */
export function executionName(x: Pick<LineageExecution, 'execution_count' | 'cell_index'>): string {
  return `In [${x.execution_count ?? ' '}] cell ${x.cell_index ? `#${x.cell_index}` : '?'}`;
}

/** A node's text in a drawing: its label, and its execution on a second line. */
export const nodeText = (n: LineageNode): string => (n.cell ? `${n.label}\n${n.cell}` : n.label);

/** The name a node answers to in `lineage --of NAME`: a variable's or metric's name, a model's variable or class, a file's path. */
function nodeNames(n: LineageNode): string[] {
  if (n.kind === 'file' || n.kind === 'output') return [n.label, n.label.split('/').pop() ?? n.label];
  if (n.kind === 'metric') return [n.label.split(' = ')[0]!, /\(([^)]*)\)$/.exec(n.label)?.[1] ?? ''];
  if (n.kind === 'model') return n.label.split(': ');
  return [n.label.split(' ')[0]!];
}

export interface LineageChain {
  target: LineageNode;
  /** The target and everything it came from, and the edges between them. */
  lineage: Lineage;
  /** Notebook sessions: the cell executions that produced the target, in the order they ran, with what each produced of it. */
  executions: (LineageExecution & { produced: string[] })[];
}

/**
 * What produced NAME (the latest node that answers to it: a metric, model, variable or file): its ancestors
 * in the lineage and, in a notebook session, the chain of cell executions they were produced by.
 */
export function lineageChain(l: Lineage, name: string): LineageChain | undefined {
  const target = [...l.nodes].reverse().find((n) => nodeNames(n).includes(name));
  if (!target) return undefined;
  const into = new Map<string, string[]>();
  for (const e of l.edges) into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  const seen = new Set([target.id]);
  const queue = [target.id];
  while (queue.length > 0) for (const from of into.get(queue.shift()!) ?? []) if (!seen.has(from)) { seen.add(from); queue.push(from); }
  const nodes = l.nodes.filter((n) => seen.has(n.id));
  const sub: Lineage = { run_id: l.run_id, nodes, edges: l.edges.filter((e) => seen.has(e.from) && seen.has(e.to)) };
  if (l.executions) sub.executions = l.executions;
  const executions = (l.executions ?? []).flatMap((x) => {
    const produced = nodes.filter((n) => n.execution === x.ordinal).map((n) => n.label);
    return produced.length > 0 ? [{ ...x, produced }] : [];
  });
  return { target, lineage: sub, executions };
}

interface MetricRow { function: string; name: string | null; source: string; value: number | null; line: number; file: string; t_ns: number; trial_no?: number | null }

/** A metric's name: the variable it was assigned to when known, else its function's short name. */
const metricName = (m: MetricRow): string => m.name || (m.source === 'variable' ? m.function : m.function.split('.').pop() ?? m.function);

/** `mae = 2341.5 (mean_absolute_error)`: the variable's name, the value, the function when it has another name. */
const metricNode = (id: string, m: MetricRow): LineageNode => {
  const fn = m.source === 'variable' ? '' : m.function.split('.').pop() ?? '';
  return { id, kind: 'metric', label: `${metricName(m)} = ${m.value ?? '?'}${fn && fn !== metricName(m) ? ` (${fn})` : ''}`, line: m.line };
};

/**
 * One node per metric value: the rows the store has for one statement's execution (the call's return and
 * the variable it was assigned to, same line, same value, one after the other) share an id; and the
 * variable that holds a metric maps to that id (`forVariable`: the latest metric of that statement and
 * name recorded before the variable, else the first after it).
 */
export function metricNodeIds(metrics: readonly MetricRow[]): { ids: string[]; forVariable: (file: string, line: number, name: string, t: number) => { id: string; row: MetricRow } | undefined } {
  const order = metrics.map((_, i) => i).sort((a, b) => Number(metrics[a]!.t_ns) - Number(metrics[b]!.t_ns));
  const ids: string[] = new Array<string>(metrics.length);
  const byStatementName = new Map<string, { t: number; id: string; row: MetricRow }[]>();
  let previous: { key: string; id: string } | undefined;
  for (const i of order) {
    const m = metrics[i]!;
    const value = m.value === null ? 'null' : String(Number(m.value));
    const key = `${m.file}:${m.line}:${value}`;
    const id = previous && previous.key === key ? previous.id : `metric:${i}`;
    ids[i] = id;
    previous = { key, id };
    for (const name of new Set([metricName(m), m.name ?? ''])) {
      if (!name) continue;
      const k = `${m.file}:${m.line}:${name}`;
      const list = byStatementName.get(k) ?? [];
      list.push({ t: Number(m.t_ns), id, row: m });
      byStatementName.set(k, list);
    }
  }
  return {
    ids,
    forVariable: (file, line, name, t) => {
      const list = byStatementName.get(`${file}:${line}:${name}`);
      if (!list) return undefined;
      const before = list.filter((x) => x.t <= t);
      return before[before.length - 1] ?? list[0];
    },
  };
}


const SHAPES: Record<NodeKind, [string, string]> = { file: ['[(', ')]'], output: ['[/', '/]'], variable: ['[', ']'], model: ['{{', '}}'], metric: ['([', '])'] };

export function lineageToMermaid(l: Lineage): string {
  const safe = new Map(l.nodes.map((n, i) => [n.id, `n${i}`]));
  const label = (s: string): string => s.replace(/"/g, "'");
  const out = ['flowchart LR'];
  for (const n of l.nodes) out.push(`  ${safe.get(n.id)}${SHAPES[n.kind][0]}"${label(nodeText(n)).replace(/\n/g, '<br>')}"${SHAPES[n.kind][1]}`);
  for (const e of l.edges) out.push(`  ${safe.get(e.from)} --> ${safe.get(e.to)}`);
  return out.join('\n') + '\n';
}

/** How each kind of node looks, in the DOT output (so in any SVG Graphviz draws from it) and in the HTML report's legend. */
export const KIND_STYLE: Record<NodeKind, { name: string; shape: string; fill: string }> = {
  file: { name: 'input file', shape: 'cylinder', fill: '#ddf4ff' },
  variable: { name: 'variable', shape: 'box', fill: '#f6f8fa' },
  model: { name: 'model', shape: 'hexagon', fill: '#fbefff' },
  metric: { name: 'metric', shape: 'ellipse', fill: '#fff8c5' },
  output: { name: 'output file', shape: 'note', fill: '#dafbe1' },
};

/**
 * A DOT quoted string holding exactly `s`: backslashes and quotes escaped (so a label can neither end the
 * string nor use Graphviz's \N \G \l escapes), a line break as \n, other control characters as spaces.
 */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n').replace(/[\u0000-\u001f\u007f]/g, ' ')}"`;
}

/**
 * The lineage as Graphviz DOT, left to right, nodes filled by kind. Each node's and edge's SVG id is
 * lineage_nI / lineage_eI (its index here), and a node's SVG class its kind: the HTML report finds them by these.
 */
export function lineageToDot(l: Lineage): string {
  const out = ['digraph lineage {', '  rankdir=LR;', '  bgcolor="transparent";',
    '  node [fontname="Helvetica", fontsize=11, style=filled, color="#57606a", penwidth=1, height=0.3];',
    '  edge [color="#8c959f", arrowsize=0.7];'];
  l.nodes.forEach((n, i) => {
    const k = KIND_STYLE[n.kind];
    out.push(`  ${dotString(n.id)} [label=${dotString(nodeText(n))}, shape=${k.shape}, fillcolor="${k.fill}", class="${n.kind}", id="lineage_n${i}"];`);
  });
  l.edges.forEach((e, i) => out.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [id="lineage_e${i}"];`));
  out.push('}');
  return out.join('\n') + '\n';
}
