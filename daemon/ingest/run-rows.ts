/** The runs rows a run's hello and RunEnd describe (protocol messages to store rows, as batch-rows.ts does for batches). */
import { num, type Hello, type RunEnd } from '../protocol/messages.js';
import type { NewRun, RunEnding } from '../store/run-writes.js';

function nsToIso(ns: number): string | null {
  return ns > 0 ? new Date(ns / 1e6).toISOString() : null;
}

/** The runs row a hello describes. */
export function newRun(hello: Hello): NewRun {
  const r = hello.run ?? {};
  return {
    runId: hello.runId!, parentRunId: hello.parentRunId || null, parentCell: hello.parentRunId && hello.parentCell ? hello.parentCell : null, script: r.script || null, scriptSha256: r.scriptSha256 || null,
    cwd: r.cwd || null, pid: r.pid ?? 0, ppid: r.ppid ?? 0, hostname: r.hostname || null, os: r.os || null, cpuModel: r.cpuModel || null,
    cpuCount: r.cpuCount ?? 0, memoryBytes: BigInt(num(r.memoryBytes)), pythonVersion: r.pythonVersion || null,
    pythonImplementation: r.pythonImplementation || null, executable: r.executable || null, backend: r.backend || null,
    backendReason: r.backendReason || null, projectRoot: r.projectRoot || null, agentVersion: hello.agentVersion || null,
    monotonicOriginNs: BigInt(num(r.monotonicOriginNs)), startedAt: nsToIso(num(r.startTimeNs)), argv: r.argv ?? [],
  };
}

/** The runs columns a RunEnd sets: a non-zero exit code or an uncaught exception make the run failed. */
export function runEnding(end: RunEnd): RunEnding {
  const exitCode = end.exitCode ?? 0;
  return {
    endedAt: nsToIso(num(end.endTimeNs)), exitCode, endReason: end.endReason || null, exceptionType: end.exceptionType || null,
    exceptionMessage: end.exceptionMessage || null, eventsRecorded: BigInt(num(end.eventsRecorded)), eventsDropped: BigInt(num(end.eventsDropped)),
    batchesSpooled: BigInt(num(end.batchesSpooled)), agentCpuNs: BigInt(num(end.agentCpuNs)),
    recordNs: BigInt(num(end.recordNs)), recordReduced: BigInt(num(end.recordReduced)),
    status: exitCode !== 0 || Boolean(end.exceptionType) ? 'failed' : 'ok',
  };
}
