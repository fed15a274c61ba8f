/** Experiment-record frames: files, variables, parameters, metrics, sources, environment; secrets never stored. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonProcess, useDaemon, sql } from '../support/daemon-fixture.js';
import { FakeAgent, endFrame, helloFrame, newRunId } from '../support/fake-agent.js';
import { labtrace } from '../../proto/gen/labtrace.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

function recordBatch(script: string): Uint8Array {
  return labtrace.v1.AgentMessage.encode({
    batch: {
      seq: 1,
      stringBase: 1,
      strings: [script, '<module>', '__main__'],
      codeObjects: [{ id: 1, file: 1, qualname: 2, firstLine: 1, user: true, module: 3 }],
      fileAccesses: [{ path: '/data/apartments.csv', mode: 'r', size: 1234, sha256: 'ab'.repeat(32), hashMethod: 'full', codeId: 1, line: 5 }],
      variables: [
        { name: 'houses', codeId: 1, line: 5, type: 'pandas.DataFrame', shape: '(600, 9)', columns: ['size_m2', 'price'], fingerprint: 'f00d', objectId: 42 },
        { name: 'API_TOKEN', codeId: 1, line: 6, type: 'str', value: "'hunter2-secret-value'", fingerprint: 'hunter2' },
        { name: 'error', codeId: 1, line: 20, type: 'float', value: '19876.5', number: 19876.5, isNumber: true },
      ],
      hyperparameters: [
        { estimator: 'sklearn.linear_model.LinearRegression', name: 'fit_intercept', value: 'True', type: 'bool', isDefault: true, codeId: 1, line: 18 },
        { estimator: 'sklearn.linear_model.LinearRegression', name: 'db_password', value: "'hunter2-secret-value'", type: 'str', codeId: 1, line: 18 },
      ],
      metrics: [{ function: 'sklearn.metrics.mean_absolute_error', value: 19876.5, codeId: 1, line: 20 }],
      sources: [{ path: script, sha256: 'cd'.repeat(32), size: 5, content: Buffer.from('x = 1') }],
      environment: {
        distributions: [{ name: 'pandas', version: '2.2.0' }],
        variables: [{ name: 'LANG', value: 'C.UTF-8' }, { name: 'AWS_SECRET_ACCESS_KEY', value: 'hunter2-secret-value' }, { name: 'GITHUB_TOKEN', value: 'hunter2-secret-value', redacted: false }],
        git: { commit: 'deadbeef', dirty: true, branch: 'main', root: '/repo' },
        platform: 'Linux-x86_64',
      },
    },
  }).finish();
}

test('record frames are stored, sources deduplicated, secrets never', async () => {
  const runs = [newRunId(), newRunId()];
  for (const runId of runs) {
    const agent = await FakeAgent.connect(daemon.port, daemon.token);
    agent.send(helloFrame(runId, '', '/proj/train.py'));
    agent.send(recordBatch('/proj/train.py'));
    agent.send(endFrame(2));
    await agent.until((a) => a.acked(2));
    agent.close();
  }
  const [files] = sql(daemon.home, `SELECT path, size, line FROM file_accesses WHERE run_id = '${runs[0]}'`);
  assert.deepEqual(files, { path: '/data/apartments.csv', size: 1234, line: 5 });
  const vars = sql<{ name: string; value: string | null; columns: string[]; number: number | null }>(daemon.home, `SELECT name, value, columns, number FROM variables WHERE run_id = '${runs[0]}' ORDER BY name`);
  assert.deepEqual(vars.map((v) => v.name), ['API_TOKEN', 'error', 'houses']);
  assert.deepEqual(vars[2]!.columns, ['size_m2', 'price']);
  assert.equal(vars[1]!.number, 19876.5);
  const [params] = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM hyperparameters WHERE run_id = '${runs[0]}' AND is_default`);
  assert.equal(params!.n, 1);
  const [blobs] = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM source_blobs`);
  assert.equal(blobs!.n, 1, 'same content stored once');
  const [ctx] = sql(daemon.home, `SELECT git_commit, git_dirty FROM run_context WHERE run_id = '${runs[1]}'`);
  assert.deepEqual(ctx, { git_commit: 'deadbeef', git_dirty: true });
  // No table anywhere holds the secret value.
  const tables = sql<{ table_name: string }>(daemon.home, `SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'`);
  for (const { table_name } of tables) {
    const [hit] = sql<{ n: number }>(daemon.home, `SELECT count(*) AS n FROM "${table_name}" t WHERE CAST(t AS VARCHAR) LIKE '%hunter2%'`);
    assert.equal(hit!.n, 0, `secret found in ${table_name}`);
  }
});
