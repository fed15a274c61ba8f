/**
 * One SQL query against a running daemon's API, printing JSON rows: a tiny process the synchronous
 * test helper `sql()` spawns (far cheaper than starting the whole CLI for every assertion).
 * Usage: node query-once.js PORT TOKEN SQL
 */
const [port, token, sql] = process.argv.slice(2);
const response = await fetch(`http://127.0.0.1:${port}/v1/query`, {
  method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: JSON.stringify({ sql }),
});
const body = (await response.json()) as { columns?: string[]; rows?: unknown[][]; error?: { message: string } };
if (!response.ok || body.error || !body.columns || !body.rows) {
  process.stderr.write(body.error?.message ?? `HTTP ${response.status}`);
  process.exitCode = 1;
} else {
  const columns = body.columns;
  process.stdout.write(JSON.stringify(body.rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])))));
}
