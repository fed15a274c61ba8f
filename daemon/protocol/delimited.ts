/** Spool files: AgentMessage bytes, each preceded by its length as a protobuf varint. */
import { LabtraceError } from '../../common/errors.js';

export interface DelimitedRecord {
  readonly bytes: Uint8Array;
  readonly offset: number;
}

/**
 * Splits a spool file into records. A truncated last record (the writer died mid-write) is reported
 * in `truncatedAt` instead of throwing, so every complete record before it is still ingested.
 */
export function splitDelimited(buffer: Uint8Array, maxRecord: number): { records: DelimitedRecord[]; truncatedAt?: number } {
  const records: DelimitedRecord[] = [];
  let pos = 0;
  while (pos < buffer.length) {
    const start = pos;
    let length = 0;
    let shift = 0;
    for (;;) {
      if (pos >= buffer.length) return { records, truncatedAt: start };
      const b = buffer[pos++]!;
      length += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 49) throw new LabtraceError('SPOOL_CORRUPT', `bad length prefix at byte ${start}`);
    }
    if (length > maxRecord) throw new LabtraceError('SPOOL_CORRUPT', `record of ${length} bytes at byte ${start} exceeds the frame limit`);
    if (pos + length > buffer.length) return { records, truncatedAt: start };
    records.push({ bytes: buffer.subarray(pos, pos + length), offset: start });
    pos += length;
  }
  return { records };
}
