/**
 * Loopback HTTP server: WebSocket upgrades on /agent for agents, a small JSON API for the CLI
 * (status, SQL, spool ingest). Every request needs the token; the upgrade is refused before the
 * handshake completes when it is wrong.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { LabtraceError, errorMessage } from '../../common/errors.js';
import type { Logger } from '../log.js';
import { MAX_FRAME_BYTES } from '../protocol/messages.js';
import { AgentConnection } from './agent-connection.js';
import { IngestBudget } from './ingest-budget.js';
import { FrameDecoder } from '../protocol/frame-decoder.js';
import { stringifyJson } from '../../common/json.js';
import { isSqlParams, type SqlParam } from '../../common/sql-source.js';
import type { Ingester } from '../ingest/ingester.js';
import type { DeleteSummary } from '../store/run-delete.js';
import { queryLimits, truncationNotice, type UserQueryLimits, type UserQuerySink, type UserQuerySummary } from './user-query.js';
import { wantsArrow } from './arrow-answer.js';
import { arrowAnswer, jsonAnswer, type ErrorBody } from './query-answer.js';
import { checkExportRequest, type ExportRequest, type ExportedTable } from '../store/export-tables.js';

export interface ApiHandlers {
  status(): Promise<Record<string, unknown>>;
  /** One read-only user statement, its parameters bound, its rows streamed into `sink` (see user-query.ts). */
  query(sql: string, limits: UserQueryLimits, sink: UserQuerySink, params: readonly SqlParam[]): Promise<UserQuerySummary>;
  ingestSpool(): Promise<Record<string, unknown>>;
  analyzeRun(runId: string): Promise<Record<string, unknown>>;
  /** Deletes ended runs (labtrace rm / prune) through the store layer (daemon/store/run-delete.ts). */
  deleteRuns(runIds: string[]): Promise<DeleteSummary>;
  /** Writes the store's tables into files (labtrace export; daemon/store/export-tables.ts), calling `progress` after each. */
  exportTables(request: ExportRequest, progress: (t: ExportedTable) => Promise<void>, signal: AbortSignal): Promise<ExportedTable[]>;
}

const MAX_API_BODY = 1024 * 1024;

export class DaemonServer {
  readonly connections = new Set<AgentConnection>();
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly decoder = new FrameDecoder();

