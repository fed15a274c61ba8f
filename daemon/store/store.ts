/** The DuckDB file: schema, one writer transaction at a time, read queries for the CLI. */
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { LabtraceError, errorMessage } from '../../common/errors.js';
import { SCHEMA_DDL, SCHEMA_VERSION } from './schema.js';
import { EventAppender } from './event-appender.js';

export interface QueryResult {
  readonly columns: string[];
  readonly rows: unknown[][];
}

export interface StoreOptions {
  readonly readOnly?: boolean;
  /**
   * DuckDB's memory_limit (e.g. '64MB'): above it DuckDB evicts cached table blocks and spills
   * operators to disk. Its default, 80% of RAM, lets every block the daemon wrote or read stay cached.
   */
  readonly memoryLimit?: string;
}

export class Store {
  /** Every connection of the current instance still open (the writer, retired writers, side connections). */
  private readonly open = new Set<DuckDBConnection>();
  /** Side connections handed out by connectRenewable, each re-created on the new instance at reopen. */
  private readonly renewables = new Set<{ current: DuckDBConnection }>();
  /** Calls in progress on renewable connections: reopen waits for them. */
  private readonly calls = new Set<Promise<unknown>>();
  private reopening: Promise<void> | undefined;
  private commitFailed = false;

  private constructor(
    readonly path: string,
    private instance: DuckDBInstance,
    private writer: DuckDBConnection,
    readonly readOnly: boolean,
    private readonly memoryLimit: string | undefined,
    private readonly config: Record<string, string>,
  ) {
    this.track(writer);
  }

  /** The writer connection (the ingest transactions); recoverWriter and reopen replace it. */
  get connection(): DuckDBConnection {
    return this.writer;
  }

  /**
   * True once a COMMIT failed in DuckDB itself: its transaction stays registered until the instance is
   * closed (its rows and keys locked), and only reopen() frees them.
   */
  get needsReopen(): boolean {
    return this.commitFailed;
  }

  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    const instance = await openInstance(path, config);
    const connection = await instance.connect();
    const store = new Store(path, instance, connection, options.readOnly === true, options.memoryLimit, config);
    if (!store.readOnly) await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    for (const ddl of SCHEMA_DDL) await this.connection.run(ddl);
    const current = await this.connection.runAndReadAll('SELECT max(version) FROM schema_info');
    if (current.getRows()[0]?.[0] == null) await this.connection.run(`INSERT INTO schema_info VALUES (${SCHEMA_VERSION})`);
  }

  /**
   * Runs `work` inside one transaction; rolls back if it throws.
   *
   * A COMMIT that fails in DuckDB (1.5.6) itself (out of memory, a block it could not pin) has already
   * merged some of its tables' rows into the tables (which ones depends on the order DuckDB visits
   * them) before it failed; the transaction stays registered, and the checkpoint DuckDB runs when the
   * instance is closed writes those rows as if committed: a run's batches rows came back without its
   * event_log rows. So from then on this instance is closed without that checkpoint: the next open
   * replays the WAL, which holds committed transactions only.
   */
  async transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    let result: T;
    try {
      result = await work(c);
    } catch (err) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    try {
      await c.run('COMMIT');
    } catch (err) {
      await c.run('ROLLBACK').catch(() => undefined); // a failed COMMIT has rolled back already, as far as it can
      await this.noCheckpointOnClose();
      throw err;
    }
    return result;
  }

  private async noCheckpointOnClose(): Promise<void> {
    this.commitFailed = true;
    try {
      await this.writer.run('PRAGMA disable_checkpoint_on_shutdown');
    } catch {
      const side = await this.connect().catch(() => undefined);
      try {
        await side?.run('PRAGMA disable_checkpoint_on_shutdown');
      } catch {
        /* best effort: nothing else can keep the close from checkpointing */
      } finally {
        side?.closeSync();
      }
    }
  }

  /** An event_log appender on the writer connection, for many batches of one transaction. */
  openEventAppender(): Promise<EventAppender> {
    return EventAppender.open(this.connection);
  }

  async query(sql: string, params?: DuckDBValue[], connection: DuckDBConnection = this.connection): Promise<QueryResult> {
    return runQuery(connection, sql, params);
  }

  /**
   * Gives back the memory DuckDB keeps only for speed, on a quiet store: a CHECKPOINT (the WAL's table
   * data, held in memory, becomes blocks that can be evicted; skipped when a transaction is open), then
   * memory_limit lowered to `floor` and set back, which evicts cached blocks down to `floor`. With
   * jemalloc's decay at 0 (see cli/commands/daemon.ts) their pages go back to the system at once.
   * Nothing else may use the store meanwhile: a query would run under `floor`.
   */
  async releaseMemory(floor: string): Promise<{ checkpointed: boolean }> {
    let checkpointed = true;
    try {
      await this.connection.run('CHECKPOINT');
    } catch {
      checkpointed = false; // another transaction is open: its data stays in memory until the next release
    }
    try {
      await this.connection.run(`SET memory_limit = '${floor.replace(/'/g, '')}'`);
    } catch {
      /* more than `floor` is pinned (in use): nothing was evicted below what is in use */
    } finally {
      await this.connection.run(this.memoryLimit ? `SET memory_limit = '${this.memoryLimit.replace(/'/g, '')}'` : 'RESET memory_limit');
    }
    return { checkpointed };
  }

  /**
   * After a commit the store failed on its own (out of memory, a block it could not pin): a CHECKPOINT
   * (the WAL's table data, held in memory, becomes blocks that can be evicted) and, with `fresh`, a new
   * writer connection (nothing of the failed transaction's connection state is reused). Best effort.
   */
  async recoverWriter(fresh: boolean): Promise<void> {
    await this.writer.run('ROLLBACK').catch(() => undefined);
    if (fresh) this.writer = this.track(await this.instance.connect()); // the old one is closed with the instance
    await this.writer.run('CHECKPOINT').catch(() => undefined);
  }

  /**
   * Closes the DuckDB instance and opens the file again: the only way DuckDB (1.5.6) lets go of a failed
   * commit's transaction. Waits for the calls in progress on renewable connections (new ones wait for
   * the reopen), closes every connection of the old instance (a connection left open would keep it
   * alive next to the new one), then gives the writer and every renewable connection a connection of
   * the new instance. The caller keeps the writer and the plain connections unused meanwhile.
   */
  reopen(): Promise<void> {
    this.reopening ??= this.reopenNow().finally(() => {
      this.reopening = undefined;
    });
    return this.reopening;
  }

  private async reopenNow(): Promise<void> {
    while (this.calls.size > 0) await Promise.allSettled([...this.calls]);
    this.closeInstance();
    this.instance = await openInstance(this.path, this.config);
    this.commitFailed = false;
    this.writer = this.track(await this.instance.connect());
    for (const slot of this.renewables) slot.current = this.track(await this.instance.connect());
  }

  /**
   * A second connection of the same database, for work that must not join the ingest transaction.
   * A reopen closes it (the caller keeps such work out of one: see daemon.ts).
   */
  async connect(): Promise<DuckDBConnection> {
    while (this.reopening) await this.reopening.catch(() => undefined);
    const connecting = this.instance.connect();
    this.calls.add(connecting); // a reopen waits for it, then closes it with the instance
    try {
      return this.track(await connecting);
    } finally {
      this.calls.delete(connecting);
    }
  }

  /**
   * A long-lived side connection that follows reopen(): each call goes to the current instance's
   * connection (calls made during a reopen wait for it). Not for streaming results or transactions
   * that span a reopen: the caller keeps those out of one.
   */
  async connectRenewable(): Promise<DuckDBConnection> {
    const slot = { current: await this.connect() };
    this.renewables.add(slot);
    const close = (): void => {
      this.renewables.delete(slot);
      slot.current.closeSync();
    };
    return new Proxy(slot.current, {
      get: (_target, prop) => {
        if (prop === 'closeSync' || prop === 'disconnectSync') return close;
        const value: unknown = Reflect.get(slot.current, prop);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => this.call(() => (Reflect.get(slot.current, prop) as (...a: unknown[]) => unknown).apply(slot.current, args));
      },
    });
  }

  private call(fn: () => unknown): unknown {
    if (this.reopening) {
      const again = (): unknown => this.call(fn);
      return this.reopening.then(again, again);
    }
    const result = fn();
    if (result instanceof Promise) {
      this.calls.add(result);
      const done = (): void => void this.calls.delete(result);
      result.then(done, done);
    }
    return result;
  }

  private track(c: DuckDBConnection): DuckDBConnection {
    this.open.add(c);
    const disconnect = c.disconnectSync.bind(c);
    c.disconnectSync = (): void => {
      if (this.open.delete(c)) disconnect();
    };
    return c;
  }

  private closeInstance(): void {
    for (const c of [...this.open]) c.disconnectSync();
    this.instance.closeSync();
  }

  close(): void {
    this.renewables.clear();
    this.closeInstance();
  }
}

