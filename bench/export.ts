/**
 * bench:export — the export of a province over a year with about 300,000 model-answer rows,
 * streamed from PostgreSQL through a cursor into the XLSX (and CSV) writers. This process only
 * builds the data; each export then runs in a fresh child process started exactly as
 * `npm run cli -- export ...` starts it (package.json's `cli` script: node, its V8 flags,
 * scripts/run.mjs cli; without npm's own process around it), so the figures are the export's own:
 * the child's wall-clock time (start-up included), its CPU time and its peak RSS
 * (`process.resourceUsage()`, printed by bench/peak-rss.ts). The aim: under 20 s and under
 * 300 MB for the XLSX.
 *   npm run bench:export                 (starts a throw-away PostgreSQL 15)
 * Knobs: BENCH_EXPORT_RUNS (3: the median is reported), BENCH_EXPORT_FORMATS ("xlsx,csv"),
 * BENCH_EXPORT_REUSE=1 (keep an already built bench_export database, for repeated runs on a
 * BENCH_DATABASE_URL), BENCH_EXPORT_PROF=<dir> (the child writes a V8 CPU profile there),
 * BENCH_EXPORT_ZIP ("ours,fflate": the XLSX through our ZIP writer and through fflate's streaming
 * Zip, each in a child of its own running bench/export-zip-child.ts under tsx, the same way for
 * both, and the two files' members compared; "" skips it).
 */
import { spawn } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { wrapPool } from '../src/storage/client.js';
import { runMigrations } from '../src/storage/migrate.js';
import { buildSyntheticTree, median } from './synthetic-tree.js';

const url = process.env.BENCH_DATABASE_URL ?? process.env.PG_URL;
if (!url) throw new Error('set BENCH_DATABASE_URL, or run through npm run bench:export');
const runs = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const formats = (process.env.BENCH_EXPORT_FORMATS ?? 'xlsx,csv').split(',').map((f) => f.trim()) as ('xlsx' | 'csv')[];
const target = new URL(url);
target.pathname = '/bench_export';

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const exists = (await admin.query(`select 1 from pg_database where datname = 'bench_export'`)).rowCount === 1;
const reuse = process.env.BENCH_EXPORT_REUSE === '1' && exists;
if (!reuse) {
  await admin.query('drop database if exists bench_export with (force)');
  await admin.query('create database bench_export');
}
await admin.end();

const handle = wrapPool(new pg.Pool({ connectionString: target.toString(), max: 4 }));
if (!reuse) {
  await runMigrations(handle);
  // One province: 100 communes × 210 chi bộ, 1.25 models each, 12 months, ~95% sent → ~300,000 answers.
  await buildSyntheticTree(
    handle.db,
    { provinces: 1, communesPerProvince: 100, chiBoPerCommune: 210, months: 12, lastMonth: '2026-12-01', secondModelShare: 0.25 },
    'postgres',
  );
}
const counts = (await handle.pool!.query(`select (select count(*) from org_units where kind = 'chi_bo')::int as chi_bo,
  (select count(*) from reports)::int as reports, (select count(*) from model_answers)::int as answers`)).rows[0] as { chi_bo: number; reports: number; answers: number };
await handle.close();
console.log(`${reuse ? 'reused' : 'built'}: ${counts.chi_bo.toLocaleString('en')} chi bộ, ${counts.reports.toLocaleString('en')} reports, ${counts.answers.toLocaleString('en')} model answers`);
console.log(`builder process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (not part of the export's figures)`);

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  fileMb: number;
}

/** package.json's `cli` script as arguments for node: its flags ("--max-semi-space-size=4 ...") and the rest ("scripts/run.mjs cli"). */
async function cliCommand(): Promise<{ flags: string[]; rest: string[] }> {
  const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [node, ...args] = pkg.scripts.cli!.split(/\s+/);
  if (node !== 'node') throw new Error(`the cli script no longer starts with node: ${pkg.scripts.cli}`);
  const script = args.findIndex((a) => !a.startsWith('-'));
  return { flags: args.slice(0, script), rest: args.slice(script) };
}
const cli = await cliCommand();
console.log(`export command: node ${[...cli.flags, ...cli.rest].join(' ')} export --unit P1 --from 2026-01 --to 2026-12 --format <f> --out <file>`);

