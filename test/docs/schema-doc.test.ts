/**
 * docs/schema.md against the live schema: a real daemon creates its store (ingest and correlation
 * DDL, as for users), information_schema lists its tables, views, columns and types, and the doc's
 * `### \`name\` (table|view)` sections with their `| column | type | meaning |` tables must say the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, useDaemon, type DaemonProcess } from '../support/daemon-fixture.js';
import { codeName, readDoc, sections, tableRows } from './doc-tables.js';

type Kind = 'table' | 'view';
interface Relation {
  kind: Kind;
  columns: Array<[name: string, type: string]>;
}

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

function liveSchema(): Map<string, Relation> {
  const rows = sql<{ table_name: string; table_type: string; column_name: string; data_type: string }>(
    daemon.home,
    `SELECT t.table_name, t.table_type, c.column_name, c.data_type
     FROM information_schema.tables t
     JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
     WHERE t.table_schema = 'main' AND t.table_catalog = current_database()
     ORDER BY t.table_name, c.ordinal_position`,
  );
  const out = new Map<string, Relation>();
  for (const r of rows) {
    const kind: Kind = r.table_type === 'VIEW' ? 'view' : 'table';
    const rel = out.get(r.table_name) ?? { kind, columns: [] };
    rel.columns.push([r.column_name, r.data_type]);
    out.set(r.table_name, rel);
  }
  return out;
}

/** The documented schema: each `### \`name\` (table|view)` section's column table. */
function documentedSchema(text: string): Map<string, Relation> {
  const out = new Map<string, Relation>();
  for (const { heading, body } of sections(text)) {
    const m = heading.match(/^`(\w+)` \((table|view)\)$/);
    if (!m) continue;
    assert.ok(!out.has(m[1]!), `docs/schema.md documents ${m[1]} twice`);
    const columns: Array<[string, string]> = [];
    for (const cells of tableRows(body)) {
      const name = codeName(cells[0]);
      assert.ok(name && cells.length === 3 && cells[1], `docs/schema.md, ${m[1]}: malformed column row | ${cells.join(' | ')} |`);
      columns.push([name, cells[1]!]);
    }
    out.set(m[1]!, { kind: m[2] as Kind, columns });
  }
  return out;
}

test('docs/schema.md names every table and view of the store, and no other', () => {
  const live = liveSchema();
  const doc = documentedSchema(readDoc('schema.md'));
  assert.ok(live.size > 20 && live.has('runs') && live.has('phase_breakdown'), `the live schema looks incomplete: ${[...live.keys()].join(', ')}`);
  const describe = (m: Map<string, Relation>): string[] => [...m].map(([name, r]) => `${name} (${r.kind})`).sort();
  assert.deepEqual(describe(doc), describe(live), 'tables/views in docs/schema.md (actual) vs the store (expected)');
});

test('docs/schema.md lists every column of each table and view with its type', () => {
  const live = liveSchema();
  const doc = documentedSchema(readDoc('schema.md'));
  const problems: string[] = [];
  for (const [name, rel] of live) {
    const documented = doc.get(name);
    if (!documented) continue; // reported by the test above
    const want = new Map(rel.columns);
    const have = new Map(documented.columns);
    for (const [column, type] of want) {
      if (!have.has(column)) problems.push(`${name}.${column} (${type}) is not documented`);
      else if (have.get(column) !== type) problems.push(`${name}.${column} is ${type}, documented as ${have.get(column)}`);
    }
    for (const column of have.keys()) if (!want.has(column)) problems.push(`${name}.${column} is documented but does not exist`);
    if (documented.columns.length !== new Set(have.keys()).size) problems.push(`${name}: a column is documented twice`);
  }
  assert.deepEqual(problems, []);
});
