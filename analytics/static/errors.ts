/** Typed failures of the static analysis; `code` is stable and meant for programs, `message` for people. */
import { LabtraceError, type StaticAnalysisErrorCode } from '../../common/errors.js';

export type { StaticAnalysisErrorCode };

/** A LabtraceError about one file: its message starts with the file's path. */
export class StaticAnalysisError extends LabtraceError {
  declare readonly code: StaticAnalysisErrorCode;
  readonly file: string;
  constructor(code: StaticAnalysisErrorCode, file: string, message: string, hint?: string) {
    super(code, `${file}: ${message}`, hint);
    this.name = 'StaticAnalysisError';
    this.file = file;
  }
}

/** Files above this size are refused with code TOO_LARGE. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