/** One export through the real command line in a fresh process. */
async function exportOnce(format: 'xlsx' | 'csv', i: number): Promise<Run> {
  const path = join(tmpdir(), `bench-export-${process.pid}-${i}.${format}`);
  const prof = process.env.BENCH_EXPORT_PROF;
  const args = [
    ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []),
    ...cli.flags,
    // Plain JavaScript in a .ts file: Node 24 loads it without tsx.
    ...['--import', './bench/peak-rss.ts'],
    ...cli.rest,
    'export',
    ...['--unit', 'P1', '--from', '2026-01', '--to', '2026-12', '--format', format, '--out', path],
  ];
  const env = { ...process.env, DATABASE_URL: target.toString(), LOG_LEVEL: 'warn' };
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`export exited with ${code}:\n${stdout}\n${stderr}`);
  const report = /peak-rss-mb=([\d.]+) cpu-s=([\d.]+)/.exec(stderr);
  if (!report) throw new Error(`no peak RSS from the child:\n${stderr}`);
  const fileMb = (await stat(path)).size / 1e6;
  await rm(path);
  return { seconds, cpuSeconds: Number(report[2]), peakMb: Number(report[1]), fileMb };
}

for (const format of formats) {
  const results: Run[] = [];
  for (let i = 0; i < runs; i += 1) {
    const r = await exportOnce(format, i);
    results.push(r);
    console.log(`  ${format} run ${i + 1}: ${r.seconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s), peak RSS ${r.peakMb.toFixed(0)} MB, file ${r.fileMb.toFixed(1)} MB`);
  }
  const what = format === 'xlsx' ? `XLSX of ${counts.answers.toLocaleString('en')} answer rows (+ unit-month rows)` : 'CSV of the models sheet';
  console.log(
    `${what}, median of ${runs}: ${median(results.map((r) => r.seconds)).toFixed(1)} s (CPU ${median(results.map((r) => r.cpuSeconds)).toFixed(1)} s)` +
      `${format === 'xlsx' ? ' (aim < 20)' : ''}, peak RSS ${median(results.map((r) => r.peakMb)).toFixed(0)} MB` +
      `${format === 'xlsx' ? ' (aim < 300)' : ''}, file ${results[0]!.fileMb.toFixed(1)} MB`,
  );
}

/** The XLSX through one ZIP writer, in a child started the same way for each (tsx; the CLI's V8 flags). */
async function zipExportOnce(zip: string, path: string): Promise<Run> {
  const args = [...cli.flags, '--import', 'tsx', '--import', './bench/peak-rss.ts', 'bench/export-zip-child.ts', zip, 'P1', '2026-01', '2026-12', path];
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: target.toString() }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`the ${zip} export exited with ${code}:\n${output}`);
  const report = /peak-rss-mb=([\d.]+) cpu-s=([\d.]+)/.exec(output);
  if (!report) throw new Error(`no peak RSS from the child:\n${output}`);
  return { seconds, cpuSeconds: Number(report[2]), peakMb: Number(report[1]), fileMb: (await stat(path)).size / 1e6 };
}

const zips = (process.env.BENCH_EXPORT_ZIP ?? 'ours,fflate').split(',').map((z) => z.trim()).filter(Boolean);
if (zips.length > 0) {
  console.log(`ZIP writers for the XLSX (${zips.join(' vs ')}), ${runs} runs each, alternating:`);
  const byZip = new Map<string, Run[]>(zips.map((z) => [z, []]));
  const kept = new Map<string, string>();
  for (let i = 0; i < runs; i += 1) {
    for (const zip of zips) {
      const path = join(tmpdir(), `bench-export-zip-${process.pid}-${zip}.xlsx`);
      const r = await zipExportOnce(zip, path);
      byZip.get(zip)!.push(r);
      kept.set(zip, path);
      console.log(`  ${zip} run ${i + 1}: ${r.seconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s), peak RSS ${r.peakMb.toFixed(0)} MB, file ${r.fileMb.toFixed(1)} MB`);
    }
  }
  for (const [zip, results] of byZip) {
    console.log(
      `  ${zip}: median ${median(results.map((r) => r.seconds)).toFixed(1)} s (CPU ${median(results.map((r) => r.cpuSeconds)).toFixed(1)} s), ` +
        `peak RSS ${median(results.map((r) => r.peakMb)).toFixed(0)} MB, file ${results[0]!.fileMb.toFixed(1)} MB`,
    );
  }
  // The same workbook either way: every member's bytes, once unzipped, are equal (but the
  // creation time in docProps/core.xml, the moment each child ran).
  const members = await Promise.all([...kept.values()].map(async (path) => unzipSync(new Uint8Array(await readFile(path)))));
  const [first, ...others] = members;
  for (const other of others) {
    const names = Object.keys(first!).filter((n) => n !== 'docProps/core.xml');
    const same = names.length === Object.keys(other).length - 1 && names.every((n) => other[n] && Buffer.from(other[n]).equals(Buffer.from(first![n]!)));
    console.log(`  members identical after unzipping: ${same ? 'yes' : 'NO'} (${names.length} members besides docProps/core.xml)`);
  }
  for (const path of kept.values()) await rm(path);
}
