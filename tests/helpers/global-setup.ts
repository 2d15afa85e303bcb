import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { wrapPglite, wrapPool } from '../../src/storage/client.js';
import { runMigrations } from '../../src/storage/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresUrl: string | null;
    postgresTemplate: string | null;
  }
}

/**
 * Migrates a template database once per run, so each test can start from a clean, migrated copy
 * in a fraction of a second: a PGlite data-dir dump, and with TEST_DATABASE_URL a PostgreSQL
 * template database that `CREATE DATABASE ... TEMPLATE` copies.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'chibo-test-'));
  const pglite = new PGlite();
  const handle = wrapPglite(pglite);
  await runMigrations(handle);
  const dump = await pglite.dumpDataDir('none');
  const templatePath = join(dir, 'template.tar');
  await writeFile(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplatePath', templatePath);

  const url = process.env.TEST_DATABASE_URL?.trim() || null;
  let template: string | null = null;
  if (url) {
    template = `chibo_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: withDatabase(url, template), max: 2 });
    const pgHandle = wrapPool(pool);
    await runMigrations(pgHandle);
    await pgHandle.close();
  }
  project.provide('postgresUrl', url);
  project.provide('postgresTemplate', template);

  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${template}`);
      await admin.end();
    }
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
