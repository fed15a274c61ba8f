/**
 * Worker thread: decodes agent frames with the generated protobufjs code, validates them, turns a
 * batch's packed event columns into typed arrays (transferred back, not copied) and re-encodes the
 * rest of the frame without them, so the main thread decodes only a few bytes of metadata.
 */
import { parentPort } from 'node:worker_threads';
import { LabtraceError, errorMessage } from '../errors.js';
import { decodeEventColumns } from '../ingest/event-columns.js';
import { decodeAgentMessage, pb } from './messages.js';
import type { DecodeReply, DecodeRequest } from './decode-protocol.js';

function handle(request: DecodeRequest): { reply: DecodeReply; transfer: ArrayBuffer[] } {
  const { id, bytes } = request;
  try {
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
    const transfer = [events.kind, events.tNs, events.codeId, events.line, events.thread, events.callerId, events.durationNs].map((a) => a.buffer as ArrayBuffer);
    return { reply: { id, ok: true, stripped, events }, transfer };
  } catch (err) {
    const code = err instanceof LabtraceError ? err.code : 'MALFORMED_FRAME';
    return { reply: { id, ok: false, code, message: errorMessage(err) }, transfer: [] };
  }
}

parentPort!.on('message', (request: DecodeRequest) => {
  const { reply, transfer } = handle(request);
  parentPort!.postMessage(reply, transfer);
});
