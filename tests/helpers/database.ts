import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { wrapPglite, wrapPool, type DatabaseHandle } from '../../src/storage/client.js';
import { withDatabase } from './global-setup.js';

let templateBlob: Blob | undefined;
let counter = 0;

/** Which engine the storage tests run on this time: PostgreSQL when TEST_DATABASE_URL was set. */
export const testEngine: 'postgres' | 'pglite' = inject('postgresUrl') ? 'postgres' : 'pglite';

/**
 * A clean, migrated database of its own for one test: on PostgreSQL when the run was given
 * TEST_DATABASE_URL, else an in-memory PGlite loaded from the migrated template.
 */
export async function createTestDatabase(options: { engine?: 'pglite' } = {}): Promise<DatabaseHandle> {
  const url = inject('postgresUrl');
  const template = inject('postgresTemplate');
  if (url && template && options.engine !== 'pglite') return createPostgresDatabase(url, template);
  templateBlob ??= new Blob([await readFile(inject('pgliteTemplatePath'))]);
  const client = new PGlite({ loadDataDir: templateBlob });
  await client.waitReady;
  return wrapPglite(client);
}

async function createPostgresDatabase(url: string, template: string): Promise<DatabaseHandle> {
  counter += 1;
  const name = `chibo_test_${process.pid}_${counter}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: withDatabase(url, name), max: 4 });
  const handle = wrapPool(pool);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`).finally(() => dropper.end());
    },
  };
}

/**
 * An empty PostgreSQL database (no migrations) and its URL, when the run has TEST_DATABASE_URL:
 * for tests that start the whole service against a real server the way an operator would.
 */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const url = inject('postgresUrl');
  if (!url) return null;
  counter += 1;
  const name = `chibo_empty_${process.pid}_${counter}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`).finally(() => dropper.end());
    },
  };
}
