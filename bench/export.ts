/**
 * bench:export — the XLSX export of a province over a year with about 300,000 model-answer
 * rows, streamed from PostgreSQL through a cursor into exceljs's streaming writer: the time and
 * the process's peak memory (RSS high-water mark). The aim: under 20 s and under 300 MB.
 *   npm run bench:export            (starts a throw-away PostgreSQL 15)
 */
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { wrapPool } from '../src/storage/client.js';
import { runMigrations } from '../src/storage/migrate.js';
import { exportToFile } from '../src/services/export.js';
import { buildSyntheticTree } from './synthetic-tree.js';

const url = process.env.BENCH_DATABASE_URL ?? process.env.PG_URL;
if (!url) throw new Error('set BENCH_DATABASE_URL, or run through npm run bench:export');
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query('drop database if exists bench_export with (force)');
await admin.query('create database bench_export');
await admin.end();
const target = new URL(url);
target.pathname = '/bench_export';
const handle = wrapPool(new pg.Pool({ connectionString: target.toString(), max: 4 }));
await runMigrations(handle);
// One province: 100 communes × 210 chi bộ, 1.25 models each, 12 months, ~95% sent → ~300,000 answers.
const tree = await buildSyntheticTree(
  handle.db,
  { provinces: 1, communesPerProvince: 100, chiBoPerCommune: 210, months: 12, lastMonth: '2026-12-01', secondModelShare: 0.25 },
  'postgres',
);
console.log(`built: ${tree.chiBo.toLocaleString('en')} chi bộ, ${tree.reports.toLocaleString('en')} reports, ${tree.answers.toLocaleString('en')} model answers`);
const rssBefore = process.resourceUsage().maxRSS / 1024;
const path = join(tmpdir(), `bench-export-${process.pid}.xlsx`);
const t0 = performance.now();
await exportToFile(handle.db, { unitCode: 'P1', from: '2026-01-01', to: '2026-12-01', format: 'xlsx', path }, { now: new Date(), timeZone: 'Asia/Ho_Chi_Minh' });
const seconds = (performance.now() - t0) / 1000;
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`XLSX of ${tree.answers.toLocaleString('en')} answer rows (+ ${tree.reports.toLocaleString('en')} unit rows): ${seconds.toFixed(1)} s (aim < 20), file ${((await stat(path)).size / 1e6).toFixed(1)} MB`);
console.log(`peak RSS ${peak.toFixed(0)} MB (aim < 300; ${rssBefore.toFixed(0)} MB before the export, after building the data)`);
await handle.close();
