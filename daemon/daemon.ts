/** The long-lived daemon: store, ingester, loopback server, spool watcher, liveness and resource monitors. */
import { statSync, unlinkSync, writeFileSync } from 'node:fs';
import { LabtraceError, errorMessage } from '../common/errors.js';
import { DEFAULT_PORT, ensureHome, ensureToken, isProcessAlive, readNumberFile, type HomePaths } from '../common/home.js';
import { Ingester } from './ingest/ingester.js';
import type { Logger } from './log.js';
import { AnalysisQueue, type CorrelatorFactory } from './runs/analysis-queue.js';
import { LivenessMonitor } from './runs/liveness.js';
import { GitStatusFollowUp } from './runs/git-status.js';
import { ResourceSampler } from './runs/resource-sampler.js';
import { DaemonServer } from './server/daemon-server.js';
import { IngestBudget } from './server/ingest-budget.js';
import { StatusCounts } from './server/status-counts.js';
import { QueryOutOfMemory, UserQueries } from './server/user-query.js';
import { isOutOfMemoryError } from './store/store-errors.js';
import { SpoolIngestor } from './spool/spool-ingest.js';
import { SpoolWatcher } from './spool/spool-watcher.js';
import { Store, poolMemory } from './store/store.js';
import { exportTables } from './store/export-tables.js';
import { IdleMemoryRelease, releaseBeforeCorrelation } from './store/idle-release.js';
import { MemoryTrace } from './store/memory-trace.js';
import { RunDeleter } from './store/run-delete.js';

/**
 * Correlations wait for this long without frames (was 300 ms: back-to-back short runs then had each
 * correlation, and a memory release before it, land in the middle of the next runs: docs/performance.md).
 */
export const CORRELATION_QUIET_MS = 1000;

export interface DaemonOptions {
  readonly home: HomePaths;
  readonly port?: number;
  readonly log: Logger;
  /** DuckDB's memory_limit for the store (see StoreOptions.memoryLimit); DuckDB's default when absent. */
  readonly memoryLimit?: string;
  /**
   * DuckDB's memory_limit while the daemon is idle after work (see IdleMemoryRelease): cached blocks
   * above it are evicted once ingest, correlation and queries have been quiet for a second. Off when absent.
   */
  readonly idleMemoryLimit?: string;
  /**
   * During a long ingest, the idle release (idleMemoryLimit) also runs between two commit groups each
   * time this many more events were committed, unless a correlation or user query runs. Off when absent.
   */
  readonly releaseEveryEvents?: number;
  /**
   * The daemon-wide bound on agent frames received and not yet acknowledged, in bytes (IngestBudget):
   * above it no agent socket is read until the queue has drained to half. DEFAULT_MAX_QUEUED_BYTES when absent.
   */
  readonly maxQueuedBytes?: number;
  /** Correlates a run after its end (analytics/correlate's runCorrelator: the daemon does not import analytics). */
  readonly correlator: CorrelatorFactory;
}

