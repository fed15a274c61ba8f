/**
 * Values picked out only to be drawn (issue 13): `loss = history.history['loss']`, `images, labels = next(iter(loader))`,
 * `sample = df.sample(5)` followed only by plotting statements are part of the figure: visualization, and so are the
 * group summaries made only to be drawn (`region_gdp = data.groupby('region')['gdp'].mean().sort_values()` then
 * `sns.barplot(x=region_gdp.index, y=region_gdp.values)`, counts, pivot tables: issue 13). So is a loop
 * whose body only draws (`for images, labels in ds.take(1): plt.imshow(...)`): taking the batch is not a phase of its
 * own. Decided by def-use (labeller/statement.ts tracks the reads of the names such statements bind) and by the
 * signals of the statements, not by names.
 */
import type { Expr } from '../ir.js';
import type { Signal } from '../labeller/model.js';
import { PLOT_EV_RE } from '../labeller/signals.js';

/**
 * library calls that only pick values out (a sample, a batch, the first rows), summarise groups for a figure or set
 * picked columns side by side (pd.concat of picks, see isPick), not compute with them
 */
const PICKING_EV_RE = /\.(take|sample|head|tail|batch|unbatch|as_numpy_iterator|evals_result)\b|^(builtins\.)?(next|iter)\b|^pandas\.(concat|crosstab)\b|^pandas\.(StringAccessor\.(len|split)|Series\.(apply|map))\b|^pandas\.(DataFrame\.(groupby|pivot_table|value_counts|sort_values|unstack)|GroupBy\.\w+|Series\.(value_counts|sort_values|unstack))\b/;

/** a pick whose targets are named like features or labels (`images, labels = next(iter(loader))`): still only a pick */
const NAMED_PICK_EV_RE = /^shape: features\/target .* selected -> feature_engineering$/;

/** pandas methods that only pick rows of a table or series of results, or re-sort them, for a figure */
const RESULT_PICK_EV_RE = /^pandas\.(Series|DataFrame)\.(head|tail|nlargest|nsmallest|sort_values|sort_index|abs|to_frame)\b/;

/**
 * A signal of evaluation that only picks results out for the figure drawn by the same statement
 * (`pd.Series(rf.feature_importances_, X.columns).nlargest(10).plot(kind='barh')`, `fitted.resid.plot()`): a model's
 * attribute read, or rows of results taken or re-sorted. Scores computed there (`sns.heatmap(confusion_matrix(y, p))`)
 * are not picks.
 */
export function isDrawnResultPick(s: Signal): boolean {
  return s.src === 'kb' && s.phase === 'model_evaluation' && (s.attr === true || RESULT_PICK_EV_RE.test(s.ev));
}

/** A statement that draws: a plotting call, or one whose plot phase is still open (plt.title). */
export function isPlotting(sigs: readonly Signal[]): boolean {
  return sigs.some((s) => s.phase === 'plot?' || s.ev.includes(' -> visualization') || PLOT_EV_RE.test(s.ev));
}

/**
 * Signals of a statement that only picks values out (a subscript, an attribute, a sample or batch): no library or
 * user call that computes, summarises, trains or predicts, and no structural shape (a derived column, a filter).
 */
export function onlyPicks(sigs: readonly Signal[]): boolean {
  return sigs.every((s) => (s.src === 'kb' ? PICKING_EV_RE.test(s.ev) : s.src === 'name' || s.src === 'inherit' || s.src === 'fallback' || (s.src === 'shape' && NAMED_PICK_EV_RE.test(s.ev))));
}

export const PLOT_ONLY_EV = (what: string, p: 'visualization' | 'data_exploration' = 'visualization'): string =>
  `def-use: ${what} only ${p === 'visualization' ? 'drawn' : 'shown'} -> ${p}`;

/** evidence of a statement that only shows values (print(x), `xb.shape, yb.shape`) */
const SHOW_EV_RE = /^display of .* -> (data_exploration|other)$/;

/** A statement that only shows the values it reads: a display of data, or of their attributes (shape, dtype). */
export function isShowing(sigs: readonly Signal[]): boolean {
  return sigs.length > 0 && sigs.every((s) => SHOW_EV_RE.test(s.ev) || (s.attr === true && s.phase === 'data_exploration'));
}

/** What a pick's later uses make of it (see PlotOnlyDef in labeller/engine.ts). */
export interface PickUses {
  rec: { sigs: Signal[] };
  drawn: boolean;
  spoiled: boolean;
  shown: boolean;
  spoilers: { sigs: Signal[] }[];
  /** a part of a figure (rules/figure-specs.ts): never a look at data, and drawn through the figure it is part of */
  spec?: boolean;
  /** the same values re-shaped into the same name (img = img.reshape(28, 28)): their uses decide for this pick too */
  via?: PickUses;
}

