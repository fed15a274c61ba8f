/** Typed errors with stable codes: the CLI prints `message` and `hint`, scripts match on `code`. */
export type LabtraceErrorCode =
  | 'DAEMON_NOT_RUNNING'
  | 'DAEMON_ALREADY_RUNNING'
  | 'DAEMON_START_FAILED'
  | 'BAD_TOKEN'
  | 'BAD_SQL'
  | 'READ_ONLY_SQL'
  | 'QUERY_TIMEOUT'
  | 'QUERY_CANCELLED'
  | 'QUERY_OUT_OF_MEMORY'
  | 'RESULT_TRUNCATED'
  | 'DAEMON_BUSY'
  | 'RUN_NOT_FOUND'
  | 'RUN_RUNNING'
  | 'MALFORMED_FRAME'
  | 'UNSUPPORTED_VERSION'
  | 'PROTOCOL_ORDER'
  | 'FRAME_TOO_LARGE'
  | 'SPOOL_CORRUPT'
  | 'STORE_LOCKED'
  | 'STORE_UNAVAILABLE'
  | 'BAD_ARGUMENT'
  | 'BAD_HOME'
  | 'INTERNAL'
  | StaticAnalysisErrorCode;

/** Why a file could not be analysed statically (analytics/static's StaticAnalysisError). */
export type StaticAnalysisErrorCode =
  | 'ENOENT'
  | 'EACCES'
  | 'IS_DIRECTORY'
  | 'NOT_PYTHON'
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'PARSE'
  | 'BAD_NOTEBOOK'
  | 'IO';

export class LabtraceError extends Error {
  readonly code: LabtraceErrorCode;
  readonly hint: string | undefined;

  constructor(code: LabtraceErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LabtraceError';
    this.code = code;
    this.hint = hint;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
