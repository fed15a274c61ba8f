/** Top-level statements and notebook magics: the statement memo (a statement whose inputs did not change is replayed, not re-analysed) and the context of a statement. */
import type { Stmt } from '../ir.js';
import type { Phase } from '../phases.js';
import { Scope, type Rec, type UserFn, type ScopeRecorder, type StmtMemo, type Ctx } from './model.js';
import { sameVal } from './values.js';
import { newRec } from './signals.js';
import type { Engine } from './engine.js';

export function magic(an: Engine, text: string, line: number, cell: number | null): void {
  let phase: Phase = 'other';
  // (%%time / %%capture only wrap the cell's code: housekeeping, the cell's statements speak for it)
  if (/^[%!]\s*(pip|conda|apt|apt-get)\b|^%(matplotlib|load_ext|reload_ext|autoreload|config|env|cd)\b/.test(text)) phase = 'setup';
  else if (/^%%?(time|timeit|capture|prun)\b/.test(text)) {
    an.records.push(newRec(line, line, cell, [{ phase: 'other', w: 0.3, ev: `IPython ${text.split(/\s+/)[0]} (timing / capture) -> other`, src: 'fallback' }], null, an.seq++, an.trained));
    return;
  }
  else if (/^!\s*(wget|curl|kaggle|unzip|tar|gdown|git\s+clone|gsutil|aws\s+s3)/.test(text) || /^%%writefile|^!ls\b/.test(text)) phase = /^!ls/.test(text) ? 'data_exploration' : 'data_loading';
  if (/^%%/.test(text) && phase === 'other') return;
  an.records.push(newRec(line, line, cell, [{ phase, w: 1, ev: `IPython ${text.split(/\s+/)[0]} -> ${phase}`, src: 'kb' }], null, an.seq++, an.trained));
}

export function topLevel(an: Engine, s: Stmt, cell: number | null, offset: number): void {
  const k = s.s.k;
  const simple = k === 'assign' || k === 'expr' || k === 'other' || k === 'block' || (k === 'import' && !s.s.star);
  if (!simple) {
    const rec = an.statement(s, an.global, null, cell, offset, new Set());
    if (rec) an.records.push(rec);
    return;
  }
  const memo = s.memo as StmtMemo | undefined;
  if (memo && memo.kb === an.kb && memo.stars === an.starsKey() && an.readsHold(memo)) {
    an.replay(memo, s, cell, offset);
    return;
  }
  const recorder: ScopeRecorder = { reads: new Map(), writes: [], impure: false };
  const nParams = an.params.length;
  const nFns = an.fns.length;
  const nStars = an.stars.length;
  an.impure = false;
  an.trainHit = false;
  Scope.recorder = recorder;
  let rec: Rec | null;
  try {
    rec = an.statement(s, an.global, null, cell, offset, new Set());
  } finally {
    Scope.recorder = null;
  }
  if (!rec) return;
  an.records.push(rec);
  if (recorder.impure || an.impure || an.fns.length !== nFns || an.stars.length !== nStars) {
    s.memo = undefined;
    return;
  }
  const m: StmtMemo = {
    kb: an.kb,
    stars: an.starsKey(),
    readIds: [...recorder.reads.keys()],
    readVals: [...recorder.reads.values()],
    writes: recorder.writes,
    sigs: rec.sigs,
    loop: rec.loop === true,
    trains: an.trainHit,
    params: an.params.slice(nParams).map((p) => ({ name: p.name, value: p.value, rel: p.line - offset, call: p.call })),
  };
  s.memo = m;
  rec.memo = m;
}

export function starsKey(an: Engine): string {
  return an.stars.length === 0 ? '' : an.stars.join('\n');
}

export function readsHold(an: Engine, m: StmtMemo): boolean {
  const vars = an.global.vars;
  const ids = m.readIds;
  const vals = m.readVals;
  for (let i = 0; i < ids.length; i++) {
    const cur = vars.get(ids[i]!);
    const old = vals[i];
    if (cur !== old && !sameVal(cur, old)) return false;
  }
  return true;
}

export function replay(an: Engine, m: StmtMemo, s: Stmt, cell: number | null, offset: number): void {
  const rec = newRec(s.start + offset, s.end + offset, cell, m.sigs, null, an.seq++, an.trained);
  if (m.loop) rec.loop = true;
  rec.memo = m;
  for (const [id, v] of m.writes) an.global.vars.set(id, v);
  for (const p of m.params) an.params.push({ name: p.name, value: p.value, line: p.rel + offset, cell, call: p.call });
  if (m.trains) an.trained = true;
  an.records.push(rec);
}

export function newCtx(an: Engine, scope: Scope, fn: UserFn | null, line: number, cell: number | null, offset: number, loopVars: Set<string>): Ctx {
  return {
    sigs: [],
    scope,
    fn,
    line,
    cell,
    offset,
    mask: false,
    arith: false,
    rawArith: false,
    errorShape: false,
    solve: false,
    strings: new Set(),
    names: new Set(),
    loopVars,
    unknownCalls: [],
    display: false,
    slice: false,
    compFilter: false,
    numeric: false,
    compare: false,
    mutated: new Set(),
    constUses: [],
  };
}
