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
 * Runs once per run on the daemon's main thread, over every module-level statement execution (hundreds
 * of thousands in a big run): see TimelineBuilder, which takes them one at a time.
 */
export function buildTimeline(labelled: readonly LabelledStatement[], executed: readonly ExecutedStatement[], endNs: number): Timeline {
  // The store hands them over in time order; sorting (stable) only when they are not.
  const ordered = isTimeOrdered(executed) ? executed : [...executed].sort((a, b) => a.t - b.t);
  const builder = new TimelineBuilder(labelled);
  for (const e of ordered) builder.add(e.file, e.line, e.t);
  return builder.finish(endNs);
}

/**
 * buildTimeline one executed statement at a time, in time order, so that a run's statements can be
 * streamed from the store: it holds one statement back (its end is the next one's start), the
 * per-statement sums (one entry per distinct statement) and the merged intervals, never the events.
 */
export class TimelineBuilder {
  private readonly index: StatementIndex;
  private readonly times = new Map<LabelledStatement, { first: number; total: number; n: number }>();
  // Lines outside every labelled statement: one `other` statement per (file, line).
  private readonly unlabelled = new Map<string, Map<number, LabelledStatement>>();
  private readonly intervals: MutableInterval[] = [];
  private last: MutableInterval | undefined;
  private previous: LabelledStatement | undefined;
  private held: LabelledStatement | undefined;
  private heldT = 0;
  // Work inside the held statement with a phase of its own (see enter()), innermost last, and where
  // the current stretch of the timeline began.
  private readonly work: Work[] = [];
  private stretchStart = 0;

  constructor(labelled: readonly LabelledStatement[]) {
    this.index = new StatementIndex(labelled);
  }

  /** The next statement execution; `t` never smaller than the previous one's. */
  add(file: string, line: number, t: number): void {
    if (this.held && t < this.heldT) throw new RangeError(`statements out of time order (${t} after ${this.heldT})`);
    this.endWorkUntil(t);
    if (this.held) {
      this.account(this.held, this.heldT, t);
      this.stretch(this.stretchStart, t, true);
    }
    this.work.length = 0; // the module frame runs again: every call made from it has returned
    this.held = this.statementAt(file, line);
    this.heldT = t;
    this.stretchStart = t;
  }

  /**
   * Work inside the current statement from `t`: a library call the knowledge base knows (its `end`
   * known: t + duration) or a call of a user function with one phase (until leave()). While it runs,
   * the timeline says its phase instead of the statement's: the time of `main()` goes to loading,
   * fitting and scoring as its callees do them. `phase` undefined: work of no phase of its own (a user
   * function of several phases), whose callees may still have one. Statement times are unchanged.
   */
  enter(phase: string | undefined, t: number, end = Infinity): void {
    this.endWorkUntil(t);
    this.cut(t);
    this.work.push({ phase, end });
  }

  /**
   * A library call the knowledge base knows, [t, end). Its phase counts only inside a user function's
   * call: a module-level statement's own label already says what the calls it makes are for
   * (`print(accuracy_score(y, model.predict(X)))` stays evaluation, not prediction).
   */
  enterLibraryCall(phase: string, t: number, end: number): void {
    this.endWorkUntil(t);
    if (end > t && this.work.some((w) => w.end === Infinity)) this.enter(phase, t, end);
  }

  /** The innermost user function call returned at `t` (a RETURN or an unwinding EXCEPTION). */
  leave(t: number): void {
    this.endWorkUntil(t);
    const i = this.work.map((w) => w.end === Infinity).lastIndexOf(true);
    if (i < 0) return; // its call came before the statement (or was never streamed)
    this.cut(t);
    this.work.length = i;
  }

  finish(endNs: number): Timeline {
    const end = Math.max(endNs, this.heldT);
    this.endWorkUntil(end);
    if (this.held) {
      this.account(this.held, this.heldT, end);
      this.stretch(this.stretchStart, end, true);
    }
    this.held = undefined;
    const statements = [...this.times.entries()]
      .map(([s, { first, total, n }]) => ({ file: s.file, startLine: s.startLine, endLine: s.endLine, phase: s.phase, firstStart: first, totalNs: total, executions: n }))
      .sort((a, b) => a.firstStart - b.firstStart);
    return { statements, intervals: this.intervals };
  }

  private statementAt(file: string, line: number): LabelledStatement {
    const found = this.index.find(file, line);
    if (found) return found;
    let byLine = this.unlabelled.get(file);
    if (!byLine) this.unlabelled.set(file, (byLine = new Map()));
    let s = byLine.get(line);
    if (!s) byLine.set(line, (s = { file, startLine: line, endLine: line, phase: 'other' }));
    return s;
  }

  /** Library calls that ended by `t` end their stretch at their own end. */
  private endWorkUntil(t: number): void {
    for (let top = this.work[this.work.length - 1]; top && top.end <= t; top = this.work[this.work.length - 1]) {
      this.cut(Math.max(top.end, this.stretchStart));
      this.work.pop();
    }
  }

  /** The stretch so far ends at `t` (a phase may change there). */
  private cut(t: number): void {
    if (!this.held || t <= this.stretchStart) return;
    this.stretch(this.stretchStart, t, false);
    this.stretchStart = t;
  }

  private phaseNow(): string {
    for (let i = this.work.length - 1; i >= 0; i--) {
      const phase = this.work[i]!.phase;
      if (phase !== undefined) return phase;
    }
    return this.held!.phase;
  }

  private account(s: LabelledStatement, t: number, end: number): void {
    let entry = this.times.get(s);
    if (!entry) this.times.set(s, (entry = { first: t, total: 0, n: 0 }));
    entry.total += end - t;
    // A statement counts as executed again only when another statement ran in between (loop bodies don't split it).
    if (s !== this.previous) entry.n++;
    this.previous = s;
  }

  /** [t, end) of the held statement in the current phase; a statement's last stretch is kept even when empty. */
  private stretch(t: number, end: number, statementEnds: boolean): void {
    if (end <= t && !statementEnds) return;
    const s = this.held!;
    const phase = this.phaseNow();
    const last = this.last;
    if (last && last.phase === phase && last.file === s.file) {
      last.endNs = Math.max(last.endNs, end);
      last.lastLine = Math.max(last.lastLine, s.endLine);
      last.firstLine = Math.min(last.firstLine, s.startLine);
    } else {
      this.last = { phase, startNs: t, endNs: end, firstLine: s.startLine, lastLine: s.endLine, file: s.file };
      this.intervals.push(this.last);
    }
  }
}

interface Work {
  readonly phase: string | undefined;
  readonly end: number; // Infinity: a user function call, until leave()
}

function isTimeOrdered(executed: readonly ExecutedStatement[]): boolean {
  for (let i = 1; i < executed.length; i++) if (executed[i]!.t < executed[i - 1]!.t) return false;
  return true;
}
