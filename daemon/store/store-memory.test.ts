/** Store.open's memoryLimit reaches DuckDB (the daemon caps its buffer pool with it). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from './store.js';

async function memoryLimit(store: Store): Promise<string> {
  return String((await store.query(`SELECT current_setting('memory_limit')`)).rows[0]![0]);
}

test('memoryLimit sets DuckDB memory_limit; without it DuckDB keeps its default', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-store-memory-'));
  try {
    const capped = await Store.open(join(dir, 'a.duckdb'), { memoryLimit: '48MB' });
    try {
      assert.match(await memoryLimit(capped), /^4[5-8]\.\d+ MiB$/);
    } finally {
      capped.close();
    }
    const plain = await Store.open(join(dir, 'b.duckdb'));
    try {
      assert.match(await memoryLimit(plain), /GiB$/);
    } finally {
      plain.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
