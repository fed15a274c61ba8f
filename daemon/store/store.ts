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
  /** Connections given up by renewConnection, closed with the store (a caller may still hold one). */
  private readonly retired: DuckDBConnection[] = [];

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private writer: DuckDBConnection,
    readonly readOnly: boolean,
    private readonly memoryLimit: string | undefined,
  ) {}

  /** The writer connection (the ingest transactions); renewConnection replaces it. */
  get connection(): DuckDBConnection {
    return this.writer;
  }

  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    let instance: DuckDBInstance;
    try {
      const config: Record<string, string> = {};
      if (options.readOnly) config.access_mode = 'READ_ONLY';
      if (options.memoryLimit) config.memory_limit = options.memoryLimit;
      instance = await DuckDBInstance.create(path, config);
    } catch (err) {
      const msg = errorMessage(err);
      if (/lock/i.test(msg)) {
        throw new LabtraceError('STORE_LOCKED', `the store ${path} is in use by another process`, 'ask the running daemon instead (labtrace daemon status)', { cause: err });
      }
      throw err;
    }
    const connection = await instance.connect();
    const store = new Store(path, instance, connection, options.readOnly === true, options.memoryLimit);
    if (!store.readOnly) await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    for (const ddl of SCHEMA_DDL) await this.connection.run(ddl);
    const current = await this.connection.runAndReadAll('SELECT max(version) FROM schema_info');
    if (current.getRows()[0]?.[0] == null) await this.connection.run(`INSERT INTO schema_info VALUES (${SCHEMA_VERSION})`);
  }

  /** Runs `work` inside one transaction; rolls back if it throws. */
  async transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      const result = await work(c);
      await c.run('COMMIT');
      return result;
    } catch (err) {
      await c.run('ROLLBACK').catch(() => undefined); // a failed COMMIT has rolled back already
      throw err;
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
    if (fresh) {
      this.retired.push(this.writer);
      this.writer = await this.instance.connect();
    }
    await this.writer.run('CHECKPOINT').catch(() => undefined);
  }

  /** A second connection of the same database, for work that must not join the ingest transaction. */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  close(): void {
    for (const c of this.retired) c.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
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