async function openInstance(path: string, config: Record<string, string>): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(path, config);
  } catch (err) {
    const msg = errorMessage(err);
    if (/lock/i.test(msg)) {
      throw new LabtraceError('STORE_LOCKED', `the store ${path} is in use by another process`, 'ask the running daemon instead (labtrace daemon status)', { cause: err });
    }
    throw err;
  }
}

/** Appends rows through DuckDB's appender on `connection` (inside whatever transaction it has open). */
export async function appendRows(connection: DuckDBConnection, table: string, rows: readonly (readonly DuckDBValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender(table);
  try {
    for (const row of rows) {
      for (const value of row) appendValue(appender, value);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** DuckDB's buffer pool: bytes in use (duckdb_memory(), every tag) and its memory_limit. */
export async function poolMemory(connection: DuckDBConnection): Promise<{ usedBytes: number; limitBytes: number }> {
  const reader = await connection.runAndReadAll(`SELECT (SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()), current_setting('memory_limit')`);
  const [used, limit] = reader.getRows()[0] ?? [0, ''];
  return { usedBytes: Number(used), limitBytes: parseByteSize(String(limit)) };
}

const UNITS: Record<string, number> = { b: 1, bytes: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** DuckDB's rendering of a size ('45.7 MiB', '18.8 GiB', '512 bytes') in bytes; Infinity when unreadable. */
export function parseByteSize(text: string): number {
  const m = /^\s*([\d.]+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[(m?.[2] || 'b').toLowerCase()];
  return m && unit ? Number(m[1]) * unit : Infinity;
}

export async function runQuery(connection: DuckDBConnection, sql: string, params?: DuckDBValue[]): Promise<QueryResult> {
  try {
    const reader = params ? await connection.runAndReadAll(sql, params) : await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJS() as unknown[][] };
  } catch (err) {
    throw new LabtraceError('BAD_SQL', errorMessage(err), undefined, { cause: err });
  }
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function appendValue(appender: Appender, value: DuckDBValue): void {
  if (value === null || value === undefined) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (typeof value === 'bigint') appender.appendBigInt(value);
  else if (typeof value === 'number') {
    if (Number.isInteger(value)) appender.appendBigInt(BigInt(value));
    else appender.appendDouble(value);
  } else appender.appendValue(value);
}
