/** One error family, one CLI error path: static-analysis failures are LabtraceErrors and print like every other. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { LabtraceError } from '../common/errors.js';
import { StaticAnalysisError } from '../analytics/static/index.js';
import { analyzeCommand } from './commands/analyze.js';
import { reportError } from './report-error.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

test('a static-analysis failure is a LabtraceError with its code, file and hint', () => {
  const e = new StaticAnalysisError('EMPTY', 'x.py', 'file is empty', 'write some Python');
  assert.ok(e instanceof LabtraceError);
  assert.equal(e.code, 'EMPTY');
  assert.equal(e.file, 'x.py');
  const err = capture();
  reportError(e, err.stream, { prefix: 'labtrace analyze', withCode: true });
  assert.equal(err.text(), 'labtrace analyze: x.py: file is empty [EMPTY]\nhint: write some Python\n');
});

test('labtrace analyze prints each failed file through the error path and exits 1, the others still analysed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labtrace-analyze-'));
  try {
    const good = join(dir, 'ok.py');
    const empty = join(dir, 'empty.py');
    writeFileSync(good, 'import pandas as pd\ndf = pd.read_csv("d.csv")\n');
    writeFileSync(empty, '');
    const out = capture();
    const err = capture();
    const code = await analyzeCommand([join(dir, 'missing.py'), empty, good], { format: 'table' }, out.stream, err.stream);
    assert.equal(code, 1);
    assert.equal(err.text(), `labtrace analyze: ${join(dir, 'missing.py')}: no such file [ENOENT]\nlabtrace analyze: ${empty}: file is empty [EMPTY]\n`);
    assert.match(out.text(), /^# .*ok\.py {2}sha256/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
