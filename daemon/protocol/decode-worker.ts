/**
 * Worker thread: decodes agent frames, validates them, turns a batch's packed event columns into
 * typed arrays (transferred back, not copied) and passes on the rest of the frame without them, so
 * the main thread decodes only a few bytes of metadata. Batches in the agents' usual shape are read
 * straight from the wire (wire-columns.ts); anything else, and every refusal, goes through protobufjs.
 */
import { parentPort } from 'node:worker_threads';
import { LabtraceError, errorMessage } from '../errors.js';
import { decodeEventColumns } from '../ingest/event-columns.js';
import type { EventColumns } from '../store/event-appender.js';
import { decodeAgentMessage, pb } from './messages.js';
import { readBatchFrame } from './wire-columns.js';
import type { DecodeReply, DecodeRequest } from './decode-protocol.js';

function handle(request: DecodeRequest): { reply: DecodeReply; transfer: ArrayBuffer[] } {
  const { id, bytes } = request;
  try {
    const wire = readBatchFrame(bytes);
    if (wire) {
      decodeAgentMessage(wire.stripped); // validates the rest of the batch
      return { reply: { id, ok: true, stripped: wire.stripped, events: wire.events }, transfer: buffersOf(wire.events, wire.stripped) };
    }
    const message = decodeAgentMessage(bytes);
    if (message.body !== 'batch') return { reply: { id, ok: true, stripped: bytes }, transfer: [bytes.buffer as ArrayBuffer] };
    const batch = message.batch!;
    const events = decodeEventColumns(batch);
    batch.kind = [];
    batch.tDelta = [];
    batch.codeId = [];
    batch.line = [];
    batch.thread = [];
    batch.callerId = [];
    batch.duration = [];
    // Copied back (a slice of protobufjs's buffer pool, small); the columns' own buffers are moved.
    const stripped = pb.AgentMessage.encode(message).finish();
    return { reply: { id, ok: true, stripped, events }, transfer: buffersOf(events) };
  } catch (err) {
    const code = err instanceof LabtraceError ? err.code : 'MALFORMED_FRAME';
    return { reply: { id, ok: false, code, message: errorMessage(err) }, transfer: [] };
  }
}

/** Each buffer once (a transfer list must not repeat one): the wire path's columns share a buffer. */
function buffersOf(events: EventColumns, ...more: Uint8Array[]): ArrayBuffer[] {
  const columns = [events.kind, events.tNs, events.codeId, events.line, events.thread, events.callerId, events.durationNs, ...more];
  return [...new Set(columns.map((a) => a.buffer as ArrayBuffer))];
}

parentPort!.on('message', (request: DecodeRequest) => {
  const { reply, transfer } = handle(request);
  parentPort!.postMessage(reply, transfer);
});
