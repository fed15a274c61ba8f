/**
 * Query answers as Arrow IPC (docs/http.md): DuckDB chunks become Arrow record batches, one batch per
 * chunk, encoded as they arrive so an answer streams like its JSON twin.
 *
 * Types: booleans, integers (8-64 bit, signed and unsigned), floats, strings, blobs, dates and
 * timestamps (microseconds, exact; TIMESTAMPTZ in UTC) keep their Arrow type; DECIMAL and HUGEINT
 * become Float64 (what a data frame would make of them), lists of those become Arrow lists, and
 * anything else (STRUCT, MAP, INTERVAL, TIME, UUID, ...) its DuckDB text in a Utf8 column.
 */
import {
  Binary, Bool, DateDay, Field, Float32, Float64, Int16, Int32, Int64, Int8, List, RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter, Schema, Struct,
  TimestampMicrosecond, Uint16, Uint32, Uint64, Uint8, Utf8, makeBuilder, makeData, type DataType, type Data,
} from 'apache-arrow';
import { DuckDBTypeId, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** The media type of an Arrow IPC stream, as clients ask for it in `Accept`. */
export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/** Does this `Accept` header ask for an Arrow stream? */
export function wantsArrow(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.split(';')[0]!.trim().toLowerCase() === ARROW_STREAM_TYPE);
}

/** How one column goes from DuckDB values to Arrow. */
interface ColumnPlan {
  readonly type: DataType;
  /** The builder's input for one non-null value. */
  readonly value: (v: NonNullable<DuckDBValue>) => unknown;
}

const text = (v: NonNullable<DuckDBValue>): string => String(v);
const num = (v: NonNullable<DuckDBValue>): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(text(v)));
const same = (v: NonNullable<DuckDBValue>): unknown => v;
const TIMESTAMP_IDS = new Set<DuckDBTypeId>([DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_TZ, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS]);

/** Microseconds since the epoch of a DuckDB timestamp value of any unit. */
function micros(v: NonNullable<DuckDBValue>): bigint {
  const o = v as { micros?: bigint; seconds?: bigint; millis?: bigint; nanos?: bigint };
  if (o.micros !== undefined) return o.micros;
  if (o.millis !== undefined) return o.millis * 1000n;
  if (o.seconds !== undefined) return o.seconds * 1_000_000n;
  if (o.nanos !== undefined) return o.nanos / 1000n;
  return 0n;
}

function plan(type: DuckDBType, nested = false): ColumnPlan {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return { type: new Bool(), value: same };
    case DuckDBTypeId.TINYINT: return { type: new Int8(), value: same };
    case DuckDBTypeId.SMALLINT: return { type: new Int16(), value: same };
    case DuckDBTypeId.INTEGER: return { type: new Int32(), value: same };
    case DuckDBTypeId.BIGINT: return { type: new Int64(), value: same };
    case DuckDBTypeId.UTINYINT: return { type: new Uint8(), value: same };
    case DuckDBTypeId.USMALLINT: return { type: new Uint16(), value: same };
    case DuckDBTypeId.UINTEGER: return { type: new Uint32(), value: same };
    case DuckDBTypeId.UBIGINT: return { type: new Uint64(), value: same };
    case DuckDBTypeId.FLOAT: return { type: new Float32(), value: same };
    case DuckDBTypeId.DOUBLE: return { type: new Float64(), value: same };
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return { type: new Float64(), value: num };
    case DuckDBTypeId.DECIMAL: return { type: new Float64(), value: (v) => (v as { toDouble(): number }).toDouble() };
    case DuckDBTypeId.VARCHAR: return { type: new Utf8(), value: same };
    case DuckDBTypeId.BLOB: return { type: new Binary(), value: (v) => (v as { bytes: Uint8Array }).bytes };
    case DuckDBTypeId.DATE: return { type: new DateDay(), value: (v) => new Date((v as { days: number }).days * 86_400_000) };
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      if (nested) break;
      const child = plan(type.valueType, true);
      if (TIMESTAMP_IDS.has(type.valueType.typeId)) break; // the builder's timestamps are milliseconds: text keeps them exact
      return {
        type: new List(new Field('item', child.type, true)),
        value: (v) => (v as { items: readonly DuckDBValue[] }).items.map((item) => (item === null ? null : child.value(item))),
      };
    }
    default:
      break;
  }
  return { type: new Utf8(), value: text };
}

