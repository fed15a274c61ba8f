/**
 * docs/http.md against the daemon: the routes its source registers (`case 'METHOD /path'` in the
 * router, and the path its WebSocket upgrade accepts) are exactly the documented ones, and a live
 * daemon answers every documented route while it answers an undocumented one with NOT_FOUND.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { useDaemon, type DaemonProcess } from '../support/daemon-fixture.js';
import { codeName, readDoc, sourceFiles, tableRows } from './doc-tables.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

interface Route {
  readonly method: string;
  readonly path: string;
}
const key = (r: Route): string => `${r.method} ${r.path}`;

function documentedRoutes(): Route[] {
  const routes: Route[] = [];
  for (const cells of tableRows(readDoc('http.md'))) {
    const path = codeName(cells[1]);
    const method = cells[0] ?? '';
    if (!/^[A-Z]+$/.test(method) || !path?.startsWith('/')) assert.fail(`docs/http.md: malformed row | ${cells.join(' | ')} |`);
    routes.push({ method, path });
  }
  return routes;
}

/** Routes in the daemon's (and shared) source: JSON routes as 'METHOD /path' literals, WebSocket paths as the upgrade's path test. */
function sourceRoutes(): Route[] {
  const routes = new Map<string, Route>();
  for (const f of sourceFiles(['daemon', 'common'], ['.ts'])) {
    if (f.path.endsWith('.test.ts')) continue;
    for (const m of f.text.matchAll(/['"`](GET|POST|PUT|PATCH|DELETE|HEAD) (\/[^'"`\s]*)['"`]/g)) routes.set(`${m[1]} ${m[2]}`, { method: m[1]!, path: m[2]! });
    if (/\bon\(\s*['"]upgrade['"]/.test(f.text) || /handleUpgrade\(/.test(f.text)) {
      for (const m of f.text.matchAll(/\bpath\s*[!=]==?\s*['"](\/[^'"]*)['"]/g)) routes.set(`GET ${m[1]}`, { method: 'GET', path: m[1]! });
    }
  }
  return [...routes.values()];
}

interface Answer {
  readonly status: number;
  readonly errorCode?: string;
}

/** One request to the live daemon; a WebSocket path is asked for an upgrade (101 when accepted). */
function ask(route: Route, websocket: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = route.method === 'POST' ? JSON.stringify(route.path === '/v1/query' ? { sql: 'SELECT 1' } : {}) : undefined;
    const headers: Record<string, string> = { authorization: `Bearer ${daemon.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (websocket) Object.assign(headers, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' });
    const req = request({ host: '127.0.0.1', port: daemon.port, method: route.method, path: route.path, headers, timeout: 30_000 });
    req.on('upgrade', (res, socket) => {
      socket.destroy(); // accepted: the daemon now waits for a Hello we do not send
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let errorCode: string | undefined;
        try {
          errorCode = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } }).error?.code;
        } catch {
          errorCode = undefined; // a refused upgrade has no JSON body
        }
        resolve({ status: res.statusCode ?? 0, errorCode });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${key(route)}`)));
    req.on('error', reject);
    req.end(body);
  });
}

const isWebSocket = (route: Route, doc: string): boolean => new RegExp(`\\|\\s*${route.method}\\s*\\|\\s*\`${route.path}\`\\s*\\|[^|]*WebSocket`).test(doc);

test('docs/http.md lists exactly the routes the daemon source registers', () => {
  const documented = documentedRoutes().map(key).sort();
  const registered = sourceRoutes().map(key).sort();
  assert.ok(registered.includes('POST /v1/query') && registered.includes('GET /agent'), `the route scan found too little: ${registered.join(', ')}`);
  assert.deepEqual(documented, registered, 'routes in docs/http.md (actual) vs the daemon source (expected)');
});

test('a live daemon answers every documented route, and NOT_FOUND to others', async () => {
  const doc = readDoc('http.md');
  const unknown: string[] = [];
  for (const route of documentedRoutes()) {
    const websocket = isWebSocket(route, doc);
    const answer = await ask(route, websocket);
    if (websocket ? answer.status !== 101 : answer.status === 404 || answer.errorCode === 'NOT_FOUND') unknown.push(`${key(route)}: ${answer.status} ${answer.errorCode ?? ''}`);
  }
  assert.deepEqual(unknown, [], 'documented routes the daemon does not serve');
  // The probe tells a served route from an unknown one.
  assert.deepEqual(await ask({ method: 'GET', path: '/v1/no-such-route' }, false), { status: 404, errorCode: 'NOT_FOUND' });
  assert.equal((await ask({ method: 'GET', path: '/no-such-socket' }, true)).status, 404);
});
