/**
 * bench:web — the web console's pages over the national synthetic tree of bench:digest
 * (bench/synthetic-tree.ts), served by the real HTTP stack on 127.0.0.1: the overview of a
 * commune, a province and the national root, a unit page, a report page and a model page, each
 * at concurrency 1 and 16, as the time from sending the request to having read the whole page
 * (medians and p95), and each page's first-load transfer (HTML + the stylesheet, the only asset).
 *   npm run bench:web                                   (starts a throw-away PostgreSQL 15)
 *   BENCH_SCALE=small npm run bench:web
 *   BENCH_DATABASE_URL=postgres://… BENCH_REUSE=1 tsx bench/web.ts   (reuse bench_web's tree)
 *   BENCH_WEB_REQUESTS=40 (per case at concurrency 1; 16 × that / 4 at 16), BENCH_WEB_SECONDS=20
 *     (each case stops after this many seconds, whatever it has done)
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { createHttpApp } from '../src/http/app.js';
import { startHttpServer } from '../src/http/server.js';
import { createLogger } from '../src/log.js';
import { issueWebLink } from '../src/services/web-sign-in.js';
import { queryRows, wrapPool, type Database } from '../src/storage/client.js';
import { runMigrations } from '../src/storage/migrate.js';
import { APP_CSS, APP_CSS_PATH } from '../src/web/assets.js';
import { createWebApp } from '../src/web/web-app.js';
import { NATIONAL } from './digest-queries.js';
import { buildSyntheticTree, findSyntheticTree, median, type TreeScale } from './synthetic-tree.js';

const NOW = new Date('2026-11-23T01:00:00Z');
const SMALL: TreeScale = { provinces: 4, communesPerProvince: 30, chiBoPerCommune: 40, months: 12, lastMonth: '2026-11-01', secondModelShare: 0.4 };
const REQUESTS = Number(process.env.BENCH_WEB_REQUESTS ?? 40);
const SECONDS = Number(process.env.BENCH_WEB_SECONDS ?? 20);

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

/** A person holding `role` in a unit, made for the benchmark. */
async function personWithRole(db: Database, unitId: number, role: 'leader' | 'admin', name: string): Promise<number> {
  const [person] = await queryRows<{ id: number }>(db, sql`insert into people (full_name) values (${name}) returning id`);
  await db.execute(sql`insert into unit_roles (person_id, unit_id, role) values (${person!.id}, ${unitId}, ${role})`);
  return person!.id;
}

