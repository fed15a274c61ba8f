/**
 * Joins what ran (module-level statement starts, in time order) with what the code is (statement
 * ranges labelled with phases) into per-statement times and a phase timeline of merged intervals.
 */
export interface LabelledStatement {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly phase: string;
}

export interface ExecutedStatement {
  readonly file: string;
  readonly line: number;
  readonly t: number; // ns since the run's origin
}

export interface StatementTime {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly phase: string;
  readonly firstStart: number;
  readonly totalNs: number;
  readonly executions: number;
}

export interface PhaseInterval {
  readonly phase: string;
  readonly startNs: number;
  readonly endNs: number;
  readonly firstLine: number;
  readonly lastLine: number;
  readonly file: string;
}

export interface Timeline {
  readonly statements: StatementTime[];
  readonly intervals: PhaseInterval[];
}

/** Index of top-level statements per file, for line → statement lookup by binary search. */
class StatementIndex {
  private readonly byFile = new Map<string, LabelledStatement[]>();

  constructor(statements: readonly LabelledStatement[]) {
    for (const s of statements) {
      const list = this.byFile.get(s.file) ?? [];
      list.push(s);
      this.byFile.set(s.file, list);
    }
    for (const list of this.byFile.values()) list.sort((a, b) => a.startLine - b.startLine);
  }

  find(file: string, line: number): LabelledStatement | undefined {
    const list = this.byFile.get(file);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let best: LabelledStatement | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (s.startLine <= line) {
        best = s;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best && line <= best.endLine ? best : undefined;
  }
}

type MutableInterval = { -readonly [K in keyof PhaseInterval]: PhaseInterval[K] };

/**
 * Each executed statement lasts until the next one starts (the last until `endNs`). Lines that belong
 * to no labelled statement (a loop body's line inside a compound statement is inside its range) count
 * as `other`. Consecutive statements of one phase merge into one interval.
 * Runs once per run on the daemon's main thread, over every module-level statement execution (tens of
 * thousands in a big run): no per-event allocation beyond what the result needs.
 */
export function buildTimeline(labelled: readonly LabelledStatement[], executed: readonly ExecutedStatement[], endNs: number): Timeline {
  const index = new StatementIndex(labelled);
  // The store hands them over in time order; sorting (stable) only when they are not.
  const ordered = isTimeOrdered(executed) ? executed : [...executed].sort((a, b) => a.t - b.t);
  const times = new Map<LabelledStatement, { first: number; total: number; n: number }>();
  // Lines outside every labelled statement: one `other` statement per (file, line).
  const unlabelled = new Map<string, Map<number, LabelledStatement>>();
  const intervals: MutableInterval[] = [];
  let last: MutableInterval | undefined;
  let previous: LabelledStatement | undefined;
  for (let i = 0; i < ordered.length; i++) {
    const e = ordered[i]!;
    const end = i + 1 < ordered.length ? ordered[i + 1]!.t : Math.max(endNs, e.t);
    let s = index.find(e.file, e.line);
    if (!s) {
      let byLine = unlabelled.get(e.file);
      if (!byLine) unlabelled.set(e.file, (byLine = new Map()));
      s = byLine.get(e.line);
      if (!s) byLine.set(e.line, (s = { file: e.file, startLine: e.line, endLine: e.line, phase: 'other' }));
    }
    let entry = times.get(s);
    if (!entry) times.set(s, (entry = { first: e.t, total: 0, n: 0 }));
    entry.total += end - e.t;
    // A statement counts as executed again only when another statement ran in between (loop bodies don't split it).
    if (s !== previous) entry.n++;
    previous = s;
    if (last && last.phase === s.phase && last.file === s.file) {
      last.endNs = end;
      last.lastLine = Math.max(last.lastLine, s.endLine);
      last.firstLine = Math.min(last.firstLine, s.startLine);
    } else {
      last = { phase: s.phase, startNs: e.t, endNs: end, firstLine: s.startLine, lastLine: s.endLine, file: s.file };
      intervals.push(last);
    }
  }
  const statements = [...times.entries()]
    .map(([s, { first, total, n }]) => ({ file: s.file, startLine: s.startLine, endLine: s.endLine, phase: s.phase, firstStart: first, totalNs: total, executions: n }))
    .sort((a, b) => a.firstStart - b.firstStart);
  return { statements, intervals };
}

function isTimeOrdered(executed: readonly ExecutedStatement[]): boolean {
  for (let i = 1; i < executed.length; i++) if (executed[i]!.t < executed[i - 1]!.t) return false;
  return true;
}
