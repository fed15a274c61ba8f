/** How the CLI talks to a running daemon: its loopback JSON API, authenticated with the token file. */
import { LabtraceError, errorMessage, type LabtraceErrorCode } from '../common/errors.js';
import { isProcessAlive, readNumberFile, readToken, type HomePaths } from '../common/home.js';
import type { SqlParam } from '../common/sql-source.js';
import type { DeleteSummary } from '../daemon/store/run-delete.js';

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  /** More rows existed than max_rows: `notice` says how to get them. */
  truncated?: boolean;
  notice?: string;
}

export interface QueryOptions {
  /** Seconds the daemon lets the query run (its default: 60). */
  timeoutS?: number;
  /** Rows returned at most (the daemon's default: 100,000). */
  maxRows?: number;
  /** Values of the statement's $1, $2... */
  params?: readonly SqlParam[];
}

/** How long a probe waits for a daemon whose process is alive but whose port answers slowly. */
const BUSY_PROBE_MS = 10_000;

export class DaemonClient {
  private constructor(readonly port: number, private readonly token: string) {}

  /**
   * Returns undefined when no daemon answers (no port file, nothing listening). A daemon whose
   * process is alive but that does not answer within 1.5 s gets 10 s more, then DAEMON_BUSY: it is
   * running (and owns the store), it is not "not running".
   */
  static async find(home: HomePaths): Promise<DaemonClient | undefined> {
    const port = readNumberFile(home.port);
    const token = readToken(home);
    if (port === undefined || !token) return undefined;
    const client = new DaemonClient(port, token);
    try {
      await client.request('GET', '/v1/ping', undefined, 1500);
      return client;
    } catch (err) {
      if (!(err instanceof LabtraceError)) throw err;
      if (err.code === 'DAEMON_NOT_RUNNING') return undefined;
      if (err.code !== 'DAEMON_BUSY') throw err;
    }
    const pid = readNumberFile(home.pid);
    if (pid === undefined || !isProcessAlive(pid)) return undefined;
    try {
      await client.request('GET', '/v1/ping', undefined, BUSY_PROBE_MS);
      return client;
    } catch (err) {
      if (err instanceof LabtraceError && err.code === 'DAEMON_BUSY') {
        throw new LabtraceError('DAEMON_BUSY', `the labtrace daemon (pid ${pid}) is running but busy: 127.0.0.1:${port} did not answer within ${(1500 + BUSY_PROBE_MS) / 1000} s`, `try again in a moment; ${home.daemonLog} says what it is doing`);
      }
      if (err instanceof LabtraceError && err.code === 'DAEMON_NOT_RUNNING') return undefined;
      throw err;
    }
  }

  static async require(home: HomePaths): Promise<DaemonClient> {
    const client = await DaemonClient.find(home);
    if (!client) throw notRunning(home);
    return client;
  }

  status(): Promise<Record<string, unknown>> {
    return this.request('GET', '/v1/status', undefined, 15_000) as Promise<Record<string, unknown>>;
  }

  /** Read-only SQL; the daemon bounds its time and rows (options), this waits a little longer than its time limit. */
  query(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const waitMs = ((options.timeoutS ?? 60) + 60) * 1000;
    return this.request('POST', '/v1/query', { sql, params: options.params, timeout_s: options.timeoutS, max_rows: options.maxRows }, waitMs) as Promise<QueryResult>;
  }

  ingestSpool(): Promise<Record<string, unknown>> {
    return this.request('POST', '/v1/ingest-spool', {}, 600_000) as Promise<Record<string, unknown>>;
  }

  analyzeRun(runId: string): Promise<Record<string, unknown>> {
    return this.request('POST', '/v1/analyze-run', { run_id: runId }, 600_000) as Promise<Record<string, unknown>>;
  }

  deleteRuns(runIds: readonly string[]): Promise<DeleteSummary> {
    return this.request('POST', '/v1/delete-runs', { run_ids: runIds }, 600_000) as Promise<DeleteSummary>;
  }

  private async request(method: string, path: string, body?: unknown, timeoutMs = 120_000): Promise<unknown> {
    let payload: { error?: { code: string; message: string; hint?: string } };
    let response: Response | undefined;
    try {
      response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      payload = (await response.json()) as typeof payload;
    } catch (err) {
      if (isTimeout(err)) {
        throw new LabtraceError('DAEMON_BUSY', `the daemon on port ${this.port} did not answer within ${timeoutMs / 1000} s`, 'it is busy; try again in a moment', { cause: err });
      }
      if (response) throw new LabtraceError('INTERNAL', `the daemon's answer was cut short (${errorMessage(err)})`, 'labtrace daemon status; the daemon log says more', { cause: err });
      throw new LabtraceError('DAEMON_NOT_RUNNING', `no daemon answers on port ${this.port}`, 'start it with: labtrace daemon start', { cause: err });
    }
    // A streamed answer (POST /v1/query) that failed after its first rows carries its error in the body.
    if (!response.ok || payload.error) {
      const code = (payload.error?.code ?? 'INTERNAL') as LabtraceErrorCode;
      throw new LabtraceError(code, payload.error?.message ?? `daemon answered ${response.status}`, payload.error?.hint);
    }
    return payload;
  }
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || (err.cause instanceof Error && err.cause.name === 'TimeoutError'));
}

export function notRunning(home: HomePaths): LabtraceError {
  return new LabtraceError('DAEMON_NOT_RUNNING', `the labtrace daemon is not running (LABTRACE_HOME=${home.root})`, 'start it with: labtrace daemon start');
}
