/** Ingests spool files written while the daemon was unreachable; deletes each only after its commit. */
import { mkdir, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LabtraceError, errorMessage } from '../../common/errors.js';
import type { Ingester } from '../ingest/ingester.js';
import { isTransientStoreError } from '../store/store-errors.js';
import type { Logger } from '../log.js';
import { splitDelimited } from '../protocol/delimited.js';
import { MAX_FRAME_BYTES, decodeAgentMessage } from '../protocol/messages.js';
import { isReadyForIngest, parseSpoolName } from './spool-files.js';

export interface SpoolIngestResult {
  readonly file: string;
  readonly frames: number;
  readonly stored: number;
  readonly duplicates: number;
}

export class SpoolIngestor {
  private readonly inProgress = new Set<string>();
  filesIngested = 0;
  filesRejected = 0;

  constructor(private readonly dir: string, private readonly ingester: Ingester, private readonly log: Logger) {}

  /** Ingests every file in the spool folder that is ready. */
  async scan(): Promise<SpoolIngestResult[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const results: SpoolIngestResult[] = [];
    for (const name of names.sort()) {
      const result = await this.ingestFile(join(this.dir, name));
      if (result) results.push(result);
    }
    return results;
  }

  /** Returns undefined when the file is not (yet) a spool file to ingest or is being ingested already. */
  async ingestFile(path: string): Promise<SpoolIngestResult | undefined> {
    if (!isReadyForIngest(path) || this.inProgress.has(path)) return undefined;
    this.inProgress.add(path);
    try {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(path);
      } catch {
        return undefined; // gone already (another scan ingested it)
      }
      const result = await this.ingestBytes(path, bytes);
      await unlink(path).catch(() => undefined);
      this.filesIngested++;
      this.log.info('spool file ingested', { ...result });
      return result;
    } catch (err) {
      if (isTransientStoreError(err)) {
        // The store's trouble, not the file's: it stays where it is for the next scan.
        this.log.warn('spool file kept for the next scan: the store could not commit it', { file: path, error: errorMessage(err) });
        return undefined;
      }
      this.filesRejected++;
      await this.quarantine(path, err);
      return undefined;
    } finally {
      this.inProgress.delete(path);
    }
  }

  private async ingestBytes(path: string, bytes: Uint8Array): Promise<SpoolIngestResult> {
    const { records, truncatedAt } = splitDelimited(bytes, MAX_FRAME_BYTES);
    if (truncatedAt !== undefined) this.log.warn('spool file ends in a partial record (writer died mid-write)', { file: path, at: truncatedAt });
    if (records.length === 0) return { file: path, frames: 0, stored: 0, duplicates: 0 };
    const messages = records.map((r) => decodeAgentMessage(r.bytes));
    const hello = messages[0]!;
    if (hello.body !== 'hello') throw new LabtraceError('SPOOL_CORRUPT', 'spool file does not start with a hello');
    const runId = hello.hello!.runId!;
    const expected = parseSpoolName(path)?.runId;
    if (expected && expected !== runId) throw new LabtraceError('SPOOL_CORRUPT', `spool file named for run ${expected} holds run ${runId}`);
    const outcomes = await Promise.all(messages.map((m) => this.ingester.submit(m, runId, 'spool')));
    const stored = outcomes.slice(1).filter((o) => o.stored).length;
    return { file: path, frames: messages.length, stored, duplicates: messages.length - 1 - stored };
  }

  /** A file that cannot be ingested is kept aside, never deleted, so nothing is lost silently. */
  private async quarantine(path: string, err: unknown): Promise<void> {
    const rejected = join(this.dir, 'rejected');
    this.log.error('spool file rejected', { file: path, error: errorMessage(err), moved_to: rejected });
    try {
      await mkdir(rejected, { recursive: true, mode: 0o700 });
      await rename(path, join(rejected, path.split('/').pop()!));
    } catch (moveErr) {
      this.log.error('could not move rejected spool file', { file: path, error: errorMessage(moveErr) });
    }
  }
}
