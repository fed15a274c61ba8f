/**
 * `labtrace show` reports the experiment record's own CPU under "tracing cost" (issue 10): within its
 * budget, or spent, with what the agent dropped past it (summaries reduced to type and size, file scans).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunRecord } from './run-record.js';
import { renderRunRecord } from './render-record.js';

function record(overhead: RunRecord['overhead']): RunRecord {
  return {
    run: { run_id: 'r1', script: '/p/train.py', status: 'ok', exit_code: 0 },
    analysis: { status: 'ok', message: null },
    phases: [], timeline: [], slowest_statements: [], data: [], datasets: [], parameters: [], metrics: [],
    environment: { distributions: [], variables: [], git: null },
    sources: [], overhead, cells: [],
  };
}

const recordLine = (text: string): string => text.split('\n').find((l) => l.startsWith('  record '))!;

test('a record past its CPU budget says what was dropped', () => {
  const line = recordLine(renderRunRecord(record({ agent_cpu_ms: 40, record_ms: 21.5, record_reduced: 7 })));
  assert.equal(line, "  record    21.5 ms of it at statement ends (variable summaries, file scans), CPU budget spent: "
    + "7 values recorded by type and size only (no fingerprint, value, dtype or columns) or statements' file scans skipped");
});

test('a record within its budget says so', () => {
  const line = recordLine(renderRunRecord(record({ agent_cpu_ms: 40, record_ms: 3.2, record_reduced: 0 })));
  assert.equal(line, '  record    3.2 ms of it at statement ends (variable summaries, file scans), within its budget');
});
