/**
 * A batch's packed event columns as typed arrays, in event_log's storage types: t_ns prefix-summed
 * from t_delta, 64-bit values written as two 32-bit halves (no BigInt per value, no garbage).
 */
import { num, type EventBatch } from '../protocol/messages.js';
import type { EventColumns } from '../store/event-appender.js';

const TWO_32 = 4294967296;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A batch's event columns still encoded (in its frame): decoded when they are appended, into a reused buffer. */
export interface EncodedEvents {
  readonly length: number;
  /** Bytes held until the batch is committed. */
  readonly encodedBytes: number;
  decodeInto(buffer: ColumnBuffer): EventColumns;
}

/** A batch's event columns, decoded or not (see decode-frame.ts). */
export type BatchEvents = EventColumns | EncodedEvents;

export function isEncoded(events: BatchEvents): events is EncodedEvents {
  return 'decodeInto' in events;
}

/**
 * One ArrayBuffer for the seven columns of a batch, reused batch after batch (grown to the largest):
 * 8-byte columns first, 33 bytes an event.
 */
export class ColumnBuffer {
  private buffer = new ArrayBuffer(0);

  /** Columns for n events, views of the buffer (valid until the next take). */
  take(n: number): EventColumns {
    if (this.buffer.byteLength < 33 * n) this.buffer = new ArrayBuffer(33 * n);
    const buffer = this.buffer;
    return {
      length: n,
      tNs: new BigInt64Array(buffer, 0, n),
      durationNs: new BigInt64Array(buffer, 8 * n, n),
      codeId: new Int32Array(buffer, 16 * n, n),
      line: new Int32Array(buffer, 20 * n, n),
      thread: new Int32Array(buffer, 24 * n, n),
      callerId: new Int32Array(buffer, 28 * n, n),
      kind: new Uint8Array(buffer, 32 * n, n),
    };
  }
}

/** Columns missing from the batch (all defaults) come out as zeros; validateBatch has checked the lengths. */
export function decodeEventColumns(batch: EventBatch): EventColumns {
  const kinds = batch.kind ?? [];
  const n = kinds.length;
  const tNs = new BigInt64Array(n);
  const durationNs = new BigInt64Array(n);
  const deltas = batch.tDelta ?? [];
  const tHalves = new Int32Array(tNs.buffer);
  let t = 0;
  for (let i = 0; i < deltas.length; i++) {
    t += num(deltas[i]);
    setInt64(tHalves, i, t);
  }
  const durations = batch.duration ?? [];
  const dHalves = new Int32Array(durationNs.buffer);
  for (let i = 0; i < durations.length; i++) setInt64(dHalves, i, num(durations[i]));
  return {
    length: n,
    kind: Uint8Array.from(kinds as number[]),
    tNs,
    codeId: int32Column(batch.codeId, n),
    line: int32Column(batch.line, n),
    thread: int32Column(batch.thread, n),
    callerId: int32Column(batch.callerId, n),
    durationNs,
  };
}

/** Little-endian int64 at index i of a BigInt64Array seen as Int32 halves; exact for |v| < 2^53, wraps like BigInt64Array beyond 2^63. */
export function setInt64(halves: Int32Array, i: number, v: number): void {
  if (!LITTLE_ENDIAN) {
    new BigInt64Array(halves.buffer)[i] = BigInt.asIntN(64, BigInt(v));
    return;
  }
  const hi = Math.floor(v / TWO_32);
  halves[2 * i] = (v - hi * TWO_32) | 0;
  halves[2 * i + 1] = hi | 0;
}

function int32Column(values: readonly number[] | null | undefined, n: number): Int32Array {
  return values && values.length > 0 ? Int32Array.from(values) : new Int32Array(n);
}
