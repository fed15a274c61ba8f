/**
 * Configuration constants named in capitals (`EPOCHS = 25`, `LR = 3e-5`, `MAX_LEN = 200`, `IN_STEPS, OUT_STEPS = 48, 6`)
 * are the settings block at the top of a notebook: by the Python convention for constants the author declares them
 * once and reads them everywhere (tokenizer, model, training call). They stay `other` (the corpus convention for plain
 * constants) whatever call reads them; a lowercase step size next to a hand-written loop (`lr = 0.1`) or a dict of
 * parameters (`params = {...}`) still takes the phase of the training it configures.
 */
import type { Expr } from '../ir.js';

/** EPOCHS, MAX_WORDS, LR: two characters or more, capitals, digits and underscores */
const CONSTANT_NAME_RE = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/;

function isScalar(e: Expr): boolean {
  if (e.k === 'unary') return isScalar(e.e);
  return e.k === 'num' || (e.k === 'str' && e.parts.length === 0);
}

/** every target named as a constant and bound to a number or a plain string (one each for a tuple) */
export function isNamedScalarConstant(names: readonly string[], value: Expr): boolean {
  if (names.length === 0 || !names.every((n) => CONSTANT_NAME_RE.test(n))) return false;
  if (names.length === 1) return isScalar(value);
  return value.k === 'seq' && value.items.length === names.length && value.items.every(isScalar);
}
