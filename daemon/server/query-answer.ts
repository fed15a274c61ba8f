/**
 * How POST /v1/query's rows reach the client, in the format it asked for (docs/http.md):
 *
 * - JSON (the default): one object written as the rows arrive,
 *   `{"columns": [...], "rows": [...], "row_count": n, "truncated": bool, "notice"?: "..."}`; an error
 *   after the first rows ends it with `"error": {...}`.
 * - Arrow (`Accept: application/vnd.apache.arrow.stream`): an Arrow IPC stream, one record batch per
 *   DuckDB chunk (arrow-answer.ts), then HTTP trailers: `labtrace-summary` (`{"row_count", "truncated",
 *   "notice"?}`) or `labtrace-error` (`{"code", "message", "hint"?}`) when the query failed after its
 *   first bytes (the stream is then ended where it stopped).
 *
 * Both write with the socket's back-pressure: a sink call resolves once the socket took the bytes
 * (or the client went away). An error before any byte is the caller's to answer (a plain 4xx/5xx).
 */
import type { ServerResponse } from 'node:http';
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { stringifyJson } from '../../common/json.js';
import { ARROW_STREAM_TYPE, ArrowColumns, ArrowIpcEncoder } from './arrow-answer.js';
import type { UserQuerySink, UserQuerySummary } from './user-query.js';

export interface ErrorBody {
  code: string;
  message: string;
  hint?: string;
}

export interface QueryAnswer {
  readonly sink: UserQuerySink;
  /** Whether the answer has started (status 200 sent): errors then go inside it. */
  readonly started: boolean;
  finish(summary: UserQuerySummary, notice: string | undefined): void;
  fail(error: ErrorBody): void;
}

/** Writes `bytes`, resolving when the socket wants more (or the client is gone). */
function writer(res: ServerResponse, gone: AbortSignal): (bytes: string | Buffer) => Promise<void> {
  return (bytes) => {
    if (res.write(bytes) || gone.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        res.off('drain', done);
        gone.removeEventListener('abort', done);
        resolve();
      };
      res.on('drain', done);
      gone.addEventListener('abort', done, { once: true });
    });
  };
}

function summaryOf(summary: UserQuerySummary, notice: string | undefined): Record<string, unknown> {
  const tail: Record<string, unknown> = { row_count: summary.rowCount, truncated: summary.truncated };
  if (notice !== undefined) tail.notice = notice;
  return tail;
}

export function jsonAnswer(res: ServerResponse, gone: AbortSignal): QueryAnswer {
  const write = writer(res, gone);
  let columns: string[] = [];
  let first = true;
  const start = (): void => {
    if (res.headersSent) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(`{"columns":${stringifyJson(columns)},"rows":[`);
  };
  return {
    get started() {
      return res.headersSent;
    },
    sink: {
      columns: (names) => void (columns = names),
      rows: async (rows) => {
        start();
        const text = stringifyJson(rows).slice(1, -1);
        if (text.length === 0) return;
        await write(first ? text : `,${text}`);
        first = false;
      },
    },
    finish(summary, notice) {
      start();
      res.end(`],${stringifyJson(summaryOf(summary, notice)).slice(1)}`);
    },
    fail(error) {
      if (!gone.aborted) res.end(`],"error":${stringifyJson(error)}}`);
      else res.destroy();
    },
  };
}

/** JSON that fits in an HTTP header value: one line, ASCII only (other characters as \u escapes). */
export function headerJson(value: unknown): string {
  return stringifyJson(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function arrowAnswer(res: ServerResponse, gone: AbortSignal): QueryAnswer {
  const write = writer(res, gone);
  let encoder: ArrowIpcEncoder | undefined;
  const start = (): void => {
    if (res.headersSent || !encoder) return;
    res.writeHead(200, { 'content-type': ARROW_STREAM_TYPE, trailer: 'labtrace-summary, labtrace-error' });
    res.write(encoder.take()); // the schema
  };
  return {
    get started() {
      return res.headersSent;
    },
    sink: {
      columns: (names: string[], types: readonly DuckDBType[]) => void (encoder = new ArrowIpcEncoder(new ArrowColumns(names, types))),
      rows: () => undefined, // columnValues is used instead
      columnValues: async (columns: DuckDBValue[][]) => {
        start();
        await write(encoder!.write(columns));
      },
    },
    finish(summary, notice) {
      start();
      res.addTrailers({ 'labtrace-summary': headerJson(summaryOf(summary, notice)) });
      res.end(encoder!.finish());
    },
    fail(error) {
      if (gone.aborted) return void res.destroy();
      res.addTrailers({ 'labtrace-error': headerJson(error) });
      res.end();
    },
  };
}
