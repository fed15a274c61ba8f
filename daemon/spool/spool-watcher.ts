/** Watches the spool folder (chokidar) and rescans periodically for partial files of dead agents. */
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log.js';
import type { SpoolIngestor } from './spool-ingest.js';

export class SpoolWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly dir: string, private readonly ingestor: SpoolIngestor, private readonly log: Logger, private readonly rescanMs = 2000) {}

  /** Watches for new files; the caller runs the first scan (the backlog) when it suits it. */
  async start(): Promise<void> {
    this.watcher = watch(this.dir, { depth: 0, ignoreInitial: true, awaitWriteFinish: false });
    const onFile = (path: string): void => {
      if (path.endsWith('.spool')) void this.ingestor.ingestFile(path);
    };
    this.watcher.on('add', onFile).on('change', onFile);
    this.watcher.on('error', (err) => this.log.warn('spool watcher error', { error: String(err) }));
    this.timer = setInterval(() => void this.ingestor.scan(), this.rescanMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.watcher?.close();
  }
}
