/**
 * Which store errors are the store's own trouble (out of memory, a block it could not pin, IO) rather
 * than the client's bytes: the frames that met one are kept (by the agent, or in their spool file) and
 * committed later, never refused for good.
 */
import { LabtraceError, errorMessage } from '../../common/errors.js';

const OUT_OF_MEMORY = /Out of Memory Error|could not allocate block|failed to pin block|could not free up enough memory/i;
/** Besides running out of memory: trouble a later attempt may not meet either. */
const OTHER_TRANSIENT = /IO Error|database has been invalidated/i;

/** True for DuckDB's answer to work that needed more than its memory_limit (with what else held the pool). */
export function isOutOfMemoryError(err: unknown): boolean {
  return OUT_OF_MEMORY.test(errorMessage(err));
}

/** True for a DuckDB error (or its LabtraceError wrapper) a later attempt may not meet. */
export function isTransientStoreError(err: unknown): boolean {
  if (err instanceof LabtraceError) return err.code === 'STORE_UNAVAILABLE';
  const message = errorMessage(err);
  return OUT_OF_MEMORY.test(message) || OTHER_TRANSIENT.test(message);
}

/** DuckDB's answer to an INSERT whose primary or unique key is in the table's index already. */
export function isDuplicateKeyError(err: unknown): boolean {
  return /Duplicate key .* violates (primary key|unique) constraint/i.test(errorMessage(err));
}
