/**
 * Decodes and validates one agent frame on the main thread. A batch in the agents' usual shape is
 * only scanned (wire-columns.ts): its event columns stay encoded in the frame until the ingester
 * appends them. Anything else, and every refusal, goes through protobufjs, whose event columns are
 * turned into typed arrays at once (and stripped from the message).
 */
import { decodeEventColumns, type BatchEvents } from '../ingest/event-columns.js';
import { decodeAgentMessage, type AgentMessage } from './messages.js';
import { scanBatchFrame } from './wire-columns.js';

export interface DecodedFrame {
  /** The message; a batch's event columns are not in it but in `events`. */
  readonly message: AgentMessage;
  readonly events: BatchEvents | undefined;
}

/** Throws LabtraceError (MALFORMED_FRAME, UNSUPPORTED_VERSION, ...) for a frame that is refused. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const wire = scanBatchFrame(bytes);
  if (wire) return { message: decodeAgentMessage(wire.stripped), events: wire.events }; // validates the rest of the batch
  const message = decodeAgentMessage(bytes);
  if (message.body !== 'batch') return { message, events: undefined };
  const batch = message.batch!;
  const events = decodeEventColumns(batch);
  batch.kind = [];
  batch.tDelta = [];
  batch.codeId = [];
  batch.line = [];
  batch.thread = [];
  batch.callerId = [];
  batch.duration = [];
  return { message, events };
}
