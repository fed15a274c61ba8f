/**
 * The label column dropped from the data (issue 13). Once the target is taken out (`y_train = train.SalePrice.values`,
 * `y = df['Survived']`), dropping its column from the table the model will read (`all_data.drop(['SalePrice'], axis=1,
 * inplace=True)`, `train = train.drop(columns='Survived')`) selects the features: feature_engineering, as
 * `X = df.drop('price', axis=1)` is. The data is not being cleaned: no column is wrong. Tracked per top-level statement
 * (labeller/statement.ts). Pure functions over the IR and signals.
 */
import type { Expr, StmtKind } from '../ir.js';
import type { Signal } from '../labeller/model.js';
import { LABEL_RE } from '../labeller/names.js';
import { droppedColumns, topDrop } from './feature-sources.js';

/** .values / .to_numpy() / .copy() / .ravel(): the same column in another container */
const VIEW_RE = /^(values|to_numpy|copy|ravel|squeeze)$/;

function columnOf(e: Expr): string | null {
  let cur = e;
  for (;;) {
    if (cur.k === 'attr' && VIEW_RE.test(cur.attr)) cur = cur.obj;
    else if (cur.k === 'call' && cur.args.length === 0 && cur.fn.k === 'attr' && VIEW_RE.test(cur.fn.attr)) cur = cur.fn.obj;
    else break;
  }
  if (cur.k === 'sub' && cur.obj.k === 'name' && cur.idx.length === 1) {
    const i = cur.idx[0]!;
    return i.k === 'str' && i.parts.length === 0 ? i.v : null;
  }
  return cur.k === 'attr' && cur.obj.k === 'name' ? cur.attr : null;
}

/** y_train = train.SalePrice.values / y = df['Survived']: the column a label-named value is taken from, or null */
export function labelColumnTaken(st: StmtKind): string | null {
  if (st.k !== 'assign' || st.op !== null || !st.value || st.targets.length !== 1) return null;
  const t = st.targets[0]!;
  return t.k === 'name' && LABEL_RE.test(t.id) ? columnOf(st.value) : null;
}

/**
 * After a top-level statement: a drop of label columns only (`labels`: the columns taken as labels before) becomes
 * feature_engineering; a label taken from a column records the column. Returns whether either happened (the
 * statement then depends on more than its reads: not to be replayed from its memo).
 */
export function trackLabelColumns(st: StmtKind, sigs: Signal[], labels: Set<string>): boolean {
  const taken = labelColumnTaken(st);
  if (taken !== null) {
    labels.add(taken);
    return true;
  }
  return dropLabelColumns(st, sigs, labels);
}

function dropLabelColumns(st: StmtKind, sigs: Signal[], labels: ReadonlySet<string>): boolean {
  const d = labels.size > 0 ? topDrop(st) : null;
  const cols = d ? droppedColumns(d) : [];
  if (cols.length === 0 || !cols.every((c) => labels.has(c))) return false;
  let changed = false;
  for (const x of sigs)
    if (x.phase === 'data_cleaning' && x.src === 'kb' && /\.drop\b/.test(x.ev)) {
      Object.assign(x, { phase: 'feature_engineering', ev: `${x.ev.replace(/ -> \w+$/, '')} (the label column: the features kept) -> feature_engineering` });
      changed = true;
    }
  return changed;
}
