/** `labtrace runs` filters bind what the user typed: no quoting, no LIKE wildcards, through the file when no daemon runs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHome, resolveHome } from '../../common/home.js';
import { Store } from '../../daemon/store/store.js';
import { runSql } from '../query-source.js';
import { runsSql } from './runs.js';

test('runs --script matches the text typed, quotes and underscores included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-filters-'));
  try {
    const home = resolveHome(dir);
    ensureHome(home);
    const scripts = ["/w/it's.py", '/w/a_b.py', '/w/axb.py'];
    const store = await Store.open(home.database);
    try {
      for (const [i, script] of scripts.entries()) {
        await store.connection.run(`INSERT INTO runs (run_id, run_key, script, started_at, status) VALUES ($1, $2, $3, TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (${i}) SECOND, 'ok')`,
          [String(i + 1).repeat(32), i + 1, script]);
      }
    } finally {
      store.close();
    }
    const listed = async (script: string): Promise<unknown[]> => {
      const query = runsSql(10, { script });
      assert.deepEqual(query.params, [script]);
      return (await runSql(home, query.sql, { params: query.params })).rows.map((r) => r[1]);
    };
    assert.ok(!runsSql(10, { script: "it's" }).sql.includes("it's"));
    assert.deepEqual(await listed("it's"), ["/w/it's.py"]);
    assert.deepEqual(await listed('a_b'), ['/w/a_b.py']);
    assert.deepEqual(await listed('.py'), [...scripts].reverse());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
