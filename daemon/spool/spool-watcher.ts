/** Watches the spool folder (chokidar) and rescans periodically for partial files of dead agents. */
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log.js';
import { isWriterRunning } from './spool-files.js';
import type { SpoolIngestor } from './spool-ingest.js';

/**
 * A new spool file is ingested once the process that wrote it has exited, at most this long after it
 * appeared. An agent spools a short run in one write at its exit, a few ms before the process ends:
 * ingesting at once (~20-60 ms of daemon CPU, DuckDB's threads included) took the CPU from that exit
 * on a busy 2-core machine (docs/performance.md, "Start-up and exit", 2026-12-07).
 */
export const WRITER_EXIT_WAIT_MS = 1000;
const WRITER_POLL_MS = 4;

export class SpoolWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Files waiting for their writer's exit. */
  private readonly waiting = new Set<string>();
  private stopped = false;

  constructor(
    private readonly dir: string,
    private readonly ingestor: SpoolIngestor,
    private readonly log: Logger,
    private readonly rescanMs = 2000,
    private readonly writerWaitMs = WRITER_EXIT_WAIT_MS,
  ) {}

  /** Watches for new files; the caller runs the first scan (the backlog) when it suits it. */
  async start(): Promise<void> {
    this.watcher = watch(this.dir, { depth: 0, ignoreInitial: true, awaitWriteFinish: false });
    const onFile = (path: string): void => {
      if (path.endsWith('.spool')) void this.ingestOnceWriterExited(path);
    };
    this.watcher.on('add', onFile).on('change', onFile);
    this.watcher.on('error', (err) => this.log.warn('spool watcher error', { error: String(err) }));
    this.timer = setInterval(() => void this.ingestor.scan(), this.rescanMs);
    this.timer.unref();
  }

  private async ingestOnceWriterExited(path: string): Promise<void> {
    if (this.waiting.has(path)) return;
    this.waiting.add(path);
    try {
      const deadline = performance.now() + this.writerWaitMs;
      while (!this.stopped && isWriterRunning(path) && performance.now() < deadline) await new Promise((r) => setTimeout(r, WRITER_POLL_MS));
    } finally {
      this.waiting.delete(path);
    }
    if (!this.stopped) await this.ingestor.ingestFile(path); // else the file stays for the next start's scan
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.watcher?.close();
  }
}
