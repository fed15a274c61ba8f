/**
 * Appends event_log rows column-wise: one DuckDB appender per commit group and one reused data chunk,
 * whose vectors are filled by a memcpy straight from the typed event columns (no per-value calls,
 * no intermediate vector buffers), flushed once when the group is done.
 */
import { createRequire } from 'node:module';
import { DuckDBDataChunk, UTINYINT, BIGINT, INTEGER, type DuckDBAppender, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

/** Column arrays of one batch's event_log rows, in table order after run_key (the same for every row). */
export interface EventColumns {
  readonly length: number;
  readonly kind: Uint8Array;
  readonly tNs: BigInt64Array;
  readonly codeId: Int32Array;
  readonly line: Int32Array;
  readonly thread: Int32Array;
  readonly callerId: Int32Array;
  readonly durationNs: BigInt64Array;
}

type TypedColumn = Int32Array | Uint8Array | BigInt64Array;

/** The two calls of @duckdb/node-bindings (node-api's own dependency) that node-api does not expose. */
interface RawBindings {
  data_chunk_get_vector(chunk: unknown, columnIndex: number): unknown;
  copy_data_to_vector(vector: unknown, targetByteOffset: number, source: ArrayBufferLike, sourceByteOffset: number, byteCount: number): void;
}

const requireFromNodeApi = createRequire(createRequire(import.meta.url).resolve('@duckdb/node-api'));
const raw = requireFromNodeApi('@duckdb/node-bindings') as RawBindings;

const EVENT_TYPES: readonly DuckDBType[] = [INTEGER, UTINYINT, BIGINT, INTEGER, INTEGER, INTEGER, INTEGER, BIGINT];
const CHUNK_ROWS = 2048; // DuckDB's vector size: a data chunk holds at most this many rows
/**
 * DuckDB's appender collects appended chunks in memory of its own (outside the buffer pool, uncounted
 * by memory_limit and duckdb_memory()) until its flush count (100 vectors: 204,800 rows), then copies them into the transaction:
 * ~7.6 MB of event rows twice at that moment. Handing them over every 8192 rows (a full agent batch)
 * keeps that at ~0.3 MB: the daemon's ingest peak was ~10 MB lower, at the same CPU (docs/performance.md).
 */
const FLUSH_ROWS = 8192;

function ordered(runKeys: Int32Array, c: EventColumns): TypedColumn[] {
  return [runKeys, c.kind, c.tNs, c.codeId, c.line, c.thread, c.callerId, c.durationNs];
}

export class EventAppender {
  private readonly chunk = DuckDBDataChunk.create(EVENT_TYPES, CHUNK_ROWS);
  private readonly vectors: unknown[];
  private readonly runKeys = new Int32Array(CHUNK_ROWS);
  private runKey = 0;
  private rows = 0;
  private unflushed = 0;

  private constructor(private readonly appender: DuckDBAppender) {
    this.vectors = EVENT_TYPES.map((_, i) => raw.data_chunk_get_vector(this.chunk.chunk, i));
  }

  static async open(connection: DuckDBConnection): Promise<EventAppender> {
    return new EventAppender(await connection.createAppender('event_log'));
  }

  get rowsAppended(): number {
    return this.rows;
  }

  append(runKey: number, columns: EventColumns): void {
    if (runKey !== this.runKey) {
      this.runKeys.fill(runKey);
      this.runKey = runKey;
    }
    const cols = ordered(this.runKeys, columns);
    for (const col of cols.slice(1)) {
      if (col.length !== columns.length) throw new RangeError(`event column of ${col.length} values for ${columns.length} events`);
    }
    for (let offset = 0; offset < columns.length; offset += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, columns.length - offset);
      this.chunk.rowCount = n;
      cols.forEach((col, i) => {
        const width = col.BYTES_PER_ELEMENT;
        const start = i === 0 ? 0 : offset; // run_key: the same constant chunk every time
        raw.copy_data_to_vector(this.vectors[i], 0, col.buffer, col.byteOffset + start * width, n * width);
      });
      this.appender.appendDataChunk(this.chunk);
    }
    this.rows += columns.length;
    this.unflushed += columns.length;
    if (this.unflushed >= FLUSH_ROWS) this.flush();
  }

  /** Hands the appended rows to the open transaction. */
  flush(): void {
    this.appender.flushSync();
    this.unflushed = 0;
  }

  close(): void {
    this.appender.closeSync();
  }
}
