/** Typed failures of the static analysis; `code` is stable and meant for programs, `message` for people. */
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

export class StaticAnalysisError extends Error {
  readonly code: StaticAnalysisErrorCode;
  readonly file: string;
  constructor(code: StaticAnalysisErrorCode, file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'StaticAnalysisError';
    this.code = code;
    this.file = file;
  }
}

/** Files above this size are refused with code TOO_LARGE. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
