import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { AppError } from '../core/errors.js';
import { queryRows, type DatabaseHandle } from './client.js';

/** Where the committed drizzle-kit migrations are, the same files for PGlite and PostgreSQL. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Arbitrary but fixed: two instances starting at once take turns to migrate. */
const MIGRATION_LOCK_KEY = 7_310_052;

export interface MigrationOutcome {
  /** Migrations in the folder. */
  known: number;
  /** Applied by this call (0 when the schema was already up to date). */
  applied: number;
}

/** A migration failed; the database is left as the failed migration's transaction found it. */
export class MigrationError extends AppError {
  override readonly name = 'MigrationError';
  constructor(cause: unknown) {
    super('MIGRATION_FAILED', 'Applying the database migrations failed', { cause });
  }
}

/**
 * Brings the schema up to date. Safe to run again (it applies nothing new) and safe to run from
 * two instances at once on PostgreSQL (an advisory lock serialises them).
 */
export async function runMigrations(handle: DatabaseHandle): Promise<MigrationOutcome> {
  const journal = await readJournal();
  const known = journal.length;
  try {
    // The usual case, every start of the service and every CLI command: nothing to apply. One
    // query says so (the applied count and the latest applied migration's time equal the
    // journal's), instead of drizzle's schema, table and lock statements and reading every file.
    if (await isUpToDate(handle, journal)) return { known, applied: 0 };
    if (handle.engine === 'pglite') {
      const before = await countApplied(handle);
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
      return { known, applied: (await countApplied(handle)) - before };
    }
    const pool = handle.pool;
    if (!pool) throw new Error('PostgreSQL handle without a pool');
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const before = await countApplied(handle);
      await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS_DIR });
      return { known, applied: (await countApplied(handle)) - before };
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  } catch (error) {
    throw new MigrationError(error);
  }
}

async function readJournal(): Promise<{ when: number }[]> {
  const journal = JSON.parse(await readFile(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number }[];
  };
  return journal.entries;
}

/** Drizzle applies what is newer than the latest applied `created_at`; so nothing is due when that is the journal's last `when`. */
async function isUpToDate(handle: DatabaseHandle, journal: readonly { when: number }[]): Promise<boolean> {
  const last = journal.at(-1);
  if (!last) return true;
  const [row] = await queryRows<{ count: number; latest: string | null }>(
    handle.db,
    sql`select count(*)::int as count, max(created_at)::text as latest from drizzle.__drizzle_migrations`,
  ).catch(() => []); // no such table yet: a new database

  return row !== undefined && row.count === journal.length && Number(row.latest) === last.when;
}

async function countApplied(handle: DatabaseHandle): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    handle.db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [row] = await queryRows<{ count: number }>(
    handle.db,
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return row?.count ?? 0;
}
