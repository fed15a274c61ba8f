/**
 * Writing data is not model persistence (issue 11). A call that writes a value to a file takes the phase of the
 * value it writes:
 *   joblib.dump(model, ...), pickle.dump(clf, ...)          a model                       -> model_persistence
 *   submission.to_csv(...), np.save('preds.npy', preds)     a model's results (predictions, scores)
 *                                                                                        -> model_persistence
 *   df.dropna() ... df.to_csv('clean.csv')                  data, by the phase that made it
 *                                                           (data_cleaning, feature_engineering, data_splitting...)
 *   np.save('X.npy', X) of data of unknown making           a data export                 -> data_loading (data I/O)
 * The knowledge base labels the data writers (DataFrame.to_csv, numpy.save, ...) `data_loading`, the phase of
 * data I/O, for the runtime refinement; pickle/joblib/json dumps keep `model_persistence` when the value is unknown.
 * Pure functions: the analyser gives them the written values' roles (taint bits) and origins.
 */
import type { Phase } from '../phases.js';

/** methods of frames and arrays that write their receiver */
export const WRITE_METHODS = new Set(['to_csv', 'to_excel', 'to_parquet', 'to_json', 'to_pickle', 'to_sql', 'to_feather', 'to_hdf', 'to_stata', 'to_orc', 'to_xml', 'tofile']);

/** functions that write one of their arguments: canonical name -> index of the first written argument, keyword */
export const WRITE_FUNCTIONS: ReadonlyMap<string, [number, string]> = new Map([
  ['numpy.save', [1, 'arr']],
  ['numpy.savez', [1, '']],
  ['numpy.savez_compressed', [1, '']],
  ['numpy.savetxt', [1, 'X']],
  ['scipy.sparse.save_npz', [1, 'matrix']],
  ['scipy.io.savemat', [1, 'mdict']],
  ['pickle.dump', [0, 'obj']],
  ['joblib.dump', [0, 'value']],
  ['json.dump', [0, 'obj']],
  ['matplotlib.pyplot.imsave', [1, 'arr']],
  ['matplotlib.image.imsave', [1, 'arr']],
  ['imageio.imwrite', [1, 'im']],
  ['cv2.imwrite', [1, 'img']],
]);

/** writers whose value is a model unless shown otherwise */
const MODEL_BY_DEFAULT = new Set(['pickle.dump', 'joblib.dump', 'json.dump']);

/** What the analyser knows of a written value. */
export interface Written {
  model: boolean;
  /** predictions or scores: a model's results */
  results: boolean;
  data: boolean;
  /** the phase the value was made in (its last assignment), if any */
  origin: Phase | null;
}

const DATA_ORIGINS: ReadonlySet<Phase> = new Set(['data_loading', 'data_exploration', 'data_cleaning', 'data_splitting', 'feature_engineering']);

/** names of a model's results or learnt parameters: submission frames, weights, centroids */
const MODEL_OUTPUT_NAME = /^(sub|subm|submission|submit|my_submission|sample_sub|sample_submission)(_?df)?$|^submission_\w+$|_(submission|sub)$|^(w|W|w\d|W\d|weights?|theta|beta|coefs?|params|bias|centroids?|centers|cluster_centers|embeddings?)$/;

/**
 * The phase of writing `values` with `writer` (a canonical function name, or `.method` for a write method);
 * `names` are the root names of the written expressions (`sub` of `sub.to_csv(...)`).
 */
export function phaseOfWrite(writer: string, values: readonly Written[], names: readonly string[]): Phase {
  if (values.some((v) => v.model) || values.some((v) => v.results) || names.some((n) => MODEL_OUTPUT_NAME.test(n))) return 'model_persistence';
  const origin = values.map((v) => v.origin).find((o): o is Phase => o !== null && DATA_ORIGINS.has(o));
  if (origin) return origin;
  if (values.some((v) => v.data)) return 'data_loading';
  return MODEL_BY_DEFAULT.has(writer) ? 'model_persistence' : 'data_loading';
}
