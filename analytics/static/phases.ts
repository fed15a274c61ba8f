/**
 * The one phase taxonomy of labtrace. Every other module (analyser, knowledge base, CLI, SQL views)
 * refers to these names; the knowledge-base loader rejects any phase not listed here.
 */
export const PHASES = {
  setup: 'Imports, configuration (display options, plot styles, devices) and seeding of random generators.',
  data_loading: 'Reading data sets from files, databases, URLs or dataset helpers into memory; data I/O (a data set written back to a file as it was loaded).',
  data_exploration: 'Profiling and inspecting data: describe/info/head, value counts, correlations, prints made to look at the data (plots are visualization).',
  data_cleaning: 'Missing values, duplicates, outliers, row filtering, renaming and type fixes.',
  data_splitting: 'Train/test split, sub-sampling, cross-validation folds.',
  feature_engineering: 'Encoding, scaling, derived columns, feature/target selection, dimensionality reduction.',
  model_training: 'Building a model (estimator, network, optimiser) and fitting it.',
  hyperparameter_tuning: 'Searching over model parameters (grid/random search, Optuna, manual loops over candidates).',
  model_evaluation: 'Metrics, validation, scoring, comparing predictions against labels.',
  prediction: 'Applying a trained model to data to obtain predictions.',
  visualization: 'Plots and figures, of the data (distributions, correlations) or of results (predictions, metrics, training curves, feature importances).',
  model_persistence: 'Saving and loading models (pickle, joblib, torch.save, model.save) and the results they produce (prediction and submission files); data written to files takes the phase that made it.',
  other: 'Constants, housekeeping (gc.collect(), warnings filters) and anything that serves no phase.',
} as const;

export type Phase = keyof typeof PHASES;

export const PHASE_NAMES: readonly Phase[] = Object.keys(PHASES) as Phase[];

export function isPhase(s: string): s is Phase {
  return Object.prototype.hasOwnProperty.call(PHASES, s);
}

/**
 * Coarse per-cell classes used by public, hand-labelled Kaggle notebook data sets.
 */
export const COARSE_CLASSES = [
  'library loading',
  'data preparation',
  'feature engineering',
  'model building and training',
  'visualization',
] as const;
export type CoarseClass = (typeof COARSE_CLASSES)[number];

/** Evidence prefixes that mark a statement as a plot (used to send data_exploration plots to `visualization`). */
const PLOT_EVIDENCE = /^(matplotlib|seaborn|plotly|pandas\.plotting|pandas\.DataFrame\.(plot|hist|boxplot)|pandas\.Series\.(plot|hist)|bokeh|altair|missingno|wordcloud|yellowbrick|scikitplot|shap\.(summary|force|dependence)|xgboost\.plot|lightgbm\.plot|sklearn\.(metrics\..*Display|tree\.plot_tree|inspection\..*Display)|keras\.utils\.plot_model|statsmodels\.graphics)|plot/;

/**
 * Maps one of our phases to the coarse classes used by the external notebook benchmarks.
 *
 * | phase | coarse class |
 * |---|---|
 * | setup | library loading |
 * | data_loading, data_cleaning, data_splitting | data preparation |
 * | data_exploration | visualization if the statement plots (per its evidence), else data preparation |
 * | feature_engineering | feature engineering |
 * | model_training, hyperparameter_tuning, model_evaluation, prediction, model_persistence | model building and training |
 * | visualization | visualization |
 * | other | null (no class of its own: housekeeping is absorbed by its neighbours) |
 */
export function toCoarseClass(phase: Phase, evidence: readonly string[] = []): CoarseClass | null {
  switch (phase) {
    case 'setup':
      return 'library loading';
    case 'data_loading':
    case 'data_cleaning':
    case 'data_splitting':
      return 'data preparation';
    case 'data_exploration':
      return evidence.some((e) => PLOT_EVIDENCE.test(e)) ? 'visualization' : 'data preparation';
    case 'feature_engineering':
      return 'feature engineering';
    case 'model_training':
    case 'hyperparameter_tuning':
    case 'model_evaluation':
    case 'prediction':
    case 'model_persistence':
      return 'model building and training';
    case 'visualization':
      return 'visualization';
    case 'other':
      return null;
  }
}

/**
 * Coarse class of a whole notebook cell from its statements: each statement votes for the class of its
 * first (most likely) phase, weighted by confidence and by its line count; `other` statements do not vote.
 * A cell with only `other` statements (e.g. warnings filters, constants) is counted as library loading,
 * which is where such housekeeping lives in real notebooks. Returns null for a cell without statements.
 */
export function coarseClassOfStatements(
  statements: readonly { phases: readonly Phase[]; evidence: readonly string[]; confidence: number; start_line: number; end_line: number }[],
): CoarseClass | null {
  if (statements.length === 0) return null;
  const votes = new Map<CoarseClass, number>();
  for (const s of statements) {
    const p = s.phases[0];
    if (!p) continue;
    const c = toCoarseClass(p, s.evidence);
    if (!c) continue;
    const w = (0.5 + s.confidence) * Math.min(5, 1 + (s.end_line - s.start_line) * 0.25);
    votes.set(c, (votes.get(c) ?? 0) + w);
  }
  let best: CoarseClass | null = null;
  let bestW = -1;
  for (const c of COARSE_CLASSES) {
    const w = votes.get(c) ?? 0;
    if (w > bestW) {
      best = c;
      bestW = w;
    }
  }
  return bestW > 0 ? best : 'library loading';
}
