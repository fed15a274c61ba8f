/**
 * The fast path for batch frames in the shape agents send (the AgentMessage holds only its batch; each
 * event column appears once, packed): scanBatchFrame checks the columns where they lie in the frame
 * without decoding them, and the frame's bytes wait in the ingest queue as they arrived (about 11
 * bytes an event instead of 33 decoded). At commit the columns are decoded straight from the wire
 * into the ingester's reused column buffer (WireEvents.decodeInto), copied into DuckDB and forgotten.
 * protobufjs built a JS array per column and an object per 64-bit value, and a decoded batch held
 * three times the frame's memory until the garbage collector freed it. Any other shape returns
 * undefined and goes through protobufjs, which also makes every refusal. The values are the ones
 * decodeEventColumns gives for the same frame (same truncation of oversized values).
 */
import type { EventColumns } from '../store/event-appender.js';
import { ColumnBuffer, setInt64, type EncodedEvents } from '../ingest/event-columns.js';

export interface WireBatch {
  /** The same AgentMessage without the batch's event columns (fields 10-16), for protobufjs. */
  readonly stripped: Uint8Array;
  /** The columns, still encoded in the frame. */
  readonly events: WireEvents;
}

const FIRST_COLUMN = 10; // kind; then t_delta, code_id, line, thread, caller_id, duration (16)
const COLUMNS = 7;
/** The longest varint each column's decoder reads (uint32 and enum: 5 bytes; sint64 and uint64: 10); longer ones go to protobufjs. */
const MAX_VARINT_BYTES = [5, 10, 5, 5, 5, 5, 10];
const AGENT_MESSAGE_BATCH_TAG = 0x12; // field 2, length-delimited
const TWO_32 = 4294967296;

/** Scan position, shared by the helpers below (one scan at a time: JavaScript is single-threaded). */
let at = 0;

/** A batch's event columns as they lie in its frame: [start, stop) byte ranges per column (-1: absent). */
export class WireEvents implements EncodedEvents {
  constructor(
    private readonly frame: Uint8Array,
    private readonly start: Int32Array,
    private readonly stop: Int32Array,
    readonly length: number,
  ) {}

  /** The frame bytes this holds on to. */
  get encodedBytes(): number {
    return this.frame.byteLength;
  }

  /** The columns, decoded into `buffer` (valid until its next use). The scan checked every varint, so this cannot fail. */
  decodeInto(buffer: ColumnBuffer): EventColumns {
    const n = this.length;
    const events = buffer.take(n);
    const { frame, start, stop } = this;
    if (start[0]! >= 0) uint32s(frame, start[0]!, stop[0]!, events.kind);
    else events.kind.fill(0);
    const tHalves = new Int32Array(events.tNs.buffer, events.tNs.byteOffset, 2 * n);
    if (start[1]! >= 0) timesFromDeltas(frame, start[1]!, stop[1]!, tHalves);
    else tHalves.fill(0);
    const int32Columns = [events.codeId, events.line, events.thread, events.callerId];
    for (let c = 2; c < 6; c++) {
      if (start[c]! >= 0) uint32s(frame, start[c]!, stop[c]!, int32Columns[c - 2]!);
      else int32Columns[c - 2]!.fill(0);
    }
    const dHalves = new Int32Array(events.durationNs.buffer, events.durationNs.byteOffset, 2 * n);
    if (start[6]! >= 0) uint64s(frame, start[6]!, stop[6]!, dHalves);
    else dHalves.fill(0);
    return events;
  }
}

export function scanBatchFrame(frame: Uint8Array): WireBatch | undefined {
  at = 0;
  const end = frame.length;
  if (varint32(frame, end) !== AGENT_MESSAGE_BATCH_TAG) return undefined;
  const size = varint32(frame, end);
  if (size < 0 || at + size !== end) return undefined;
  const start = new Int32Array(COLUMNS).fill(-1);
  const stop = new Int32Array(COLUMNS);
  const kept: number[] = []; // [from, to) byte ranges of the other fields, in order
  let keptBytes = 0;
  while (at < end) {
    const fieldAt = at;
    const tag = varint32(frame, end);
    if (tag < 8) return undefined; // truncated, or field number 0
    const column = (tag >>> 3) - FIRST_COLUMN;
    if (column >= 0 && column < COLUMNS) {
      if ((tag & 7) !== 2 || start[column]! >= 0) return undefined; // unpacked, or repeated: protobufjs merges those
      const n = varint32(frame, end);
      if (n < 0 || at + n > end) return undefined;
      start[column] = at;
      stop[column] = at + n;
      at += n;
    } else {
      if (!skip(frame, tag & 7, end)) return undefined;
      if (kept.length > 0 && kept[kept.length - 1] === fieldAt) kept[kept.length - 1] = at;
      else kept.push(fieldAt, at);
      keptBytes += at - fieldAt;
    }
  }
  const n = start[0]! >= 0 ? countVarints(frame, start[0]!, stop[0]!, MAX_VARINT_BYTES[0]!) : 0;
  if (n < 0) return undefined;
  for (let c = 1; c < COLUMNS; c++) {
    if (start[c]! < 0) continue;
    const count = countVarints(frame, start[c]!, stop[c]!, MAX_VARINT_BYTES[c]!);
    if (count < 0) return undefined; // cut off, or a varint too long for this column's decoder
    if (count === 0) start[c] = -1; // an empty packed field: no values, like a missing one
    else if (count !== n) return undefined; // validateBatch refuses it with the column's name
  }
  const header = [AGENT_MESSAGE_BATCH_TAG, ...varintBytes(keptBytes)];
  const stripped = new Uint8Array(header.length + keptBytes);
  stripped.set(header);
  let to = header.length;
  for (let i = 0; i < kept.length; i += 2) {
    stripped.set(frame.subarray(kept[i]!, kept[i + 1]!), to);
    to += kept[i + 1]! - kept[i]!;
  }
  return { stripped, events: new WireEvents(frame, start, stop, n) };
}

