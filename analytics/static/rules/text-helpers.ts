/**
 * Text-cleaning helpers (issue 13). A user function whose result is its text argument rewritten by string operations
 * (`def normalise(text): text = text.lower(); text = re.sub(r'[^a-z ]', ' ', text); return ' '.join(text.split())`)
 * cleans text, whatever its name says (`normalise` also names a scaling helper, rules/helper-roles.ts) and whatever
 * the statement applying it writes (`df['clean'] = df['text'].apply(normalise)` makes a new column, yet cleans):
 * labeller/summaries.ts gives such a body the phase data_cleaning. A helper deriving something else from the text
 * (`len(text.split())`, `int('http' in text)`) is not one. Pure functions of the IR.
 */
import type { Expr, Param, Stmt } from '../ir.js';
import { readsAnyName } from '../labeller/expr-utils.js';

/** string operations that return the text rewritten (`re.sub`, `pattern.sub`, `text.lower()`, `' '.join(words)`) */
const REWRITES = new Set([
  'lower', 'upper', 'casefold', 'strip', 'lstrip', 'rstrip', 'replace', 'translate', 'sub', 'join', 'normalize',
  'encode', 'decode', 'removeprefix', 'removesuffix', 'split',
]);

/** `re.sub(p, ' ', text)`, `text.lower().strip()`, `' '.join(w for w in text.split() ...)`: text rewritten */
function isRewrite(e: Expr, texts: ReadonlySet<string>): boolean {
  if (e.k !== 'call' || e.fn.k !== 'attr' || !REWRITES.has(e.fn.attr)) return false;
  return readsAnyName(e.fn.obj, texts) || e.args.some((a) => readsAnyName(a, texts));
}

/**
 * True when the function returns one of its parameters rewritten by string operations (`return re.sub(...).strip()`),
 * or a name whose last binding is such a rewrite (`text = text.translate(...)`, `return text`), through names bound
 * only from the text (`words = [stem(w) for w in text.split()]`, `return ' '.join(words)`).
 */
export function isTextRewriter(params: readonly Param[], body: readonly Stmt[]): boolean {
  if (params.length === 0) return false;
  const texts = new Set(params.map((p) => p.name.replace(/^\*+/, '')));
  const rewritten = new Set<string>();
  let returns = 0;
  for (const st of body) {
    const s = st.s;
    if (s.k === 'expr' && s.e.k === 'str') continue;
    if (s.k === 'assign' || (s.k === 'block' && s.kind === 'for')) {
      if (!rewrites(st, texts, rewritten)) return false;
      continue;
    }
    if (s.k === 'return' && s.e && (isRewrite(s.e, texts) || (s.e.k === 'name' && rewritten.has(s.e.id)))) {
      returns++;
      continue;
    }
    return false;
  }
  return returns === 1;
}

/**
 * A statement of the body that only rebinds names from the text: `text = text.lower()`, or a loop of such rebindings
 * (`for short, full in CONTRACTIONS.items(): text = text.replace(short, full)`); updates the text and rewritten names.
 */
function rewrites(st: Stmt, texts: Set<string>, rewritten: Set<string>): boolean {
  const s = st.s;
  if (s.k === 'block') return s.kind === 'for' && s.body.length > 0 && s.body.every((b) => b.s.k === 'assign' && rewrites(b, texts, rewritten));
  if (s.k !== 'assign' || !s.value || s.targets.length !== 1 || s.targets[0]!.k !== 'name' || s.op !== null) return false;
  if (!readsAnyName(s.value, texts)) return false;
  const id = s.targets[0]!.id;
  texts.add(id);
  if (isRewrite(s.value, texts)) rewritten.add(id);
  else rewritten.delete(id);
  return true;
}
