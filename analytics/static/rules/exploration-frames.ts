/**
 * Frames of a few columns taken out only to look at them (issue 13, "Start here" kernels): `age_data =
 * app_train[['TARGET', 'DAYS_BIRTH']]`, then `age_data['YEARS_BINNED'] = pd.cut(age_data['YEARS_BIRTH'], bins=...)` and
 * `age_data.groupby('YEARS_BINNED').mean()`. The columns derived in such a frame (a binning, a unit change) are made
 * to summarise or draw the data, not as features of a model: when every later use of the frame is a derived column
 * of its own, a look at the data (a display, a summary) or a figure, the frame and its derived columns are
 * data_exploration. Any other use (a split, a model fitted on it, a feature table built from it) leaves them as they
 * are. Tracked by labeller/statement.ts on top-level statements, resolved by labeller/finish.ts. Pure functions of
 * the IR and of the statements' signals.
 */
import type { Expr, StmtKind } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Rec } from '../labeller/model.js';
import { readerPhase } from './used-for.js';

/** One frame of picked columns: the statement that took it, those deriving its columns, and what its other uses did. */
export interface ExplorationFrame {
  name: string;
  /** the statement taking the columns, then those deriving columns of the frame */
  recs: Rec[];
  /** a later statement looked at the frame (displayed, summarised or drew it) */
  looked: boolean;
  /** a later statement used it for anything else */
  spoiled: boolean;
}

/** The analyser's state this rule keeps: the frames by name (until rebound), all of them, and the memo switch. */
export interface ExplorationFrameState {
  readonly explorationFrames: Map<string, ExplorationFrame>;
  readonly explorationFrameDefs: ExplorationFrame[];
  impure: boolean;
}

export const EXPLORATION_FRAME_EV = (name: string): string => `def-use: columns of ${name} taken and derived only to look at them -> data_exploration`;

/** methods that keep a picked frame the same columns (a copy, its complete rows) */
const KEEPING_METHODS: ReadonlySet<string> = new Set(['copy', 'dropna']);

/** `df[['a', 'b']]`, `df[['a', 'b']].copy()`, `.dropna()`: the name of the frame a literal list of columns is taken from */
function columnsTakenFrom(e: Expr): string | null {
  if (e.k === 'call' && e.fn.k === 'attr' && KEEPING_METHODS.has(e.fn.attr) && e.args.length === 0) return columnsTakenFrom(e.fn.obj);
  if (e.k !== 'sub' || e.obj.k !== 'name' || e.idx.length !== 1) return null;
  const cols = e.idx[0]!;
  if (cols.k !== 'seq' || cols.items.length < 2 || !cols.items.every((x) => x.k === 'str' && x.parts.length === 0)) return null;
  return e.obj.id;
}

/** `frame['col'] = ...`: every target a column of the frame */
function derivesColumnOf(stmt: StmtKind, name: string): boolean {
  return stmt.k === 'assign' && stmt.targets.length > 0 && stmt.targets.every((t) => t.k === 'sub' && t.obj.k === 'name' && t.obj.id === name);
}

const DERIVING: ReadonlySet<Phase> = new Set(['feature_engineering', 'data_cleaning', 'data_exploration']);
const LOOKING: ReadonlySet<Phase> = new Set(['data_exploration', 'visualization']);

/**
 * After each top-level statement (blocks included, not their bodies): the uses of the frames it reads (`reads`: the
 * names it and its body read), then the names it binds (rebinding ends a frame; a literal list of columns taken from
 * another frame into a new name starts one).
 */
export function trackExplorationFrames(st: ExplorationFrameState, stmt: StmtKind, rec: Rec, reads: ReadonlySet<string>, bound: readonly string[]): void {
  if (st.explorationFrames.size > 0) {
    const p = readerPhase(rec.sigs);
    for (const n of reads) {
      const f = st.explorationFrames.get(n);
      if (!f || f.recs[0] === rec) continue;
      st.impure = true;
      if (derivesColumnOf(stmt, n) && p !== null && DERIVING.has(p)) f.recs.push(rec);
      else if (p !== null && LOOKING.has(p)) f.looked = true;
      else if (p !== null) f.spoiled = true;
    }
  }
  for (const n of bound) if (st.explorationFrames.delete(n)) st.impure = true;
  if (stmt.k !== 'assign' || stmt.op !== null || stmt.value === null || stmt.targets.length !== 1 || stmt.targets[0]!.k !== 'name') return;
  const name = stmt.targets[0].id;
  const from = columnsTakenFrom(stmt.value);
  if (from === null || from === name) return;
  const f: ExplorationFrame = { name, recs: [rec], looked: false, spoiled: false };
  st.explorationFrames.set(name, f);
  st.explorationFrameDefs.push(f);
  st.impure = true;
}

/** At the end of the file: the statements of every frame only looked at, that had columns derived in it. */
export function explorationFrameRecs(defs: readonly ExplorationFrame[]): [Rec, string][] {
  const out: [Rec, string][] = [];
  for (const f of defs) if (f.looked && !f.spoiled && f.recs.length > 1) for (const r of f.recs) out.push([r, f.name]);
  return out;
}