/**
 * The phase of a pick from its uses: every use draws (or shows it while others draw): visualization; every use only
 * shows a batch of data (xb, yb = next(iter(train_dl)) then xb.shape): data_exploration. `derived`: after the values
 * made from it are resolved (rules/used-for.ts), a pick whose other users are all only drawn is drawn too, even
 * when none draws it directly (labels = top.name read only by fig = {'data': [{'labels': labels}]}, then iplot(fig)).
 */
export function pickOutcome(c: PickUses, derived: boolean): 'visualization' | 'data_exploration' | null {
  if (c.via) return derived ? null : pickOutcome(c.via, false);
  if (!derived) {
    if (c.drawn && !c.spoiled) return 'visualization';
    if (c.spec) return null;
    const data = c.rec.sigs.every((s) => s.phase !== 'model_evaluation' && s.phase !== 'prediction' && s.phase !== 'model_training');
    return !c.drawn && c.shown && !c.spoiled && data ? 'data_exploration' : null;
  }
  return c.spoilers.length > 0 && c.spoilers.every((r) => r.sigs.length > 0 && r.sigs.every((s) => s.phase === 'visualization')) ? 'visualization' : null;
}

// (model.evals_result(): the per-round scores a booster logged while training, like history.history of Keras)
const PICK_METHODS = new Set([
  'take', 'sample', 'head', 'tail', 'as_numpy_iterator', 'evals_result',
  // group summaries (df.groupby('g')['y'].mean().sort_values()) drawn as they are
  'groupby', 'mean', 'sum', 'median', 'size', 'count', 'value_counts', 'sort_values', 'unstack', 'pivot_table', 'nunique', 'max', 'min',
]);

function isLiteralIndex(e: Expr): boolean {
  if (e.k === 'num' || e.k === 'str' || e.k === 'const') return true;
  if (e.k === 'unary') return isLiteralIndex(e.e);
  if (e.k === 'slice') return e.parts.every(isLiteralIndex);
  // df.groupby('Date')[['ConfirmedCases', 'Fatalities']].sum(): a list of column labels
  if (e.k === 'seq') return e.items.length > 0 && e.items.every((x) => x.k === 'str');
  return false;
}

/**
 * An expression that only picks values out of existing objects: `history.history['loss']`, `next(iter(loader))`,
 * `ds.take(1)`, `df.sample(5)`, `a.history['acc'] + b.history['acc']`. No computation on the values themselves.
 */
export function isPick(e: Expr): boolean {
  switch (e.k) {
    case 'name':
      return true;
    case 'attr':
      return isPick(e.obj);
    case 'sub':
      return isPick(e.obj) && e.idx.every(isLiteralIndex);
    case 'call':
      if (e.fn.k === 'name' && (e.fn.id === 'next' || e.fn.id === 'iter')) return e.args.length >= 1 && isPick(e.args[0]!);
      if (isLengthOfTexts(e)) return true;
      if (isConcatOfPicks(e)) return true;
      if (isCrosstabOfPicks(e)) return true;
      return e.fn.k === 'attr' && PICK_METHODS.has(e.fn.attr) && isPick(e.fn.obj) && e.args.every(isLiteralIndex) && e.kw.every(([, v]) => isLiteralIndex(v));
    case 'bin':
      return e.op === '+' && isPick(e.l) && isPick(e.r);
    default:
      return false;
  }
}

/**
 * Picked columns set side by side: `data = pd.concat([df_train['SalePrice'], df_train[var]], axis=1)` before
 * `data.plot.scatter(x=var, y='SalePrice')` (the classic house-prices exploration's way to pair the target with one
 * variable for a scatter or box plot). Only columns picked out, nothing computed on them.
 */
function isConcatOfPicks(e: Extract<Expr, { k: 'call' }>): boolean {
  if (e.fn.k !== 'attr' || e.fn.attr !== 'concat' || e.fn.obj.k !== 'name' || e.args.length !== 1) return false;
  const parts = e.args[0]!;
  // (a column named by a variable, df_train[var], is picked too)
  const column = (x: Expr): boolean => x.k === 'sub' && isPick(x.obj) && x.idx.every((i) => i.k === 'name' || isLiteralIndex(i));
  return parts.k === 'seq' && parts.items.length >= 2 && parts.items.every(column) && e.kw.every(([, v]) => isLiteralIndex(v));
}

/**
 * A cross-tabulation of picked columns: `sev_hour = pd.crosstab(df['Hour'], df['Severity'], normalize='index')` before
 * `sev_hour.plot(kind='area', stacked=True)`, a group summary like `df.groupby([...]).size().unstack()`.
 */