  /** `budget`: the daemon-wide bound on agent frames queued for commit (see IngestBudget). */
  constructor(
    private readonly token: string,
    private readonly ingester: Ingester,
    private readonly api: ApiHandlers,
    private readonly log: Logger,
    readonly budget: IngestBudget = new IngestBudget(),
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.http.on('clientError', (err, socket) => {
      this.log.warn('bad http request', { error: errorMessage(err) });
      socket.destroy();
    });
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await this.decoder.warmUp();
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const address = this.http.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
    const expected = Buffer.from(this.token);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/agent') {
      this.log.warn('upgrade refused: unknown path', { remote, path });
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!this.authorized(req)) {
      this.log.warn('upgrade refused: bad token', { remote });
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = new AgentConnection(ws, this.ingester, this.decoder, this.log, remote, this.budget);
      this.connections.add(connection);
      ws.on('close', (code) => {
        this.connections.delete(connection);
        connection.dispose();
        if (!connection.hasEnded) this.log.info('agent disconnected before run end', { remote, run_id: connection.runId, code });
      });
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(stringifyJson(body));
    };
    try {
      if (!this.authorized(req)) return reply(401, { error: { code: 'BAD_TOKEN', message: 'missing or wrong token' } });
      const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
      switch (route) {
        case 'GET /v1/ping':
          // Answers without touching the store: the CLI's "is a daemon there" probe.
          return reply(200, { pid: process.pid });
        case 'GET /v1/status':
          return reply(200, await this.api.status());
        case 'POST /v1/query':
          return await this.query(req, res);
        case 'POST /v1/ingest-spool':
          return reply(200, await this.api.ingestSpool());
        case 'POST /v1/analyze-run': {
          const body = JSON.parse(await readBody(req)) as { run_id?: unknown };
          if (typeof body.run_id !== 'string' || !/^[0-9a-f]{32}$/.test(body.run_id)) throw new LabtraceError('BAD_ARGUMENT', 'body must be {"run_id": "<32 hex>"}');
          return reply(200, await this.api.analyzeRun(body.run_id));
        }
        case 'POST /v1/delete-runs': {
          const body = JSON.parse(await readBody(req)) as { run_ids?: unknown };
          const ids = body.run_ids;
          if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id))) throw new LabtraceError('BAD_ARGUMENT', 'body must be {"run_ids": ["<32 hex>", ...]}');
          return reply(200, await this.api.deleteRuns(ids as string[]));
        }
        case 'POST /v1/export':
          return await this.exportTables(req, res);
        default:
          return reply(404, { error: { code: 'NOT_FOUND', message: `no route ${route}` } });
      }
    } catch (err) {
      if (res.headersSent) return; // a streamed answer reports its own errors
      reply(errorStatus(err), { error: errorBody(err) });
    }
  }

  /**
   * POST /v1/query {"sql", "params"?, "timeout_s"?, "max_rows"?} (params: the values of $1, $2...): the rows
   * are written as they arrive, as JSON or, when the client accepts it, as an Arrow IPC stream
   * (query-answer.ts), with back-pressure from the socket; an error after the first bytes ends the
   * answer with the error inside (status 200 already sent), an error before is a plain 4xx/5xx. The
   * query is interrupted when the client goes away.
   */
  private async query(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse(await readBody(req)) as { sql?: unknown; params?: unknown; timeout_s?: unknown; max_rows?: unknown };
    if (typeof body.sql !== 'string' || (body.params !== undefined && !isSqlParams(body.params))) {
      throw new LabtraceError('BAD_ARGUMENT', 'body must be {"sql": "...", "params"?: [string | number | boolean | null], "timeout_s"?: number, "max_rows"?: number}');
    }
    const params = body.params ?? [];
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const limits = queryLimits(body.timeout_s, body.max_rows, gone.signal);
    const answer = wantsArrow(req.headers.accept) ? arrowAnswer(res, gone.signal) : jsonAnswer(res, gone.signal);
    let summary: UserQuerySummary;
    try {
      summary = await this.api.query(body.sql, limits, answer.sink, params);
    } catch (err) {
      if (!answer.started) throw err;
      answer.fail(errorBody(err));
      return;
    }
    answer.finish(summary, summary.truncated ? truncationNotice(limits.maxRows) : undefined);
  }

  /**
   * POST /v1/export {"out", "format", "runs"?}: one file per table written by the daemon (it owns the
   * store's lock), answered as NDJSON, a line per table written (`{"table", "file", "rows", "bytes"}`)
   * as it is done, then `{"done": true}` or `{"error": {...}}`. Interrupted when the client goes away.
   */
  private async exportTables(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = checkExportRequest(JSON.parse(await readBody(req)));
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    try {
      await this.api.exportTables(request, (t) => new Promise<void>((resolve) => void res.write(`${stringifyJson(t)}\n`, () => resolve())), gone.signal);
      res.end(`${stringifyJson({ done: true })}\n`);
    } catch (err) {
      if (gone.signal.aborted) res.destroy();
      else res.end(`${stringifyJson({ error: errorBody(err) })}\n`);
    }
  }

  /** Stops accepting, tells agents to go away (they spool the rest), waits for answered frames. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      for (const client of this.wss.clients) client.close(1001, 'daemon stopping');
      this.http.closeAllConnections?.();
    });
    await Promise.all([...this.connections].map((c) => c.settled()));
    await this.decoder.close();
  }
}

function errorStatus(err: unknown): number {
  return err instanceof LabtraceError || err instanceof SyntaxError ? 400 : 500;
}

function errorBody(err: unknown): ErrorBody {
  const code = err instanceof LabtraceError ? err.code : err instanceof SyntaxError ? 'BAD_ARGUMENT' : 'INTERNAL';
  return err instanceof LabtraceError && err.hint ? { code, message: errorMessage(err), hint: err.hint } : { code, message: errorMessage(err) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_API_BODY) {
        reject(new LabtraceError('BAD_ARGUMENT', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
