/** labtrace ingest: ingest the spool now (through the daemon, or directly when it is not running). */
import type { HomePaths } from '../../common/home.js';
import { Ingester } from '../../daemon/ingest/ingester.js';
import { AnalysisQueue } from '../../daemon/runs/analysis-queue.js';
import { runCorrelator } from '../../analytics/correlate/run-correlator.js';
import { createLogger } from '../../daemon/log.js';
import { SpoolIngestor } from '../../daemon/spool/spool-ingest.js';
import { Store } from '../../daemon/store/store.js';
import { DaemonClient } from '../daemon-client.js';

export async function ingestCommand(home: HomePaths, out: NodeJS.WritableStream): Promise<void> {
  const client = await DaemonClient.find(home);
  let files: unknown[];
  if (client) {
    files = ((await client.ingestSpool()).files as unknown[]) ?? [];
  } else {
    const store = await Store.open(home.database);
    try {
      const log = createLogger({ file: home.daemonLog });
      const ingester = new Ingester(store, log);
      files = await new SpoolIngestor(home.spool, ingester, log).scan();
      await ingester.close();
      const analysis = new AnalysisQueue(runCorrelator(store.connection), log);
      await analysis.catchUp();
      await analysis.idle();
    } finally {
      store.close();
    }
  }
  out.write(`ingested ${files.length} spool file${files.length === 1 ? '' : 's'}\n`);
}
