/**
 * Module-level compound statements (if/else, for, while, with, try at column 0) seen statement by
 * statement. The static analysis labels such a statement as a whole: `if HAVE_SKLEARN:` around a
 * whole pipeline is one statement whose first phase is data_loading, while the agent records the
 * lines inside it as they run. flattenCompounds gives the source in which their bodies are analysed
 * statement by statement; blockUnits the units the phase timeline charges time to.
 */
import type { LabelledStatement } from './timeline.js';

/** The part of a static analysis statement these functions read. */
export interface StatementRange {
  start_line: number;
  end_line: number;
  phases: string[];
}

const COMPOUND_HEAD = /^(?:if|for|while|with|try|async\s+for|async\s+with)\b.*:\s*(?:#.*)?$/;
const CLAUSE_HEAD = /^(?:elif|else|except|finally)\b.*:\s*(?:#.*)?$/;
// Blocks that run their body once: their statements can each have their own time. A loop's lines are
// recorded once (the agent records a statement line once), so its later iterations would be charged to
// whichever body line ran last: a loop stays one unit.
const RUNS_ONCE_HEAD = /^(?:if|with|try|async\s+with)\b/;

/**
 * The source with each module-level compound statement's single-line headers (if/elif/else, for,
 * while, with, try/except/finally) blanked and its bodies dedented by their indentation, line numbers
 * unchanged; null when no statement could be flattened. A statement with a multi-line header, a body
 * line indented less than its body (a multi-line string) or a nested clause is left as it is.
 */
export function flattenCompounds<S extends StatementRange>(source: string, topLevel: readonly S[]): { text: string; compounds: S[] } | null {
  const lines = source.split('\n');
  const compounds: S[] = [];
  for (const s of topLevel) {
    if (s.end_line <= s.start_line || !COMPOUND_HEAD.test(lines[s.start_line - 1] ?? '')) continue;
    const flat: string[] = [];
    let indent: string | null = null;
    let ok = true;
    for (let n = s.start_line; n <= s.end_line && ok; n++) {
      const line = lines[n - 1] ?? '';
      if (n === s.start_line || CLAUSE_HEAD.test(line)) {
        flat.push('');
        indent = null;
      } else if (line.trim() === '') flat.push(line);
      else {
        if (indent === null) indent = /^[ \t]*/.exec(line)![0];
        if (indent === '' || !line.startsWith(indent)) ok = false;
        else flat.push(line.slice(indent.length));
      }
    }
    if (!ok) continue;
    lines.splice(s.start_line - 1, flat.length, ...flat);
    compounds.push(s);
  }
  return compounds.length > 0 ? { text: lines.join('\n'), compounds } : null;
}

/** Statements not nested inside another statement's range are the module's top-level statements. */
export function topLevelStatements<S extends StatementRange>(statements: readonly S[]): Set<S> {
  const sorted = [...statements].sort((a, b) => a.start_line - b.start_line || b.end_line - a.end_line);
  const top = new Set<S>();
  let coveredUntil = 0;
  for (const s of sorted) {
    if (s.start_line > coveredUntil) {
      top.add(s);
      coveredUntil = s.end_line;
    }
  }
  return top;
}

/**
 * The phase timeline's units for one file: its top-level statements (`units`, as labelled), except
 * that a flattened if/with/try block becomes its header and clause lines (the block's phase) and the
 * statements of its bodies, each with the phase the flattened analysis gives it (`flatStatements`:
 * the analysis of `flat.text`). So the time of `if HAVE_SKLEARN:` around loading, splitting, fitting
 * and scoring goes to each of them instead of all to data_loading. A loop nested in such a block stays
 * one unit (it is a top-level statement of the flattened text).
 */
export function blockUnits(
  source: string,
  units: readonly LabelledStatement[],
  flat: { compounds: readonly StatementRange[] } | null,
  flatStatements: readonly StatementRange[],
): LabelledStatement[] {
  if (!flat || flatStatements.length === 0) return [...units];
  const lines = source.split('\n');
  const split = flat.compounds.filter((c) => RUNS_ONCE_HEAD.test(lines[c.start_line - 1] ?? ''));
  if (split.length === 0) return [...units];
  const flatTop = [...topLevelStatements(flatStatements)];
  const out: LabelledStatement[] = [];
  for (const unit of units) {
    const block = split.find((c) => c.start_line === unit.startLine && c.end_line === unit.endLine);
    if (!block) {
      out.push(unit);
      continue;
    }
    const inner = flatTop.filter((s) => s.start_line > block.start_line && s.end_line <= block.end_line);
    const covered = new Set<number>();
    for (const s of inner) {
      for (let n = s.start_line; n <= s.end_line; n++) covered.add(n);
      out.push({ file: unit.file, startLine: s.start_line, endLine: s.end_line, phase: s.phases[0] ?? 'other' });
    }
    // the header and every clause line (`elif x:` evaluates a condition) keep the block's phase
    for (let n = block.start_line; n <= block.end_line; n++) {
      if (!covered.has(n) && (n === block.start_line || CLAUSE_HEAD.test((lines[n - 1] ?? '').trim()))) {
        out.push({ file: unit.file, startLine: n, endLine: n, phase: unit.phase });
      }
    }
  }
  return out;
}