export interface RunningDaemon {
  readonly port: number;
  readonly store: Store;
  readonly ingester: Ingester;
  stop(): Promise<void>;
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { home, log } = options;
  ensureHome(home);
  const existing = readNumberFile(home.pid);
  if (existing !== undefined && existing !== process.pid && isProcessAlive(existing)) {
    throw new LabtraceError('DAEMON_ALREADY_RUNNING', `a daemon is already running (pid ${existing})`, 'labtrace daemon status');
  }
  const token = ensureToken(home);
  const store = await Store.open(home.database, { memoryLimit: options.memoryLimit });
  const started = Date.now();
  const ingester = new Ingester(store, log);
  // Long-lived side connections follow the store when it is reopened after a failed commit (reopenStore below).
  const sideConnection = await store.connectRenewable();
  const statusConnection = await store.connectRenewable();
  const counts = new StatusCounts(statusConnection);
  const userQueries = new UserQueries(() => store.connect());
  const sampler = new ResourceSampler(sideConnection, log);
  const analysisConnection = await store.connectRenewable();
  // Every release (idle, before a correlation, during a long ingest) notes the events committed by then.
  let eventsAtRelease = 0;
  const releaseStore = async (floor: string): Promise<{ checkpointed: boolean }> => {
    const events = ingester.stats.eventsCommitted;
    const released = await store.releaseMemory(floor);
    eventsAtRelease = events;
    return released;
  };
  const analysis = new AnalysisQueue(options.correlator(analysisConnection), log, {
    // A batch waits for a quiet moment of ingest (at most 10 s): a busy ingest keeps the CPU, and a burst
    // of short runs is correlated together rather than one run in the middle of the next runs' ingest.
    beforeBatch: () => ingester.whenIdle(CORRELATION_QUIET_MS, 10_000),
    // What a large ingest and the previous correlation left in DuckDB (blocks of other runs) is given
    // back before this correlation adds its own: without it each correlation's peak sat on theirs.
    // Only when needed: after small runs it cost more than it gave back (releaseBeforeCorrelation).
    // (The probe takes the queue's connection between two correlations: analyzeNow may stream on it.)
    beforeEach: async () => {
      await ingester.whenIdle(50, 10_000); // within a batch: after the commit group under way, if any
      const floor = options.idleMemoryLimit;
      if (floor && releaseBeforeCorrelation(ingester.stats.eventsCommitted - eventsAtRelease, await analysis.between(() => poolMemory(analysisConnection)))) {
        await memoryRelease.now(() => ingester.between(() => releaseStore(floor)));
      }
    },
    // Out of DuckDB's memory limit (a burst of runs correlated with the pool still full of their
    // blocks): give the memory back and try once more.
    retryAfter: async (err) => {
      const floor = options.idleMemoryLimit;
      if (!floor || !isOutOfMemoryError(err)) return false;
      await memoryRelease.now(() => ingester.between(() => releaseStore(floor)));
      return true;
    },
  });
  // Correlation tables exist before the first agent connects: no catalog change competes with ingest.
  await analysis.ensureSchema();
  const spool = new SpoolIngestor(home.spool, ingester, log);
  const idleFloor = options.idleMemoryLimit;
  const memoryRelease = new IdleMemoryRelease(
    () => ({
      activity: `${ingester.stats.transactions}/${analysis.analyzed + analysis.failed}`,
      idle: ingester.quietMs >= 1000 && analysis.queued === 0 && userQueries.running === 0,
    }),
    // Nothing else uses the store meanwhile: no correlation, no commit group; user queries go through around().
    () => analysis.between(() => ingester.between(() => releaseStore(idleFloor!))),
    log,
  );
  const deleter = new RunDeleter(() => store.connectRenewable());
  let storeReopens = 0;
  let trace: MemoryTrace | undefined;
  let server: DaemonServer | undefined;
  let port = 0;
  const budget = new IngestBudget(options.maxQueuedBytes);
  try {
    server = new DaemonServer(token, ingester, {
      status: async (): Promise<Record<string, unknown>> => {
        const { runs, running_runs, events, ...countsInfo } = await counts.read();
        return {
          pid: process.pid,
          port,
          uptime_s: Math.round((Date.now() - started) / 1000),
          connections: server!.connections.size,
          runs,
          running_runs,
          events,
          ...countsInfo,
          queries_running: userQueries.running,
          events_ingested_since_start: ingester.stats.eventsCommitted,
          frames_ingested_since_start: ingester.stats.framesCommitted,
          duplicates_skipped: ingester.stats.duplicatesSkipped,
          ingest_queued_bytes: budget.queuedBytes,
          ingest_queued_bytes_max: budget.maxQueuedBytes,
          ingest_queued_bytes_bound: budget.maxBytes,
          ingest_budget_pauses_since_start: budget.pausesSinceStart,
          spool_files_ingested: spool.filesIngested,
          spool_files_rejected: spool.filesRejected,
          memory_releases_since_start: memoryRelease.releases,
          store_reopens_since_start: storeReopens,
          runs_correlated_since_start: analysis.analyzed,
          runs_correlation_failed_since_start: analysis.failed,
          analysis_queued: analysis.queued,
          database: home.database,
          database_bytes: fileSize(home.database) + fileSize(`${home.database}.wal`),
          ...memoryFigures(),
        };
      },
      query: async (sql, limits, sink, params) => {
        const deadline = Date.now() + limits.timeoutMs;
        try {
          return await memoryRelease.around(() => userQueries.run(sql, limits, sink, params));
        } catch (err) {
          // Out of DuckDB's memory with the pool full of what ingest and correlations held: once more, after
          // a release, with no correlation beside it (nothing was answered yet: the client sees one answer).
          if (!(err instanceof QueryOutOfMemory) || err.answered || !idleFloor) throw err;
          return memoryRelease.exclusive(() =>
            analysis.between(async () => {
              const { checkpointed } = await ingester.between(() => releaseStore(idleFloor));
              log.info('query out of memory: retried after a memory release', { error: err.message, checkpointed });
              return userQueries.run(sql, { ...limits, timeoutMs: Math.max(1, deadline - Date.now()) }, sink, params);
            }),
          );
        }
      },
      ingestSpool: async () => {
        const files = await spool.scan();
        await analysis.catchUp();
        return { files };
      },
      analyzeRun: (runId) => analysis.analyzeNow(runId),
      // both wait for an idle memory release in progress (DuckDB at its idle floor would fail them)
      deleteRuns: (runIds) => memoryRelease.around(() => deleter.delete(runIds)),
      exportTables: (request, progress, signal) =>
        memoryRelease.around(async () => {
          const connection = await store.connect(); // its own: an interrupt stops the export only
          try {
            return await exportTables(connection, request, progress, signal);
          } finally {
            connection.closeSync();
          }
        }),
    }, log, budget);
    port = await server.listen(options.port ?? DEFAULT_PORT);
    const connectedRuns = (): Set<string> => new Set([...server!.connections].map((c) => c.runId).filter((r): r is string => Boolean(r)));
    const liveness = new LivenessMonitor(sideConnection, home.spool, connectedRuns, log);
    const gitStatus = new GitStatusFollowUp(sideConnection, home.gitStatus, log);
    const trimEvents = options.releaseEveryEvents ?? 0;
    if (idleFloor && trimEvents > 0) {
      // During a long ingest: a release between two commit groups every trimEvents events, unless a
      // correlation or a user query runs (they must not see the floor); correlations wait meanwhile.
      ingester.trim = {
        everyEvents: trimEvents,
        run: () => (analysis.busy ? Promise.resolve(false) : memoryRelease.now(() => analysis.between(() => releaseStore(idleFloor)))),
      };
    }
    ingester.onRunStarted = (runId, pid) => sampler.track(runId, pid);
    ingester.onRunEnded = (runId) => {
      sampler.untrack(runId);
      analysis.enqueue(runId);
    };
    const watcher = new SpoolWatcher(home.spool, spool, log);
    // Serve first: agents and the CLI can connect while a backlog of spool files is ingested.
    writeFileSync(home.port, `${port}\n`);
    writeFileSync(home.pid, `${process.pid}\n`);
    log.info('daemon started', { port, pid: process.pid, home: home.root });
    await watcher.start();
    sampler.start();
    if (idleFloor) memoryRelease.start();
    const traceMs = MemoryTrace.intervalFromEnv();
    if (traceMs) {
      const traceConnection = await store.connectRenewable();
      trace = new MemoryTrace(traceMs, {
        connection: () => traceConnection,
        extra: () => ({
          queued_frames: ingester.backlog.frames, queued_events: ingester.backlog.events, analysis_queued: analysis.queued,
          queued_bytes: budget.queuedBytes, connections_paused: budget.pausedConnections,
        }),
      }, log);
      trace.start();
    }
    void (async () => {
      try {
        await spool.scan();
        await liveness.check();
        liveness.start();
        await gitStatus.check();
        gitStatus.start();
        await analysis.catchUp();
      } catch (err) {
        log.error('start-up backlog failed', { error: errorMessage(err) });
      }
    })();

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        log.info('daemon stopping');
        liveness.stop();
        trace?.stop();
        await reopening;
        await memoryRelease.stop();
        await gitStatus.stop();
        sampler.stop();
        await watcher.stop();
        await server!.close();
        await ingester.close();
        await analysis.idle();
        analysisConnection.closeSync();
        sideConnection.closeSync();
        await userQueries.idle();
        await deleter.close();
        await counts.idle();
        statusConnection.closeSync();
        store.close();
        for (const file of [home.port, home.pid]) {
          if (readNumberFile(home.pid) === process.pid || file === home.port) safeUnlink(file);
        }
        log.info('daemon stopped', { ...ingester.stats });
      })();
      return stopping;
    };
    // A COMMIT DuckDB failed on its own locks its runs until the instance is closed (see Ingester.commitGroup):
    // the store is reopened at once, with nothing else using it, and the spool files of those runs stored.
    let reopening: Promise<void> | undefined;
    ingester.onStoreLocked = () => {
      reopening ??= (async () => {
        log.warn('reopening the store: a failed commit locked runs');
        await memoryRelease.exclusive(() =>
          analysis.between(() =>
            ingester.reopenStore(async () => {
              await counts.idle();
              await store.reopen();
            }),
          ),
        );
        storeReopens++;
        await spool.scan();
      })()
        .catch((err: unknown) => {
          // The store could not be opened again: agents keep their frames (spooled) for the next daemon.
          log.error('store reopen failed: the daemon stops', { error: errorMessage(err) });
          void stop().finally(() => process.exit(1));
        })
        .finally(() => {
          reopening = undefined;
        });
    };
    return { port, store, ingester, stop };
  } catch (err) {
    log.error('daemon failed to start', { error: errorMessage(err) });
    await server?.close().catch(() => undefined);
    store.close();
    throw err;
  }
}

/** The daemon's memory as node sees it: RSS and the JS heap (the rest is native: DuckDB, malloc, the binaries). */
function memoryFigures(): Record<string, number> {
  const m = process.memoryUsage();
  return { rss_bytes: m.rss, js_heap_total_bytes: m.heapTotal, js_heap_used_bytes: m.heapUsed, js_external_bytes: m.external };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}
