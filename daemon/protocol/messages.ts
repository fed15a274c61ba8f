/** Typed access to the generated protobufjs code (proto/labtrace.proto): decode agent frames, encode replies. */
import $protobuf from 'protobufjs/minimal.js';
import { labtrace } from '../../proto/gen/labtrace.js';
import { LabtraceError, errorMessage } from '../../common/errors.js';

// 64-bit fields decode to plain numbers, not Long objects: event columns (t_delta, duration) are
// decoded by the million, and Long allocation was a fifth of the daemon's ingest time. Relative ns
// times and counts stay exact below 2^53; wall-clock ns lose at most a few hundred ns.
$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();

export const pb = labtrace.v1;
export type AgentMessage = labtrace.v1.AgentMessage;
export type Hello = labtrace.v1.IHello;
export type EventBatch = labtrace.v1.IEventBatch;
export type RunEnd = labtrace.v1.IRunEnd;
export type RunInfo = labtrace.v1.IRunInfo;

export const PROTOCOL_VERSION = labtrace.v1.ProtocolVersion.PROTOCOL_VERSION_CURRENT;
/** Frames larger than this are refused before decoding (close code 4004). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** WebSocket close codes the daemon uses (also documented in docs/architecture.md). */
export const CloseCode = {
  BadToken: 4001,
  UnsupportedVersion: 4002,
  Malformed: 4003,
  TooLarge: 4004,
  ProtocolOrder: 4005,
  Internal: 1011,
} as const;

interface LongLike {
  toNumber(): number;
}

/**
 * Decodes a frame whose batch event columns were taken out by the decode worker (it validated the
 * whole frame before): only the envelope and the batch's metadata are decoded here.
 */
export function decodeStrippedMessage(bytes: Uint8Array): AgentMessage {
  try {
    return pb.AgentMessage.decode(bytes);
  } catch (err) {
    throw new LabtraceError('INTERNAL', `stripped frame does not decode: ${errorMessage(err)}`);
  }
}

/** 64-bit protobuf fields arrive as number or Long; timestamps and counts fit a double. */
export function num(value: number | LongLike | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

export function decodeAgentMessage(bytes: Uint8Array): AgentMessage {
  if (bytes.length > MAX_FRAME_BYTES) {
    throw new LabtraceError('FRAME_TOO_LARGE', `frame of ${bytes.length} bytes exceeds ${MAX_FRAME_BYTES}`);
  }
  let message: AgentMessage;
  try {
    message = pb.AgentMessage.decode(bytes);
  } catch (err) {
    throw new LabtraceError('MALFORMED_FRAME', `undecodable frame: ${errorMessage(err)}`);
  }
  if (!message.body) throw new LabtraceError('MALFORMED_FRAME', 'frame carries no hello, batch or end');
  if (message.body === 'hello') validateHello(message.hello);
  if (message.body === 'batch') validateBatch(message.batch);
  return message;
}

const RUN_ID = /^[0-9a-f]{32}$/;

function validateHello(hello: Hello | null | undefined): void {
  if (!hello) throw new LabtraceError('MALFORMED_FRAME', 'empty hello');
  if (hello.protocolVersion !== PROTOCOL_VERSION) {
    throw new LabtraceError('UNSUPPORTED_VERSION', `protocol version ${hello.protocolVersion ?? 0} is not supported (daemon speaks ${PROTOCOL_VERSION})`);
  }
  if (!hello.runId || !RUN_ID.test(hello.runId)) throw new LabtraceError('MALFORMED_FRAME', 'hello.run_id must be 32 lowercase hex chars');
  if (hello.parentRunId && !RUN_ID.test(hello.parentRunId)) throw new LabtraceError('MALFORMED_FRAME', 'hello.parent_run_id must be 32 lowercase hex chars');
}

const EVENT_COLUMNS = ['tDelta', 'codeId', 'line', 'thread', 'callerId', 'duration'] as const;

/** Every event column must be as long as `kind`, or missing entirely (all defaults). */
function validateBatch(batch: EventBatch | null | undefined): void {
  if (!batch) throw new LabtraceError('MALFORMED_FRAME', 'empty batch');
  if (num(batch.seq) < 1) throw new LabtraceError('MALFORMED_FRAME', 'batch.seq must be >= 1');
  const n = batch.kind?.length ?? 0;
  for (const column of EVENT_COLUMNS) {
    const len = batch[column]?.length ?? 0;
    if (len !== 0 && len !== n) throw new LabtraceError('MALFORMED_FRAME', `batch column ${column} has ${len} values for ${n} events`);
  }
}

export function encodeAck(runId: string, committedSeq: number): Uint8Array {
  return pb.DaemonMessage.encode({ ack: { protocolVersion: PROTOCOL_VERSION, runId, committedSeq } }).finish();
}

export function encodeBatchAck(runId: string, seq: number): Uint8Array {
  return pb.DaemonMessage.encode({ batchAck: { runId, seq } }).finish();
}

export function encodeErrorReply(code: number, message: string): Uint8Array {
  return pb.DaemonMessage.encode({ error: { code, message } }).finish();
}

/** Sequence number of a batch or run-end frame (hello has none). */
export function frameSeq(message: AgentMessage): number {
  if (message.body === 'batch') return num(message.batch?.seq);
  if (message.body === 'end') return num(message.end?.seq);
  return 0;
}