/** One column of a chunk as Arrow data. Timestamps are built directly (exact microseconds), the rest through Arrow's builders. */
function columnData(column: readonly DuckDBValue[], p: ColumnPlan): Data {
  if (p.type instanceof TimestampMicrosecond) {
    const values = new BigInt64Array(column.length);
    const validity = new Uint8Array(Math.ceil(column.length / 8));
    let nulls = 0;
    column.forEach((v, i) => {
      if (v === null) nulls++;
      else {
        values[i] = micros(v);
        validity[i >> 3]! |= 1 << (i & 7);
      }
    });
    return makeData({ type: p.type, length: column.length, nullCount: nulls, nullBitmap: nulls > 0 ? validity : null, data: values });
  }
  const builder = makeBuilder({ type: p.type, nullValues: [null] });
  for (const v of column) builder.append(v === null ? null : p.value(v));
  return builder.finish().flush();
}

/** The Arrow schema and per-column plans of a result. */
export class ArrowColumns {
  readonly schema: Schema;
  private readonly plans: ColumnPlan[];

  constructor(names: readonly string[], types: readonly DuckDBType[]) {
    this.plans = types.map((t) => (TIMESTAMP_IDS.has(t.typeId) ? { type: new TimestampMicrosecond(t.typeId === DuckDBTypeId.TIMESTAMP_TZ ? 'UTC' : null), value: same } : plan(t)));
    this.schema = new Schema(names.map((name, i) => new Field(name, this.plans[i]!.type, true)));
  }

  /** A record batch of one chunk's columns (all of the same length). */
  batch(columns: readonly (readonly DuckDBValue[])[]): RecordBatch {
    const length = columns[0]?.length ?? 0;
    const children = columns.map((column, i) => columnData(column, this.plans[i]!));
    return new RecordBatch(this.schema, makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children }));
  }
}

/**
 * Arrow IPC bytes one piece at a time: the writer's output is taken as it is produced (after the
 * schema, after each batch, at the end) instead of being queued until the whole answer is written.
 */
export class ArrowIpcEncoder {
  private readonly writer: RecordBatchStreamWriter | RecordBatchFileWriter;
  private readonly pending: Uint8Array[] = [];

  /** `stream`: the IPC stream format (HTTP answers); `file`: the IPC file format (.arrow files: random access, a footer). */
  constructor(readonly columns: ArrowColumns, format: 'stream' | 'file' = 'stream') {
    const pending = this.pending;
    const take = function (this: { _started: boolean; _position: number }, chunk: ArrayBufferView): unknown {
      if (this._started && chunk.byteLength > 0) {
        pending.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        this._position += chunk.byteLength;
      }
      return this;
    };
    this.writer = format === 'stream' ? new RecordBatchStreamWriter() : new RecordBatchFileWriter();
    // The writer's own sink is an async queue read by a consumer; ours is taken synchronously after each write.
    Object.defineProperty(this.writer, '_write', { value: take });
    this.writer.reset(undefined, columns.schema);
  }

  /** The bytes written so far and not yet taken (the schema, after construction). */
  take(): Buffer {
    const out = Buffer.concat(this.pending);
    this.pending.length = 0;
    return out;
  }

  /** One chunk's columns as a record batch message. */
  write(columns: readonly (readonly DuckDBValue[])[]): Buffer {
    if ((columns[0]?.length ?? 0) > 0) this.writer.write(this.columns.batch(columns));
    return this.take();
  }

  /** The end of the stream (or the file's footer). */
  finish(): Buffer {
    this.writer.finish();
    return this.take();
  }
}
