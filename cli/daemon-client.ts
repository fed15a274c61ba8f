/** How the CLI talks to a running daemon: its loopback JSON API, authenticated with the token file. */
import { LabtraceError } from '../daemon/errors.js';
import { readNumberFile, readToken, type HomePaths } from '../daemon/home.js';

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

export class DaemonClient {
  private constructor(readonly port: number, private readonly token: string) {}

  /** Returns undefined when no daemon answers (no port file, or nothing listening). */
  static async find(home: HomePaths): Promise<DaemonClient | undefined> {
    const port = readNumberFile(home.port);
    const token = readToken(home);
    if (port === undefined || !token) return undefined;
    const client = new DaemonClient(port, token);
    try {
      await client.request('GET', '/v1/status', undefined, 1500);
      return client;
    } catch (err) {
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
    return this.request('GET', '/v1/status') as Promise<Record<string, unknown>>;
  }

  query(sql: string): Promise<QueryResult> {
    return this.request('POST', '/v1/query', { sql }) as Promise<QueryResult>;
  }

  ingestSpool(): Promise<Record<string, unknown>> {
    return this.request('POST', '/v1/ingest-spool', {}, 600_000) as Promise<Record<string, unknown>>;
  }

  analyzeRun(runId: string): Promise<Record<string, unknown>> {
    return this.request('POST', '/v1/analyze-run', { run_id: runId }, 600_000) as Promise<Record<string, unknown>>;
  }

  private async request(method: string, path: string, body?: unknown, timeoutMs = 120_000): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new LabtraceError('DAEMON_NOT_RUNNING', `no daemon answers on port ${this.port}`, 'start it with: labtrace daemon start', { cause: err });
    }
    const payload = (await response.json()) as { error?: { code: string; message: string } };
    if (!response.ok) {
      const code = (payload.error?.code ?? 'INTERNAL') as LabtraceError['code'];
      throw new LabtraceError(code, payload.error?.message ?? `daemon answered ${response.status}`);
    }
    return payload;
  }
}

export function notRunning(home: HomePaths): LabtraceError {
  return new LabtraceError('DAEMON_NOT_RUNNING', `the labtrace daemon is not running (LABTRACE_HOME=${home.root})`, 'start it with: labtrace daemon start');
}
