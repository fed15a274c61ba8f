/**
 * Frames that become a predictions file (issue 13: submission frames by use, not by name). A frame is built
 *   out = pd.DataFrame({'id': test.id, 'y': preds})   a constructor (empty or from columns)
 *   out = test.loc[:, ['id', 'sales']]                 columns selected from data (possibly .copy())
 * then maybe filled (`out['y'] = preds`), then written (`out.to_csv(...)`). When what is written holds predictions,
 * the frame is the content of a predictions file (labeller/pred-frames.ts relabels its statements).
 * Pure functions over the IR: they know nothing of the analyser's state.
 */
import type { Expr } from '../ir.js';
import { WRITE_METHODS } from './data-writes.js';

function isColumnSelection(e: Expr): boolean {
  if (e.k !== 'sub') return false;
  const last = e.idx[e.idx.length - 1];
  return !!last && last.k === 'seq' && last.items.length > 0 && last.items.every((x) => x.k === 'str');
}

/** a statement value that builds a new frame: a DataFrame constructor or a selection of columns (copied or not) */
export function isFrameBuild(e: Expr): boolean {
  if (e.k === 'call' && e.fn.k === 'attr' && e.fn.attr === 'copy' && e.args.length === 0) return isFrameBuild(e.fn.obj);
  if (e.k === 'call') return (e.fn.k === 'name' && e.fn.id === 'DataFrame') || (e.fn.k === 'attr' && e.fn.attr === 'DataFrame');
  return isColumnSelection(e);
}

/** the name of the frame a statement writes to a file (`out.to_csv(...)`), else null */
export function writtenFrame(e: Expr): string | null {
  return e.k === 'call' && e.fn.k === 'attr' && WRITE_METHODS.has(e.fn.attr) && e.fn.obj.k === 'name' ? e.fn.obj.id : null;
}
