/**
 * labtrace ingest: ingest the spool now (through the daemon, or directly when it is not running). On a
 * terminal, stderr shows a progress line meanwhile: the file being ingested, or the seconds the daemon
 * has been at it.
 */
import type { HomePaths } from '../../common/home.js';
import { Ingester } from '../../daemon/ingest/ingester.js';
import { AnalysisQueue } from '../../daemon/runs/analysis-queue.js';
import { runCorrelator } from '../../analytics/correlate/run-correlator.js';
import { createLogger } from '../../daemon/log.js';
import { SpoolIngestor } from '../../daemon/spool/spool-ingest.js';
import { Store } from '../../daemon/store/store.js';
import { DaemonClient } from '../daemon-client.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { progressLine, ticking, type ProgressStream } from '../../common/progress.js';

export async function ingestCommand(home: HomePaths, out: NodeJS.WritableStream, err: ProgressStream = process.stderr): Promise<void> {
  const client = await DaemonClient.find(home);
  let files: unknown[];
  if (client) {
    const waiting = ticking(progressLine(err), 'the daemon is ingesting the spool...');
    try {
      files = ((await client.ingestSpool()).files as unknown[]) ?? [];
    } finally {
      waiting.stop();
    }
  } else {
    const store = await Store.open(home.database);
    try {
      const log = createLogger({ file: home.daemonLog });
      const ingester = new Ingester(store, log);
      files = await ingestEach(new SpoolIngestor(home.spool, ingester, log), home.spool, progressLine(err));
      await ingester.close();
      const analysis = new AnalysisQueue(runCorrelator(store.connection), log);
      const correlating = ticking(progressLine(err), 'analysing the ingested runs...');
      try {
        await analysis.catchUp();
        await analysis.idle();
      } finally {
        correlating.stop();
      }
    } finally {
      store.close();
    }
  }
  out.write(`ingested ${files.length} spool file${files.length === 1 ? '' : 's'}\n`);
}

/** What SpoolIngestor.scan does, a file at a time, with `ingesting spool file 3/40` on the progress line. */
async function ingestEach(spool: SpoolIngestor, dir: string, progress: ReturnType<typeof progressLine>): Promise<unknown[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const results: unknown[] = [];
  try {
    for (const [i, name] of names.entries()) {
      progress.update(`ingesting spool file ${i + 1}/${names.length} ${name}`);
      const result = await spool.ingestFile(join(dir, name));
      if (result) results.push(result);
    }
  } finally {
    progress.clear();
  }
  return results;
}
