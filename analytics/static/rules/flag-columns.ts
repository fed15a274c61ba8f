/**
 * A flag column built in two steps (issue 13, Titanic-style kernels): `df['IsAlone'] = 0` then
 * `df.loc[df['FamilySize'] == 1, 'IsAlone'] = 1` (often inside `for dataset in full_data:`). The second statement
 * replaces values where a condition holds, which alone reads as cleaning (fixing bad values in place), but the column
 * was created as a constant just before: the pair makes an indicator feature, feature_engineering like
 * `(df['FamilySize'] == 1).astype(int)`. Columns are remembered by name, per file, from the constant assignment on.
 */
import type { Phase } from '../phases.js';

export const FLAG_SET_EV = (keys: readonly string[]): string => `shape: flag column ${keys.map((k) => `'${k}'`).join(', ')} set where a condition holds -> feature_engineering`;

/** The phase of `df.loc[cond, keys] = <literal>`: feature engineering when every column was created as a constant. */
export function flagCompletion(keys: ReadonlySet<string>, constantColumns: ReadonlySet<string>): Phase | null {
  return keys.size > 0 && [...keys].every((k) => constantColumns.has(k)) ? 'feature_engineering' : null;
}
