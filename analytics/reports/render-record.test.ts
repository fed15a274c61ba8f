/**
 * `labtrace show` keeps its tables aligned when a value spans lines (issue 11: a Pipeline's repr broke
 * the layout): a value is printed on one line, whitespace collapsed, cut with an ellipsis past VALUE_WIDTH.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from './run-record.js';
import { renderRunRecord, VALUE_WIDTH } from './render-record.js';
import { formatTable, oneLine } from '../../common/format.js';

const PIPELINE = `Pipeline(steps=[('columntransformer',
                 ColumnTransformer(transformers=[('num', StandardScaler(),
                                                  ['age', 'income']),
                                                 ('cat', OneHotEncoder(handle_unknown='ignore'),
                                                  ['city'])])),
                ('logisticregression', LogisticRegression(C=0.5))])`;
const REPORT = `              precision    recall  f1-score   support

           0       0.90      0.95      0.92        20
           1       0.94      0.89      0.91        18
`;

function record(): RunRecord {
  const param = (estimator: string, name: string, value: string): RunRecord['parameters'][number] =>
    ({ estimator, name, value, type: null, is_default: false, line: 7, source: 'get_params' });
  return {
    run: { run_id: 'r1', script: '/p/train.py', status: 'ok', exit_code: 0 },
    analysis: { status: 'ok', message: null },
    phases: [], timeline: [], slowest_statements: [], data: [], datasets: [],
    parameters: [param('sklearn.model_selection.GridSearchCV', 'estimator', PIPELINE), param('sklearn.model_selection.GridSearchCV', 'cv', '5'),
      param('sklearn.pipeline.Pipeline', 'memory', 'None')],
    metrics: [{ function: 'sklearn.metrics.classification_report', value: null, repr: REPORT, line: 12, source: 'return' },
      { function: 'sklearn.metrics.accuracy_score', value: 0.925, repr: null, line: 13, source: 'return' }],
    environment: { distributions: [], variables: [], git: null },
    sources: [], overhead: {}, cells: [],
  };
}

/** The lines of the table printed under `title`: header, rule, rows. */
function table(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(title) + 1;
  const end = lines.findIndex((l, i) => i > start && /^ {2}\(\d+ rows?\)$/.test(l));
  assert.ok(start > 0 && end > start, `no ${title} table in:\n${text}`);
  return lines.slice(start, end);
}

test('multi-line values stay on their row: the parameters and metrics tables keep their columns aligned', () => {
  const text = renderRunRecord(record());
  const params = table(text, 'parameters');
  assert.equal(params.length, 2 + 3, params.join('\n'));
  const valueAt = params[0]!.indexOf('value');
  const rule = params[1]!.trim().split('  ').map((d) => d.length);
  for (const row of params.slice(2)) {
    // Every row's value starts under the header and its line column after the value column's width.
    assert.ok(row.slice(valueAt - 2, valueAt) === '  ' && row[valueAt] !== ' ', `misaligned: ${JSON.stringify(row)}`);
  }
  const pipeline = params.find((r) => r.includes('estimator') && r.includes('Pipeline('))!;
  assert.match(pipeline, / Pipeline\(steps=\[\('columntransformer', ColumnTransformer\(tra… +set +7$/);
  assert.equal(pipeline.slice(valueAt, valueAt + rule[2]!).trimEnd().length, VALUE_WIDTH);
  assert.match(pipeline, /\s7$/);

  const metrics = table(text, 'metrics');
  assert.equal(metrics.length, 2 + 2, metrics.join('\n'));
  assert.match(metrics[2]!, /^ {2}classification_report +precision recall f1-score support 0 0\.90 0\.95 0\.92 20 1 0\.9… +12$/);
  assert.match(metrics[3]!, /^ {2}accuracy_score +0\.925000 +13$/);
});

test('oneLine collapses whitespace and cuts with an ellipsis; formatTable puts every cell on one line', () => {
  assert.equal(oneLine('a(\n    b,\n\tc)'), 'a( b, c)');
  assert.equal(oneLine('  precision    recall\n0   0.90  '), 'precision recall 0 0.90');
  assert.equal(oneLine('abcdefghij', 5), 'abcd…');
  assert.equal(oneLine('abcde', 5), 'abcde');
  assert.deepEqual(formatTable(['k', 'v'], [['a', 'x\n   y'], ['bb', 'z  z']]).split('\n'), ['k   v', '--  ----', 'a   x y', 'bb  z  z', '(2 rows)', '']);
});
