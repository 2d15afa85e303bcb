/**
 * bench:digest — the weekly digest's figures (src/storage/queries/figures.ts, loadDigestFigures)
 * over a national-size synthetic tree: a province digest and the national roll-up, medians of
 * several runs, on PostgreSQL and then on PGlite (at a smaller scale, printed beside the figures).
 *   npm run bench:digest                  (starts a throw-away PostgreSQL 15)
 *   BENCH_SCALE=small npm run bench:digest
 *   BENCH_COMPARE=/path/to/other/checkout npm run bench:digest
 *     (also times that checkout's loadDigestFigures on the same database, alternating with this
 *     one, and checks both give the same figures: before/after in the same conditions)
 *   BENCH_DATABASE_URL=postgres://… BENCH_REUSE=1 tsx bench/digest-queries.ts
 *     (keeps and reuses the bench_digest database of an earlier run on that server: migrations
 *     still run, the ~1 min build is skipped; for iterating on the queries)
 * The lead's digest can call `benchDigest(db, tree)` on any database that has a tree.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { wrapPglite, wrapPool, type Database } from '../src/storage/client.js';
import { runMigrations } from '../src/storage/migrate.js';
import { loadDigestFigures } from '../src/storage/queries/figures.js';
import { buildSyntheticTree, findSyntheticTree, median, type BuiltTree, type TreeScale } from './synthetic-tree.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MONTH = '2026-11-01';
const NOW = new Date('2026-11-23T01:00:00Z');

export const NATIONAL: TreeScale = { provinces: 34, communesPerProvince: 97, chiBoPerCommune: 91, months: 12, lastMonth: MONTH, secondModelShare: 0.4 };
const SMALL: TreeScale = { provinces: 4, communesPerProvince: 30, chiBoPerCommune: 40, months: 12, lastMonth: MONTH, secondModelShare: 0.4 };
const PGLITE_SCALE: TreeScale = { provinces: 4, communesPerProvince: 97, chiBoPerCommune: 91, months: 12, lastMonth: MONTH, secondModelShare: 0.4 };

type LoadDigest = typeof loadDigestFigures;

/** Times a province digest and the national roll-up on a built tree: medians of `runs`, in ms. */
export async function benchDigest(db: Database, tree: BuiltTree, runs = RUNS, load: LoadDigest = loadDigestFigures): Promise<{ provinceMs: number; nationalMs: number }> {
  const time = async (unitId: number) => {
    const t0 = performance.now();
    await load(db, { unitId, month: MONTH, now: NOW });
    return performance.now() - t0;
  };
  await time(tree.provinceIds[0]!); // warm the caches and the plan
  await time(tree.rootId);
  const province: number[] = [];
  const national: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    province.push(await time(tree.provinceIds[i % tree.provinceIds.length]!));
    national.push(await time(tree.rootId));
  }
  return { provinceMs: median(province), nationalMs: median(national) };
}

function describe(tree: BuiltTree, scale: TreeScale): string {
  return `${scale.provinces} provinces, ${scale.provinces * scale.communesPerProvince} communes, ${tree.chiBo.toLocaleString('en')} chi bộ, ${tree.models.toLocaleString('en')} models, ${tree.reports.toLocaleString('en')} reports, ${tree.answers.toLocaleString('en')} model answers`;
}

async function onPostgres(url: string, scale: TreeScale) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const reuse = process.env.BENCH_REUSE === '1' && (await admin.query(`select 1 from pg_database where datname = 'bench_digest'`)).rowCount === 1;
  if (!reuse) {
    await admin.query('drop database if exists bench_digest with (force)');
    await admin.query('create database bench_digest');
  }
  await admin.end();
  const target = new URL(url);
  target.pathname = '/bench_digest';
  const handle = wrapPool(new pg.Pool({ connectionString: target.toString(), max: 4 }));
  const t0 = performance.now();
  await runMigrations(handle);
  const existing = reuse ? await findSyntheticTree(handle.db) : undefined;
  const tree = existing ?? (await buildSyntheticTree(handle.db, scale, 'postgres'));
  console.log(`PostgreSQL: ${existing ? 'reused' : 'built'} ${describe(tree, scale)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const r = await benchDigest(handle.db, tree);
  console.log(`PostgreSQL: province digest ${r.provinceMs.toFixed(1)} ms (aim < 50), national roll-up ${r.nationalMs.toFixed(1)} ms (aim < 1000), medians of ${RUNS}`);
  if (process.env.BENCH_COMPARE) await compare(handle.db, tree, process.env.BENCH_COMPARE);
  await handle.close();
}

/**
 * Another checkout's loadDigestFigures against this one on the same database, in turns (one
 * province digest and one national roll-up each, `BENCH_COMPARE_RUNS` times, default 3): the
 * medians, and whether the figures are the same.
 */
async function compare(db: Database, tree: BuiltTree, checkout: string) {
  const other = (await import(`${checkout.replace(/\/$/, '')}/src/storage/queries/figures.ts`)) as { loadDigestFigures: LoadDigest };
  const runs = Number(process.env.BENCH_COMPARE_RUNS ?? 3);
  for (const unitId of [tree.provinceIds[0]!, tree.rootId]) {
    const a = await other.loadDigestFigures(db, { unitId, month: MONTH, now: NOW });
    const b = await loadDigestFigures(db, { unitId, month: MONTH, now: NOW });
    console.log(`compare: unit ${unitId}: ${JSON.stringify(a) === JSON.stringify(b) ? 'same figures' : 'DIFFERENT FIGURES'}`);
  }
  const times: Record<'other' | 'this', { province: number[]; national: number[] }> = { other: { province: [], national: [] }, this: { province: [], national: [] } };
  for (let i = 0; i < runs; i += 1) {
    for (const [who, load] of [['other', other.loadDigestFigures], ['this', loadDigestFigures]] as const) {
      const r = await benchDigest(db, tree, 1, load);
      times[who].province.push(r.provinceMs);
      times[who].national.push(r.nationalMs);
    }
  }
  for (const who of ['other', 'this'] as const) {
    console.log(`compare: ${who === 'other' ? checkout : 'this checkout'}: province digest ${median(times[who].province).toFixed(1)} ms, national roll-up ${median(times[who].national).toFixed(1)} ms, medians of ${runs}, in turns`);
  }
}

async function onPglite(scale: TreeScale) {
  const handle = wrapPglite(new PGlite());
  await runMigrations(handle);
  const t0 = performance.now();
  const tree = await buildSyntheticTree(handle.db, scale, 'pglite');
  console.log(`PGlite: built ${describe(tree, scale)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const r = await benchDigest(handle.db, tree);
  console.log(`PGlite: province digest ${r.provinceMs.toFixed(1)} ms, whole-tree roll-up (${scale.provinces} provinces) ${r.nationalMs.toFixed(1)} ms, medians of ${RUNS}`);
  await handle.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const small = process.env.BENCH_SCALE === 'small';
  const url = process.env.BENCH_DATABASE_URL ?? process.env.PG_URL;
  if (url) await onPostgres(url, small ? SMALL : NATIONAL);
  else console.log('PostgreSQL: skipped (no PG_URL; run through npm run bench:digest)');
  if (process.env.BENCH_PGLITE !== '0') await onPglite(small ? SMALL : PGLITE_SCALE);
}