/** The frame's columns decoded into fresh arrays (tests; the ingester decodes into its reused buffer). */
export function readBatchFrame(frame: Uint8Array): { stripped: Uint8Array; events: EventColumns } | undefined {
  const wire = scanBatchFrame(frame);
  return wire && { stripped: wire.stripped, events: wire.events.decodeInto(new ColumnBuffer()) };
}

/** A varint of at most 5 bytes and 32 bits (tags, lengths), or -1. */
function varint32(buf: Uint8Array, end: number): number {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (at >= end) return -1;
    const b = buf[at++]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value < TWO_32 ? value : -1;
  }
  return -1;
}

function skip(buf: Uint8Array, wireType: number, end: number): boolean {
  switch (wireType) {
    case 0:
      for (let i = 0; i < 10 && at < end; i++) if (buf[at++]! < 0x80) return true;
      return false;
    case 1:
      at += 8;
      return at <= end;
    case 2: {
      const n = varint32(buf, end);
      if (n < 0) return false;
      at += n;
      return at <= end;
    }
    case 5:
      at += 4;
      return at <= end;
    default:
      return false; // groups, invalid wire types
  }
}

/** Values in a packed field: one terminal byte each; -1 if the last one is cut off or one is longer than maxBytes. */
function countVarints(buf: Uint8Array, from: number, to: number, maxBytes: number): number {
  if (to > from && buf[to - 1]! >= 0x80) return -1;
  let n = 0;
  let continued = 0;
  for (let i = from; i < to; i++) {
    if (buf[i]! < 0x80) {
      n++;
      continued = 0;
    } else if (++continued >= maxBytes) {
      return -1;
    }
  }
  return n;
}

/**
 * uint32 / enum values (protobufjs's reader.uint32: the low 32 bits of a varint of at most 5 bytes)
 * stored with the typed array's own wrap, like Int32Array.from / Uint8Array.from. Longer varints
 * (negative enums) never get here: scanBatchFrame leaves those frames to protobufjs.
 */
function uint32s(buf: Uint8Array, from: number, to: number, out: Int32Array | Uint8Array): boolean {
  let k = 0;
  for (let i = from; i < to; ) {
    let b = buf[i++]!;
    let v = b & 0x7f;
    if (b >= 0x80) {
      b = buf[i++]!;
      v |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[i++]!;
        v |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          b = buf[i++]!;
          v |= (b & 0x7f) << 21;
          if (b >= 0x80) {
            b = buf[i++]!;
            v |= (b & 0x0f) << 28;
            if (b >= 0x80) return false;
          }
        }
      }
    }
    out[k++] = v;
  }
  return true;
}

let lo = 0;
let hi = 0;

/** Reads a 64-bit varint (at most 10 bytes) at `at` into lo/hi (uint32 halves); false if longer. */
function varint64(buf: Uint8Array): boolean {
  let b = buf[at++]!;
  lo = b & 0x7f;
  hi = 0;
  if (b < 0x80) return true;
  for (let shift = 7; shift < 28; shift += 7) {
    b = buf[at++]!;
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) {
      lo >>>= 0;
      return true;
    }
  }
  b = buf[at++]!;
  lo = (lo | ((b & 0x7f) << 28)) >>> 0;
  hi = (b & 0x7f) >> 4;
  if (b < 0x80) return true;
  for (let shift = 3; shift < 35; shift += 7) {
    b = buf[at++]!;
    hi = (hi | ((b & 0x7f) << shift)) >>> 0;
    if (b < 0x80) return true;
  }
  return false;
}

/** sint64 deltas (zigzag, as protobufjs's LongBits.zzDecode().toNumber()), prefix-summed into int64 halves. */
function timesFromDeltas(buf: Uint8Array, from: number, to: number, halves: Int32Array): boolean {
  at = from;
  let t = 0;
  for (let i = 0; at < to; i++) {
    if (!varint64(buf)) return false;
    const mask = -(lo & 1);
    const zlo = ((lo >>> 1) | (hi << 31)) ^ mask;
    const zhi = ((hi >>> 1) ^ mask) >>> 0;
    if (zhi >>> 31) {
      const nlo = (~zlo + 1) >>> 0;
      const nhi = nlo === 0 ? (~zhi + 1) >>> 0 : ~zhi >>> 0;
      t -= nlo + nhi * TWO_32;
    } else {
      t += (zlo >>> 0) + zhi * TWO_32;
    }
    setInt64(halves, i, t);
  }
  return true;
}

/** uint64 values (toNumber(true)) into int64 halves. */
function uint64s(buf: Uint8Array, from: number, to: number, halves: Int32Array): boolean {
  at = from;
  for (let i = 0; at < to; i++) {
    if (!varint64(buf)) return false;
    setInt64(halves, i, lo + hi * TWO_32);
  }
  return true;
}

/** The protobuf varint of a non-negative integer below 2^53 (also used by tests and the ingest benchmark). */
export function varintBytes(v: number): number[] {
  const out: number[] = [];
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
