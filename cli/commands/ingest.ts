/** labtrace ingest: ingest the spool now (through the daemon, or directly when it is not running). */
import type { HomePaths } from '../../daemon/home.js';
import { Ingester } from '../../daemon/ingest/ingester.js';
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
      const ingester = new Ingester(store, createLogger({ file: home.daemonLog }));
      files = await new SpoolIngestor(home.spool, ingester, createLogger({ file: home.daemonLog })).scan();
      await ingester.close();
    } finally {
      store.close();
    }
  }
  out.write(`ingested ${files.length} spool file${files.length === 1 ? '' : 's'}\n`);
}
