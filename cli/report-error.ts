/**
 * The CLI's one error path: a failure prints one line, `labtrace: message`, and the error's hint on a
 * second line. Typed errors (LabtraceError and its StaticAnalysisError) say what to do; anything else
 * is ours and prints its message.
 */
import { LabtraceError, errorMessage } from '../common/errors.js';

export interface ReportOptions {
  /** What the line starts with (`labtrace`, or `labtrace analyze` for its per-file failures). */
  readonly prefix?: string;
  /** Append the error's code, `[EMPTY]`, for output that scripts read line by line. */
  readonly withCode?: boolean;
}

export function reportError(err: unknown, stream: NodeJS.WritableStream, options: ReportOptions = {}): void {
  const prefix = options.prefix ?? 'labtrace';
  if (err instanceof LabtraceError) {
    stream.write(`${prefix}: ${err.message}${options.withCode ? ` [${err.code}]` : ''}\n`);
    if (err.hint) stream.write(`hint: ${err.hint}\n`);
  } else {
    stream.write(`${prefix}: ${errorMessage(err)}\n`);
  }
}
