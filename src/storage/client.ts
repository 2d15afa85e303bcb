import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config.js';
import { AppError } from '../core/errors.js';
import { DataDirBusyError, lockDataDir, type DataDirLock } from './data-dir-lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;

/** The database as queries see it, whichever engine is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle; queries take `Db` so they run inside or outside one. */
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Db = Database | Transaction;

/** An open database with its engine, for the parts that must know (migration locks, shutdown). */
export interface DatabaseHandle {
  db: Database;
  /**
   * The same database for writes whose loss in a crash is harmless (delivery records): on
   * PostgreSQL their commits do not wait for the disk. Never use it for an acknowledged answer.
   */
  relaxed: Database;
  engine: 'pglite' | 'postgres';
  /** Cheap round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Only for PostgreSQL: the pool, for a dedicated connection (migration lock). */
  pool?: pg.Pool;
  /** Only for PGlite: the embedded instance. */
  pglite?: PGlite;
}

/** The database is unreachable or refused to open; a retry may help once it is back. */
export class DatabaseUnavailableError extends AppError {
  override readonly name = 'DatabaseUnavailableError';
  constructor(message: string, cause: unknown, context: Record<string, unknown> = {}) {
    super('DATABASE_UNAVAILABLE', message, { cause, context, retryable: true });
  }
}

const drizzleOptions = { schema, casing: 'snake_case' } as const;

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, otherwise an
 * embedded PGlite in DATA_DIR, so a first run needs nothing installed.
 */
export async function openDatabase(
  config: Config['database'],
  options: { onIdleClientError?: (error: Error) => void; holder?: string } = {},
): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 10_000 });
    const relaxedPool = new pg.Pool({ connectionString: config.url, max: 2, connectionTimeoutMillis: 10_000, options: '-c synchronous_commit=off' });
    const handle = wrapPool(pool, options.onIdleClientError, relaxedPool);
    try {
      await handle.ping();
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new DatabaseUnavailableError(`Cannot connect to PostgreSQL at ${redactUrl(config.url)}`, error);
    }
    return handle;
  }
  let lock: DataDirLock | undefined;
  try {
    await mkdir(config.dataDir, { recursive: true });
    // Only one process may have the files open: a second one corrupts them.
    lock = await lockDataDir(config.dataDir, options.holder ?? processName());
    const client = new PGlite(config.dataDir);
    await client.waitReady;
    return wrapPglite(client, lock.release);
  } catch (error) {
    await lock?.release();
    if (error instanceof DataDirBusyError) throw error;
    throw new DatabaseUnavailableError(`Cannot open the embedded database in ${config.dataDir}`, error, {
      dataDir: config.dataDir,
    });
  }
}

function processName(): string {
  return process.argv.slice(1).join(' ').slice(0, 200);
}

/** Wraps an embedded PGlite instance (tests make them from a migrated template); `afterClose` releases what opening it took. */
export function wrapPglite(client: PGlite, afterClose: () => Promise<void> = async () => undefined): DatabaseHandle {
  const db = drizzlePglite({ client, ...drizzleOptions }) as unknown as Database;
  return {
    db,
    relaxed: db,
    engine: 'pglite',
    pglite: client,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        await afterClose();
      }
    },
  };
}

/**
 * Wraps a node-postgres pool. An idle connection that the server closes (a restart, an
 * administrator) is reported to `onIdleClientError` instead of crashing the process; the pool
 * replaces it on the next query.
 */
export function wrapPool(
  pool: pg.Pool,
  onIdleClientError: (error: Error) => void = () => undefined,
  relaxedPool?: pg.Pool,
): DatabaseHandle {
  pool.on('error', onIdleClientError);
  relaxedPool?.on('error', onIdleClientError);
  const db = drizzlePg({ client: pool, ...drizzleOptions }) as unknown as Database;
  const relaxed = relaxedPool ? (drizzlePg({ client: relaxedPool, ...drizzleOptions }) as unknown as Database) : db;
  let closed = false;
  return {
    db,
    relaxed,
    engine: 'postgres',
    pool,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([pool.end(), relaxedPool?.end()]);
    },
  };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A statement on a hot path: its name and its text with `$1`-style parameters. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * Runs a hot-path statement by name. On PostgreSQL each pooled connection parses and plans it
 * once and then only binds values (a named prepared statement), which saves the server a parse
 * and a plan per call and the service the query building; PGlite runs it as plain SQL. The
 * values are passed as they are: JSON must already be a string.
 */
export async function queryPrepared<T>(db: Database, statement: PreparedStatement, values: readonly unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof pg.Pool) {
    return (await client.query({ name: statement.name, text: statement.text, values: [...values] })).rows as T[];
  }
  if (client instanceof PGlite) return (await client.query<T>(statement.text, [...values])).rows;
  throw new TypeError('queryPrepared needs a database opened by openDatabase, wrapPool or wrapPglite');
}

/** Hides the password in a connection string before it reaches a log line. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}