function isCrosstabOfPicks(e: Extract<Expr, { k: 'call' }>): boolean {
  if (e.fn.k !== 'attr' || e.fn.attr !== 'crosstab' || e.fn.obj.k !== 'name' || e.args.length !== 2) return false;
  const column = (x: Expr): boolean => x.k === 'sub' && isPick(x.obj) && x.idx.every(isLiteralIndex);
  return e.args.every(column) && e.kw.every(([, v]) => isLiteralIndex(v));
}

/**
 * The length of each text of a picked column (`df['tokens'].str.len()`, `df.text.str.split().str.len()`,
 * `df.text.apply(len)`): a measure taken to draw its distribution, nothing made of the texts (isPick's callers then
 * require every later use to draw it).
 */
function isLengthOfTexts(e: Extract<Expr, { k: 'call' }>): boolean {
  if (e.fn.k !== 'attr') return false;
  const obj = e.fn.obj;
  if ((e.fn.attr === 'apply' || e.fn.attr === 'map') && e.args.length === 1 && e.kw.length === 0) return e.args[0]!.k === 'name' && e.args[0]!.id === 'len' && (isPick(obj) || isSplitTexts(obj));
  return e.fn.attr === 'len' && e.args.length === 0 && obj.k === 'attr' && obj.attr === 'str' && (isPick(obj.obj) || isSplitTexts(obj.obj));
}

/** `df.text.str.split()`: the words of a picked column of texts */
function isSplitTexts(e: Expr): boolean {
  return e.k === 'call' && e.fn.k === 'attr' && e.fn.attr === 'split' && e.args.every(isLiteralIndex) && e.fn.obj.k === 'attr' && e.fn.obj.attr === 'str' && isPick(e.fn.obj.obj);
}

/** re-indexing a frame of picked values keeps them the same values (`pd.DataFrame(log).set_index('epoch')`) */
const REFRAMING_EV_RE = /^pandas\.DataFrame\.(set_index|reset_index)\b/;

/**
 * A table made of picked values, nothing computed: `pd.DataFrame(history.history)`, `pd.DataFrame(log).set_index('epoch')`
 * (a training log framed to be drawn). The caller checks the values are results (scores, losses), not data.
 */
export function isFramedPick(e: Expr): boolean {
  if (e.k === 'call' && e.fn.k === 'attr' && (e.fn.attr === 'set_index' || e.fn.attr === 'reset_index')) return e.args.every(isLiteralIndex) && isFramedPick(e.fn.obj);
  if (e.k !== 'call' || e.fn.k !== 'attr' || e.fn.obj.k !== 'name' || e.args.length !== 1 || !isPick(e.args[0]!)) return false;
  // pd.Series(rf.feature_importances_, index=X.columns): a model's attribute labelled by the names of the features
  if (e.fn.attr === 'Series') return e.kw.every(([k]) => k === 'index' || k === 'name');
  return e.fn.attr === 'DataFrame' && e.kw.length === 0;
}

/** the signals of a framed pick: those of a pick, or of re-indexing the frame */
export function onlyFramedPicks(sigs: readonly Signal[]): boolean {
  return sigs.every((s) => onlyPicks([s]) || (s.src === 'kb' && REFRAMING_EV_RE.test(s.ev)) || (s.attr === true && isDrawnResultPick(s)));
}

/** the root name of the values a framed pick frames (`history` of `pd.DataFrame(history.history)`) */
export function framedRoot(e: Expr): string | null {
  if (e.k === 'call' && e.fn.k === 'attr' && e.fn.attr !== 'DataFrame' && e.fn.attr !== 'Series') return framedRoot(e.fn.obj);
  if (e.k !== 'call') return null;
  let a: Expr | undefined = e.args[0];
  while (a && a.k !== 'name') a = a.k === 'attr' ? a.obj : a.k === 'sub' ? a.obj : undefined;
  return a?.k === 'name' ? a.id : null;
}

/** methods that only re-shape an array or change its element type: what they return is still the values picked */
const RESHAPE_METHODS = new Set(['reshape', 'squeeze', 'transpose', 'astype', 'permute', 'ravel', 'flatten', 'numpy', 'cpu', 'detach']);

/**
 * `img = img.reshape(28, 28)` (or `.squeeze()`, `.T`, `.astype('uint8')`) after `img = X.iloc[0].values`: the picked
 * values re-shaped into their own name, still only a pick for the figure that draws them (the MNIST tutorials' way to
 * show one image). Returns that name, else null.
 */
export function reshapedPickName(target: Expr, value: Expr): string | null {
  if (target.k !== 'name') return null;
  let e = value;
  let steps = 0;
  for (;;) {
    if (e.k === 'call' && e.fn.k === 'attr' && RESHAPE_METHODS.has(e.fn.attr)) e = e.fn.obj;
    else if (e.k === 'attr' && e.attr === 'T') e = e.obj;
    else break;
    steps++;
  }
  return steps > 0 && e.k === 'name' && e.id === target.id ? target.id : null;
}