async function signIn(base: string, db: Database, personId: number): Promise<string> {
  const url = await issueWebLink(db, { personId, now: new Date(), baseUrl: base });
  const token = url!.slice(url!.lastIndexOf('/') + 1);
  const res = await fetch(`${base}/dang-nhap`, { method: 'POST', body: new URLSearchParams({ token }), headers: { origin: base }, redirect: 'manual' });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Requests `path` until `count` answers or the time is up, `concurrency` at a time; each answer's ms. */
async function load(base: string, path: string, cookie: string, concurrency: number, count: number): Promise<number[]> {
  const times: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  let started = 0;
  const worker = async () => {
    while (started < count && performance.now() < deadline) {
      started += 1;
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.PG_URL;
  if (!url) {
    console.log('bench:web needs PostgreSQL: run it through npm run bench:web');
    return;
  }
  const scale = process.env.BENCH_SCALE === 'small' ? SMALL : NATIONAL;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const reuse = process.env.BENCH_REUSE === '1' && (await admin.query(`select 1 from pg_database where datname = 'bench_web'`)).rowCount === 1;
  if (!reuse) {
    await admin.query('drop database if exists bench_web with (force)');
    await admin.query('create database bench_web');
  }
  await admin.end();
  const target = new URL(url);
  target.pathname = '/bench_web';
  const handle = wrapPool(new pg.Pool({ connectionString: target.toString(), max: 10 }));
  const db = handle.db;
  const t0 = performance.now();
  await runMigrations(handle);
  const tree = (reuse ? await findSyntheticTree(db) : undefined) ?? (await buildSyntheticTree(db, scale, 'postgres'));
  console.log(
    `tree: ${reuse ? 'reused' : 'built'} ${tree.provinceIds.length} provinces, ${tree.chiBo.toLocaleString('en')} chi bộ, ${tree.models.toLocaleString('en')} models, ${tree.reports.toLocaleString('en')} reports in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const province = tree.provinceIds[0]!;
  const [commune] = await queryRows<{ id: number }>(db, sql`select id from org_units where parent_id = ${province} order by code limit 1`);
  const [chiBo] = await queryRows<{ id: number }>(db, sql`select id from org_units where parent_id = ${commune!.id} order by code limit 1`);
  const [report] = await queryRows<{ id: number }>(db, sql`select id from reports where unit_id = ${chiBo!.id} order by period_id desc limit 1`);
  const [model] = await queryRows<{ id: number }>(db, sql`select id from models where unit_id = ${chiBo!.id} order by id limit 1`);
  const people = {
    nation: await personWithRole(db, tree.rootId, 'admin', 'Quản trị toàn quốc'),
    province: await personWithRole(db, province, 'leader', 'Lãnh đạo tỉnh'),
    commune: await personWithRole(db, commune!.id, 'leader', 'Lãnh đạo xã'),
  };

  // As the service runs it (Tổng quan's figures kept 15 s, shared by the viewers of a unit), and a
  // second server without that cache, so every overview row below is measured both ways in one run.
  const log = createLogger('warn', process.stderr);
  const web = createWebApp({ db, log, timeZone: 'Asia/Ho_Chi_Minh', now: () => NOW, secureCookies: false, overviewCacheMs: 15_000 });
  const server = await startHttpServer(createHttpApp({ database: handle, log, web }), { host: '127.0.0.1', port: 0 });
  const uncachedWeb = createWebApp({ db, log, timeZone: 'Asia/Ho_Chi_Minh', now: () => NOW, secureCookies: false });
  const uncached = await startHttpServer(createHttpApp({ database: handle, log, web: uncachedWeb }), { host: '127.0.0.1', port: 0 });
  try {
    const cookies = {
      nation: await signIn(server.url, db, people.nation),
      province: await signIn(server.url, db, people.province),
      commune: await signIn(server.url, db, people.commune),
    };
    const cases: { name: string; path: string; cookie: string; aimMs?: number; base?: string }[] = [
      { name: 'overview, commune', path: '/', cookie: cookies.commune },
      { name: 'overview, province', path: '/', cookie: cookies.province, aimMs: 150 },
      { name: 'overview, nation', path: '/', cookie: cookies.nation, aimMs: 1000 },
      { name: 'overview, commune, no cache', path: '/', cookie: cookies.commune, base: uncached.url },
      { name: 'overview, province, no cache', path: '/', cookie: cookies.province, aimMs: 150, base: uncached.url },
      { name: 'overview, nation, no cache', path: '/', cookie: cookies.nation, aimMs: 1000, base: uncached.url },
      { name: 'unit page (commune)', path: `/don-vi/${commune!.id}`, cookie: cookies.province },
      { name: 'report page', path: `/bao-cao/${report!.id}`, cookie: cookies.province },
      { name: 'model page', path: `/mo-hinh/${model!.id}`, cookie: cookies.province },
    ];
    const cssBytes = Buffer.byteLength(APP_CSS);
    console.log(`page                   | first load (HTML + CSS) | c=1 median / p95 ms (n) | c=16 median / p95 ms (n)`);
    for (const c of cases) {
      const base = c.base ?? server.url;
      const first = await fetch(`${base}${c.path}`, { headers: { cookie: c.cookie } });
      const html = await first.text();
      if (first.status !== 200) throw new Error(`${c.name}: ${first.status}`);
      const assets = [...html.matchAll(/<(?:script|img|link)[^>]+(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      const others = assets.filter((a) => a !== APP_CSS_PATH);
      const kb = (Buffer.byteLength(html) + cssBytes) / 1024;
      await load(base, c.path, c.cookie, 1, 3); // warm the plans and caches
      const one = await load(base, c.path, c.cookie, 1, REQUESTS);
      const sixteen = await load(base, c.path, c.cookie, 16, REQUESTS * 4);
      const aim = c.aimMs ? ` (aim p95 < ${c.aimMs} ms: ${p95(one) < c.aimMs ? 'met' : 'NOT met'} at c=1, ${p95(sixteen) < c.aimMs ? 'met' : 'NOT met'} at c=16)` : '';
      console.log(
        `${c.name.padEnd(30)} | ${kb.toFixed(1).padStart(6)} KB${others.length ? ` + ${others.length} more` : ''} ${kb < 150 ? '(< 150)' : '(OVER 150)'} | ${median(one).toFixed(1)} / ${p95(one).toFixed(1)} (${one.length}) | ${median(sixteen).toFixed(1)} / ${p95(sixteen).toFixed(1)} (${sixteen.length})${aim}`,
      );
    }
  } finally {
    await uncached.close();
    await server.close();
    await handle.close();
  }
}

await main();
