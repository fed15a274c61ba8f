/** Messages between the daemon's main thread and its decode worker. */
import type { LabtraceErrorCode } from '../errors.js';
import type { EventColumns } from '../store/event-appender.js';

export interface DecodeRequest {
  readonly id: number;
  /** A copy of the frame, owned by the worker once sent. */
  readonly bytes: Uint8Array;
}

export type DecodeReply =
  | { readonly id: number; readonly ok: true; readonly stripped: Uint8Array; readonly events?: EventColumns }
  | { readonly id: number; readonly ok: false; readonly code: LabtraceErrorCode; readonly message: string };
