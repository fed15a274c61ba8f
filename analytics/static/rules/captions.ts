/**
 * Captions (issue 13): a top-level print of literals only (`print("Classification report:")`, `print('-' * 40)`,
 * `print()`) shows no value; it titles or separates the output of the statements around it. It takes the phases of
 * the next statement of its cell (a script's: the next line) that has a phase of work, else of the statement before
 * it (`print("done")` after the training call); with neither it stays `other`. Marked by labeller/statement.ts,
 * resolved by labeller/finish.ts once every statement has its final phases.
 */
import type { Expr } from '../ir.js';
import type { Phase } from '../phases.js';
import type { Rec, Signal } from '../labeller/model.js';

export const CAPTION_EV = 'caption print(...) (literals only) -> other';

function isLiteral(e: Expr): boolean {
  switch (e.k) {
    case 'str':
      return e.parts.length === 0;
    case 'num':
    case 'const':
      return true;
    case 'bin':
      return isLiteral(e.l) && isLiteral(e.r);
    default:
      return false;
  }
}

/** print(...) whose arguments (keywords too: sep, end) are all literals */
export function isCaptionPrint(e: Expr): boolean {
  return e.k === 'call' && e.fn.k === 'name' && e.fn.id === 'print' && e.args.every(isLiteral) && e.kw.every(([, v]) => isLiteral(v));
}

/** a caption's statement signals (only the fallback `other` of a display) get the caption's evidence */
export function markCaption(sigs: Signal[]): void {
  if (sigs.length > 0 && sigs.every((s) => s.phase === 'other' && s.src === 'fallback')) for (const s of sigs) s.ev = CAPTION_EV;
}

const isCaption = (r: Rec): boolean => r.sigs.length > 0 && r.sigs.every((s) => s.ev === CAPTION_EV);

/** the work phases of a record's final phases (setup counts: print('libraries loaded') after the imports) */
const workOf = (r: Rec): Phase[] => (r.final && !isCaption(r) ? r.final.phases.filter((p) => p !== 'other' && p !== 'model_persistence') : []);

/**
 * Gives each caption among the top-level records (in file order, final phases computed) the phases of its neighbour:
 * the same notebook cell, or for a script the adjacent line (a blank line ends a script's paragraph).
 */
export function resolveCaptions(top: readonly Rec[]): void {
  const near = (a: Rec, b: Rec, after: boolean): boolean =>
    a.cell === b.cell && (a.cell !== null || (after ? b.start === a.end + 1 : a.start === b.end + 1));
  for (let i = 0; i < top.length; i++) {
    const r = top[i]!;
    if (!isCaption(r) || !r.final) continue;
    let pick: Rec | null = null;
    // (a run of captions looks past its members: print('=' * 40); print('Scores'); print(report))
    for (let j = i + 1, prev = r; j < top.length && near(prev, top[j]!, true); prev = top[j]!, j++)
      if (workOf(top[j]!).length > 0) {
        pick = top[j]!;
        break;
      }
    for (let j = i - 1, next = r; !pick && j >= 0 && near(next, top[j]!, false); next = top[j]!, j--)
      if (workOf(top[j]!).length > 0) pick = top[j]!;
    if (!pick) continue;
    const phases = workOf(pick);
    r.final = { phases, evidence: [`caption of line ${pick.start + 1} -> ${phases.join(', ')}`], confidence: r.final.confidence };
    r.sharedFinal = false;
  }
}
