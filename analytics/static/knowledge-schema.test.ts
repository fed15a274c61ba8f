import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate, type JsonSchema } from './json-schema.js';
import { defaultKnowledgeDir } from './knowledge.js';

const dir = defaultKnowledgeDir();
const schema = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as JsonSchema;
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json');

test('every knowledge-base file validates against analytics/knowledge/schema.json', () => {
  assert.ok(files.length >= 10, `only ${files.length} knowledge files`);
  for (const f of files) assert.deepEqual(validate(schema, JSON.parse(readFileSync(join(dir, f), 'utf8'))), [], f);
});

test('the schema rejects unknown phases, roles and keys', () => {
  const bad = {
    library: 'x',
    functions: { 'pkg.f': 'modelling => Y', 'pkg.g': 'plot' },
    types: { T: { role: 'estimator', methods: { fit: 'model_training' } } },
    extra: {},
  };
  const errors = validate(schema, bad);
  assert.equal(errors.length, 3, errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('pkg.f')));
  assert.ok(errors.some((e) => e.includes('role')));
  assert.ok(errors.some((e) => e.includes("unexpected property 'extra'")));
});

test('the knowledge base covers the library families issue 13 asks for', () => {
  const names = files.flatMap((f) => {
    const kb = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { functions?: object; classes?: object; prefixes?: object; class_prefixes?: object };
    return [kb.functions, kb.classes, kb.prefixes, kb.class_prefixes].flatMap((o) => Object.keys(o ?? {}));
  });
  for (const lib of ['pandas', 'numpy', 'sklearn', 'scipy', 'statsmodels', 'matplotlib', 'seaborn', 'plotly', 'keras', 'tensorflow', 'torch', 'xgboost', 'lightgbm', 'catboost'])
    assert.ok(names.some((n) => n === lib || n.startsWith(`${lib}.`)), `no entry for ${lib}`);
});

/** entries whose phase depends on their arguments (make_pipeline(...) takes the phase of its last step; glob of a
 *  data path is loading; a dump writes a model or data, rules/data-writes.ts) or on their use (distinct values kept in
 *  a name, result_value = unique(x), are left to their reader: rules/distinct-values.ts) and cannot be probed with one
 *  opaque argument */
const ARGUMENT_DEPENDENT = new Set(['sklearn.pipeline.make_pipeline', 'glob.glob', 'json.dump', 'pickle.dump', 'joblib.dump', 'numpy.unique', 'pandas.unique']);

test('every function rule of the knowledge base labels a call to it with its phases', async () => {
  const { analyzeSource } = await import('./index.js');
  const failures: string[] = [];
  let probed = 0;
  for (const f of files) {
    const kb = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { functions?: Record<string, string> };
    for (const [name, spec] of Object.entries(kb.functions ?? {})) {
      const want = spec.split('=>')[0]!.split(',').map((s) => s.trim()).filter(Boolean).map((p) => (p === 'plot' ? 'visualization' : p));
      if (want.length === 0 || want.includes('display') || ARGUMENT_DEPENDENT.has(name)) continue;
      const mod = name.slice(0, name.lastIndexOf('.'));
      const fn = name.slice(name.lastIndexOf('.') + 1);
      const a = analyzeSource(`from ${mod} import ${fn}\nresult_value = ${fn}(x_value)\n`, 'probe.py');
      const got: string[] = a.statements.find((s) => s.start_line === 2)?.phases ?? [];
      probed++;
      if (!want.every((p) => got.includes(p))) failures.push(`${f} ${name}: want ${want.join(',')} got ${got.join(',')}`);
    }
  }
  assert.ok(probed > 350, `only ${probed} rules probed`);
  assert.deepEqual(failures, []);
});
